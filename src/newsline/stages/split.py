"""Split a raw text dump into one raw document per article.

Scrapers save many articles in one file. An article there opens with a header block (headline,
blank line, photo caption lines) and, in the common layout, a marker line (``TT``) followed by
the same header again and the body. Order of evidence used to find where articles start:

1. each marker line: the article starts at the headline above the caption lines above it;
2. without markers: a run of two or more blank lines followed by a headline-like line that is
   itself followed by a blank line (the blank-line layout of many text exports);
3. otherwise the file is one article.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace

from newsline.records import RawDocument
from newsline.settings import Settings

_TERMINAL = (".", ",", ";", ":")


def looks_like_headline(line: str, settings: Settings) -> bool:
    """Short, one line, and not ending like a sentence fragment."""
    line = line.strip()
    return 0 < len(line) <= settings.headline_max_chars and not line.endswith(_TERMINAL)


def split_dump(doc: RawDocument, settings: Settings) -> Iterator[RawDocument]:
    """The articles of a plain-text document (structured documents pass through unchanged)."""
    if doc.structured:
        yield doc
        return
    lines = doc.text.split("\n")
    starts = _marker_starts(lines, settings) or _blank_run_starts(lines, settings)
    if not starts or starts[0] != _first_content(lines):
        starts = [_first_content(lines), *starts]
    offsets = _line_offsets(lines)
    for position, (first, last) in enumerate(zip(starts, [*starts[1:], len(lines)], strict=True)):
        while last > first and not lines[last - 1].strip():
            last -= 1
        if last <= first:
            continue
        span = (
            doc.span[0] + offsets[first],
            doc.span[0] + offsets[last - 1] + len(lines[last - 1]),
        )
        text = "\n".join(lines[first:last])
        yield replace(
            doc,
            position=position,
            text=text,
            span=span,
            format="dump" if len(starts) > 1 else doc.format,
        )


def _first_content(lines: list[str]) -> int:
    return next((i for i, line in enumerate(lines) if line.strip()), 0)


def _line_offsets(lines: list[str]) -> list[int]:
    offsets, total = [], 0
    for line in lines:
        offsets.append(total)
        total += len(line) + 1
    return offsets


def is_marker(line: str, settings: Settings) -> bool:
    """The scraper's marker line between an article's header block and its copy."""
    return line.strip() == settings.dump_marker


def _marker_starts(lines: list[str], settings: Settings) -> list[int]:
    """Line index of the headline that opens each marked article."""
    starts: list[int] = []
    for index, line in enumerate(lines):
        if not is_marker(line, settings):
            continue
        start = _header_start(lines, index, settings)
        if start is not None and (not starts or start > starts[-1]):
            starts.append(start)
    return starts


def _header_start(lines: list[str], marker: int, settings: Settings) -> int | None:
    """Walk up from a marker over caption lines and blank lines to the headline."""
    i = marker - 1
    while i >= 0 and lines[i].strip() and not looks_like_headline_block(lines, i, settings):
        i -= 1
    while i >= 0 and not lines[i].strip():
        i -= 1
    if i >= 0 and looks_like_headline(lines[i], settings):
        return i
    return None


def looks_like_headline_block(lines: list[str], i: int, settings: Settings) -> bool:
    """A headline line stands alone: a blank line (or the file start) above it."""
    above_blank = i == 0 or not lines[i - 1].strip()
    below_blank = i + 1 < len(lines) and not lines[i + 1].strip()
    return above_blank and below_blank and looks_like_headline(lines[i], settings)


def _blank_run_starts(lines: list[str], settings: Settings) -> list[int]:
    starts: list[int] = []
    blank_run = 0
    for index, line in enumerate(lines):
        if not line.strip():
            blank_run += 1
            continue
        if (
            blank_run >= 2
            and starts is not None
            and looks_like_headline_block(lines, index, settings)
        ):
            starts.append(index)
        blank_run = 0
    return starts
