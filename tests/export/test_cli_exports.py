"""``newsline timeline --format ...`` writes each export; ``newsline demo`` ends with the page."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.export.json import timeline_to_dict
from newsline.records import Article, Timeline
from tests.export.builders import DEMO_QUERY, EXAMPLES
from tests.export.test_timelinejs import validate_timelinejs


def _export(db: Path, query: str, fmt: str, target: Path) -> str:
    result = CliRunner().invoke(
        app, ["timeline", query, "--db", str(db), "--format", fmt, "-o", str(target)]
    )
    assert result.exit_code == 0, result.output
    assert f"wrote {target}" in result.output
    return target.read_text(encoding="utf-8")


@pytest.mark.parametrize("fmt", ["md", "json", "csv", "timelinejs", "html"])
def test_each_format_of_the_demo_query(
    examples_db: Path, demo: tuple[Timeline, list[Article]], tmp_path: Path, fmt: str
) -> None:
    timeline, _ = demo
    text = _export(examples_db, DEMO_QUERY, fmt, tmp_path / f"timeline.{fmt}")
    if fmt == "md":
        assert text.startswith(f"# Timeline: {DEMO_QUERY}")
    elif fmt == "json":
        assert json.loads(text) == timeline_to_dict(timeline)
    elif fmt == "csv":
        rows = list(csv.DictReader(text.splitlines()))
        assert {r["entry"] for r in rows if r["role"] == "entry"} == {
            str(i) for i in range(1, len(timeline.entries) + 1)
        }
    elif fmt == "timelinejs":
        validate_timelinejs(json.loads(text), timeline)
    else:
        assert text.startswith("<!DOCTYPE html>") and '"articles":{"' in text


def test_seed_timeline_in_every_format(
    seeds: tuple[Timeline, list[Article]], tmp_path: Path
) -> None:
    from tests.conftest import shared_path

    db = tmp_path / "seeds.db"
    assert (
        CliRunner()
        .invoke(app, ["ingest", str(shared_path("seeds")), "--db", str(db), "-q"])
        .exit_code
        == 0
    )
    timeline, _ = seeds
    for fmt in ("csv", "timelinejs", "html"):
        text = _export(db, "Russia North Korea", fmt, tmp_path / f"seeds.{fmt}")
        assert "Kim Jong Un" in text
    validate_timelinejs(json.loads((tmp_path / "seeds.timelinejs").read_text()), timeline)


def test_an_unknown_format_is_a_usage_error(examples_db: Path) -> None:
    result = CliRunner().invoke(
        app, ["timeline", DEMO_QUERY, "--db", str(examples_db), "--format", "pdf"]
    )
    assert result.exit_code == 2
    assert "--format takes one of md, json, csv, timelinejs, html, not 'pdf'" in result.output


def test_demo_ends_with_the_html_timeline(tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = CliRunner().invoke(
        app, ["demo", str(EXAMPLES), "--db", str(tmp_path / "demo.db"), "--out", str(out)]
    )
    assert result.exit_code == 0, result.output
    lines = result.stdout.rstrip("\n").splitlines()
    assert lines[-1] == f"HTML timeline: {(out / 'timeline.html').resolve()}"
    assert f"# Timeline: {DEMO_QUERY}" in result.stdout
    assert (out / "timeline.html").read_text().startswith("<!DOCTYPE html>")
    assert json.loads((out / "timeline.json").read_text())["query"] == DEMO_QUERY


def test_every_format_for_every_corpus(built: tuple[Timeline, list[Article]]) -> None:
    from newsline.export.csv import timeline_to_csv
    from newsline.export.html import timeline_to_html
    from newsline.export.markdown import timeline_to_markdown
    from newsline.export.timelinejs import timeline_to_timelinejs

    timeline, articles = built
    outputs = {
        "md": timeline_to_markdown(timeline),
        "json": json.dumps(timeline_to_dict(timeline)),
        "csv": timeline_to_csv(timeline),
        "timelinejs": timeline_to_timelinejs(timeline, articles),
        "html": timeline_to_html(timeline, articles),
    }
    assert all(text.strip() for text in outputs.values())
    assert len(outputs["csv"].splitlines()) > len(timeline.entries)
    assert len(json.loads(outputs["timelinejs"])["events"]) == len(timeline.entries)
    assert outputs["md"].count("\n## ") >= len(timeline.entries)
