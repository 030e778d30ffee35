"""The timeline as CSV: one row per sentence, with its entry's dates and its citation.

Columns follow the JSON schema's names (:mod:`newsline.export.json`), entry fields first.
``role`` tells an entry's own sentences (``entry``) from other sources' versions of the
sentence above (``also``: the same claim, more citations), the other sources' versions of a
conflicting entry (``conflict``), mentions of the same happening at a coarser date or the
neighbouring day folded into the entry (``folded``, with their own dates) and sentences no
date was found for (``undated``, last, with empty entry fields). An open end (``after March
2024``) is an empty ``end``; ``quote`` is the sentence as written where ``text`` leaves out its
date (else empty); ``expected`` is ``true`` for a plan or expectation, not what happened. Cells
of article text that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@``, tab, CR
at the start) get a leading apostrophe, the usual defence against CSV injection.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from datetime import date

from newsline.export.labels import human_label
from newsline.export.printable import printable
from newsline.records import EntrySentence, Interval, Timeline, TimelineEntry

COLUMNS = (
    "role",
    "entry",
    "start",
    "end",
    "label",
    "granularity",
    "dated_by",
    "conflict",
    "score",
    "text",
    "sentence_dated_by",
    "sentence_start",
    "sentence_end",
    "article",
    "title",
    "source",
    "published",
    "path",
    "quote",
    "expected",
)
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def timeline_to_csv(timeline: Timeline) -> str:
    """CSV text with a header row; undated sentences come last with empty entry fields."""
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(COLUMNS)
    writer.writerows(_rows(timeline))
    return buffer.getvalue()


def _rows(timeline: Timeline) -> Iterator[list[str]]:
    for number, entry in enumerate(timeline.entries, start=1):
        cells = _entry_cells(number, entry)
        for sentence in entry.sentences:
            yield ["entry", *cells, *_sentence_cells(sentence)]
            for version in sentence.also:
                yield ["also", *cells, *_sentence_cells(version)]
        for sentence in entry.conflicts:
            yield ["conflict", *cells, *_sentence_cells(sentence)]
        for sentence in entry.folded:
            yield ["folded", *cells, *_sentence_cells(sentence)]
    for sentence in timeline.undated:
        yield ["undated", *[""] * 8, *_sentence_cells(sentence)]


def _entry_cells(number: int, entry: TimelineEntry) -> list[str]:
    start, end = _bounds(entry.interval)
    return [
        str(number),
        start,
        end,
        human_label(entry.interval),
        entry.interval.granularity,
        entry.dated_by,
        "true" if entry.conflict else "false",
        f"{entry.score:.3f}",
    ]


def _sentence_cells(sentence: EntrySentence) -> list[str]:
    cite = sentence.citation
    return [
        _safe(printable(sentence.text)),
        sentence.dated_by,
        *_bounds(sentence.interval),
        cite.article,
        _safe(cite.title),
        _safe(cite.source or ""),
        cite.published or "",
        _safe(cite.path),
        _safe(
            sentence.quote or (sentence.text if printable(sentence.text) != sentence.text else "")
        ),
        "true" if sentence.expected else "false",
    ]


def _as_written(sentence: EntrySentence) -> str:
    """The sentence as written where the row's ``text`` differs from it, else empty."""
    if sentence.quote is not None:
        return sentence.quote
    return sentence.text if printable(sentence.text) != sentence.text else ""


def _bounds(interval: Interval | None) -> tuple[str, str]:
    """Inclusive ISO bounds; empty for no interval or an open end."""
    if interval is None:
        return "", ""
    end = "" if interval.end == date.max else interval.end.isoformat()
    return interval.start.isoformat(), end


def _safe(text: str) -> str:
    """Text a spreadsheet shows as text, never evaluates."""
    return "'" + text if text.startswith(_FORMULA_START) else text
