"""`newsline status`: counts, runs (finished or interrupted) and the last run's failures."""

from __future__ import annotations

import json
from collections.abc import Callable
from pathlib import Path

from typer.testing import CliRunner

from newsline.cli import app
from newsline.jobs import ingest
from newsline.records import FileFailure
from newsline.store import Store


def test_status_reports_counts_runs_and_failures(
    tmp_path: Path, new_db: Callable[[str], str]
) -> None:
    folder = tmp_path / "news"
    folder.mkdir()
    (folder / "a.txt").write_text(
        "Bridge Reopens\n\nThe old bridge reopened to traffic on Monday.\n"
    )
    (folder / "bad.bin").write_bytes(bytes(range(256)) * 20)
    db = new_db("s")
    with Store(db) as store:
        ingest([str(folder)], store)
        interrupted = store.begin_run("ingest")  # a run that never finished
    result = CliRunner().invoke(app, ["status", "--db", str(db), "--json"])
    report = json.loads(result.stdout)
    assert report["counts"]["articles"] == 1 and report["schema"] >= 3 and report["bytes"] > 0
    newest, first = report["runs"][0], report["runs"][1]
    assert newest["id"] == interrupted and not newest["finished"]
    assert first["finished"] and first["files"] == 2 and first["failures"] == 1 and first["started"]
    text = CliRunner().invoke(app, ["status", "--db", str(db)]).stdout
    assert "interrupted" in text and "1 articles" in text


def test_a_stage_failure_keeps_its_stage_record_and_error_on_both_backends(
    new_db: Callable[[str], str],
) -> None:
    """Migration 6 on SQLite and PostgreSQL: a failure row names what failed; bad input not."""
    stage = FileFailure(
        "/news/wire.jsonl",
        "stage date failed on article 1c07: KeyError: 'this past' (at newsline/x.py:1)",
        "date",
        "article 1c07",
        "KeyError",
    )
    bad = FileFailure("/news/bad.bin", "binary file")
    db = new_db("failures")
    with Store(db) as store:
        store.record_failures("timeline", [])
        assert store.status()["runs"] == [], "a run without failures leaves no row"
        store.record_failures("timeline", [stage, bad])
        report = store.status()
    assert report["schema"] >= 6
    (run,) = report["runs"]
    assert (run["command"], run["failures"], run["finished"]) == ("timeline", 2, 1)
    assert report["last_run_failures"] == [stage.to_dict(), bad.to_dict()]
    assert [FileFailure(**row).retry for row in report["last_run_failures"]] == [True, False]
