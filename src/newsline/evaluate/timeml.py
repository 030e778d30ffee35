"""Read and write TimeML: the raw text, its DCT and its TIMEX3 tags with character offsets.

Reading keeps only what time tagging needs: the text inside ``<TEXT>`` with every tag removed,
the document creation time from ``<DCT>``, and the TIMEX3 elements found inside ``<TEXT>`` as
:class:`Timex` records whose offsets index that raw text. Files without a ``<TEXT>`` element
(HeidelTime's output, say) are read from their root element instead.

Writing puts newsline's mentions back into the same text as ``TIMEX3`` elements. What is not
TIMEX3 is mapped on the way out (:func:`timeml_timexes`):

* a range written across words ("from March to May", "between 1985 and 1987", "Mid-1950s
  through 1960s") becomes two TIMEX3s, one per end, as TimeML annotates it; a range inside
  one word ("1945-1948", "1950-53") stays one TIMEX3 whose value is what both ends share
  (:func:`timeml_value`: ``194``);
* decades and centuries take TimeML's form (``197X`` -> ``197``, ``19XX`` -> ``19``);
* internal mods become TIMEX3 mods (:func:`timeml_mod`: MID_END -> END, START_MID -> START).
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsline.errors import InputError
from newsline.records import TimeMention

_TAG = re.compile(r"<(/?)([A-Za-z][\w:-]*)([^>]*?)(/?)>", re.DOTALL)
_ATTR = re.compile(r"([\w:-]+)\s*=\s*\"([^\"]*)\"")
_TEXT = re.compile(r"<TEXT>(.*?)</TEXT>", re.DOTALL)
_DCT = re.compile(r"<DCT>(.*?)</DCT>", re.DOTALL)
_ROOT = re.compile(r"<TimeML[^>]*>(.*?)</TimeML>", re.DOTALL)
_ISO_DAY = re.compile(r"(\d{4})-?(\d{2})-?(\d{2})")


@dataclass(frozen=True, slots=True)
class Timex:
    """One TIMEX3 element: its span in the raw text and its attributes."""

    start: int
    end: int
    text: str
    type: str
    value: str
    mod: str | None = None
    tid: str = ""
    function: str = "NONE"  # functionInDocument; CREATION_TIME marks the DCT


@dataclass(frozen=True, slots=True)
class TimeMLDocument:
    """A TimeML document reduced to raw text, creation date and gold TIMEX3 tags."""

    name: str
    text: str
    dct: date | None
    timexes: tuple[Timex, ...]


def parse_timeml(markup: str, name: str = "") -> TimeMLDocument:
    """Parse TimeML markup; the text is ``<TEXT>`` content (or the root's) with tags removed."""
    body = _TEXT.search(markup) or _ROOT.search(markup)
    if body is None:
        raise InputError("no <TEXT> or <TimeML> element", name or None)
    text, timexes = strip_tags(body.group(1))
    return TimeMLDocument(name, text, _dct(markup), tuple(timexes))


def strip_tags(markup: str) -> tuple[str, list[Timex]]:
    """Raw text of a markup fragment and the TIMEX3 elements in it, offsets into that text."""
    out: list[str] = []
    size = 0
    open_timex: tuple[int, dict[str, str]] | None = None
    timexes: list[Timex] = []
    position = 0
    for tag in _TAG.finditer(markup):
        piece = html.unescape(markup[position : tag.start()])
        out.append(piece)
        size += len(piece)
        position = tag.end()
        if tag.group(2) != "TIMEX3":
            continue
        if tag.group(1) == "" and tag.group(4) == "":
            open_timex = (size, dict(_ATTR.findall(tag.group(3))))
        elif tag.group(1) == "/" and open_timex is not None:
            start, attrs = open_timex
            timexes.append(_timex(start, size, "".join(out)[start:size], attrs))
            open_timex = None
    out.append(html.unescape(markup[position:]))
    return "".join(out), timexes


def _timex(start: int, end: int, text: str, attrs: dict[str, str]) -> Timex:
    return Timex(
        start=start,
        end=end,
        text=text,
        type=attrs.get("type", ""),
        value=attrs.get("value", ""),
        mod=attrs.get("mod"),
        tid=attrs.get("tid", ""),
        function=attrs.get("functionInDocument", "NONE"),
    )


def _dct(markup: str) -> date | None:
    found = _DCT.search(markup)
    if found is None:
        return None
    attrs = dict(_ATTR.findall(found.group(1)))
    day = _ISO_DAY.match(attrs.get("value", "")) or _ISO_DAY.search(found.group(1))
    if day is None:
        return None
    try:
        return date(int(day[1]), int(day[2]), int(day[3]))
    except ValueError:
        return None


def read_timeml(path: Path) -> TimeMLDocument:
    """Read one TimeML file; raises :class:`InputError` when it cannot be read as TimeML."""
    try:
        markup = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", str(path)) from exc
    return parse_timeml(markup, path.name)


def timeml_files(folder: Path) -> list[Path]:
    """The ``.tml`` (and ``.timeml``) files in a folder, sorted by name."""
    return sorted(p for p in folder.iterdir() if p.suffix in (".tml", ".timeml") and p.is_file())


#: Internal mods mapped onto the TIMEX3 mod list when written as TimeML.
MOD_MAP = {"MID_END": "END", "START_MID": "START"}
TIMEX3_MODS = {
    "BEFORE",
    "AFTER",
    "ON_OR_BEFORE",
    "ON_OR_AFTER",
    "LESS_THAN",
    "MORE_THAN",
    "EQUAL_OR_LESS",
    "EQUAL_OR_MORE",
    "START",
    "MID",
    "END",
    "APPROX",
}


def timeml_mod(mod: str | None) -> str | None:
    """A TIMEX3 mod for an internal one: MID_END -> END, START_MID -> START, unknown -> None."""
    if mod is None:
        return None
    mod = MOD_MAP.get(mod, mod)
    return mod if mod in TIMEX3_MODS else None


_DECADE = re.compile(r"^(\d{3})X$")
_CENTURY = re.compile(r"^(\d{2})XX$")


def timeml_value(value: str) -> str:
    """The TimeML 1.2.1 form of an internal value, as TimeBank and TempEval-3 write it.

    * decades and centuries drop their X: ``197X`` -> ``197``, ``19XX`` -> ``19``;
    * TIMEX3 has no range value: a range of years inside one decade reads as the decade
      (``1945/1948`` -> ``194``), inside one century as the century (``19``); a range of
      months or days inside one year as the year; any other range as its first part.
    """
    if "/" in value:
        value = _range_value(*value.split("/", 1))
    if m := _DECADE.match(value):
        return m[1]
    if m := _CENTURY.match(value):
        return m[1]
    return value


def timeml_timexes(mention: TimeMention) -> list[Timex]:
    """The TIMEX3s newsline writes for one mention: its two ends for a range across words."""
    parts = mention.parts
    if len(parts) == 2 and parts[0].end < parts[1].start:
        gap = mention.text[parts[0].end - mention.start : parts[1].start - mention.start]
        if any(c.isspace() for c in gap):
            return [as_timex(part) for part in parts]
    return [as_timex(mention)]


def as_timex(mention: TimeMention, tid: str = "") -> Timex:
    """A mention as the TIMEX3 newsline writes for it: value and mod in TimeML form."""
    return Timex(
        start=mention.start,
        end=mention.end,
        text=mention.text,
        type=mention.type,
        value=timeml_value(mention.value),
        mod=timeml_mod(mention.mod),
        tid=tid,
    )


def _range_value(left: str, right: str) -> str:
    years = len(left) == len(right) == 4 and (left + right).replace("X", "0").isdigit()
    if years and left[:3] == right[:3] and left[3] != "X":
        return left[:3]
    if years and left[:2] == right[:2]:
        return left[:2]
    if not years and len(left) > 4 and left[:4] == right[:4] and left[:4].isdigit():
        return left[:4]
    return left


def write_timeml(name: str, text: str, dct: date | None, mentions: list[TimeMention]) -> str:
    """A TimeML document of ``text`` with ``mentions`` as TIMEX3 tags (tids t1, t2 ...)."""
    parts = ['<?xml version="1.0" ?>\n<TimeML>\n', f"<DOCID>{html.escape(name)}</DOCID>\n"]
    if dct is not None:
        parts.append(
            f'<DCT><TIMEX3 tid="t0" type="DATE" value="{dct.isoformat()}" '
            f'temporalFunction="false" functionInDocument="CREATION_TIME">'
            f"{dct.isoformat()}</TIMEX3></DCT>\n"
        )
    parts.append("<TEXT>")
    position = 0
    timexes = [t for m in sorted(mentions, key=lambda m: m.start) for t in timeml_timexes(m)]
    for number, timex in enumerate(timexes, start=1):
        if timex.start < position:
            continue
        parts.append(html.escape(text[position : timex.start], quote=False))
        parts.append(_open_tag(number, timex))
        parts.append(html.escape(text[timex.start : timex.end], quote=False) + "</TIMEX3>")
        position = timex.end
    parts.append(html.escape(text[position:], quote=False) + "</TEXT>\n</TimeML>\n")
    return "".join(parts)


def _open_tag(number: int, timex: Timex) -> str:
    attrs = f'tid="t{number}" type="{timex.type}" value="{html.escape(timex.value)}"'
    if timex.mod:
        attrs += f' mod="{timex.mod}"'
    return f"<TIMEX3 {attrs}>"


def load_document(path: Path, dct: date | None = None) -> TimeMLDocument:
    """A document to tag: TimeML (``.tml``, ``.timeml``: its ``<TEXT>`` and ``<DCT>``, gold tags
    kept apart) or plain text (any other suffix). ``dct`` overrides the file's own DCT."""
    if path.suffix in (".tml", ".timeml"):
        doc = read_timeml(path)
        return doc if dct is None else TimeMLDocument(doc.name, doc.text, dct, doc.timexes)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise InputError(f"cannot read: {exc}", str(path)) from exc
    return TimeMLDocument(path.name, text, dct, ())
