"""The plain records every stage reads and writes.

Records are frozen, slotted dataclasses: cheap to create by the million, safe to share between
stages and processes, and trivially picklable for a partitioned (Dask) run.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

#: Granularities from finest to coarsest; an interval knows how precise it is.
GRANULARITIES = ("day", "week", "month", "season", "quarter", "half", "year", "decade", "century")


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of an article body: a paragraph, a sub-heading, or the page's dateline (an
    update stamp cut out of the text: it dates the page and is no sentence of it)."""

    kind: str  # "paragraph" | "heading" | "dateline"
    text: str


@dataclass(frozen=True, slots=True)
class RawDocument:
    """Text as a reader found it, before splitting and cleaning.

    ``structured`` documents (JSONL, HTML, feeds) already separate title and body; plain text and
    dumps are parsed by the split and clean stages.
    """

    path: str
    position: int
    text: str
    format: str
    encoding: str = "utf-8"
    span: tuple[int, int] = (0, 0)
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    url: str | None = None
    external_id: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    structured: bool = False
    encoding_note: str | None = None
    blocks: tuple[Block, ...] = ()


@dataclass(frozen=True, slots=True)
class FileFailure:
    """A file, or a record of one, that could not be processed, with the reason; reported and
    counted, never fatal.

    ``stage``, ``record`` and ``error`` (the exception type) are set for an unexpected exception
    in a stage (:class:`newsline.errors.StageError`): unlike bad input, such a failure is
    retried by the next run. ``record`` names the article (its id, or its position in the file).
    """

    path: str
    reason: str
    stage: str | None = None
    record: str | None = None
    error: str | None = None

    @property
    def retry(self) -> bool:
        """True for a stage's unexpected exception: the next run processes the record again."""
        return self.error is not None

    def to_dict(self) -> dict[str, str | None]:
        """A JSON-ready form."""
        return {
            "path": self.path,
            "reason": self.reason,
            "stage": self.stage,
            "record": self.record,
            "error": self.error,
        }


@dataclass(frozen=True, slots=True)
class Interval:
    """A closed interval of days with the granularity it was stated in."""

    start: date
    end: date
    granularity: str

    def label(self) -> str:
        """The ISO form at its own granularity: 2023-09-12, 2023-09, 2023, 1950/1953."""
        from newsline.temporal.intervals import interval_label

        return interval_label(self)


@dataclass(frozen=True, slots=True)
class TimeMention:
    """A time expression found in text, normalized as TIMEX3 and as an interval."""

    start: int
    end: int
    text: str
    type: str  # DATE | TIME | DURATION | SET
    value: str  # TIMEX3 value: 2023-09-12, 2000-07, 197X, P3M, XXXX-WXX-1, PRESENT_REF ...
    mod: str | None = None  # START | MID | END | APPROX | BEFORE | AFTER ...
    interval: Interval | None = None
    parts: tuple[TimeMention, ...] = ()  # a range's two ends ("from March to May"), each tagged


@dataclass(frozen=True, slots=True)
class PublicationDate:
    """When an article was published, how precisely, and how we know."""

    value: str | None = None  # "2026-01-19" | "2026-01" | "2026" | None
    granularity: str | None = None  # "day" | "month" | "year" | None
    origin: str = "none"  # "metadata" | "path" | "text" | "none"
    evidence: tuple[str, ...] = ()
    conflicts: tuple[str, ...] = ()
    not_before: str | None = None
    not_after: str | None = None

    def anchor(self) -> date | None:
        """A day to resolve relative expressions against; None when the day is not known."""
        if self.granularity == "day" and self.value:
            return date.fromisoformat(self.value)
        return None


@dataclass(frozen=True, slots=True)
class Source:
    """Provenance of one copy of an article: where it was read and the raw text it came from."""

    path: str
    position: int
    format: str
    encoding: str
    span: tuple[int, int]
    raw: str
    external_id: str | None = None
    url: str | None = None
    outlet: str | None = None
    encoding_note: str | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: headline, captions kept apart, body blocks, publication date, provenance."""

    id: str
    title: str
    captions: tuple[str, ...]
    blocks: tuple[Block, ...]
    published: PublicationDate
    source: Source
    agency: str | None = None
    metadata: dict[str, Any] = field(default_factory=dict)
    #: Its sentence events when ingest computed them as it read the article (``ingest_events``);
    #: None otherwise (derived data: left out of comparisons, stored in the ``events`` table).
    events: Sequence[Event] | None = field(default=None, compare=False, repr=False)

    @property
    def text(self) -> str:
        """The body as plain text, one block per paragraph."""
        return "\n\n".join(block.text for block in self.blocks)

    @property
    def paragraphs(self) -> tuple[str, ...]:
        """The body paragraphs, sub-headings left out."""
        return tuple(b.text for b in self.blocks if b.kind == "paragraph")


@dataclass(frozen=True, slots=True)
class Event:
    """One sentence of one article with the time it talks about (if any) and what it names."""

    article_id: str
    index: int  # sentence number within the article
    text: str
    start: int  # offsets into Article.text
    end: int
    interval: Interval | None
    dated_by: str | None  # "explicit" | "published" | "aligned" | "bounded" | None (undated)
    mention: str | None = None  # the time expression that dated it
    entities: tuple[str, ...] = ()
    paragraph: int = 0
    matched: tuple[str, int] | None = None  # (article id, sentence index) that lent its date
    similarity: float = 0.0  # how closely it matched that sentence
    # A bounded sentence's dated neighbours in its chronology, (article id, sentence index):
    # the one before it, and the one after it when that closes the range.
    neighbours: tuple[tuple[str, int], ...] = ()


@dataclass(frozen=True, slots=True)
class Citation:
    """Who says so: the article, its outlet and the file it came from."""

    article: str
    title: str
    source: str | None
    path: str
    published: str | None = None


@dataclass(frozen=True, slots=True)
class EntrySentence:
    """A sentence in a timeline entry, with its citation and how it was dated."""

    text: str
    citation: Citation
    dated_by: str
    interval: Interval | None
    matched: Citation | None = None
    matched_text: str | None = None
    quote: str | None = None  # the sentence as written, when ``text`` leaves out its date
    also: tuple[EntrySentence, ...] = ()  # other sources' versions of it: more citations
    expected: bool = False  # a plan or expectation for its date, not what happened then


@dataclass(frozen=True, slots=True)
class DateMention:
    """A time expression that gave an entry its date: ``start``/``end`` are its character
    offsets in its article's ``text`` (``Article.text``, as ``newsline show --json`` prints it)."""

    text: str
    article: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class DateReport:
    """A lead sentence dated by its article's publication day: the article reports the date as
    its news. ``start``/``end``: the sentence's offsets in its article's ``text``."""

    text: str
    article: str
    start: int
    end: int
    published: str


@dataclass(frozen=True, slots=True)
class DateSource:
    """A dated sentence another one took its date from (or was placed against)."""

    text: str
    article: str
    interval: Interval | None


@dataclass(frozen=True, slots=True)
class LentDate:
    """An undated claim that got the entry's date from other sentences: ``aligned`` (the claim
    it matched, with the similarity) or ``bounded`` (the dated neighbours around it)."""

    text: str
    article: str
    dated_by: str  # "aligned" | "bounded"
    matched: DateSource | None = None
    similarity: float | None = None  # None: it shares its paragraph's aligned date
    before: DateSource | None = None
    after: DateSource | None = None


@dataclass(frozen=True, slots=True)
class EntryEvidence:
    """Why an entry has its date: the words and publication days behind it, who states it and
    when, the claims that borrowed it, and one plain sentence saying so."""

    mentions: tuple[DateMention, ...]
    reports: tuple[DateReport, ...]
    articles: int  # distinct articles that state the date (a mention or the publication day)
    outlets: int  # distinct named outlets among them
    first_reported: str | None  # earliest publication day among them
    last_reported: str | None
    lent: tuple[LentDate, ...]
    why: str


@dataclass(frozen=True, slots=True)
class TimelineEntry:
    """One date (or month, year, range) of a timeline and the sentences that tell it."""

    interval: Interval
    sentences: tuple[EntrySentence, ...]
    score: float = 0.0
    dated_by: str = "explicit"
    conflict: bool = False
    conflicts: tuple[EntrySentence, ...] = ()  # the other sources' versions, with their dates
    background: bool = False  # long before the matching articles' coverage: the story's past
    evidence: EntryEvidence | None = None  # why this date (None for hand-made entries)
    expected: bool = False  # every sentence is a plan or expectation (stages.plans)
    # mentions of the same happening at a coarser date or the next day, folded in (stages.fold)
    folded: tuple[EntrySentence, ...] = ()


@dataclass(frozen=True, slots=True)
class Timeline:
    """A dated, cited timeline for a query."""

    query: str
    entries: tuple[TimelineEntry, ...]
    articles: int = 0
    undated: tuple[EntrySentence, ...] = ()
    failures: tuple[FileFailure, ...] = ()  # articles left out by a stage's unexpected error
    # Matching articles per publication day, by day (articles without a known day left out).
    coverage: tuple[tuple[date, int], ...] = ()
