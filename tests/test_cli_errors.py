"""Errors reach the user in one place: one line, the right exit status, a traceback only on request."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

import newsline
from newsline.cli import app
from newsline.errors import ConfigError, InputError, NotFoundError, StorageError

SRC = Path(newsline.__file__).parent


def _raise(exc: BaseException):  # type: ignore[no-untyped-def]
    def boom(*args: object, **kwargs: object) -> None:
        raise exc

    return boom


# (command line, what to break, where it is looked up)
BUGS = [
    (["status"], "newsline.cli.status.open_store", "newsline status"),
    (["articles"], "newsline.cli.articles.open_store", "newsline articles"),
    (["stories"], "newsline.cli.stories.list_stories", "newsline stories"),
    (["timeline", "harbour"], "newsline.cli.timelines.timeline", "newsline timeline"),
    (["eval", "timex", "."], "newsline.cli.temporal.evaluate_folder", "newsline eval timex"),
]


@pytest.mark.parametrize(("args", "target", "where"), BUGS, ids=[b[2] for b in BUGS])
def test_a_bug_is_one_line_saying_what_to_report(
    args: list[str], target: str, where: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr(target, _raise(KeyError("this past")))
    monkeypatch.delenv("NEWSLINE_DEBUG", raising=False)
    result = CliRunner().invoke(
        app, [*args, *(["--db", str(tmp_path / "x.db")] * (args[0] != "eval"))]
    )
    assert result.exit_code == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1, result.stderr
    line = lines[0]
    assert f"internal error in '{where}'" in line
    assert f"newsline {newsline.__version__}" in line
    assert "KeyError: 'this past'" in line
    assert "run again with --debug for the traceback" in line
    assert "Traceback" not in result.output


@pytest.mark.parametrize("how", ["--debug", "NEWSLINE_DEBUG=1"])
def test_the_traceback_is_shown_when_asked(
    how: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("newsline.cli.status.open_store", _raise(KeyError("this past")))
    env = {"NEWSLINE_DEBUG": "1"} if how.startswith("NEWSLINE") else {"NEWSLINE_DEBUG": ""}
    args = ["--debug"] if how == "--debug" else []
    result = CliRunner().invoke(app, [*args, "status", "--db", str(tmp_path / "x.db")], env=env)
    assert result.exit_code == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "KeyError: 'this past'" in result.stderr
    assert result.stderr.strip().splitlines()[-1].startswith("newsline: internal error")


@pytest.mark.parametrize(
    ("exc", "status"),
    [
        (ConfigError("the query is empty"), 2),
        (InputError("binary content, not text", "/data/x.bin"), 1),
        (NotFoundError("no article with id 'zz'"), 1),
        (StorageError("the store is locked"), 1),
    ],
)
def test_library_errors_are_one_line_with_their_status(
    exc: Exception, status: int, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("newsline.cli.articles.open_store", _raise(exc))
    result = CliRunner().invoke(app, ["articles", "--db", str(tmp_path / "x.db")])
    assert result.exit_code == status
    assert result.stderr == f"newsline: error: {exc}\n"


def test_usage_errors_keep_exit_status_2(tmp_path: Path) -> None:
    db = str(tmp_path / "x.db")
    for args in (["timeline", "x", "--format", "pdf", "--db", db], ["no-such-command"]):
        result = CliRunner().invoke(app, args)
        assert result.exit_code == 2, args
        assert "Traceback" not in result.output


def test_a_config_error_on_a_setting_names_the_commands_option(tmp_path: Path) -> None:
    pytest.importorskip("distributed")
    (tmp_path / "a.txt").write_text("Harbour\n\nThe harbour reopened on 4 March 2024.\n")
    args = ["ingest", str(tmp_path / "a.txt"), "--db", str(tmp_path / "x.db"), "--engine", "dask"]
    result = CliRunner().invoke(app, [*args, "--workers", "0"])
    assert result.exit_code == 2
    assert (
        result.stderr == "newsline: error: workers must be at least 1 (got 0) (option --workers)\n"
    )


def test_messages_are_one_safe_line(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    hostile = InputError("bad\nline \x1b]0;owned\x07two", "/data/x\x1b[31m.txt")
    monkeypatch.setattr("newsline.cli.articles.open_store", _raise(hostile))
    result = CliRunner().invoke(app, ["articles", "--db", str(tmp_path / "x.db")])
    assert result.stderr == "newsline: error: /data/x.txt: bad line two\n"


def _python_files(folder: Path) -> list[Path]:
    return sorted(folder.rglob("*.py"))


def test_commands_do_not_catch_errors_themselves() -> None:
    for path in _python_files(SRC / "cli"):
        source = path.read_text(encoding="utf-8")
        assert "except NewslineError" not in source, path
        assert not re.search(r"except (\w+Error|Exception)\b.*:\n\s+raise typer.Exit", source)


def test_library_errors_do_not_name_cli_flags() -> None:
    """Messages of errors raised outside the CLI speak of settings, not of ``--flags``."""
    message = re.compile(r"raise \w*Error\(((?:\s*f?\"[^\"]*\")+)")
    flag = re.compile(r"(?:^|[\s\"])--[a-z]")
    for path in _python_files(SRC):
        if "cli" in path.relative_to(SRC).parts:
            continue
        for found in message.finditer(path.read_text(encoding="utf-8")):
            assert not flag.search(found.group(1)), (path, found.group(1))


def test_a_closed_pipe_is_not_reported_as_a_bug(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    monkeypatch.setattr("newsline.cli.articles.open_store", _raise(BrokenPipeError(32, "pipe")))
    result = CliRunner().invoke(app, ["articles", "--db", str(tmp_path / "x.db")])
    assert (result.exit_code, result.stderr) == (1, "")
