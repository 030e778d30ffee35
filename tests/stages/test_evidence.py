"""Why each entry has its date: the evidence on the seeds, the demo corpus and hand-made events."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.jobs import articles_from_text
from newsline.records import Article, Event, Interval
from newsline.settings import Settings
from newsline.stages.evidence import coverage, entry_evidence, index_events
from newsline.stages.timeline_options import TimelineOptions
from tests.conftest import shared_path

REPO = Path(__file__).resolve().parents[2]
SEEDS_QUERY = "Russia North Korea"
DEMO_QUERY = "Brenn Strait Link"


def _cli(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.output
    return result.stdout


@pytest.fixture(scope="module")
def seeds_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("evidence-seeds") / "seeds.db")
    _cli("ingest", str(shared_path("seeds")), "--db", db, "-q")
    return db


@pytest.fixture(scope="module")
def demo_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    db = str(tmp_path_factory.mktemp("evidence-demo") / "demo.db")
    _cli("ingest", str(REPO / "examples"), "--db", db, "-q")
    return db


def _timeline(db: str, query: str) -> dict[str, Any]:
    return json.loads(_cli("timeline", query, "--db", db, "--format", "json"))


@pytest.fixture(scope="module")
def seeds(seeds_db: str) -> dict[str, Any]:
    return _timeline(seeds_db, SEEDS_QUERY)


@pytest.fixture(scope="module")
def demo(demo_db: str) -> dict[str, Any]:
    return _timeline(demo_db, DEMO_QUERY)


def _entry(timeline: dict[str, Any], label: str) -> dict[str, Any]:
    return next(e for e in timeline["entries"] if e["label"] == label)


def test_the_seeds_12_september_2023_from_its_words_and_its_publication_day(
    seeds: dict[str, Any],
) -> None:
    evidence = _entry(seeds, "12 September 2023")["evidence"]
    assert [m["text"] for m in evidence["mentions"]] == ["Sept, 12, 2023"]
    arrived = [r for r in evidence["reports"] if "has arrived" in r["text"]]
    assert len(arrived) == 1 and arrived[0]["published"] == "2023-09-12"
    assert arrived[0]["article"] == evidence["mentions"][0]["article"]  # the AP article
    assert (evidence["articles"], evidence["outlets"]) == (1, 1)
    assert evidence["first_reported"] == evidence["last_reported"] == "2023-09-12"
    # seed 002's claim took the date from the AP chronology's line
    (claim,) = [c for c in evidence["aligned"] if c["by"] == "match"]
    assert claim["text"].startswith("Kim Jong Un traveled to Russia's Far East")
    assert claim["matched"]["text"].startswith("Sept, 12, 2023")
    assert claim["matched"]["article"] == arrived[0]["article"] != claim["article"]
    why = evidence["why"]
    assert "names it (\u201cSept, 12, 2023\u201d)" in why
    assert "reports it as news on the day it was published" in why
    assert "score 2:" in why


@pytest.mark.parametrize(
    ("label", "mention", "claim", "matched"),
    [
        (
            "July 2000",
            "July of that year",
            "Russian President Vladimir Putin embarked on his first official visit",
            "Putin visits Pyongyang in July of that year",
        ),
        (
            "April 2019",
            "April 2019",
            "Putin and North Korean leader Kim Jong Un held their first summit in Vladivostok",
            "travels to the eastern Russian city of Vladivostok",
        ),
    ],
)
def test_seed_002_claims_name_the_claim_they_matched(
    seeds: dict[str, Any], label: str, mention: str, claim: str, matched: str
) -> None:
    entry = _entry(seeds, label)
    evidence = entry["evidence"]
    assert mention in [m["text"] for m in evidence["mentions"]]
    found = next(c for c in evidence["aligned"] if c["text"].startswith(claim))
    assert matched in found["matched"]["text"]
    assert found["matched"]["start"] == entry["start"] and found["matched"]["end"] == entry["end"]
    assert 0.2 <= found["similarity"] <= 1.0 and found["by"] == "match"
    # the claim's paragraph shares the match: listed, without a similarity of its own
    assert any(c["by"] == "paragraph" and c["similarity"] is None for c in evidence["aligned"])
    assert "take it from a closely matching dated sentence of another source" in evidence["why"]


def test_bounded_claims_name_their_dated_neighbours(seeds: dict[str, Any]) -> None:
    evidence = _entry(seeds, "between April 2019 and 2022")["evidence"]
    assert evidence["mentions"] == [] and evidence["articles"] == 0
    texts = [c["text"] for c in evidence["bounded"]]
    assert any("closed its borders" in t for t in texts)
    for claim in evidence["bounded"]:
        assert claim["before"]["start"] == "2019-04-01"
        assert claim["after"]["start"] == "2022-01-01" and claim["after"]["end"] == "2022-12-31"
    open_ended = _entry(seeds, "after 12 September 2023")["evidence"]
    assert open_ended["bounded"] and all(c["after"] is None for c in open_ended["bounded"])
    assert "after its last dated entry" in open_ended["why"]


@pytest.mark.parametrize(
    ("label", "mentions", "reports", "articles", "first", "last"),
    [
        # the treaty signing: reported on its day ("Monday", "today" resolved against it); the
        # later write-ups' "2002" and "October of that year" folded in as its evidence
        ("14 October 2002", ["Monday", "today", "2002"], 2, 4, "2002-10-14", "2024-03-11"),
        # the opening: reported that day, looked back on nine months later ("last June")
        ("17 June 2023", ["June 17", "Saturday", "last June"], 2, 5, "2023-06-17", "2024-03-11"),
        # the ground-breaking, with the chronology's "September of that year" folded in; "since
        # construction began in 2014" shares two words with it, and a year folds into a day on
        # three (fold_step_words), so it stays under 2014
        (
            "22 September 2014",
            ["Monday", "September of that year"],
            1,
            2,
            "2014-09-22",
            "2024-03-11",
        ),
    ],
)
def test_demo_entries_evidence(
    demo: dict[str, Any],
    label: str,
    mentions: list[str],
    reports: int,
    articles: int,
    first: str,
    last: str,
) -> None:
    evidence = _entry(demo, label)["evidence"]
    assert set(mentions) <= {m["text"] for m in evidence["mentions"]}
    assert len(evidence["reports"]) == reports
    assert evidence["articles"] == articles
    assert (evidence["first_reported"], evidence["last_reported"]) == (first, last)


@pytest.mark.parametrize("corpus", ["seeds", "demo"])
def test_offsets_point_at_the_words_in_the_article_text_show_prints(
    corpus: str, request: pytest.FixtureRequest
) -> None:
    db = request.getfixturevalue(f"{corpus}_db")
    timeline = request.getfixturevalue(corpus)
    texts: dict[str, str] = {}
    checked = 0
    for entry in timeline["entries"]:
        evidence = entry["evidence"]
        for item in evidence["mentions"] + evidence["reports"]:
            if item["article"] not in texts:
                texts[item["article"]] = json.loads(
                    _cli("show", item["article"], "--db", db, "--json")
                )["text"]
            assert texts[item["article"]][item["start"] : item["end"]] == item["text"]
            checked += 1
        stating = {m["article"] for m in evidence["mentions"] + evidence["reports"]}
        assert evidence["articles"] == len(stating)
        assert 0 <= evidence["outlets"] <= evidence["articles"]
    assert checked >= len(timeline["entries"])


def test_explain_shows_the_evidence_in_markdown(seeds_db: str) -> None:
    plain = _cli("timeline", SEEDS_QUERY, "--db", seeds_db)
    explained = _cli("timeline", SEEDS_QUERY, "--db", seeds_db, "--explain")
    assert "Why this date" not in plain
    section = explained.split("## 12 September 2023\n")[1].split("\n## ")[0]
    assert "> **Why this date:** Stated by 1 article from 1 outlet" in section
    assert "> - \u201cSept, 12, 2023\u201d in article db0dcef77940, characters" in section
    assert "> - reported on its publication day, 2023-09-12: \u201cNorth Korean leader" in section
    assert "matches \u201cSept, 12, 2023 \u2014 Kim Jong Un arrives" in section
    # every entry explained, once
    assert explained.count("> **Why this date:**") == plain.count("\n## ") - 1  # less "Not placed"


def test_evidence_and_coverage_are_byte_deterministic(seeds_db: str) -> None:
    first = _cli("timeline", SEEDS_QUERY, "--db", seeds_db, "--format", "json")
    assert first == _cli("timeline", SEEDS_QUERY, "--db", seeds_db, "--format", "json")
    assert json.loads(first)["coverage"] == [{"day": "2023-09-12", "articles": 1}]


def test_demo_coverage_counts_matching_articles_per_publication_day(demo: dict[str, Any]) -> None:
    days = [c["day"] for c in demo["coverage"]]
    assert days == sorted(days) and len(days) == len(set(days))
    counts = dict((c["day"], c["articles"]) for c in demo["coverage"])
    assert counts["2002-10-14"] == 1 and counts["2024-03-11"] == 2
    assert sum(counts.values()) <= demo["articles"]


# Hand-made: a chronology paragraph opened by its era, its second sentence dated by it.
CHRONOLOGY = """Harbour Works: A Timeline

Published: 4 May 2021

1990s — The harbour board plans a new quay. Dredging begins and the old pier goes.

In March 1995 the quay opens to ships.

The board said the harbour had never been busier.
"""


@pytest.fixture(scope="module")
def chronology() -> tuple[Article, list[Event]]:
    from newsline.stages.events import extract_events

    settings = Settings()
    (article,), _, _ = articles_from_text("harbour.txt", CHRONOLOGY, settings)
    return article, list(extract_events(article, settings))


def _evidence(events: list[Event], article: Article, **options: Any):  # type: ignore[no-untyped-def]
    return entry_evidence(
        events, 1.0, {article.id: article}, index_events(events), TimelineOptions(**options)
    )


def test_an_era_dates_its_paragraph_and_is_found_where_the_paragraph_opens(
    chronology: tuple[Article, list[Event]],
) -> None:
    article, events = chronology
    era = [e for e in events if e.mention == "1990s"]
    assert len(era) == 2 and "1990s" not in era[1].text  # "Dredging begins ..." has no date
    evidence = _evidence(era, article)
    (mention,) = evidence.mentions  # both sentences point at the one expression
    assert article.text[mention.start : mention.end] == "1990s" and mention.start < era[1].start


def test_a_mention_not_in_the_text_is_left_out_rather_than_misplaced(
    chronology: tuple[Article, list[Event]],
) -> None:
    article, events = chronology
    dated = next(e for e in events if e.mention == "March 1995")
    from dataclasses import replace

    stray = replace(dated, mention="April 1996")
    evidence = _evidence([dated, stray], article)
    assert [m.text for m in evidence.mentions] == ["March 1995"]
    assert evidence.articles == 1


@pytest.mark.parametrize(
    ("limit", "listed"),
    [(0, 0), (1, 1), (12, 2)],
)
def test_lists_are_cut_to_evidence_items_but_counts_cover_all(
    chronology: tuple[Article, list[Event]], limit: int, listed: int
) -> None:
    article, events = chronology
    dated = [e for e in events if e.mention in ("1990s", "March 1995")]
    evidence = _evidence(dated, article, evidence_items=limit)
    assert len(evidence.mentions) == listed and evidence.articles == 1
    assert evidence.why.startswith("Stated by 1 article: 1 names it")


@pytest.mark.parametrize(
    ("published", "expected"),
    [
        (
            ["2024-05-02", "2024-05-01", "2024-05-02", None, "2024-05"],
            [("2024-05-01", 1), ("2024-05-02", 2)],
        ),
        ([None], []),
    ],
)
def test_coverage_counts_articles_with_a_known_day(
    chronology: tuple[Article, list[Event]], published: list[str | None], expected: list
) -> None:
    from dataclasses import replace

    from newsline.records import PublicationDate

    article, _ = chronology
    articles = [
        replace(
            article,
            id=str(n),
            published=PublicationDate(
                value=p, granularity=("day" if p and len(p) == 10 else "month" if p else None)
            ),
        )
        for n, p in enumerate(published)
    ]
    assert [(d.isoformat(), n) for d, n in coverage(articles)] == expected
    assert all(isinstance(d, date) for d, _ in coverage(articles))


def test_a_report_names_the_publication_day(chronology: tuple[Article, list[Event]]) -> None:
    article, events = chronology
    day = date(2021, 5, 4)
    lead = Event(
        article.id,
        0,
        events[0].text,
        events[0].start,
        events[0].end,
        Interval(day, day, "day"),
        "published",
    )
    evidence = _evidence([lead], article)
    assert article.published.value == "2021-05-04"
    (report,) = evidence.reports
    assert report.published == "2021-05-04" and article.text[report.start : report.end] == lead.text
    assert "1 reports it as news on the day it was published" in evidence.why


def test_a_cut_list_names_as_many_articles_as_it_can(
    chronology: tuple[Article, list[Event]],
) -> None:
    from dataclasses import replace

    article, events = chronology
    dated = [e for e in events if e.mention in ("1990s", "March 1995")]
    copy = replace(article, id="copy")
    both = dated + [replace(e, article_id="copy") for e in dated]
    evidence = entry_evidence(
        both,
        2.0,
        {article.id: article, "copy": copy},
        index_events(both),
        TimelineOptions(evidence_items=2),
    )
    assert sorted(m.article for m in evidence.mentions) == sorted([article.id, "copy"])
    assert evidence.articles == 2 and evidence.why.startswith("Stated by 2 articles: 2 name it")


def test_the_why_quotes_the_words_most_articles_use_and_counts_coarser_ones_apart(
    chronology: tuple[Article, list[Event]],
) -> None:
    """Folded coarser mentions ("1990s" for March 1995) are evidence listed after the entry's
    own, counted apart, and never the words the why quotes."""
    from dataclasses import replace

    article, events = chronology
    march = next(e for e in events if e.mention == "March 1995")
    era = next(e for e in events if e.mention == "1990s")
    copies = {name: replace(article, id=name) for name in ("b", "c")}
    by_id = {article.id: article, **copies}
    own = [march, replace(march, article_id="b"), replace(march, article_id="c")]
    folded = [replace(era, article_id="d"), era]
    evidence = entry_evidence(own, 3.0, by_id, index_events(own), TimelineOptions(), folded)
    assert [m.text for m in evidence.mentions] == ["March 1995"] * 3 + ["1990s"]
    assert evidence.articles == 3  # the folded sentence's article already names the date
    assert evidence.why.startswith("Stated by 3 articles: 3 name it (\u201cMarch 1995\u201d);")
    only_coarse = entry_evidence(
        [march],
        1.0,
        by_id,
        index_events([march]),
        TimelineOptions(),
        [replace(era, article_id="b")],
    )
    assert only_coarse.articles == 2
    assert "1 names it at a coarser date (\u201c1990s\u201d)" in only_coarse.why


@pytest.mark.parametrize(
    ("said", "quoted"),
    [
        ([("a", "June 25"), ("b", "25 June 2009"), ("c", "25  june 2009")], "25 June 2009"),
        ([("a", "Thursday"), ("a", "Thursday"), ("b", "25 June")], "Thursday"),
        ([("a", "25 June"), ("b", "Thursday")], "25 June"),  # a tie: the first in turn order
    ],
)
def test_the_usual_expression_is_the_one_most_articles_use(
    said: list[tuple[str, str]], quoted: str
) -> None:
    from newsline.records import DateMention
    from newsline.stages.evidence import _usual

    assert _usual([DateMention(text, article, 0, len(text)) for article, text in said]) == quoted


def test_a_neighbouring_day_folded_in_is_told_apart_from_a_coarser_date(
    chronology: tuple[Article, list[Event]],
) -> None:
    from dataclasses import replace

    article, events = chronology
    march = next(e for e in events if e.mention == "March 1995")
    day = Interval(date(1995, 3, 2), date(1995, 3, 2), "day")
    other = replace(article, id="b")
    by_id = {article.id: article, "b": other}
    beside = replace(march, article_id="b", interval=day)
    evidence = entry_evidence(
        [march], 1.0, by_id, index_events([march]), TimelineOptions(), [beside]
    )
    assert evidence.articles == 2
    assert "1 names the day next to it (time zones) (\u201cMarch 1995\u201d)" in evidence.why
    assert "coarser" not in evidence.why
