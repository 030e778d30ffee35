"""The reference input: the three raw dumps in ../shared/seeds ingest into six clean articles."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from newsline.jobs import ingest
from newsline.stages.clean import fold
from newsline.store import Store
from tests.conftest import shared_path

HEADLINES = {
    "A Timeline of the Complicated Relations between Russia and North Korea",
    "Israeli Settler Outpost Becomes a Settlement within a Month",
    "Respiratory Virus Claims Lives in Gaza amid Limited Capacity for Testing",
    "Khartoum Markets Back to Life but 'Nothing Like Before'",
    "3 days, 640,000 Children, 1.3M Doses...the Plan to Vaccinate Gaza's Young against Polio",
    "Russia-North Korea Relations: A Timeline of Cooperation and Defiance",
}


@pytest.fixture
def seeded(store: Store) -> Store:
    summary = ingest([str(shared_path("seeds"))], store)
    assert summary.ok and summary.files == 3
    return store


def by_title(store: Store) -> dict[str, dict]:
    return {a["title"]: a for a in store.all_articles()}


def test_six_distinct_articles_with_their_headlines(seeded: Store) -> None:
    assert set(by_title(seeded)) == HEADLINES
    assert seeded.counts()["articles"] == 6


def test_no_marker_caption_or_headline_inside_any_body(seeded: Store) -> None:
    for article in seeded.all_articles():
        lines = [fold(line) for line in article["text"].split("\n") if line.strip()]
        assert "tt" not in lines, article["title"]
        assert fold(article["title"]) not in lines, article["title"]
        for caption in article["captions"]:
            assert fold(caption) not in lines
            assert caption[:60] not in article["text"]


def test_captions_kept_once_with_their_credit(seeded: Store) -> None:
    articles = by_title(seeded)
    polio = articles[next(t for t in HEADLINES if t.startswith("3 days"))]
    assert len(polio["captions"]) == 1 and polio["captions"][0].endswith(
        "(AP Photo/Jehad Alshrafi, File)"
    )
    yatziv = articles["Israeli Settler Outpost Becomes a Settlement within a Month"]
    assert len(yatziv["captions"]) == 1 and yatziv["captions"][0].endswith("(AP)")
    assert (
        articles["Russia-North Korea Relations: A Timeline of Cooperation and Defiance"]["captions"]
        == []
    )


def test_sub_headings_kept_as_headings(seeded: Store) -> None:
    articles = by_title(seeded)
    headings = {
        title: [b["text"] for b in a["blocks"] if b["kind"] == "heading"]
        for title, a in articles.items()
    }
    assert "Emboldened" in headings["Israeli Settler Outpost Becomes a Settlement within a Month"]
    assert headings["Khartoum Markets Back to Life but 'Nothing Like Before'"] == [
        "Two jobs to survive"
    ]
    assert headings["A Timeline of the Complicated Relations between Russia and North Korea"] == []


def test_shared_timeline_stored_once_with_two_sources(seeded: Store) -> None:
    timeline = by_title(seeded)[
        "A Timeline of the Complicated Relations between Russia and North Korea"
    ]
    assert sorted(Path(s["path"]).name[:3] for s in timeline["sources"]) == ["000", "001"]
    assert timeline["text"].count("Sept, 12, 2023") == 1


def test_rewrite_loses_its_filler_headlines(seeded: Store) -> None:
    rewrite = by_title(seeded)[
        "Russia-North Korea Relations: A Timeline of Cooperation and Defiance"
    ]
    assert "Timeline of Cooperation" not in rewrite["text"]
    assert rewrite["text"].startswith("Russian President Vladimir Putin is set to visit")
    assert len([b for b in rewrite["blocks"] if b["kind"] == "paragraph"]) == 15


def test_reingest_adds_nothing(seeded: Store) -> None:
    again = ingest([str(shared_path("seeds"))], seeded)
    assert (again.articles_new, again.files_unchanged) == (0, 3)
    assert seeded.counts()["sources"] == 7


def test_raw_span_points_at_the_source_text(seeded: Store) -> None:
    for article in seeded.all_articles():
        for source in article["sources"]:
            raw = Path(source["path"]).read_text(encoding="utf-8")
            start, end = source["span"]
            assert fold(article["title"]) in fold(raw[start:end])


@pytest.mark.parametrize("line_end", ["\r\n", "\r"])
def test_cp1252_copy_with_other_line_ends_is_the_same_article(
    tmp_path: Path, store: Store, line_end: str
) -> None:
    seeds = shared_path("seeds")
    ingest([str(seeds)], store)
    for seed in sorted(seeds.iterdir()):
        text = seed.read_text(encoding="utf-8").replace("\n", line_end)
        (tmp_path / f"legacy_{seed.name}").write_bytes(text.encode("cp1252"))
    summary = ingest([str(tmp_path / f"legacy_{s.name}") for s in sorted(seeds.iterdir())], store)
    assert summary.ok
    assert (summary.articles_new, summary.articles_known) == (0, 7)
    assert store.counts()["articles"] == 6
    notes = {
        s["encoding_note"]
        for a in store.all_articles()
        for s in a["sources"]
        if "legacy_" in s["path"]
    }
    assert any(note and "cp1252" in note for note in notes)


def test_copy_of_folder_elsewhere_links_sources(tmp_path: Path, store: Store) -> None:
    copy = tmp_path / "copy"
    shutil.copytree(shared_path("seeds"), copy)
    ingest([str(shared_path("seeds"))], store)
    summary = ingest([str(copy)], store)
    assert summary.articles_new == 0 and summary.duplicates_linked == 7
