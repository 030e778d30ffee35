"""The HTML export in headless Chromium: entries render, the panel works, nothing injected runs."""

from __future__ import annotations

from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest

from newsline.export.html import timeline_to_html
from newsline.export.labels import human_label
from newsline.export.printable import printable
from newsline.records import Article, Timeline
from tests.export.builders import HOSTILE_ARTICLE, PAYLOADS
from tests.web.browser import ARTIFACTS, PageWatch


def _open(
    browser: Any, tmp_path: Path, built: tuple[Timeline, list[Article]], bypass_csp: bool = False
) -> PageWatch:
    path = tmp_path / "timeline.html"
    path.write_text(timeline_to_html(*built), encoding="utf-8")
    watch = PageWatch(browser, bypass_csp=bypass_csp)
    watch.page.goto(path.as_uri())
    watch.page.wait_for_selector(".nl-entries > li")
    return watch


def test_every_entry_renders_on_the_axis_and_as_a_card(
    browser: Any, tmp_path: Path, built: tuple[Timeline, list[Article]]
) -> None:
    timeline, _ = built
    watch = _open(browser, tmp_path, built)
    page = watch.page
    labels = page.locator(".nl-entry-head time").all_inner_texts()
    assert labels == [human_label(e.interval) for e in timeline.entries]
    assert page.locator(".nl-marker").count() == len(timeline.entries)
    sentences = page.locator(".nl-sentence").all_inner_texts()
    shown = (
        *[s for e in timeline.entries for s in (*e.sentences, *e.conflicts)],
        *timeline.undated,
    )
    expected = [printable(s.text) for s in shown]  # the page prints tokenized text as print
    assert sentences == expected
    versions = sum(len(s.also) for e in timeline.entries for s in e.sentences)
    assert page.locator(".nl-version").count() == versions  # other sources' versions, cited
    assert page.locator(".nl-undated").count() == (1 if timeline.undated else 0)
    assert page.locator(".nl-count").inner_text() == f"{len(timeline.entries)} entries"
    assert watch.errors == [] and watch.dialogs == []
    assert {url.split(":")[0] for url in watch.requests} == {"file"}, watch.requests
    watch.close()


def test_entries_are_coloured_by_dating_and_conflicts_marked(
    browser: Any, tmp_path: Path, mixed: tuple[Timeline, list[Article]]
) -> None:
    timeline, _ = mixed
    watch = _open(browser, tmp_path, mixed)
    colours = watch.page.eval_on_selector_all(
        ".nl-entry",
        "cards => cards.map(c => [c.querySelector('.nl-badge').textContent,"
        " getComputedStyle(c).borderLeftColor, !!c.querySelector('.nl-conflict-badge')])",
    )
    by_kind: dict[str, set[str]] = {}
    for kind, colour, _ in colours:
        by_kind.setdefault(kind, set()).add(colour)
    assert set(by_kind) == {"explicit", "published", "aligned", "bounded"}
    assert all(len(c) == 1 for c in by_kind.values())
    assert len({c for cs in by_kind.values() for c in cs}) == 4
    conflicts = [e.conflict for e in timeline.entries]
    assert [flag for _, _, flag in colours] == conflicts
    assert watch.page.locator(".nl-marker.nl-conflict").count() == sum(conflicts)
    others = sum(len(e.conflicts) for e in timeline.entries)
    assert watch.page.locator(".nl-others .nl-sentence").count() == others
    assert watch.page.locator(".nl-marker.nl-open").count() == 1  # after March 2024
    matched = watch.page.locator(".nl-matched").all_inner_texts()
    assert matched == [
        "date from the matching sentence: \u201c2008-2010 - The crisis freezes the project.\u201d (BPA, The dated chronology)"
    ]
    watch.screenshot("export-mixed.png", full_page=True)
    watch.close()


def test_a_sentence_opens_its_article_and_search_and_zoom_work(
    browser: Any, tmp_path: Path, demo: tuple[Timeline, list[Article]]
) -> None:
    timeline, articles = demo
    watch = _open(browser, tmp_path, demo)
    page = watch.page
    entry = next(e for e in timeline.entries if "signed a treaty" in e.sentences[0].text)
    index = timeline.entries.index(entry)
    page.locator(".nl-entry").nth(index).locator(".nl-sentence").first.click()
    cited = next(a for a in articles if a.id == entry.sentences[0].citation.article)
    assert page.locator(".nl-article-title").inner_text() == cited.title
    # the sentence as its article writes it, date and all, even where the entry's line drops it
    first = entry.sentences[0]
    assert page.locator(".nl-article-body mark").inner_text() == (first.quote or first.text)
    assert "nl-selected" in (page.locator(".nl-entry").nth(index).get_attribute("class") or "")
    # plans are shown as plans: a badge on an entry of plans alone, a mark on each plan
    plans = [e for e in timeline.entries if e.expected]
    assert plans and page.locator(".nl-planned-badge").count() == len(plans)
    marked = sum(s.expected for e in timeline.entries for s in e.sentences + e.conflicts)
    assert page.locator(".nl-planned").count() == marked

    page.fill(".nl-search", "ferry")
    visible = page.locator(".nl-entry:visible")
    assert 0 < visible.count() < len(timeline.entries)
    assert all("ferry" in t.lower() for t in visible.all_inner_texts())
    assert page.locator(".nl-marker:visible").count() == visible.count()
    page.fill(".nl-search", "")
    assert page.locator(".nl-entry:visible").count() == len(timeline.entries)

    width = page.eval_on_selector(".nl-axis", "a => a.scrollWidth")
    page.click("[data-zoom=in]")
    page.click("[data-zoom=in]")
    assert page.eval_on_selector(".nl-axis", "a => a.scrollWidth") > width * 2
    page.locator(".nl-marker").nth(0).click()
    assert "nl-selected" in (page.locator(".nl-entry").nth(0).get_attribute("class") or "")
    page.click("[data-zoom=fit]")
    assert page.eval_on_selector(".nl-axis", "a => a.scrollWidth") == pytest.approx(width, abs=2)
    watch.screenshot("export-demo.png")
    assert watch.errors == [] and watch.dialogs == []
    watch.close()


def test_injected_markup_shows_as_text_and_never_runs(
    browser: Any, tmp_path: Path, hostile: tuple[Timeline, list[Article]]
) -> None:
    timeline, _ = hostile
    watch = _open(browser, tmp_path, hostile, bypass_csp=True)  # escaping alone must hold
    page = watch.page
    for index in range(len(timeline.entries)):
        page.locator(".nl-entry").nth(index).locator(".nl-sentence").first.click()
        page.wait_for_selector(".nl-article-title")
        page.locator(".nl-entry").nth(index).locator(".nl-why summary").click()
        for link in page.locator(".nl-entry").nth(index).locator(".nl-evidence-link").all():
            link.click()  # the evidence opens the article at the hostile words, as text
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert watch.dialogs == [] and watch.errors == []
    assert page.locator(".nl-article-title").inner_text() == HOSTILE_ARTICLE["title"]
    shown = page.locator("body").inner_text()
    for payload in ("script", "end_script", "svg", "img"):
        assert PAYLOADS[payload] in shown, payload
    # Only the page's own elements: no injected script, svg, img, or link to javascript:.
    assert page.locator("script").count() == 2
    assert page.locator("svg:not(.nl-cov-chart), img, iframe, object").count() == 0
    assert page.locator("svg").count() == 1  # the page's own coverage chart
    assert page.locator("a[href^='javascript']").count() == 0
    assert page.locator(".nl-article-meta a").count() == 0  # the javascript: URL is not linked
    watch.screenshot("export-hostile.png")
    watch.close()


def test_another_sources_version_opens_its_own_article(
    browser: Any, tmp_path: Path, seeds: tuple[Timeline, list[Article]]
) -> None:
    timeline, articles = seeds
    index, shown = next(
        (n, s) for n, e in enumerate(timeline.entries) for s in e.sentences if s.also
    )
    version = shown.also[0]
    watch = _open(browser, tmp_path, seeds)
    page = watch.page
    page.locator(".nl-entry").nth(index).locator(".nl-version").first.click()
    cited = next(a for a in articles if a.id == version.citation.article)
    assert page.locator(".nl-article-title").inner_text() == cited.title
    assert page.locator(".nl-article-body mark").inner_text() == (version.quote or version.text)
    assert watch.errors == []
    watch.close()


def _coverage_span(timeline: Timeline) -> tuple[date, date]:
    """The chart's days: first to last publication day, widened to two weeks at least."""
    first, last = timeline.coverage[0][0], timeline.coverage[-1][0] + timedelta(days=1)
    short = timedelta(days=14) - (last - first)
    if short > timedelta(0):
        first, last = first - short / 2, last + short / 2
    return first, last


def test_each_entry_explains_its_date_and_the_chart_marks_the_dates(
    browser: Any, tmp_path: Path, built: tuple[Timeline, list[Article]]
) -> None:
    timeline, _ = built
    watch = _open(browser, tmp_path, built)
    page = watch.page
    explained = [e for e in timeline.entries if e.evidence is not None]
    assert page.locator(".nl-entry .nl-why").count() == len(explained)
    assert page.locator(".nl-why[open]").count() == 0  # shown on demand
    assert page.locator(".nl-cov-bar").count() == len(timeline.coverage)
    if timeline.coverage:
        first, last = _coverage_span(timeline)
        inside = [
            str(n)
            for n, e in enumerate(timeline.entries)
            if e.interval.start < last and e.interval.end >= first
        ]
        marks = page.locator(".nl-cov-mark")
        assert [marks.nth(k).get_attribute("data-entry") for k in range(marks.count())] == inside
        for k in range(marks.count()):  # each visible: a band, and a line for a day
            box = marks.nth(k).locator(".nl-cov-band").bounding_box() or {}
            assert box.get("width", 0) >= 2 and box.get("height", 0) >= 10
        days = sum(timeline.entries[int(n)].interval.granularity == "day" for n in inside)
        assert page.locator(".nl-cov-mark .nl-cov-line").count() == days
    else:
        assert page.locator(".nl-coverage").is_hidden()
    assert watch.errors == [] and watch.dialogs == []
    assert {url.split(":")[0] for url in watch.requests} == {"file"}, watch.requests
    watch.close()


def test_why_this_date_opens_the_article_at_the_words_that_gave_it(
    browser: Any, tmp_path: Path, seeds: tuple[Timeline, list[Article]]
) -> None:
    timeline, articles = seeds
    index, entry = next(
        (n, e)
        for n, e in enumerate(timeline.entries)
        if human_label(e.interval) == "12 September 2023"
    )
    assert entry.evidence is not None
    watch = _open(browser, tmp_path, seeds)
    page = watch.page
    card = page.locator(".nl-entry").nth(index)
    card.locator(".nl-why summary").click()
    assert card.locator(".nl-why-text").inner_text() == entry.evidence.why
    assert card.locator(".nl-why-counts").inner_text().startswith("1 article \u00b7 1 outlet")
    assert "has arrived" in card.locator(".nl-why-report").first.inner_text()
    assert "similarity" in card.locator(".nl-why-aligned").first.inner_text()
    mention = entry.evidence.mentions[0]
    card.locator(".nl-why-mention .nl-evidence-link").first.click()
    cited = next(a for a in articles if a.id == mention.article)
    assert page.locator(".nl-article-title").inner_text() == cited.title
    marked = page.locator(".nl-article-body mark")
    assert marked.inner_text() == mention.text == cited.text[mention.start : mention.end]
    # the mark sits at the offsets: the paragraph's text before it is the article's
    before = marked.evaluate("m => m.previousSibling ? m.previousSibling.textContent : ''")
    assert cited.text[: mention.start].endswith(before)
    assert watch.errors == []
    watch.close()


def test_the_coverage_chart_selects_and_filters_with_the_entries(
    browser: Any, tmp_path: Path, demo: tuple[Timeline, list[Article]]
) -> None:
    timeline, _ = demo
    watch = _open(browser, tmp_path, demo)
    page = watch.page
    caption = page.locator(".nl-cov-caption").inner_text()
    total = sum(n for _, n in timeline.coverage)
    assert caption.startswith(f"Coverage: {total} matching articles by publication day")
    mark = page.locator(".nl-cov-mark").last
    index = int(mark.get_attribute("data-entry") or -1)
    mark.locator(".nl-cov-band").click()
    assert "nl-selected" in (page.locator(".nl-entry").nth(index).get_attribute("class") or "")
    page.fill(".nl-search", "ferry")
    shown = page.locator(".nl-cov-mark:not(.nl-cov-hidden)").count()
    assert 0 < shown < page.locator(".nl-cov-mark").count()
    page.fill(".nl-search", "")
    page.locator(".nl-entry").first.locator(".nl-why summary").click()
    watch.screenshot("export-coverage.png")  # the chart above the axis, the first "why" open
    shot = ARTIFACTS / "coverage-chart.png"
    page.locator(".nl-coverage").screenshot(path=str(shot))
    assert shot.stat().st_size > 2_000
    assert watch.errors == [] and watch.dialogs == []
    watch.close()
