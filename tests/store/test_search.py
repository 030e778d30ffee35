"""The search index picks exactly the articles the old full scan picked, on both backends.

A query once read every article and matched it in Python; now the index names candidates and
only they are read. The articles below are written for these tests: inflections, hyphenated
and apostrophized names (straight and curly), captions and headlines, and letters that
lowercase oddly (Turkish dotted and dotless i, Greek final sigma, the long s).
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Callable, Iterable
from dataclasses import replace
from pathlib import Path
from unittest.mock import patch

import pytest

from newsline.records import Article, Block, PublicationDate, Source
from newsline.stages.query import parse_query
from newsline.store import Store
from newsline.store import db as store_db
from newsline.store.texts import StoredTexts
from tests.conftest import shared_path

#: (headline, captions, paragraphs)
STORIES = [
    (
        "Velmora Dam Floodgates Opened",
        ("Water pours from the Velmora dam. Photo: K. Arnesen",),
        (
            "Engineers opened three floodgates at the Velmora dam on Tuesday as the reservoir"
            " rose after a week of rain.",
            "Villages downstream were flooded by evening; the regional council said no one had"
            " been hurt.",
        ),
    ),
    (
        "Floods Close Oldhaven Pier",
        (),
        (
            "Flooding closed Oldhaven's pier and the coast road on Wednesday.",
            "The harbour master, Dara O’Connell, said the pier would reopen once the tide fell.",
        ),
    ),
    (
        "Port Workers Strike",
        ("Pickets at the Kessa gate.",),
        (
            "Dockers in Kessa struck for a second day over night shifts, halting the ferries.",
            "The union's leader, Idris al-Rashid, said talks with the port authority had failed.",
        ),
    ),
    (
        "Ferry Strike Ends",
        (),
        (
            "The ferry strike ended on Friday when al-Rashid's union accepted a new rota.",
            "Ferries to Oldhaven resumed on Saturday morning.",
        ),
    ),
    (
        "İzmir Trade Delegation Visits Kessa",
        (),
        (
            "A trade delegation from İZMIR arrived in Kessa to discuss grain shipments.",
            "Its leader, Aylin Yıldız, praised the Kessan port's new cranes.",
        ),
    ),
    (
        "ΟΔΟΣ Festival Draws Crowds",
        ("The ΟΔΟΣ stage at night.",),
        ("The ΟΔΟΣ street festival drew crowds to the old town despite the rain.",),
    ),
    (
        "Reservoir Levels Fall",
        (),
        (
            "Levels at the Velmoran reservoirs fell by a third in August, the water board said.",
            "Farmers were asked to ſave water (the notice used an old typeface).",
        ),
    ),
    (
        "Council Approves Budget",
        (),
        ("The council approved a budget for the pier repairs and a new flood wall.",),
    ),
]

#: (query, any term): each must select, through the index, what the full scan selects.
QUERIES = [
    ("flood", False),
    ("floods", False),
    ("flooded Velmora", False),
    ("Velmora dam", False),
    ("Velmoran", False),
    ("Oldhaven pier", False),
    ("oldhaven's", False),
    ("O'Connell", False),
    ("O’Connell harbour", False),
    ("al-Rashid", False),
    ("Rashid", False),
    ("strike ferries", False),
    ("striking", False),
    ("Kessa", False),
    ("Kessan", False),
    ("izmir", False),
    ("İzmir", False),
    ("Yildiz", False),
    ("ΟΔΟΣ", False),
    ("οδος festival", False),
    ("save water", False),
    ("budget pier", False),
    ("dam pier", True),
    ("Velmora Kessa Oldhaven", True),
    ("zeppelin", False),
    ("zeppelin council", True),
    ("photo Arnesen", False),
    ("pickets gate", False),
]


def _article(n: int, title: str, captions: tuple[str, ...], paragraphs: tuple[str, ...]) -> Article:
    body = "\n\n".join(paragraphs)
    return Article(
        id=hashlib.sha256(body.encode("utf-8")).hexdigest()[:16],
        title=title,
        captions=captions,
        blocks=tuple(Block("paragraph", p) for p in paragraphs),
        published=PublicationDate(),
        source=Source("news.txt", n, "text", "utf-8", (0, len(body)), body),
    )


def _write(store: Store, articles: Iterable[Article], name: str = "news.txt") -> None:
    run = store.begin_run("ingest")
    store.write_batch(name, 1, hashlib.sha256(name.encode()).hexdigest(), list(articles), run)


def _scanned(
    store: Store, text: str, any_term: bool, stored: list[Article] | None = None
) -> list[str]:
    """What the timeline query selected before the index: every article read and matched."""
    query = parse_query(text, any_term)
    return [a.id for a in stored or store.iter_articles() if query.matches_article(a)]


def _assert_same_selection(store: Store, queries: Iterable[tuple[str, bool]]) -> None:
    stored = list(store.iter_articles())
    for text, any_term in queries:
        query = parse_query(text, any_term)
        expected = _scanned(store, text, any_term, stored)
        assert [a.id for a in store.iter_matching(query)] == expected, text
        assert set(store.candidate_ids(query)) >= set(expected), text
        wanted = set(expected)
        blank = [replace(a, source=replace(a.source, raw="")) for a in stored if a.id in wanted]
        assert list(store.iter_matching(query, raw=False)) == blank, text
        # a timeline's read: no bodies either, read for the articles its evidence cites
        bare = [replace(a, blocks=()) for a in blank]
        assert list(store.iter_matching(query, raw=False, body=False)) == bare, text
        assert store.article_texts(wanted) == {a.id: a.text for a in blank}, text
        texts = StoredTexts(store, wanted)
        assert dict(texts) == {a.id: a.text for a in blank} and len(texts) == len(wanted), text
        with pytest.raises(KeyError):
            texts["not-an-article"]
        # read at once: the same texts, none asked of the store again, strangers left out
        ahead = StoredTexts(store, wanted)
        ahead.prefetch([*wanted, "not-an-article"])
        with patch.object(store, "article_texts", side_effect=AssertionError("read again")):
            assert dict(ahead) == {a.id: a.text for a in blank}, text


@pytest.fixture
def stories() -> list[Article]:
    return [_article(n, *story) for n, story in enumerate(STORIES)]


def test_the_index_selects_what_the_full_scan_selects(store: Store, stories: list[Article]) -> None:
    _write(store, stories)
    _assert_same_selection(store, QUERIES)
    picked = {text: len(_scanned(store, text, any_term)) for text, any_term in QUERIES}
    assert picked["flood"] == 3 and picked["zeppelin"] == 0 and picked["İzmir"] == 0
    assert picked["izmir"] == 1 and picked["ΟΔΟΣ"] == 1 and picked["save water"] == 1


@pytest.mark.parametrize(
    ("text", "any_term"),
    [("flood", False), ("Velmora dam", False), ("al-Rashid", False), ("dam pier", True)],
)
def test_plain_words_get_exactly_their_matches_from_the_index(
    store: Store, stories: list[Article], text: str, any_term: bool
) -> None:
    _write(store, stories)
    assert store.candidate_ids(parse_query(text, any_term)) == _scanned(store, text, any_term)


def test_copies_and_later_batches_are_indexed_once(store: Store, stories: list[Article]) -> None:
    _write(store, stories[:4])
    _write(store, stories, "copies.txt")  # four copies already stored, four new articles
    assert store.conn.execute("SELECT COUNT(*) FROM article_terms").fetchone()[0] == len(stories)
    _assert_same_selection(store, QUERIES)


def test_the_migration_indexes_a_store_made_before_the_index(
    new_db: Callable[[str], str], stories: list[Article], monkeypatch: pytest.MonkeyPatch
) -> None:
    url = new_db("old")
    with monkeypatch.context() as old:  # a store at schema 5, before the search index
        modules: list[object] = [store_db]
        if url.startswith("postgres"):
            from newsline.store import postgres

            modules.append(postgres)
            old.setattr(postgres.PostgresStore, "_index_words", lambda self, texts: list(texts))
        for module in modules:
            old.setattr(module, "MIGRATIONS", store_db.MIGRATIONS[:5])
        old.setattr(Store, "_index_words", lambda self, texts: list(texts))
        with Store(url) as store:
            assert store.schema_version() == 5
            _write(store, stories)
    with Store(url) as store:
        assert store.schema_version() >= 7
        _assert_same_selection(store, QUERIES)


def test_a_new_sqlite_index_merges_16_segments_and_writes_one_a_batch(tmp_path: Path) -> None:
    with Store(tmp_path / "new.db") as store:
        config = dict(store.conn.execute("SELECT k, v FROM article_terms_fts_config").fetchall())
    assert (config["automerge"], config["hashsize"]) == (16, 4 << 20)  # migrations 9 and 10


@pytest.mark.shared
def test_t17_through_the_index_selects_what_the_full_scan_selects(tmp_path: Path) -> None:
    """All of T17 in one store; each topic's keywords, all and any, plain and inflected."""
    folder = shared_path("data", "t17")
    queries: list[tuple[str, bool]] = [
        ("earthquakes Haitian", False),
        ("spilled oil", False),
        ("Jackson's doctors", False),
        ("swine flu vaccines", False),
        ("Obama", False),
        ("U.S. officials", False),
    ]
    with Store(tmp_path / "t17.db") as store:
        for topic in sorted(p for p in folder.iterdir() if p.is_dir()):
            keywords = " ".join(json.loads((topic / "keywords.json").read_text()))
            queries += [(keywords, False), (keywords, True)]
            lines = (topic / "articles.jsonl").read_text(encoding="utf-8").splitlines()
            records = [json.loads(line) for line in lines if line.strip()]
            _write(
                store,
                (
                    _article(n, r.get("title", ""), (), tuple(r["text"].split("\n")))
                    for n, r in enumerate(records)
                ),
                str(topic),
            )
        _assert_same_selection(store, queries)
        assert len(_scanned(store, "haiti quake earthquake", True)) > 100
