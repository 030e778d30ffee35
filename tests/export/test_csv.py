"""CSV export: one row per sentence with its entry's dates and its citation."""

from __future__ import annotations

import csv
import io

import pytest

from newsline.export.csv import COLUMNS, _safe, timeline_to_csv
from newsline.export.json import timeline_to_dict
from newsline.records import Article, Timeline


def _open_end(value: str | None) -> str:
    """The JSON's value as a CSV cell: an open end (None, or the last day there is) is empty."""
    return "" if value in (None, "9999-12-31") else value


def _rows(timeline: Timeline) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(timeline_to_csv(timeline))))


def test_every_sentence_is_a_row_with_its_dates_and_citation(
    built: tuple[Timeline, list[Article]],
) -> None:
    timeline, _ = built
    rows = _rows(timeline)
    as_json = timeline_to_dict(timeline)
    expected = []
    for e in as_json["entries"]:
        for s in e["sentences"]:
            expected += [("entry", e, s)] + [("also", e, v) for v in s.get("also", [])]
        expected += [("conflict", e, s) for s in e["conflicts"]]
        expected += [("folded", e, s) for s in e.get("folded", [])]
    expected += [("undated", None, s) for s in as_json["undated"]]
    assert len(rows) == len(expected)
    assert tuple(rows[0]) == COLUMNS if rows else True
    for row, (role, entry, sentence) in zip(rows, expected, strict=True):
        assert row["role"] == role
        for field in ("start", "end", "label", "granularity", "dated_by"):
            assert row[field] == _open_end((entry or {}).get(field))
        if entry:
            assert row["conflict"] == ("true" if entry["conflict"] else "false")
        assert row["sentence_dated_by"] == sentence["dated_by"]
        assert row["sentence_start"] == (sentence["start"] or "")
        assert row["sentence_end"] == _open_end(sentence["end"])
        assert row["article"] == sentence["article"]
        assert row["title"].lstrip("'") == sentence["title"]
        assert row["source"].lstrip("'") == (sentence["source"] or "")
        assert row["published"] == (sentence["published"] or "")
        assert row["text"].lstrip("'") == sentence["text"]
        assert row["quote"].lstrip("'") == sentence.get("quote", "")
        assert row["expected"] == ("true" if sentence.get("expected") else "false")


def test_open_ends_and_conflicting_versions() -> None:
    from tests.export.builders import mixed_timeline

    rows = _rows(mixed_timeline())
    open_end = next(r for r in rows if r["start"] == "2024-03-01")
    assert open_end["end"] == "" and open_end["sentence_end"] == ""
    conflicting = [r for r in rows if r["conflict"] == "true"]
    assert {r["role"] for r in conflicting} <= {"entry", "conflict"}
    assert all(r["start"] == "2016-04-01" for r in conflicting)


def test_undated_sentences_come_last_without_entry_fields() -> None:
    from tests.export.builders import mixed_timeline

    rows = _rows(mixed_timeline())
    last = rows[-1]
    assert last["entry"] == last["start"] == last["label"] == ""
    assert last["text"].startswith("'=HYPERLINK")  # never a live formula
    assert last["role"] == "undated"
    entries = [r["entry"] for r in rows if r["role"] == "entry"]
    assert entries == [str(i) for i in range(1, len(entries) + 1)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("=1+1", "'=1+1"),
        ("+49 30 1234", "'+49 30 1234"),
        ("-2 degrees", "'-2 degrees"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tcmd", "'\tcmd"),
        ("Plain text = fine", "Plain text = fine"),
        ("", ""),
    ],
)
def test_cells_a_spreadsheet_would_evaluate_are_quoted(text: str, expected: str) -> None:
    assert _safe(text) == expected


def test_quotes_commas_and_newlines_round_trip(demo: tuple[Timeline, list[Article]]) -> None:
    timeline, _ = demo
    texts = [s.text for e in timeline.entries for s in e.sentences]
    assert any('"' in t or "," in t for t in texts)
    assert [r["text"] for r in _rows(timeline) if r["role"] == "entry"] == texts
