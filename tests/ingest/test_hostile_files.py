"""What a folder may hold besides news files: each is one reported failure, never a hang or a crash.

Written as a hostile-input review found them: a FIFO (opening it waits for a writer forever), a
symbolic link loop and a file name that is not UTF-8 (both aborted the run with a traceback),
and a dangling link (reported under its target's path).
"""

from __future__ import annotations

import json
import os
import signal
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.errors import InputError
from newsline.ingest.files import read_bytes
from newsline.jobs import ingest
from newsline.store import Store
from tests.ingest.test_bad_input import GOOD_DUMP

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="POSIX file kinds")


def _fifo(folder: Path) -> str:
    os.mkfifo(folder / "pipe.txt")
    return "pipe.txt"


def _loop(folder: Path) -> str:
    (folder / "self").symlink_to("self")
    return "self"


def _not_utf8(folder: Path) -> str:
    with open(os.fsencode(folder) + b"/caf\xe9.txt", "wb") as handle:
        handle.write(GOOD_DUMP.replace("Harbour Cranes", "Caf\u00e9 Cranes").encode())
    return "caf\\xe9.txt"


def _dangling(folder: Path) -> str:
    (folder / "gone.txt").symlink_to(folder / "moved-away" / "target.txt")
    return "gone.txt"


# (how to make it, words of the reason)
ODD_ENTRIES: dict[str, tuple[Callable[[Path], str], str]] = {
    "fifo": (_fifo, "not a regular file: a FIFO"),
    "symlink loop": (_loop, "symbolic link loop"),
    "name not UTF-8": (_not_utf8, "file name is not valid UTF-8"),
    "dangling link": (_dangling, "dangling symbolic link"),
}


@pytest.fixture
def no_hang() -> Iterator[None]:
    """Fail (rather than hang the suite) if the run blocks, as it did on a FIFO."""

    def hung(*_: object) -> None:
        raise TimeoutError("ingest blocked")

    previous = signal.signal(signal.SIGALRM, hung)
    signal.alarm(60)
    yield
    signal.alarm(0)
    signal.signal(signal.SIGALRM, previous)


def _folder(tmp_path: Path, *kinds: str) -> tuple[Path, dict[str, str]]:
    folder = tmp_path / "pile"
    folder.mkdir()
    (folder / "good.txt").write_text(GOOD_DUMP, encoding="utf-8")
    names = {kind: ODD_ENTRIES[kind][0](folder) for kind in kinds}
    return folder, names


@pytest.mark.parametrize("kind", ODD_ENTRIES)
def test_each_odd_entry_is_one_failure_and_the_rest_is_ingested(
    kind: str, tmp_path: Path, no_hang: None
) -> None:
    folder, names = _folder(tmp_path, kind)
    with Store(tmp_path / "news.db") as store:
        summary = ingest([str(folder)], store)
        assert [(f.path, f.reason.startswith(ODD_ENTRIES[kind][1])) for f in summary.failures] == [
            (f"{folder}/{names[kind]}", True)
        ]
        assert summary.articles_new == 1 and summary.files == 2
        status = store.status()
    assert [run["finished"] for run in status["runs"]] == [True]
    assert [f["path"] for f in status["last_run_failures"]] == [f"{folder}/{names[kind]}"]


def test_all_at_once_through_the_cli(tmp_path: Path, no_hang: None) -> None:
    folder, names = _folder(tmp_path, *ODD_ENTRIES)
    result = CliRunner().invoke(app, ["ingest", str(folder), "--db", str(tmp_path / "n.db"), "-q"])
    assert result.exit_code == 1, result.output
    assert "1 new articles" in result.stdout and "4 failures" in result.stdout
    for kind, name in names.items():
        assert f"{folder}/{name}" in result.stderr, kind
    assert "moved-away" in result.stderr  # the dangling link's reason names its target
    assert "Traceback" not in result.output


def test_a_dangling_link_is_reported_under_its_own_path(tmp_path: Path) -> None:
    folder, _ = _folder(tmp_path, "dangling link")
    with Store(tmp_path / "news.db") as store:
        (failure,) = ingest([str(folder)], store).failures
    assert failure.path == str(folder / "gone.txt")
    assert failure.reason == f"dangling symbolic link (to {folder}/moved-away/target.txt)"


def test_a_link_to_a_good_file_is_read(tmp_path: Path) -> None:
    folder, _ = _folder(tmp_path)
    (folder / "link.txt").symlink_to(folder / "good.txt")
    with Store(tmp_path / "news.db") as store:
        summary = ingest([str(folder)], store)
    assert summary.ok and summary.articles_new == 1


def test_a_fifo_is_never_opened_even_when_named(tmp_path: Path, no_hang: None) -> None:
    os.mkfifo(tmp_path / "pipe.txt")
    with Store(tmp_path / "news.db") as store:
        (failure,) = ingest([str(tmp_path / "pipe.txt")], store).failures
    assert failure.reason == "not a regular file: a FIFO (named pipe)"
    with pytest.raises(InputError, match="FIFO"):  # the readers' own guard, past the listing
        read_bytes(tmp_path / "pipe.txt", 1000)


GOOD_LINE = json.dumps({"title": "Pier", "text": "The pier reopened on 5 March 2024."})
BAD_LINES = {
    "lone surrogate": ('{"text": "The harbour \\ud800 reopened on 4 March 2024."}', "surrogate"),
    "lone low surrogate": ('{"text": "Harbour", "title": "\\uDC00"}', "surrogate"),
    "nested 100,000 deep": ('{"text": ' + "[" * 100_000 + "]" * 100_000 + "}", "too deeply"),
}


@pytest.mark.parametrize(("line", "words"), BAD_LINES.values(), ids=list(BAD_LINES))
@pytest.mark.parametrize("layout", ["lines", "array"])
def test_json_that_holds_no_storable_text_is_one_failure(
    line: str, words: str, layout: str, tmp_path: Path
) -> None:
    path = tmp_path / "feed.jsonl"
    text = f"{line}\n{GOOD_LINE}\n" if layout == "lines" else f"[{GOOD_LINE}, {line}]"
    path.write_text(text, encoding="utf-8")
    with Store(tmp_path / "news.db") as store:
        summary = ingest([str(path)], store)
        (failure,) = summary.failures
        assert words in failure.reason and failure.path == str(path)
        assert summary.articles_new == (1 if layout == "lines" else 0)
        assert store.status()["runs"][0]["finished"]


def test_an_emoji_pair_is_valid_text(tmp_path: Path) -> None:
    path = tmp_path / "feed.jsonl"
    path.write_text('{"text": "The pier reopened \\ud83d\\ude00 on 5 March 2024."}\n')
    with Store(tmp_path / "news.db") as store:
        assert ingest([str(path)], store).ok
        assert "\U0001f600" in store.all_articles()[0]["text"]
