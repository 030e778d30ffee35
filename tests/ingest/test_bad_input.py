"""Bad files are reported with path and reason, counted, and never cost the good files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from newsline.cli import app
from newsline.jobs import ingest
from newsline.store import Store

GOOD_DUMP = """Harbour Cranes Return to Service After Storm

Workers inspect a crane at the container terminal on Tuesday, March 5, 2024. (Reuters/Ana Lima)
TT

Harbour Cranes Return to Service After Storm

Workers inspect a crane at the container terminal on Tuesday, March 5, 2024. (Reuters/Ana Lima)

The port authority said on Tuesday that all twelve cranes damaged in last week's storm were back in service.

Shipping lines had diverted four vessels to a neighbouring port while repairs went on.
"""

BAD_FILES: dict[str, bytes] = {
    "binary.bin": bytes(range(256)) * 40,
    "empty.txt": b"",
    "blank.txt": b"   \n\n  \n",
    "undecodable.txt": b"Headline\n\n" + bytes([0x81, 0x8D, 0x8F, 0x90, 0x9D]) * 200,
    "broken.html": b"<html><body><div><p></div></span><<<>>>",
    # a UTF-16 feed declaring an encoding with a NUL in its name: feedparser raises on it
    "nul-encoding.xml": b"\xff\xfe"
    + (
        '<?xml version="1.0" encoding="\x00TF-8"?>\n<rss version="2.0"><channel>'
        "<title>Quay Notes</title><item><title>Lock gates reopen</title>"
        "<description>The lock gates reopened on Tuesday.</description></item>"
        "</channel></rss>"
    ).encode("utf-16-le"),
}


def _write(folder: Path, files: dict[str, bytes]) -> None:
    for name, data in files.items():
        (folder / name).write_bytes(data)


@pytest.fixture
def pile(tmp_path: Path) -> Path:
    folder = tmp_path / "pile"
    folder.mkdir()
    _write(folder, BAD_FILES)
    (folder / "good.txt").write_text(GOOD_DUMP, encoding="utf-8")
    lines = [
        json.dumps(
            {
                "id": "a1",
                "title": "Ferry timetable changes",
                "text": "The ferry company said on Monday it would cut winter sailings.",
                "published": "2024-01-08",
                "source": "Coast Gazette",
                "section": "local",
            }
        ),
        json.dumps(
            {
                "id": "a2",
                "title": "New library opens",
                "text": "The city's new library opened its doors on Saturday to hundreds of readers.",
                "published": "2024-01-06",
                "source": "City Post",
            }
        ),
        '{"id": "a3", "title": "Truncated record", "text": "This line was cut off mid-wr',
    ]
    (folder / "feed.jsonl").write_text("\n".join(lines), encoding="utf-8")
    return folder


def test_bad_files_reported_and_good_ones_kept(pile: Path, store: Store) -> None:
    summary = ingest([str(pile)], store)
    reasons = {Path(f.path).name: f.reason for f in summary.failures}
    assert set(reasons) == {*BAD_FILES, "feed.jsonl"}
    assert "binary" in reasons["binary.bin"]
    assert "empty" in reasons["empty.txt"] and "empty" in reasons["blank.txt"]
    assert "undecodable" in reasons["undecodable.txt"]
    assert "HTML" in reasons["broken.html"]
    assert reasons["nul-encoding.xml"] == "feed not parseable: embedded null character"
    assert "line 3" in reasons["feed.jsonl"] and "malformed JSON" in reasons["feed.jsonl"]
    titles = {a["title"] for a in store.all_articles()}
    assert titles == {
        "Harbour Cranes Return to Service After Storm",
        "Ferry timetable changes",
        "New library opens",
    }
    assert store.counts()["failures"] == len(summary.failures)


def test_jsonl_fields_and_extra_metadata(pile: Path, store: Store) -> None:
    ingest([str(pile / "feed.jsonl")], store)
    ferry = next(a for a in store.all_articles() if a["title"] == "Ferry timetable changes")
    assert (ferry["published"], ferry["published_from"]) == ("2024-01-08", "metadata")
    assert ferry["metadata"] == {"section": "local"}
    assert (
        ferry["sources"][0]["external_id"] == "a1"
        and ferry["sources"][0]["outlet"] == "Coast Gazette"
    )


def test_cli_exit_status_and_stderr(pile: Path, tmp_path: Path) -> None:
    runner = CliRunner()
    db = str(tmp_path / "cli.db")
    result = runner.invoke(app, ["ingest", str(pile), "--db", db, "-q"])
    assert result.exit_code == 1
    assert "binary.bin" in result.stderr and "3 new articles" in result.stdout
    good = runner.invoke(app, ["ingest", str(pile / "good.txt"), "--db", db, "-q"])
    assert good.exit_code == 0 and "nothing new" in good.stdout
    usage = runner.invoke(app, ["ingest", str(tmp_path / "missing"), "--db", db])
    assert usage.exit_code == 2 and "no such file" in usage.stderr


def test_interrupted_ingest_is_completed_by_a_rerun(
    pile: Path, store: Store, monkeypatch: pytest.MonkeyPatch
) -> None:
    calls = {"n": 0}
    original = Store.write_batch

    def crash_on_second(self: Store, *args: object, **kwargs: object):  # type: ignore[no-untyped-def]
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt
        return original(self, *args, **kwargs)

    monkeypatch.setattr(Store, "write_batch", crash_on_second)
    with pytest.raises(KeyboardInterrupt):
        ingest([str(pile)], store)
    partial_counts = store.counts()
    monkeypatch.setattr(Store, "write_batch", original)
    ingest([str(pile)], store)
    assert partial_counts["articles"] < store.counts()["articles"] == 3
    assert store.counts()["sources"] == 3


def test_a_store_inside_the_ingested_folder_is_not_read_as_news(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text(GOOD_DUMP, encoding="utf-8")
    with Store(tmp_path / "news.db") as store:
        first = ingest([str(tmp_path)], store)
        again = ingest([str(tmp_path)], store)
    assert first.ok and again.ok and first.files == again.files == 1
