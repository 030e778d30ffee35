"""Cross-source dating: undated claims take dates from matching dated claims, or bounds.

Sources often retell the same events: a chronology re-published with its dates stripped, a
rewrite of a timeline. Order of work over the events of a set of articles:

1. find the chronologies among them (articles that narrate events in order: a "timeline" in the
   headline, or several paragraphs that open with a date);
2. match each undated sentence of a chronology against the dated sentences of *other* articles
   (TF-IDF cosine, names in common as extra evidence); a close enough match lends its date
   (``dated_by: aligned``, with the matched sentence remembered);
3. date what is still undated by its nearest dated neighbours in its own chronology
   (``dated_by: bounded``: after the one before, before the one after; open-ended when there is
   none after);
4. flag conflicts: a dated sentence that closely matches a dated sentence of another source
   whose date does not overlap its own.

Everything here is lexical and runs offline; a sentence-embedding model can replace
:class:`SentenceVectors` where installed.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections import Counter, defaultdict
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from datetime import date

import numpy as np

from newsline.models.embedding import SentenceModel
from newsline.records import Article, Event, Interval
from newsline.settings import Settings
from newsline.stages.clean_text import SIDE_CLAUSE_WORDS, content_words
from newsline.stages.similarity import SentenceVectors

OPEN_END = date.max
# Plans and announcements are dated by when they happen, not by the sentence they resemble.
_FUTURE = re.compile(r"\b(?:will|is set to|are set to|scheduled|upcoming|plans? to|expected to)\b")
_ORDINAL = re.compile(
    r"\b(first|second|third|fourth|fifth|sixth|last|latest)\s+(?:official\s+|ever\s+)?([a-z]+)",
    re.I,
)
# Nouns that name the same kind of event, so "second meeting" clashes with "first summit".
_EVENT_NOUN = {
    "summit": "meeting",
    "meeting": "meeting",
    "talks": "meeting",
    "visit": "visit",
    "trip": "visit",
}
_INTRODUCES = re.compile(
    r"\b(?:timeline|chronology|key (?:events|dates|moments)|look back|here (?:is|are)|"
    r"the following)\b",
    re.I,
)
_SCORE_CELLS = 4_000_000  # cosines scored at once when matching claims (32 MB of floats)
_SIDE_CLAUSE = re.compile(rf"\b(?:{SIDE_CLAUSE_WORDS})\b[^,;]*$", re.I)
_CHRONOLOGY_TITLE = re.compile(r"\b(?:timeline|chronology|key (?:events|dates)|milestones)\b", re.I)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two closely matching claims from different sources with dates that do not overlap."""

    first: Event
    second: Event
    similarity: float


def is_chronology(article: Article, events: Sequence[Event]) -> bool:
    """True for an article that narrates events in order: a timeline or a chronology."""
    if _CHRONOLOGY_TITLE.search(article.title):
        return True
    openers = {
        e.paragraph
        for e in events
        if e.dated_by == "explicit" and e.mention and e.text.startswith(e.mention)
    }
    return len(openers) >= 3


def align(
    articles: Sequence[Article],
    events: Sequence[Event],
    settings: Settings,
    model: SentenceModel | None = None,
) -> list[Event]:
    """The events with undated chronology sentences aligned or bounded (see module docstring).

    With a sentence ``model`` (the ``embed`` extra) the lexical shortlist is re-ranked by
    meaning; without one, lexical similarity decides.
    """
    by_article: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_article[event.article_id].append(event)
    chronologies = {a.id for a in articles if is_chronology(a, by_article[a.id])}
    body = {a: _body_start(by_article[a]) for a in chronologies}
    targets = [
        e
        for e in events
        if e.article_id in body
        and e.paragraph >= body[e.article_id]
        and e.interval is None
        and not _FUTURE.search(e.text)
    ]
    sources = [e for e in events if e.dated_by == "explicit"]
    aligned = _in_order(_match(targets, sources, settings, model))
    result = _spread([aligned.get(_key(e), e) for e in events])
    return _bound(result, body)


def _body_start(events: Sequence[Event]) -> int:
    """The paragraph where a chronology's entries begin: the first that opens with a date; else
    the first, unless it introduces the chronology ("a timeline of key events")."""
    openers = [
        e.paragraph
        for e in events
        if e.dated_by == "explicit" and e.mention and e.text.startswith(e.mention)
    ]
    if openers:
        return min(openers)
    paragraphs = sorted({e.paragraph for e in events})
    if not paragraphs:
        return 0
    first = " ".join(e.text for e in events if e.paragraph == paragraphs[0])
    if len(paragraphs) > 1 and _INTRODUCES.search(first):
        return paragraphs[1]
    return paragraphs[0]


def _key(event: Event) -> tuple[str, int]:
    return (event.article_id, event.index)


def _match(
    targets: list[Event], sources: list[Event], settings: Settings, model: SentenceModel | None
) -> dict[tuple[str, int], Event]:
    """For each target, the best dated sentence of another article, if close enough."""
    if not targets or not sources:
        return {}
    vectors = SentenceVectors([e.text for e in targets] + [e.text for e in sources])
    if vectors.matrix is None:
        return {}
    source_words: dict[int, set[str]] = {}
    found: dict[tuple[str, int], Event] = {}
    shortlist = min(settings.align_shortlist, settings.align_max_model_pairs // len(targets))
    if shortlist < 1:
        model = None  # more claims than the model's budget of pairs: lexical for all
    for target, scores in _score_rows(vectors, targets):
        columns = np.flatnonzero(scores >= settings.align_min_cosine)
        ranked = _ranked(target, sources, columns, scores, source_words, settings)
        best, score = _choose(target, ranked[: max(shortlist, 1)], model, settings)
        if best is not None:
            found[_key(target)] = replace(
                target,
                interval=best.interval,
                dated_by="aligned",
                mention=best.mention,
                matched=_key(best),
                similarity=round(score, 3),
            )
    return found


def _score_rows(
    vectors: SentenceVectors, targets: list[Event]
) -> Iterator[tuple[Event, np.ndarray]]:
    """Each target's cosines to every source (the rows after the targets'), a block of rows at
    a time: the whole targets x sources matrix would not fit in memory for a large query."""
    matrix = vectors.matrix
    assert matrix is not None
    count = len(targets)
    sources = matrix[count:].T.tocsc()
    block = max(1, _SCORE_CELLS // max(matrix.shape[0] - count, 1))
    for first in range(0, count, block):
        scores = (matrix[first : min(first + block, count)] @ sources).toarray()
        for offset, row_scores in enumerate(scores):
            yield targets[first + offset], row_scores


def _ranked(
    target: Event,
    sources: list[Event],
    columns: Sequence[int],
    scores: Sequence[float],
    source_words: dict[int, set[str]],
    settings: Settings,
) -> list[tuple[float, int, Event]]:
    """Lexical candidates, best first: cosine plus a little for each name in common."""
    words = content_words(target.text)
    ranked = []
    for column in columns:
        source = sources[column]
        if source.article_id == target.article_id or _ordinals_clash(target.text, source.text):
            continue  # its own article; or "a second summit" against "the first summit"
        if column not in source_words:
            source_words[column] = content_words(source.text)
        if len(words & source_words[column]) < settings.align_min_shared:
            continue
        names = set(target.entities) & set(source.entities)
        ranked.append((float(scores[column]) + 0.05 * len(names), int(column), source))
    ranked.sort(key=lambda item: (-item[0], item[1]))
    return ranked


def _choose(
    target: Event,
    ranked: list[tuple[float, int, Event]],
    model: SentenceModel | None,
    settings: Settings,
) -> tuple[Event | None, float]:
    """The lexical best; with a sentence model, the top few (``align_shortlist``, fewer when
    the caller cut ``ranked`` to keep within ``align_max_model_pairs``) re-ranked by meaning."""
    if not ranked:
        return None, 0.0
    if model is None:
        return ranked[0][2], ranked[0][0]
    shortlist = ranked[: settings.align_shortlist]
    vectors = model.encode([target.text, *(source.text for _, _, source in shortlist)])
    meaning = vectors[1:] @ vectors[0]
    best = int(np.argmax(meaning))
    if float(meaning[best]) < settings.align_min_embedding:
        return None, 0.0
    return shortlist[best][2], float(meaning[best])


def _ordinals_clash(first: str, second: str) -> bool:
    """True when both count the same kind of event differently ("second summit", "first summit")."""
    a, b = _ordinals(first), _ordinals(second)
    return any(noun in b and b[noun] != rank for noun, rank in a.items())


def _ordinals(text: str) -> dict[str, str]:
    found = {}
    for rank, noun in _ORDINAL.findall(text):
        noun = noun.lower()
        found[_EVENT_NOUN.get(noun, noun)] = rank.lower()
    return found


def _in_order(aligned: dict[tuple[str, int], Event]) -> dict[tuple[str, int], Event]:
    """Keep, per chronology, the heaviest run of alignments whose dates never go backwards."""
    kept: dict[tuple[str, int], Event] = {}
    by_article: dict[str, list[Event]] = defaultdict(list)
    for event in aligned.values():
        by_article[event.article_id].append(event)
    for events in by_article.values():
        events.sort(key=lambda e: e.index)
        for event in _heaviest_chain(events):
            kept[_key(event)] = event
    return kept


def _heaviest_chain(events: list[Event]) -> list[Event]:
    """The non-decreasing (by date) subsequence with the largest total similarity."""
    best = [e.similarity for e in events]
    back = [-1] * len(events)
    for i, event in enumerate(events):
        for j in range(i):
            if (
                events[j].interval.start <= event.interval.start
                and best[j] + event.similarity > best[i]
            ):  # type: ignore[union-attr]
                best[i], back[i] = best[j] + event.similarity, j
    chain = []
    i = max(range(len(events)), key=lambda k: best[k], default=-1)
    while i >= 0:
        chain.append(events[i])
        i = back[i]
    return chain[::-1]


def _spread(events: list[Event]) -> list[Event]:
    """Undated sentences share the aligned date of their paragraph."""
    paragraph_date: dict[tuple[str, int], Event] = {}
    for event in events:
        if event.dated_by == "aligned":
            paragraph_date.setdefault((event.article_id, event.paragraph), event)
    out = []
    for event in events:
        lender = paragraph_date.get((event.article_id, event.paragraph))
        if event.interval is None and lender is not None:
            event = replace(
                event, interval=lender.interval, dated_by="aligned", matched=lender.matched
            )
        out.append(event)
    return out


def _bound(events: list[Event], body: dict[str, int]) -> list[Event]:
    """Undated chronology sentences between the nearest dated sentences around them."""
    out = list(events)
    positions: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(out):
        if event.article_id in body and event.paragraph >= body[event.article_id]:
            positions[event.article_id].append(i)
    for indexes in positions.values():
        for n, i in enumerate(indexes):
            if out[i].interval is not None:
                continue
            before = _nearest(out, indexes[:n][::-1])
            after = _nearest(out, indexes[n + 1 :])
            if before is None:
                continue
            end = after.end if after is not None and after.end >= before.start else OPEN_END
            out[i] = replace(
                out[i], interval=Interval(before.start, end, "range"), dated_by="bounded"
            )
    return out


def _nearest(events: list[Event], order: list[int]) -> Interval | None:
    for i in order:
        event = events[i]
        if event.interval is not None and event.dated_by in ("explicit", "aligned"):
            return event.interval
    return None


def conflicts(events: Sequence[Event], settings: Settings) -> list[Conflict]:
    """Closely matching dated claims from different articles whose dates do not overlap.

    Pairs are blocked on rarer words they share (a word in at most ``conflict_block`` claims),
    so the cost grows with the number of related claims, not with the square of all claims.
    """
    dated = [
        e
        for e in events
        if e.dated_by == "explicit" and e.interval is not None and not _subordinate_date(e)
    ]
    words = [content_words(e.text) for e in dated]
    pairs = _blocked_pairs(dated, words, settings.conflict_block)
    if not pairs:
        return []
    vectors = SentenceVectors([e.text for e in dated])
    ordered = sorted(pairs)
    found = []
    for (i, j), cosine in zip(ordered, vectors.cosines(ordered), strict=True):
        first, second = dated[i], dated[j]
        if cosine < settings.conflict_min_cosine:
            continue
        if len(words[i] & words[j]) < 0.5 * len(words[i] | words[j]):
            continue  # related, but not the same claim
        a, b = first.interval, second.interval
        assert a is not None and b is not None
        if a.end < b.start or b.end < a.start:
            found.append(Conflict(first, second, round(float(cosine), 3)))
    return found


def _subordinate_date(event: Event) -> bool:
    """True when the date belongs to a side clause ("... since it opened last June"): the
    sentence's main claim is not dated by it, so it cannot contradict another date."""
    if not event.mention:
        return False
    at = event.text.find(event.mention)
    return at > 0 and bool(_SIDE_CLAUSE.search(event.text[max(0, at - 60) : at]))


def _blocked_pairs(events: list[Event], words: list[set[str]], block: int) -> set[tuple[int, int]]:
    """Pairs of claims from different articles that share at least two rarer words.

    Counted one claim at a time (against the later claims it shares a rarer word with), so
    memory holds the pairs found, not every pair that shares one word.
    """
    postings: dict[str, list[int]] = defaultdict(list)
    for i, bag in enumerate(words):
        for word in bag:
            postings[word].append(i)
    rare = {word: members for word, members in postings.items() if len(members) <= block}
    pairs: set[tuple[int, int]] = set()
    for i, bag in enumerate(words):
        shared: Counter[int] = Counter()
        for word in bag & rare.keys():
            members = rare[word]
            shared.update(members[bisect_right(members, i) :])
        article = events[i].article_id
        pairs.update(
            (i, j) for j, count in shared.items() if count >= 2 and events[j].article_id != article
        )
    return pairs
