"""An article as flat columns and back: the one codec of the store's rows and the Dask shards.

An :class:`~newsline.records.Article` becomes two flat mappings of plain values (text and
integers, lists and objects as JSON text): its ``articles`` table columns and its provenance's
``sources`` table columns. ``store/db.py`` (SQLite and PostgreSQL) writes and reads them as
rows; the Dask engine writes them as Parquet columns (the source's prefixed ``source_``).
An article's sentence events, when ingest computed them, travel as one compact text
(:func:`events_payload`: each sentence and each date once, and the words a query weighs in each
dated sentence), the ``events`` table's column and the shards' ``events`` column.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import date
from itertools import starmap
from json.encoder import encode_basestring_ascii
from sys import intern
from typing import Any, overload

from newsline.records import Article, Block, Event, Interval, PublicationDate, Source
from newsline.stages.similarity import sentence_analysis

#: Called with each dated sentence's text and its stored analysis (:func:`sentence_analysis`'s
#: two texts) as its events are read.
Analyzed = Callable[[str, str, str], None]

#: Whether to make a stored dated event, given its date, how it was dated, its time
#: expression and its sentence's text (``events_from_payload``'s ``keep``).
Keep = Callable[[Interval, str, "str | None", str], bool]

#: The ``articles`` columns :func:`article_columns` gives, in table order (all text or NULL).
ARTICLE_COLUMNS = (
    "id title captions blocks body published published_granularity published_from"
    " published_evidence agency metadata"
).split()
#: The ``sources`` columns :func:`source_columns` gives, and which of them are integers.
SOURCE_COLUMNS = (
    "path position format encoding encoding_note span_start span_end raw external_id url outlet"
).split()
SOURCE_INTEGERS = frozenset({"position", "span_start", "span_end"})
#: The JSON encoders of the columns, made once: ``json.dumps`` with options makes one a call.
#: What they encode is built here of lists, tuples and strings, never circular: not checking
#: saves about a sixth of encoding an article's events (the same bytes).
_TEXT_JSON = json.JSONEncoder(ensure_ascii=False, check_circular=False).encode
_METADATA_JSON = json.JSONEncoder(ensure_ascii=False, sort_keys=True, default=str).encode
#: A JSON string of an ASCII text (the C escaping of ``json.dumps``' default).
_ASCII = encode_basestring_ascii


def article_columns(a: Article) -> dict[str, Any]:
    """The article's own columns (its provenance apart)."""
    pub = a.published
    evidence = {
        "evidence": list(pub.evidence),
        "conflicts": list(pub.conflicts),
        "not_before": pub.not_before,
        "not_after": pub.not_after,
    }
    return {
        "id": a.id,
        "title": a.title,
        "captions": _TEXT_JSON(list(a.captions)),
        "blocks": _blocks_json(a.blocks),
        "body": a.text,
        "published": pub.value,
        "published_granularity": pub.granularity,
        "published_from": pub.origin,
        "published_evidence": _TEXT_JSON(evidence),
        "agency": a.agency,
        "metadata": _METADATA_JSON(a.metadata),
    }


def _blocks_json(blocks: tuple[Block, ...]) -> str:
    """``_TEXT_JSON`` of the blocks as [kind, text] pairs. ASCII texts are escaped by the
    encoder of ASCII output, which gives them the same characters in half the time (all but
    DEL, which only it escapes)."""
    if all(_ascii_json(b.kind) and _ascii_json(b.text) for b in blocks):
        return "[" + ", ".join(f"[{_ASCII(b.kind)}, {_ASCII(b.text)}]" for b in blocks) + "]"
    return _TEXT_JSON([[b.kind, b.text] for b in blocks])


def _ascii_json(text: str) -> bool:
    """True when :data:`_ASCII` gives ``text`` what ``_TEXT_JSON`` does."""
    return text.isascii() and "\x7f" not in text


def source_columns(a: Article) -> dict[str, Any]:
    """The columns of the copy this article record was read from."""
    s = a.source
    return {
        "path": s.path,
        "position": s.position,
        "format": s.format,
        "encoding": s.encoding,
        "encoding_note": s.encoding_note,
        "span_start": s.span[0],
        "span_end": s.span[1],
        "raw": s.raw,
        "external_id": s.external_id,
        "url": s.url,
        "outlet": s.outlet,
    }


def article_from_columns(row: Mapping[str, Any], source: Mapping[str, Any]) -> Article:
    """The article :func:`article_columns` and :func:`source_columns` describe."""
    evidence = json.loads(row["published_evidence"])
    return Article(
        id=row["id"],
        title=row["title"],
        captions=tuple(json.loads(row["captions"])),
        blocks=tuple(starmap(Block, json.loads(row["blocks"]))),  # [kind, text] pairs
        published=PublicationDate(
            value=row["published"],
            granularity=row["published_granularity"],
            origin=row["published_from"],
            evidence=tuple(evidence["evidence"]),
            conflicts=tuple(evidence["conflicts"]),
            not_before=evidence["not_before"],
            not_after=evidence.get("not_after"),
        ),
        source=Source(
            path=source["path"],
            position=source["position"],
            format=source["format"],
            encoding=source["encoding"],
            span=(source["span_start"], source["span_end"]),
            raw=source["raw"],
            external_id=source["external_id"],
            url=source["url"],
            outlet=source["outlet"],
            encoding_note=source["encoding_note"],
        ),
        agency=row["agency"],
        metadata=json.loads(row["metadata"]),
    )


class PayloadEvents(Sequence[Event]):
    """An article's events as the payload they were stored as (:func:`events_payload`), decoded
    only when first read: storing them again writes that payload as it is. The Dask engine's
    parent stores what its workers encoded without decoding it, nor analyzing every dated
    sentence a second time. Read-only: ``tuple(events)`` to add to them or hash them."""

    __slots__ = ("_events", "article_id", "payload")

    def __init__(self, article_id: str, payload: str) -> None:
        self.article_id = article_id
        self.payload = payload
        self._events: tuple[Event, ...] | None = None

    def _decoded(self) -> tuple[Event, ...]:
        if self._events is None:
            self._events = tuple(events_from_payload(self.article_id, self.payload))
        return self._events

    @overload
    def __getitem__(self, index: int) -> Event: ...
    @overload
    def __getitem__(self, index: slice) -> Sequence[Event]: ...
    def __getitem__(self, index: int | slice) -> Event | Sequence[Event]:
        return self._decoded()[index]

    def __len__(self) -> int:
        return len(self._decoded())

    def __eq__(self, other: object) -> bool:
        if isinstance(other, PayloadEvents):
            if (self.article_id, self.payload) == (other.article_id, other.payload):
                return True
            return self._decoded() == other._decoded()
        if isinstance(other, tuple):  # the events as a tuple, as ingest makes them
            return self._decoded() == other
        return NotImplemented

    __hash__ = None  # type: ignore[assignment]  # mutable cache, compared by content

    def __repr__(self) -> str:
        return f"PayloadEvents({self.article_id!r}, {len(self.payload)} characters)"

    def __reduce__(self) -> tuple[Any, ...]:
        return PayloadEvents, (self.article_id, self.payload)


def events_payload(events: Iterable[Event]) -> str:
    """One article's events as the compact text the store keeps (the article id is the row's):
    three lines, the dated events, the undated ones with their places among all (a query reads
    the second only for the few articles whose undated sentences it uses), then the analysis of
    each sentence stating its date, which every query matching the article compares (its
    number, then :func:`~newsline.stages.similarity.sentence_analysis`'s two texts, all tab
    separated: a query reads them instead of analyzing every sentence it matches). In the first
    two (JSON), every distinct sentence and date once, the events pointing at them (a sentence
    stating two dates is two events of one sentence; most share a few dates). Events read back
    from a payload (:class:`PayloadEvents`) give that payload as it is."""
    if isinstance(events, PayloadEvents):
        return events.payload
    events = list(events)
    places = [n for n, e in enumerate(events) if e.interval is None]
    dated = [e for e in events if e.interval is not None]
    first, texts = _part(dated)
    stated = {e.text for e in dated if e.dated_by == "explicit"}
    analyses = "\t".join(
        f"{n}\t{words}\t{content}"
        for n, text in enumerate(texts)
        if text in stated
        for words, content in [sentence_analysis(text)]
    )
    return first + "\n" + _part([events[n] for n in places], places)[0] + "\n" + analyses


def events_from_payload(
    article_id: str,
    payload: str,
    intervals: dict[tuple[Any, ...], Interval] | None = None,
    undated: bool = True,
    analyzed: Analyzed | None = None,
    keep: Keep | None = None,
) -> list[Event]:
    """The events :func:`events_payload` wrote, in their order (only the dated ones unless
    ``undated``); ``intervals`` keeps the dates already read (articles share them), so a date
    is parsed once per call site that passes it; ``analyzed`` is given the stored analysis of
    each sentence stating its date (a payload written by older code has none). With ``keep``
    (the dated ones only), only the dated events it accepts are made, and analyzed."""
    if keep is not None and undated:
        raise ValueError("keep chooses among the dated events: read without the undated")
    known = {} if intervals is None else intervals
    first, _, tail = payload.partition("\n")
    second, _, third = tail.partition("\n")
    part = json.loads(first)
    used: set[int] | None = None if keep is None else set()
    dated = _events(article_id, part, known, keep, used)
    if analyzed is not None and third:
        fields = third.split("\t")
        sentences = part["sentences"]
        for n, words, content in zip(fields[::3], fields[1::3], fields[2::3], strict=True):
            if used is None or int(n) in used:
                analyzed(sentences[int(n)][4], words, content)
    if not undated or not second:
        return dated
    part = json.loads(second)
    places = dict(zip(part["at"], _events(article_id, part, known), strict=True))
    rest = iter(dated)
    return [places[n] if n in places else next(rest) for n in range(len(dated) + len(places))]


#: Where a payload's first line's table of dates begins: its sentences come before, and a
#: quote inside their texts is escaped, so only the key reads so.
_DATES_KEY = '"dates": ['


def payload_claims(
    payload: str,
    intervals: dict[tuple[Any, ...], Interval],
    names: Callable[[str], bool] | None = None,
) -> list[tuple[Interval, str]]:
    """The dates an article's dated events state and how each was dated (``dated_by``), each
    pair once, in the order of their first event, read from its :func:`events_payload`
    without making its events or decoding its sentences (a large query reads those of tens of
    thousands of articles); with ``names``, only those of sentences it accepts (their texts
    are decoded then). ``intervals``: the dates already read, as :func:`events_from_payload`."""
    end = payload.find("\n")
    first = payload if end < 0 else payload[:end]
    if names is None:
        part = json.loads("{" + first[first.find(_DATES_KEY) :])
        kept = None
    else:
        part = json.loads(first)
        kept = [names(sentence[4]) for sentence in part["sentences"]]
    dates = [_interval(d, intervals) for d in part["dates"]]
    pairs = (
        (dates[row[1]], intern(row[2])) for row in part["events"] if kept is None or kept[row[0]]
    )
    return list(dict.fromkeys(pairs))


def _part(events: list[Event], places: list[int] | None = None) -> tuple[str, list[str]]:
    """One line of :func:`events_payload` and the texts of its sentences, in their order."""
    sentences: dict[tuple[Any, ...], int] = {}
    dates: dict[tuple[Any, ...], int] = {}
    rows = []
    for e in events:
        sentence = (e.index, e.paragraph, e.start, e.end, e.text, e.entities)
        number = sentences.setdefault(sentence, len(sentences))
        row: list[Any] = [number, _date_number(e.interval, dates), e.dated_by, e.mention]
        if e.matched or e.similarity:
            row += [list(e.matched) if e.matched else None, e.similarity]
        rows.append(row)
    part: dict[str, Any] = {"sentences": list(sentences), "dates": list(dates), "events": rows}
    if places is not None:
        part["at"] = places
    # one line: a newline in a text is escaped
    return _TEXT_JSON(part), [sentence[4] for sentence in sentences]


def _events(
    article_id: str,
    part: dict[str, Any],
    known: dict[tuple[Any, ...], Interval],
    keep: Keep | None = None,
    used: set[int] | None = None,
) -> list[Event]:
    """The events of one line of a payload; with ``keep``, those it accepts, the numbers of
    their sentences added to ``used``."""
    dates: list[Interval | None] = [_interval(d, known) for d in part["dates"]]
    dates.append(None)  # number -1: undated
    # a query holds hundreds of thousands of events: the words they repeat (how they were
    # dated, time expressions, names) are held once, not once an event
    sentences = [(*row[:5], tuple(map(intern, row[5]))) for row in part["sentences"]]
    events = []
    for number, date_number, dated_by, mention, *lent in part["events"]:
        index, paragraph, start, end, text, names = sentences[number]
        if keep is not None and used is not None:
            if not keep(dates[date_number], dated_by, mention, text):
                continue
            used.add(number)
        matched, similarity = lent or (None, 0.0)
        events.append(
            Event(  # positional: a query decodes tens of thousands of events
                article_id,
                index,
                text,
                start,
                end,
                dates[date_number],
                intern(dated_by) if dated_by else dated_by,
                intern(mention) if mention else mention,
                names,
                paragraph,
                (matched[0], matched[1]) if matched else None,
                similarity,
            )
        )
    return events


def _date_number(interval: Interval | None, dates: dict[tuple[Any, ...], int]) -> int:
    """The interval's number in the payload's table of dates (-1: undated)."""
    if interval is None:
        return -1
    key = (interval.start.isoformat(), interval.end.isoformat(), interval.granularity)
    return dates.setdefault(key, len(dates))


def _interval(item: list[Any], known: dict[tuple[Any, ...], Interval]) -> Interval:
    key = tuple(item)
    found = known.get(key)
    if found is None:
        found = known[key] = Interval(
            date.fromisoformat(item[0]), date.fromisoformat(item[1]), item[2]
        )
    return found
