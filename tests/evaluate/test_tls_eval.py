"""`newsline eval tls`: the protocol on a hand-made topic, and a quality floor on T17."""

from __future__ import annotations

import json
from dataclasses import replace
from pathlib import Path

import pytest
from tests.conftest import DATA, shared_path
from typer.testing import CliRunner

from newsline.cli import app
from newsline.evaluate.tls_eval import evaluate_tls
from newsline.settings import Settings


def test_tiny_topic_end_to_end(tmp_path: Path) -> None:
    result = evaluate_tls(DATA / "tls", out=tmp_path)
    (topic,) = result.topics
    assert topic.topic == "tiny" and topic.articles == 4
    # Four reference dates, each stated in the articles: a perfect date selection.
    assert result.overall is not None and result.overall.dates.f_score == pytest.approx(1.0)
    written = json.loads((tmp_path / "tiny" / "amberly.txt.json").read_text())
    assert [e["start"] for e in written["entries"]] == [
        "2021-03-01",
        "2021-03-04",
        "2021-03-08",
        "2021-03-19",
    ]
    assert all(e["granularity"] == "day" for e in written["entries"])


def test_cli_prints_table_and_json() -> None:
    runner = CliRunner()
    table = runner.invoke(app, ["eval", "tls", str(DATA / "tls")])
    assert table.exit_code == 0 and "tiny" in table.stdout and "date F1" in table.stdout
    as_json = runner.invoke(app, ["eval", "tls", str(DATA / "tls"), "--json"])
    assert json.loads(as_json.stdout)["overall"]["dates"]["f_score"] == pytest.approx(1.0)
    missing = runner.invoke(app, ["eval", "tls", "/no/such/folder"])
    assert missing.exit_code == 2
    learned = runner.invoke(app, ["eval", "tls", str(DATA / "tls"), "--ranker", "learned"])
    assert learned.exit_code == 0 and "shipped (topic unseen in training)" in learned.stdout
    assert "coverage" in table.stdout
    bad = runner.invoke(app, ["eval", "tls", str(DATA / "tls"), "--ranker", "magic"])
    assert bad.exit_code == 2 and "--ranker takes one of" in bad.output


@pytest.fixture(scope="module")
def t17_scores() -> dict:
    result = evaluate_tls(shared_path("data", "t17"))
    assert result.overall is not None
    s = result.overall
    return {
        "r1": s.align_m1.rouge_1.f_score,
        "r2": s.align_m1.rouge_2.f_score,
        "date": s.dates.f_score,
    }


def test_t17_quality_floor(t17_scores: dict) -> None:
    # Floors just under the level measured when this test was written; they fail on regression.
    # The method's few global constants were chosen on these four topics (see the issue notes).
    # This is the default coverage summarizer (measured 0.1684 / 0.0585 / 0.691); the former
    # centroid one scored 0.156 / 0.051 / 0.691 and the learned ranker 0.146 / 0.048 / 0.691
    # held out (test_tls_training.py keeps a held-out floor on one topic).
    assert t17_scores["r1"] >= 0.163
    assert t17_scores["r2"] >= 0.054
    assert t17_scores["date"] >= 0.680


def test_eval_is_the_timeline_a_user_gets_with_the_protocols_options(tmp_path: Path) -> None:
    """`eval tls` has no path of its own: `newsline timeline` with the protocol as options (the
    keywords as an any-term query, sentences holding one, days only, the span and sizes of the
    ground truth) gives the very entries `eval tls --out` wrote."""
    runner = CliRunner()
    evaluated = runner.invoke(app, ["eval", "tls", str(DATA / "tls"), "--out", str(tmp_path)])
    assert evaluated.exit_code == 0, evaluated.output
    written = json.loads((tmp_path / "tiny" / "amberly.txt.json").read_text())
    db = str(tmp_path / "user.db")
    ingested = runner.invoke(
        app, ["ingest", str(DATA / "tls" / "tiny" / "articles.jsonl"), "--db", db]
    )
    assert ingested.exit_code == 0, ingested.output
    args = ["--any", "--sentences", "keyword", "--days-only", "--since", "2021-03-01"]
    args += ["--until", "2021-03-19", "--max-dates", "4", "--per-date", "1", "--format", "json"]
    user = runner.invoke(app, ["timeline", "amberly flood", "--db", db, *args])
    assert user.exit_code == 0, user.output
    mine = json.loads(user.stdout)

    def entries(data: dict) -> list[tuple[str, list[str]]]:
        return [(e["start"], [s["text"] for s in e["sentences"]]) for e in data["entries"]]

    assert entries(mine) == entries(written) and len(written["entries"]) == 4


def test_t17_protocol_never_shows_more_than_per_date(tmp_path: Path) -> None:
    from newsline.evaluate.datasets import read_topics
    from newsline.evaluate.tls_eval import protocol_options, topic_store
    from newsline.jobs import timeline

    topic = next(t for t in read_topics(shared_path("data", "t17")) if t.name == "mj")
    with topic_store(topic, Settings()) as (store, _):
        for per_date in (1, 2, 3):
            options = replace(protocol_options(topic, topic.timelines[0]), per_date=per_date)
            made = timeline(options, store)
            assert made.entries and all(len(e.sentences) <= per_date for e in made.entries)
            assert all(e.interval.granularity == "day" for e in made.entries)
