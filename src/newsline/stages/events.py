"""Sentences as events: each sentence of an article with the time it talks about.

Dating a sentence, in order: (1) its own time mentions, the finest-grained one winning (a day
over a month over a year), dates and the times that name their day ("at 10 p.m. Tuesday",
"on Wednesday night"); a paragraph that opens with a year ("2014 — ... in April") is read as
a chronology's, its months in that year; (2) the era that opens its paragraph ("1990s — ... .
Kim Il Sung dies ..."), as chronologies write; (3) for the article's lead sentences, which
report the news, the publication day. Other sentences stay undated (later stages may date them).
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from datetime import date

from newsline import __version__
from newsline.records import Article, Event, Interval, TimeMention
from newsline.settings import Settings
from newsline.slots import maker
from newsline.stages.clean_text import whole_word_at
from newsline.stages.sentences import split_sentences
from newsline.temporal import Tagger, TextTags
from newsline.temporal.dates import GRANULARITY_RANK
from newsline.temporal.lexicon import MONTH_RE, MONTHS, WEEKDAY_RE, WEEKDAYS, alternation
from newsline.temporal.patterns import trie
from newsline.temporal.tagger import last_antecedent

#: Bump when this module or the temporal tagger changes what events come out of an article, or
#: the store's payload of them changes (``store.codec.events_payload``; 25: it keeps the words
#: of each sentence stating its date), or how those words are found
#: (``similarity.sentence_analysis``): stored events made under another key are recomputed when
#: next needed.
EVENTS_VERSION = 33
# A cheap test that a paragraph may hold a time expression at all; the tagger is costlier:
# a digit, or a word starting with one of these.
_TIME_WORDS = (
    *MONTHS, *WEEKDAYS, "today", "yesterday", "tomorrow", "tonight", "ago", "later", "earlier",
    "year", "month", "week", "decade", "century", "spring", "summer", "autumn", "winter", "now",
    "recently", "that day", "next day", "same day", "following day", "that night",
    "that morning", "that afternoon", "that evening", "quarter",
    "christmas", "halloween", "boxing day", "valentine", "armistice", "veterans day",
    "fourth of july",
)  # fmt: skip
_TRIGGER = re.compile(rf"\d|\b(?:{alternation(_TIME_WORDS)})", re.IGNORECASE)
# The same on an ASCII paragraph in lowercase, read from its start (``match``) word by word:
# the runs of other characters and the words (letters and "_", as ``\b`` sees them) that no
# time word opens are skipped whole, possessively, up to a digit or a time word at a word's
# start. The regex engine then steps once a word, where ``\b(?:...)`` is tried at every
# character. The words are a trie of those that start no other ("jan" finds every word
# "january" does).
_TIME_STARTS = [w for w in _TIME_WORDS if not any(w.startswith(o) for o in _TIME_WORDS if o < w)]
_TIME_START = trie(_TIME_STARTS)
_TELLS_TIME_LOWER = re.compile(rf"(?:[^a-z0-9_]++|(?!{_TIME_START})[a-z_]++)*+(?:\d|{_TIME_START})")
_ERA_PREFIX = re.compile(r"^\s*[^—–\n]{1,40}?\s+[—–]\s")
# A wire dateline, possibly behind a scraped header with a timestamp:
# "NEW ORLEANS (AP) -- ", "LONDON | Tue Apr 28 , 2009 9:03 pm BST LONDON -LRB- Reuters -RRB- - ".
_AGENCIES = ("AP", "AFP", "Reuters", "UPI", "CNN", "dpa", "Xinhua")
_WIRE = rf"[^\n]{{0,100}}?(?:-LRB-|\()\s*(?:{'|'.join(_AGENCIES)})\s*(?:-RRB-|\))\s*(?:--|-|—|–)"
_PLACE = r"(?:[A-Z][A-Z.'’-]+(?:\s*,?\s*[A-Z][A-Za-z.'’-]*){0,4})\s*(?:--|—|–)"
_DATELINE = re.compile(rf"^(?:{_WIRE}|{_PLACE})\s*")
# The same where its first branch cannot match (no "(" or "-LRB-" in a sentence's first 105
# characters, or no agency's name in it): what ``_DATELINE`` matches then, without trying
# the lazy first branch's hundred lengths.
_PLACE_DATELINE = re.compile(rf"{_PLACE}\s*")
# How the second branch of _DATELINE opens.
_CAPITALS = re.compile(r"[A-Z][A-Z.'’-]")
# "has sold papers since 1987": the date starts a state the sentence reports, not its event.
_SINCE = re.compile(r"\bsince\s+$", re.IGNORECASE)
# A capital opening a word (the capital first, so that the regex engine skips to the next one:
# "\b[A-Z]" is tried at every character), then the name's words. The repeats are possessive
# and the optional link an alternation with an empty branch: the same matches (what a repeat
# stops before, a space or a capital, is nothing it could give back, and nothing follows the
# last), with less of the engine's backtracking bookkeeping at every capital.
_ENTITY = re.compile(r"[A-Z](?<!\w[A-Z])[\w'’.-]*+(?:\s++(?:of\s++|de\s++|al-|)[A-Z][\w'’.-]*+)*+")
# The same for an ASCII text, its classes spelled out: ``\w`` and ``\s`` as they read ASCII
# in a str pattern ([A-Za-z0-9_]; the six spaces of ASCII and \x1c-\x1f) are tested by a
# table where the Unicode categories were looked up a character at a time.
_S = r"[ \t\n\r\x0b\x0c\x1c-\x1f]"
_ASCII_ENTITY = re.compile(
    rf"[A-Z](?<![A-Za-z0-9_][A-Z])[A-Za-z0-9_'.-]*+"
    rf"(?:{_S}++(?:of{_S}++|de{_S}++|al-|)[A-Z][A-Za-z0-9_'.-]*+)*+"
)
_NOT_ENTITY = frozenset(
    "The A An In On At It He She They We This That But And As After Before".split()
)


def events_key(settings: Settings) -> str:
    """Names what an article's events depend on besides the article: code and settings."""
    return (
        f"events-v{EVENTS_VERSION}-{__version__}"
        f"-lead{settings.lead_sentences}-dates{settings.dates_per_sentence}"
    )


def extract_events(
    article: Article, settings: Settings, tagger: Tagger | TextTags | None = None
) -> Iterator[Event]:
    """Every body sentence of ``article`` as an :class:`Event` (dated or not).

    ``tagger``: a :class:`TextTags` that dated the article reuses its parse of the paragraphs
    (the same events as with a plain :class:`Tagger`)."""
    tagger = tagger or Tagger()
    anchor = article.published.anchor()
    published = Interval(anchor, anchor, "day") if anchor else None
    text = article.text
    offset = index = 0
    carried: tuple[int, Interval] | None = None  # the last date before, and its paragraph
    for number, block in enumerate(article.blocks):
        start = _block_start(text, block.text, offset)
        offset = start + len(block.text)
        if block.kind != "paragraph":
            continue
        timed = _may_tell_time(block.text)
        mentions = tagger.tag(block.text, anchor) if timed else []
        era = _era(block.text, mentions)
        if era is not None and era.interval is not None and era.interval.granularity == "year":
            # "2014 — ... in April. ... in September of that year": months of 2014, not 2024.
            mentions = tagger.tag(block.text, anchor, narrative=True)
            era = _era(block.text, mentions)
        stated = _stated(block.text, mentions)
        leaning = (
            _leaning(tagger, block.text, anchor, mentions, carried, number)
            if era is None and timed
            else []
        )
        carried = _carried(stated, carried, number)
        paragraph = block.text
        for s_start, s_end in split_sentences(paragraph):
            own = [m for m in stated if s_start <= m.start < s_end] if stated else stated
            if leaning and not _by_precision(own):  # "It sank two days later."
                own = own + [m for m in leaning if s_start <= m.start < s_end]
            sentence = paragraph[s_start:s_end]
            cut = _dateline_length(sentence)
            if cut:
                s_start += cut
                sentence = sentence[cut:]
            names = entities(sentence)
            if own or era is not None:
                dates = _dates(own, era, published, index, settings)
            else:  # most sentences: what _dates gives without a mention or an era, sooner
                dates = _lead_or_undated(published, index, settings)
            for interval, dated_by, said in dates:
                yield _event(
                    article.id,
                    index,
                    sentence,
                    start + s_start,
                    start + s_end,
                    interval,
                    dated_by,
                    said,
                    names,
                    number,
                )
            index += 1


# The blank line ``Article.text`` joins its blocks with: the next block starts this many
# characters after the end of the one before.
_GAP = 2


def _block_start(text: str, block: str, offset: int) -> int:
    """``text.index(block, offset)``, tried first where the block stands in an article's text:
    ``startswith`` at each position up to ``_GAP`` on (the first that holds the block is where
    the search would find it, as none before it does), then the search from the next one. The
    search of a long text for a long block first prepares the block, a few hundred steps for a
    paragraph; a comparison where it starts does not (some 13 blocks an article)."""
    for at in range(offset, offset + _GAP + 1):
        if text.startswith(block, at):
            return at
    return text.index(block, offset + _GAP + 1)


# ``Event(...)``, made faster: :func:`newsline.slots.maker` (a sentence is an event, some 25
# an article).
_event = maker(Event)


# An anaphor's words: a paragraph without them leans on nothing before it.
_ANAPHOR_WORDS = ("that", "later", "earlier", "same", "following", "previous", "prior", "next")
_ANAPHOR_CUE = re.compile(rf"\b(?:{'|'.join(_ANAPHOR_WORDS)})\b", re.I)
# What counts from the publication day says nothing of the story's last date ("today").
_DEICTIC = re.compile(
    r"\b(?:today|tonight|tomorrow|yesterday|now|this|these|ago|currently|recently|last night)\b",
    re.IGNORECASE,
)
# How many paragraphs back an anaphor may find its date.
_CARRY_PARAGRAPHS = 3


def _leaning(
    tagger: Tagger | TextTags,
    paragraph: str,
    anchor: date | None,
    mentions: list[TimeMention],
    carried: tuple[int, Interval] | None,
    number: int,
) -> list[TimeMention]:
    """The paragraph's anaphors that, with no date before them in it, lean on the date
    ``carried`` from the paragraphs before ("... on April 20." / "It sank two days later."):
    the mentions tagging with it adds (they date a sentence only when nothing else does)."""
    if carried is None or number - carried[0] > _CARRY_PARAGRAPHS:
        return []
    if not _anaphor_cue(paragraph):  # (the caller has seen it may tell time)
        return []
    known = {(m.start, m.end) for m in mentions if m.interval is not None}
    found = tagger.tag(paragraph, anchor, False, carried[1])
    return _stated(paragraph, [m for m in found if (m.start, m.end) not in known])


def _anaphor_cue(paragraph: str) -> bool:
    """Whether ``_ANAPHOR_CUE`` finds something in ``paragraph``."""
    if paragraph.isascii():
        # each word looked for by str.find in the lowercase text (its \b where \w is
        # [a-z0-9_]), and where it stands as a whole word only if it is there at all (``in``
        # in a C loop): a few hundred instructions a word, where the pattern tries its words
        # at every character, or one reading word by word steps through all the text
        lower = paragraph.lower()
        present = filter(lower.__contains__, _ANAPHOR_WORDS)
        return any(whole_word_at(lower, word) >= 0 for word in present)
    return _ANAPHOR_CUE.search(paragraph) is not None


def _carried(
    stated: list[TimeMention], before: tuple[int, Interval] | None, number: int
) -> tuple[int, Interval] | None:
    """The date a later paragraph's anaphors lean on once paragraph ``number`` is read: its
    last date a story tells (not "today", a bare clock or a range), else the one before."""
    if not stated:  # most paragraphs: no list to make, nothing for last_antecedent to find
        return before
    usable = [m for m in stated if _dates_a_sentence(m) and not _DEICTIC.search(m.text)]
    interval = last_antecedent(usable, None)
    return (number, interval) if interval is not None else before


def _stated(paragraph: str, mentions: list[TimeMention]) -> list[TimeMention]:
    """The mentions that may date their sentence: not those after "since" (``_SINCE``), nor a
    schedule's time ("every Saturday night", ``_EVERY``), nor a headline's "One Year Later"."""
    return [
        m
        for m in mentions
        if not _SINCE.search(paragraph[max(0, m.start - 10) : m.start])
        and not (m.type == "TIME" and _EVERY.search(paragraph[max(0, m.start - 8) : m.start]))
        and not _TITLED_ANAPHOR.fullmatch(m.text)
    ]


def _may_tell_time(paragraph: str) -> bool:
    """Whether ``_TRIGGER`` finds something in ``paragraph``."""
    if paragraph.isascii():
        lower = paragraph.lower()
        # a digit anywhere is found (the pattern stops at the first), most cheaply by ``in``
        return any(map(lower.__contains__, _DIGITS)) or _TELLS_TIME_LOWER.match(lower) is not None
    return _TRIGGER.search(paragraph) is not None


_DIGITS = "0123456789"


def _dateline_length(sentence: str) -> int:
    """Length of a wire dateline opening a sentence ("NEW ORLEANS (AP) -- "), else 0."""
    head = sentence[:105]  # a dateline's "(" or "-LRB-" is among its first 100 characters
    if "(" in head or "-LRB-" in head:
        wire = any(agency in sentence for agency in _AGENCIES)
        match = (_DATELINE if wire else _PLACE_DATELINE).match(sentence)
    elif _CAPITALS.match(sentence):
        match = _PLACE_DATELINE.match(sentence)
    else:
        return 0  # the common case, without trying a pattern
    return match.end() if match and match.end() < len(sentence) - 20 else 0


def _dates(
    own: list[TimeMention],
    era: TimeMention | None,
    published: Interval | None,
    index: int,
    settings: Settings,
) -> Sequence[tuple[Interval | None, str | None, str | None]]:
    """How a sentence is dated: one entry per date it states, the finest first; else its
    chronology era, else (for a lead sentence) the publication day, else undated."""
    dated = _by_precision(own)
    if dated:
        limit = settings.dates_per_sentence
        seen: list[Interval] = []
        for m in dated:
            if m.interval is not None and m.interval not in seen and len(seen) < limit:
                seen.append(m.interval)
        return [(iv, "explicit", next(m.text for m in dated if m.interval == iv)) for iv in seen]
    if era is not None and era.interval is not None:
        return [(era.interval, "explicit", era.text)]
    return _lead_or_undated(published, index, settings)


def _lead_or_undated(
    published: Interval | None, index: int, settings: Settings
) -> Sequence[tuple[Interval | None, str | None, str | None]]:
    """A sentence that states no date: the publication day for a lead sentence, else none."""
    if published is not None and index < settings.lead_sentences:
        return [(published, "published", None)]
    return _UNDATED


# Most sentences' dates (:func:`_lead_or_undated`): one tuple for all, not a list made for each
# (the caller only reads it).
_UNDATED = ((None, None, None),)


# A time that names its day ("4:53 p.m. Tuesday", "on Tuesday night", "10 p.m. on April 20",
# "the night of April 20"), not a clock alone nor "tonight" (they repeat the publication day),
# a show's title ("Friday Night Is Music Night") or a page's stamp ("Friday 30 April 2010
# 22.49 BST", which would make every lead of a page state its day).
_CLOCK = r"(?:[\d.:]+\s*(?:[ap]\.?m\.?)?|noon|midnight)\s*(?:[A-Z]{2,4}\s+)?,?\s*(?:on\s+)?"
_NAMED_DAY = re.compile(
    rf"(?:(?:early|late)\s+)?(?:{WEEKDAY_RE})\s+(?:morning|afternoon|evening|night)"
    rf"|{_CLOCK}(?:{WEEKDAY_RE}|(?:{MONTH_RE})\s*\d{{1,2}}(?:st|nd|rd|th)?(?:\s*,?\s*\d{{4}})?)"
    rf"|(?:morning|afternoon|evening|night)\s+of\s+(?:{MONTH_RE})\s*\d{{1,2}}(?:\s*,?\s*\d{{4}})?"
    r"|(?:that|the\s+same)\s+(?:morning|afternoon|evening|night)",
    re.IGNORECASE,
)
_TITLED_PART = re.compile(r"\b(?:Morning|Afternoon|Evening|Night)\b")
# A headline's anaphor ("Oil Spills, and Nature Suffers One Year Later") tells no date.
_TITLED_ANAPHOR = re.compile(r"(?:[A-Z][a-z-]*\s+)+(?:Later|Earlier|Ago)")
# Before a time, what makes it a schedule ("every Friday night"), no date.
_EVERY = re.compile(r"\b(?:every|each)\s+$", re.IGNORECASE)


def _dates_a_sentence(mention: TimeMention) -> bool:
    """Whether the mention may date its sentence: a date, or a time that names its day as a
    day would (``_NAMED_DAY``)."""
    if mention.type == "DATE":
        return True
    text = mention.text
    return (
        mention.type == "TIME"
        and _NAMED_DAY.fullmatch(text) is not None
        and _TITLED_PART.search(text) is None
    )


def _by_precision(mentions: list[TimeMention]) -> list[TimeMention]:
    """Dated mentions, finest granularity first, then in text order."""
    dated = [m for m in mentions if m.interval is not None and _dates_a_sentence(m)]
    return sorted(dated, key=lambda m: (GRANULARITY_RANK.get(m.interval.granularity, 9), m.start))  # type: ignore[union-attr]


def _era(paragraph: str, mentions: list[TimeMention]) -> TimeMention | None:
    """The date that opens a chronology paragraph ("2011-2012 — ..."), if any."""
    if "—" not in paragraph and "–" not in paragraph:
        return None  # most paragraphs: no dash for _ERA_PREFIX, which tries 40 lengths first
    prefix = _ERA_PREFIX.match(paragraph)
    if not prefix:
        return None
    inside = [m for m in mentions if m.end <= prefix.end() and m.interval is not None]
    return inside[0] if inside else None


def entities(sentence: str) -> tuple[str, ...]:
    """Capitalized name sequences (a fallback for NER): 'Kim Jong Un', 'Vladivostok'."""
    found = []
    pattern = _ASCII_ENTITY if sentence.isascii() else _ENTITY
    for name in pattern.findall(sentence):  # the whole matches: the pattern has no groups
        name = name.rstrip(".")
        first, _, rest = name.partition(" ")
        if first in _NOT_ENTITY:
            name = rest
        if name and not name.isdigit() and name not in found:
            found.append(name)
    return tuple(found)
