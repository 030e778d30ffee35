"""Split a raw text dump into one raw document per article, line by line.

Scrapers save many articles in one file. An article there opens with a header block (headline,
blank line, photo caption lines) and, in the common layout, a marker line (``TT``) followed by
the same header again and the body. Order of evidence used to find where articles start:

1. each marker line: the article starts at the headline above the caption lines above it;
2. without markers: a run of two or more blank lines followed by a headline-like line that is
   itself followed by a blank line (the blank-line layout of many text exports);
3. otherwise the file is one article.

The rule is chosen for the whole text (markers if any marker opens an article), then the lines
are read once, in order, holding only the article being read: :func:`split_lines` serves the
split stage and the streaming reader of big files alike, so both cut the same articles. A line
too long to hold arrives as its length (an ``int``); an article longer than a cap is reported
and skipped without being held whole.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace

from newsline.errors import InputError
from newsline.records import RawDocument
from newsline.settings import Settings

_TERMINAL = (".", ",", ";", ":")

#: A line of text, or the length of one too long to hold (never blank, never a headline).
Line = str | int


def looks_like_headline(line: str, settings: Settings) -> bool:
    """Short, one line, and not ending like a sentence fragment."""
    line = line.strip()
    return 0 < len(line) <= settings.headline_max_chars and not line.endswith(_TERMINAL)


def is_marker(line: str, settings: Settings) -> bool:
    """The scraper's marker line between an article's header block and its copy."""
    return line.strip() == settings.dump_marker


def looks_like_headline_block(lines: list[str], i: int, settings: Settings) -> bool:
    """A headline line stands alone: a blank line (or the file start) above it."""
    above_blank = i == 0 or not lines[i - 1].strip()
    below_blank = i + 1 < len(lines) and not lines[i + 1].strip()
    return above_blank and below_blank and looks_like_headline(lines[i], settings)


def split_dump(doc: RawDocument, settings: Settings) -> Iterator[RawDocument]:
    """The articles of a plain-text document (structured documents pass through unchanged)."""
    if doc.structured:
        yield doc
        return
    lines = doc.text.split("\n")
    by_marker = has_marker_starts(lines, settings)
    for item in split_lines(lines, doc, settings, by_marker):
        if isinstance(item, RawDocument):  # without a cap, nothing is refused
            yield item


def has_marker_starts(lines: Iterable[Line], settings: Settings) -> bool:
    """True when some marker line opens an article (rule 1 applies); stops at the first."""
    finder = StartFinder(settings, by_marker=True)
    return any(finder.feed(line) is not None for line in lines)


class StartFinder:
    """Line indexes where articles start, found one line at a time.

    A start is known a little after its line (rule 1 at the marker below the caption lines,
    rule 2 at the blank line below the headline); :attr:`anchor` is the first line that may
    still turn out to be one, so a reader needs to keep only the lines from there.
    """

    def __init__(self, settings: Settings, by_marker: bool) -> None:
        self.settings = settings
        self.by_marker = by_marker
        self.index = -1
        self.last_start = -1
        self._in_run = False  # inside a run of non-blank lines
        self._before: int | None = None  # headline-like line just above the current run
        self._last: int | None = None  # last non-blank line, when headline-like
        self._blank_run = 0
        self._candidate: int | None = None

    def feed(self, line: Line) -> int | None:
        """Take the next line; return the start it confirms, if any."""
        self.index += 1
        blank = isinstance(line, str) and not line.strip()
        headline = isinstance(line, str) and looks_like_headline(line, self.settings)
        start = self._feed_marker(line, blank, headline) if self.by_marker else None
        if not self.by_marker:
            start = self._feed_blank_run(blank, headline)
        if start is not None:
            self.last_start = start
        return start

    def _feed_marker(self, line: Line, blank: bool, headline: bool) -> int | None:
        # Walking up from a marker crosses its own run of non-blank lines (the captions) and
        # the blank lines above it; the line reached must be a headline.
        if blank:
            self._in_run = False
            return None
        if not self._in_run:
            self._in_run, self._before = True, self._last
        self._last = self.index if headline else None
        marker = isinstance(line, str) and is_marker(line, self.settings)
        if marker and self._before is not None and self._before > self.last_start:
            return self._before
        return None

    def _feed_blank_run(self, blank: bool, headline: bool) -> int | None:
        start = self._candidate if blank else None
        self._candidate = None
        if blank:
            self._blank_run += 1
            return start
        if self._blank_run >= 2 and headline:
            self._candidate = self.index
        self._blank_run = 0
        return start

    @property
    def anchor(self) -> int:
        """The first line that may still be found to start an article."""
        if not self.by_marker:
            return self._candidate if self._candidate is not None else self.index + 1
        pending = self._before if self._in_run else self._last
        if pending is not None and pending > self.last_start:
            return pending
        return self.index if self._in_run else self.index + 1


@dataclass(slots=True)
class _Held:
    """A held line, or (``text`` None) a run of lines given up as too long to hold."""

    index: int
    offset: int
    text: str | None
    end: int  # offset just after its last non-blank character, -1 when blank
    size: int  # characters held


def split_lines(
    lines: Iterable[Line],
    doc: RawDocument,
    settings: Settings,
    by_marker: bool,
    cap: int | None = None,
) -> Iterator[RawDocument | InputError]:
    """The articles of ``doc`` read from its lines (``"\\n".join(lines)`` is its text).

    Articles longer than ``cap`` characters come out as InputErrors naming their position and
    span; their lines are dropped as soon as that is certain, so they are never held whole.
    """
    finder = StartFinder(settings, by_marker)
    held: list[_Held] = []
    position, offset, size = 0, 0, 0
    limit = cap
    for index, line in enumerate(lines):
        start = finder.feed(line)
        if start is not None and held and start > held[0].index:
            cut = next(i for i, h in enumerate(held) if h.index >= start)
            yield from _article(held[:cut], doc, position, True, cap)
            position, held = position + 1, held[cut:]
            size = sum(h.size for h in held)
            limit = cap
        length = len(line) if isinstance(line, str) else line
        if held or (isinstance(line, int) or line.strip()):  # leading blank lines are no article
            text = line if isinstance(line, str) else None
            end = offset + length if text is None or text.strip() else -1
            held.append(_Held(index, offset, text, end, length + 1))
            size += length + 1
        offset += length + 1
        if cap is not None and limit is not None and size > limit:
            held = _give_up(held, finder.anchor, index, cap)
            size = sum(h.size for h in held)
            limit = size + cap  # what could not be given up is looked at again a cap later
    yield from _article(held, doc, position, position > 0, cap)


def _give_up(held: list[_Held], anchor: int, current: int, cap: int) -> list[_Held]:
    """Collapse held lines that surely belong to an article longer than ``cap``: the lines
    before the anchor (the article being read), and those between the anchor and the current
    line (in either article they end in)."""
    before = [h for h in held if h.index < anchor]
    pinned = [h for h in held if h.index == anchor]
    between = [h for h in held if anchor < h.index < current]
    after = [h for h in held if h.index > anchor and h.index >= current]
    return [*_collapsed(before, cap), *pinned, *_collapsed(between, cap), *after]


def _collapsed(run: list[_Held], cap: int) -> list[_Held]:
    ends = [h.end for h in run if h.end >= 0]
    if not ends or max(ends) - run[0].offset <= cap:
        return run
    return [_Held(run[0].index, run[0].offset, None, max(ends), 0)]


def _article(
    held: list[_Held], doc: RawDocument, position: int, dump: bool, cap: int | None
) -> Iterator[RawDocument | InputError]:
    ends = [h.end for h in held if h.end >= 0]
    if not ends:
        return
    span = (doc.span[0] + held[0].offset, doc.span[0] + max(ends))
    if cap is not None and (span[1] - span[0] > cap or any(h.text is None for h in held)):
        yield InputError(
            f"article {position} (characters {span[0]}-{span[1]}):"
            f" longer than {cap} characters, skipped",
            doc.path,
        )
        return
    last = max(i for i, h in enumerate(held) if h.end >= 0)
    text = "\n".join(h.text or "" for h in held[: last + 1])
    yield replace(
        doc, position=position, text=text, span=span, format="dump" if dump else doc.format
    )
