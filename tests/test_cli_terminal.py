"""Text from the data is made safe before the CLI prints it on a terminal; files keep it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.cli.terminal import json_safe, markup, one_line, plain


@pytest.mark.parametrize(
    ("raw", "shown"),
    [
        ("Harbour \x1b]0;owned\x07vote", "Harbour vote"),  # OSC title, BEL-terminated
        ("Harbour \x1b]0;owned\x1b\\vote", "Harbour vote"),  # OSC, ST-terminated
        ("\x1b[31mred\x1b[0m and \x1b[2J\x1b[1;1Hcleared", "red and cleared"),  # CSI
        ("eight-bit \x9b2Jcsi and \x9d0;t\x9cosc", "eight-bit csi and osc"),  # C1 CSI, OSC
        ("over\rwrite\x08\x00\x7f\x85", "overwrite"),  # CR, BS, NUL, DEL, NEL
        ("tab\tand\nnewline stay", "tab\tand\nnewline stay"),
        ("Café – 12 °C, “quoted”", "Café – 12 °C, “quoted”"),  # non-ASCII text is not control
        ("\x1bcreset", "reset"),  # two-byte ESC sequence (RIS)
    ],
)
def test_plain_strips_sequences_and_controls(raw: str, shown: str) -> None:
    assert plain(raw) == shown


def test_markup_and_one_line() -> None:
    assert markup("[/bold] \x1b[1mx") == "\\[/bold] x"
    assert one_line("a\n\x1b[31mb\t c\r\n") == "a b c"


def test_json_safe_escapes_without_losing_data() -> None:
    value = {"title": "C1 \x9b2J, DEL \x7f, ESC \x1b, é"}
    text = json_safe(json.dumps(value, ensure_ascii=False))
    assert not any(ch in text for ch in "\x9b\x7f\x1b")
    assert json.loads(text) == value


HOSTILE = {
    "id": "esc-1",
    "title": "Quillon harbour \x1b]0;owned\x07vote \x1b[31mred\x1b[0m [/bold] \x9b2J",
    "published": "2024-03-05",
    "source": "Gazette \x1b[5m",
    "text": "\n\n".join(
        [
            "The Quillon harbour board voted on March 4, 2024 to reopen \x1b]0;t\x07the pier.",
            "The Quillon harbour works began in May 2023 \x1b[2J\x1b[31m after \r a storm.",
            "A Quillon harbour pilot \x07 said the fog lifted in 2022.",
        ]
    ),
}
UNSAFE = ("\x1b", "\x07", "\x9b", "\r")


@pytest.fixture(scope="module")
def hostile_db(tmp_path_factory: pytest.TempPathFactory) -> str:
    folder = tmp_path_factory.mktemp("terminal")
    (folder / "esc.jsonl").write_text(json.dumps(HOSTILE) + "\n", encoding="utf-8")
    db = str(folder / "esc.db")
    assert CliRunner().invoke(app, ["ingest", str(folder / "esc.jsonl"), "--db", db]).exit_code == 0
    return db


def _article_id(db: str) -> str:
    result = CliRunner().invoke(app, ["articles", "--json", "--db", db])
    return str(json.loads(result.stdout)[0]["id"])


@pytest.mark.parametrize(
    "args",
    [
        ["articles"],
        ["articles", "--json"],
        ["show", "ID"],
        ["show", "ID", "--json"],
        ["timeline", "Quillon harbour"],
        ["timeline", "Quillon harbour", "--format", "json"],
        ["timeline", "Quillon harbour", "--format", "csv"],
    ],
    ids=" ".join,
)
def test_printed_text_holds_no_control_characters(args: list[str], hostile_db: str) -> None:
    args = [_article_id(hostile_db) if a == "ID" else a for a in args]
    result = CliRunner().invoke(app, [*args, "--db", hostile_db])
    assert result.exit_code == 0, result.output
    assert "Quillon harbour" in result.stdout
    assert not [ch for ch in UNSAFE if ch in result.stdout]
    if "--json" in args or "json" in args:  # JSON on stdout is escaped, not stripped
        assert "\\u001b]0;owned" in result.stdout


def test_files_written_with_o_keep_the_text(hostile_db: str, tmp_path: Path) -> None:
    target = tmp_path / "timeline.md"
    args = ["timeline", "Quillon harbour", "--db", hostile_db, "-o", str(target)]
    assert CliRunner().invoke(app, args).exit_code == 0
    assert "\x1b]0;t\x07" in target.read_text(encoding="utf-8")
