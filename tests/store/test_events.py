"""Stored events: computed once per article, reused by later queries, recomputed only when what
made them changes; the same on SQLite and PostgreSQL."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from newsline import jobs_events
from newsline.export.json import timeline_to_dict
from newsline.jobs import ingest, timeline
from newsline.jobs_events import article_events, compute_events, derive_events
from newsline.settings import Settings
from newsline.stages.events import events_key, extract_events
from newsline.store import Store
from newsline.store import events as queries
from tests.conftest import REPO

SETTINGS = Settings(embeddings="off")
EXAMPLES = REPO / "examples"


@pytest.fixture
def filled(store: Store) -> Store:
    ingest([str(EXAMPLES)], store, SETTINGS)
    return store


def _refuse(*_: object) -> dict[str, list[object]]:
    raise AssertionError("events were recomputed although they are stored")


def test_codec_round_trips_every_event_of_the_examples(filled: Store) -> None:
    events = [e for a in filled.load_articles() for e in extract_events(a, SETTINGS)]
    kinds = {e.dated_by for e in events}
    assert {"explicit", "published", None} <= kinds, "dated and undated events both covered"
    back = [queries.event_from_dict(e.article_id, queries.event_to_dict(e)) for e in events]
    assert back == events


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
    ingest([str(extra)], filled, SETTINGS)
    assert derive_events(filled, SETTINGS).articles == 1, "only the new article is processed"
    articles = filled.load_articles()
    assert article_events(filled, articles, SETTINGS) == (
        [e for events in compute_events(articles, SETTINGS)[0].values() for e in events],
        [],
    )


def test_ingest_events_flag_stores_them_up_front(tmp_path: Path) -> None:
    from typer.testing import CliRunner

    from newsline.cli import app

    db = str(tmp_path / "cli.db")
    result = CliRunner().invoke(app, ["ingest", str(EXAMPLES), "--db", db, "--events", "--json"])
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
