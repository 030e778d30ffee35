"""The bundled example corpus (examples/) ingests cleanly: it is what `make demo` runs on."""

from __future__ import annotations

from newsline.jobs import ingest
from newsline.store import Store
from tests.conftest import REPO


def test_example_corpus(store: Store) -> None:
    summary = ingest([str(REPO / "examples")], store)
    assert summary.ok and summary.files == 8
    articles = {a["title"]: a for a in store.all_articles()}
    # 21 documents; the feed's reprint of the timeline and a JSONL copy of a dump article are
    # exact duplicates (the JSONL near-duplicate reprint stays distinct until near-dup linking).
    assert (summary.articles_new, summary.duplicates_linked) == (19, 2)
    cafe = next(a for t, a in articles.items() if t.startswith("A Century of Coffee"))
    assert "Lumière" in cafe["title"] and cafe["sources"][0]["encoding"] == "cp1252"
    timeline = next(a for t, a in articles.items() if t.startswith("A Timeline of the Long Road"))
    assert {s["format"] for s in timeline["sources"]} == {"dump"} and len(timeline["sources"]) == 2
    assert timeline["published"] == "2024-03-11"
    rail = next(a for t, a in articles.items() if t.startswith("Aldmark and Vessoria Seal Rail"))
    assert {s["format"] for s in rail["sources"]} == {"dump", "jsonl"}
    # The dump copy's date was read from its text; the JSONL copy states it in metadata, which
    # wins whichever copy came first (tests/store/test_copies.py).
    assert rail["published"] == "2024-03-11" and rail["published_from"] == "metadata"
