"""Stored events: computed once per article, reused by later queries, recomputed only when what
made them changes; the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
import pickle
from collections.abc import Callable
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from newsline import jobs_events
from newsline.export.json import timeline_to_dict
from newsline.jobs import ingest, timeline
from newsline.jobs_events import article_events, compute_events, derive_events
from newsline.records import Event, Interval
from newsline.settings import Settings
from newsline.stages.events import events_key, extract_events
from newsline.stages.similarity import sentence_analysis
from newsline.store import Store
from newsline.store.codec import (
    PayloadEvents,
    events_from_payload,
    events_payload,
    payload_claims,
)
from newsline.store.events import load_events
from tests.conftest import REPO, shared_path

SETTINGS = Settings(embeddings="off")
LAZY = SETTINGS.with_(ingest_events=False)  # events left to the first query that needs them
EXAMPLES = REPO / "examples"


@pytest.fixture
def filled(store: Store) -> Store:
    ingest([str(EXAMPLES)], store, LAZY)
    return store


def _refuse(*_: object) -> dict[str, list[object]]:
    raise AssertionError("events were recomputed although they are stored")


def test_codec_round_trips_every_event_of_the_examples(filled: Store) -> None:
    events = [e for a in filled.load_articles() for e in extract_events(a, SETTINGS)]
    kinds = {e.dated_by for e in events}
    assert {"explicit", "published", None} <= kinds, "dated and undated events both covered"
    by_article: dict[str, list[Event]] = {}
    for event in events:
        by_article.setdefault(event.article_id, []).append(event)
    back = [e for i, own in by_article.items() for e in events_from_payload(i, events_payload(own))]
    assert back == events


def test_events_read_back_are_stored_as_their_payload(filled: Store) -> None:
    """The Dask engine's parent stores its workers' payloads: read back, events keep theirs
    (also through pickling), which is byte for byte what encoding them again would give."""
    for article in filled.load_articles():
        payload = events_payload(extract_events(article, SETTINGS))
        read = PayloadEvents(article.id, payload)
        assert list(read) == events_from_payload(article.id, payload)
        assert events_payload(read) == payload == events_payload(list(read))
        again = pickle.loads(pickle.dumps(read))
        assert again == read and events_payload(again) == payload
        assert read == tuple(read) and read != list(read)  # as the tuples ingest makes
        if len(read):
            assert PayloadEvents("another", payload) != read, "events name their article"
    # what is stored is the payload they came from, not a new encoding of them
    assert events_payload(PayloadEvents("a1", "kept as read")) == "kept as read"


def test_codec_keeps_the_analysis_of_sentences_stating_their_date(filled: Store) -> None:
    for article in filled.load_articles():
        events = list(extract_events(article, SETTINGS))
        read: list[tuple[str, str, str]] = []
        back = events_from_payload(article.id, events_payload(events), analyzed=_keep(read))
        assert back == events
        stated = {e.text for e in events if e.dated_by == "explicit"}
        assert {text for text, _, _ in read} == stated, "those a query compares, no others"
        assert all((words, content) == sentence_analysis(text) for text, words, content in read)


@pytest.mark.parametrize("year", [2002, 2010, 2016])
def test_codec_makes_only_the_dated_events_kept(filled: Store, year: int) -> None:
    """A large query's reading: the dated events ``keep`` accepts, in order, and the analysis
    of their sentences alone; its claims are the dates all the dated events state."""
    kept_any = False
    for article in filled.load_articles():
        events = list(extract_events(article, SETTINGS))
        payload = events_payload(events)
        dated = [e for e in events if e.interval is not None]
        wanted = [e for e in dated if e.interval.start.year == year]  # type: ignore[union-attr]
        read: list[tuple[str, str, str]] = []
        back = events_from_payload(
            article.id,
            payload,
            undated=False,
            analyzed=_keep(read),
            keep=lambda interval, *_: interval.start.year == year,
        )
        assert back == wanted
        stated = {e.text for e in wanted if e.dated_by == "explicit"}
        assert {text for text, _, _ in read} == stated
        claims = payload_claims(payload, {})
        assert claims == list(dict.fromkeys((e.interval, e.dated_by) for e in dated))
        kept_any |= bool(wanted)
    assert kept_any
    with pytest.raises(ValueError, match="undated"):
        events_from_payload("a1", payload, keep=lambda *_: True)


def test_codec_reads_a_payload_without_analysis() -> None:
    day = Interval(date(2024, 3, 8), date(2024, 3, 8), "day")
    told = Event("a1", 0, "The ferry resumed on Friday.", 0, 28, day, "explicit", "Friday")
    older = events_payload([told]).rpartition("\n")[0]  # as version 17 wrote it: two lines
    read: list[tuple[str, str, str]] = []
    assert events_from_payload("a1", older, analyzed=_keep(read)) == [told]
    assert read == []


def _keep(read: list[tuple[str, str, str]]) -> Callable[[str, str, str], None]:
    return lambda text, words, content: read.append((text, words, content))


def test_codec_keeps_what_a_query_lent() -> None:
    day = Interval(date(2024, 3, 8), date(2024, 3, 8), "day")
    lent = Event("a1", 4, "The ferry resumed.", 0, 18, day, "aligned", "Friday", ("Osk",), 2)
    lent = replace(lent, matched=("b2", 7), similarity=0.61)
    plain = replace(lent, index=5, interval=None, dated_by=None, mention=None, matched=None)
    plain = replace(plain, similarity=0.0)
    assert events_from_payload("a1", events_payload([lent, plain])) == [lent, plain]


def test_second_query_reuses_stored_events(filled: Store, monkeypatch: pytest.MonkeyPatch) -> None:
    made = timeline_to_dict(timeline("Strait Link", filled, settings=SETTINGS))
    assert made["entries"]
    first = json.dumps(made)
    stored = filled.conn.execute("SELECT COUNT(*) FROM events").fetchone()[0]
    assert stored > 0
    monkeypatch.setattr(jobs_events, "compute_events", _refuse)
    again = json.dumps(timeline_to_dict(timeline("Strait Link", filled, settings=SETTINGS)))
    assert again == first, "a timeline from stored events is byte for byte the same"


def test_other_settings_recompute_lazily(filled: Store) -> None:
    articles = filled.load_articles()
    default, _ = article_events(filled, articles, SETTINGS)
    other = Settings(embeddings="off", lead_sentences=1)
    assert events_key(other) != events_key(SETTINGS)
    fewer, failures = article_events(filled, articles, other)
    assert failures == []
    assert fewer == [e for a in articles for e in extract_events(a, other)]
    assert sum(e.dated_by == "published" for e in fewer) < sum(
        e.dated_by == "published" for e in default
    )


def test_derive_events_is_incremental(filled: Store, tmp_path: Path) -> None:
    count = filled.counts()["articles"]
    assert derive_events(filled, SETTINGS).articles == count
    assert derive_events(filled, SETTINGS).articles == 0, "a re-run adds nothing"
    extra = tmp_path / "later.jsonl"
    extra.write_text(
        json.dumps(
            {
                "id": "late-1",
                "title": "Night ferry returns",
                "text": "The night ferry to Osk resumed on Friday, March 8, 2024, after repairs.",
                "published": "2024-03-08",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    ingest([str(extra)], filled, LAZY)
    assert derive_events(filled, SETTINGS).articles == 1, "only the new article is processed"
    articles = filled.load_articles()
    assert article_events(filled, articles, SETTINGS) == (
        [e for events in compute_events(articles, SETTINGS)[0].values() for e in events],
        [],
    )


@pytest.mark.parametrize("lazy", [[], ["--lazy-events"]])
def test_ingest_events_flag_stores_them_up_front(lazy: list[str], tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsline.cli import app

    db = str(tmp_path / "cli.db")
    command = ["ingest", str(EXAMPLES), "--db", db, "--events", "--json", *lazy]
    result = CliRunner().invoke(app, command)
    assert result.exit_code == 0, result.output
    summary = json.loads(result.output)
    with Store(db) as store:
        assert summary["events"] == store.counts()["articles"] > 0
        key = events_key(Settings())
        assert (
            store.conn.execute("SELECT COUNT(*) FROM events WHERE key = ?", (key,)).fetchone()[0]
            == summary["events"]
        )


def test_events_spread_over_processes_are_the_events_of_one(filled: Store) -> None:
    articles = filled.load_articles()
    one = compute_events(articles, SETTINGS)[0]
    spread = SETTINGS.with_(event_workers=2, event_spread_min=2)
    made, failures = jobs_events._compute_spread(articles, spread)
    assert not failures and len(articles) >= 2
    assert made == one


# -- events at ingest (ingest_events): the lazy events, stored as each article is written ------
QUERIES = {
    "examples": (lambda: EXAMPLES, ["Brenn Strait Link", "Vessoria", "ferry"]),
    "seeds": (lambda: shared_path("seeds"), ["Russia North Korea", "Gaza", "polio"]),
}


def _stored(store: Store) -> list[tuple[str, str, str]]:
    rows = store.conn.execute("SELECT article_id, key, events FROM events ORDER BY article_id")
    return [tuple(row) for row in rows]


@pytest.mark.parametrize("corpus", list(QUERIES))
def test_events_at_ingest_are_the_lazy_events_and_give_the_same_timelines(
    corpus: str, new_db: Callable[[str], str], monkeypatch: pytest.MonkeyPatch
) -> None:
    folder, queries_ = QUERIES[corpus]
    paths = [str(folder())]
    with Store(new_db("lazy")) as lazy, Store(new_db("at_ingest")) as eager:
        summary = ingest(paths, eager, SETTINGS)
        assert summary.ok and summary.events == eager.counts()["articles"] > 0
        assert ingest(paths, lazy, LAZY).events == 0 and _stored(lazy) == []
        expected = {q: json.dumps(timeline_to_dict(timeline(q, lazy, SETTINGS))) for q in queries_}
        assert any(json.loads(t)["entries"] for t in expected.values())
        # A cold query over a store with events made at ingest computes none.
        monkeypatch.setattr(jobs_events, "compute_events", _refuse)
        monkeypatch.setattr(jobs_events, "_compute_spread", _refuse)
        for query, made in expected.items():
            got = json.dumps(timeline_to_dict(timeline(query, eager, SETTINGS)))
            assert got == made, f"{query!r}: the same entries, byte for byte"
        derive_events(lazy, SETTINGS)  # the rest of the lazy store's articles
        assert _stored(eager) == _stored(lazy)


@pytest.mark.parametrize("one_run", [False, True])
def test_a_copy_that_redates_an_article_gives_it_the_events_of_its_date(
    one_run: bool, new_db: Callable[[str], str], tmp_path: Path
) -> None:
    dump = tmp_path / "dump.txt"
    dump.write_text(
        "Night Ferry Returns to Osk\n\nThe night ferry to Osk resumed on Friday after repairs"
        " to its bow doors, the operator said.\n\nIt had been out of service since"
        " January 9, 2024.\n",
        encoding="utf-8",
    )
    wire = tmp_path / "wire.jsonl"
    body = (
        "The night ferry to Osk resumed on Friday after repairs to its bow doors, the operator"
        " said.\n\nIt had been out of service since January 9, 2024."
    )
    line = {"id": "w1", "title": "Ferry back", "text": body, "published": "2024-03-08"}
    wire.write_text(json.dumps(line) + "\n", encoding="utf-8")
    with Store(new_db("redated")) as store, Store(new_db("redated_lazy")) as lazy:
        # The dump's copy first: dated by its text, then by metadata. In one run the wire copy
        # is a copy already read, whose events ingest does not make (the store has them made).
        for paths in [[str(dump), str(wire)]] if one_run else [[str(dump)], [str(wire)]]:
            summary = ingest(paths, store, SETTINGS)
            assert summary.ok and summary.events == summary.articles_new
            ingest(paths, lazy, LAZY)
        (article,) = store.load_articles()
        assert article.published.origin == "metadata"
        derive_events(lazy, SETTINGS)
        assert _stored(store) == _stored(lazy)
        (events,) = load_events(store, [article.id], events_key(SETTINGS)).values()
        assert events == list(extract_events(article, SETTINGS))
        assert any(e.dated_by == "published" for e in events), "the lead has the wire's date"


@pytest.mark.parametrize("stored", [True, False])
def test_a_query_reads_undated_sentences_only_where_wanted(filled: Store, stored: bool) -> None:
    """Stored events are read dated only, then whole for the articles wanted (chronologies, in
    a query); events computed by the call itself are filtered the same way."""
    articles = filled.load_articles()
    wanted = {articles[0].id, articles[-1].id}
    expected = [e for a in articles for e in extract_events(a, SETTINGS)]
    if stored:
        derive_events(filled, SETTINGS)
    lean, failures = article_events(filled, articles, SETTINGS, lambda a, _: a.id in wanted)
    assert failures == []
    assert lean == [e for e in expected if e.interval is not None or e.article_id in wanted]
    assert len(lean) < len(expected), "the examples have undated sentences to leave out"
    assert article_events(filled, articles, SETTINGS)[0] == expected
