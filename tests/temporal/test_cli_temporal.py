"""``newsline tag`` and ``newsline eval timex`` through the CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from newsline.cli import app
from newsline.evaluate.timeml import read_timeml

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "timeml"
runner = CliRunner()


def test_tag_plain_text_as_json_with_dct() -> None:
    result = runner.invoke(app, ["tag", str(FIXTURES / "plain.txt"), "--dct", "2026-01-19"])
    assert result.exit_code == 0, result.output
    doc = json.loads(result.stdout)
    assert doc["dct"] == "2026-01-19"
    assert [(m["text"], m["value"], m["mod"]) for m in doc["mentions"]] == [
        ("Dec. 21", "2025-12-21", None),
        ("early 2022", "2022", "START"),
    ]
    assert doc["mentions"][0]["interval"] == {
        "start": "2025-12-21",
        "end": "2025-12-21",
        "granularity": "day",
    }


def test_tag_timeml_writes_timeml_with_the_same_text(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["tag", str(FIXTURES / "harbour.tml"), "--format", "timeml", "--out", str(tmp_path)]
    )
    assert result.exit_code == 0, result.output
    written = read_timeml(tmp_path / "harbour.tml")
    gold = read_timeml(FIXTURES / "harbour.tml")
    assert written.text == gold.text and written.dct == gold.dct
    assert [(t.text, t.value) for t in written.timexes] == [(t.text, t.value) for t in gold.timexes]
    assert all(t.tid for t in written.timexes)


def test_eval_timex_prints_scores() -> None:
    result = runner.invoke(app, ["eval", "timex", str(FIXTURES), "--json"])
    assert result.exit_code == 0, result.output
    scores = json.loads(result.stdout)
    assert scores["counts"]["gold"] == 11 and scores["relaxed"]["f1"] > 0.9


def test_bad_dct_is_a_one_line_error() -> None:
    result = runner.invoke(app, ["tag", str(FIXTURES / "plain.txt"), "--dct", "19 Jan"])
    assert result.exit_code == 2
    assert "--dct must be a date" in result.stderr


def test_missing_file_is_an_error() -> None:
    result = runner.invoke(app, ["tag", str(FIXTURES / "nope.txt")])
    assert result.exit_code == 1 and "no such file" in result.stderr


def test_commands_have_help() -> None:
    for args in (["tag", "--help"], ["eval", "timex", "--help"]):
        result = runner.invoke(app, args)
        assert result.exit_code == 0 and "Usage" in result.stdout
