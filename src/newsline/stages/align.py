"""Cross-source dating: undated claims take dates from matching dated claims, or bounds.

Sources often retell the same events: a chronology re-published with its dates stripped, a
rewrite of a timeline. Order of work over the events of a set of articles:

1. find the chronologies among them (articles that narrate events in order: a "timeline" in the
   headline, or three or more entries, paragraphs opening with distinct dates and an entry mark;
   a clock time opens a live blog's post or a comment, not an entry) and the paragraphs their
   entries span;
2. match each undated claim of a chronology's entries (not a question, chatter, a comment or
   opinion: :func:`is_claim`) against the dated sentences of *other* articles (TF-IDF cosine,
   names in common as extra evidence); a match lends its date (``dated_by: aligned``, with the
   matched sentence remembered) when it is close (``align_min_cosine``, chosen on T17 for 0.9
   precision) and no other close candidate names another date, or when it is weaker but part
   of an in-order run of matches into one source (a chronology retelling another);
3. date what is still undated by its nearest dated neighbours in its own chronology
   (``dated_by: bounded``: after the one before, before the one after; open-ended when there is
   none after);
4. flag conflicts: a dated sentence that closely matches a dated sentence of another source
   whose date does not overlap its own.

Everything here is lexical and runs offline; a sentence-embedding model can replace
:class:`SentenceVectors` where installed.
"""

from __future__ import annotations

import calendar
import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

import numpy as np
import scipy.sparse as sp

from newsline.models.embedding import SentenceModel
from newsline.records import Article, Event, Interval
from newsline.settings import Settings
from newsline.stages.candidates import Ranking, shared_words
from newsline.stages.clean_text import SIDE_CLAUSE_WORDS
from newsline.stages.close_pairs import close_rows
from newsline.stages.similarity import SentenceTexts, SentenceVectors
from newsline.stages.statement import ENTRY_MARK

OPEN_END = date.max
# Plans and announcements are dated by when they happen, not by the sentence they resemble.
_FUTURE = re.compile(r"\b(?:will|is set to|are set to|scheduled|upcoming|plans? to|expected to)\b")
_INTRODUCES = re.compile(
    r"\b(?:timeline|chronology|key (?:events|dates|moments)|look back|here (?:is|are)|"
    r"the following)\b",
    re.I,
)
# A clock time: a live blog's or a comment's timestamp ("10:35 UK time", "2:04 PM", "1653 GMT").
_CLOCK = re.compile(
    r"\d{1,2}[:.]\d{2}|\b\d{1,2}\s*(?:am|pm|a\.m\.|p\.m\.)|\b(?:GMT|BST|UTC|EST|EDT|ET)\b", re.I
)
# Not a claim of what happened: a question, first or second person (a reader, a presenter, a
# letter), a comment's "X wrote :", an opinion.
_PERSONS = "I|I'm|I've|I'd|I'll|me|my|mine|we|we're|we've|our|us|you|you're|your"
_NOT_A_CLAIM = re.compile(
    r"\?\s*(?:''|\"|”|')?\s*$"
    rf"|(?<![\w'’.-])(?:{_PERSONS}|{_PERSONS.title()})(?![\w'’.-])"  # case kept: "US" is a country
    r"|\b(?:wrote|writes|e-?mails|texts|tweets)\s*:|\b(?i:should|must|ought to|in my opinion)\b"
)
_SCORE_CELLS = 4_000_000  # cosines scored at once when matching claims (32 MB of floats)
_PAIR_CELLS = 500_000  # shared-word counts of claim pairs made at once when blocking (~8 MB)
_SIDE_CLAUSE = re.compile(rf"\b(?:{SIDE_CLAUSE_WORDS})\b[^,;]*$", re.I)
_CHRONOLOGY_TITLE = re.compile(r"\b(?:timeline|chronology|key (?:events|dates)|milestones)\b", re.I)


@dataclass(frozen=True, slots=True)
class Conflict:
    """Two closely matching claims from different sources with dates that do not overlap."""

    first: Event
    second: Event
    similarity: float


def is_chronology(article: Article, events: Sequence[Event]) -> bool:
    """True for an article that narrates events in order: a timeline or a chronology (a title
    that says so, or three or more entries: paragraphs opening with distinct dates)."""
    if _CHRONOLOGY_TITLE.search(article.title):
        return True
    openers = _openers(events)
    return len({e.interval for e in openers}) >= 3


def _openers(events: Sequence[Event]) -> list[Event]:
    """The first sentence of each chronology entry: a paragraph opening with its date followed
    by an entry mark ("2014 — ...", "April 22 - ...", "12 January 2010: ..."). A clock time
    opens a live blog's or a comment thread's post, not a chronology's entry."""
    found: dict[int, Event] = {}
    for event in events:
        mention = event.mention or ""
        if not might_open(event.dated_by, mention, event.text):
            continue
        if _CLOCK.search(mention) or not ENTRY_MARK.match(event.text, len(mention)):
            continue
        found.setdefault(event.paragraph, event)
    return list(found.values())


def might_open(dated_by: str | None, mention: str | None, text: str) -> bool:
    """Whether a sentence may open a chronology's entry (:func:`_openers` asks more): it states
    its date explicitly, at its head. A large query keeps these of every article it reads,
    whatever their date, to tell its chronologies (:mod:`newsline.stages.date_claims`)."""
    if dated_by != "explicit" or not mention:
        return False
    return text.startswith(mention)


def chronology_ids(
    articles: Sequence[Article],
    events: Sequence[Event],
    by_article: dict[str, list[Event]] | None = None,
    known: Mapping[str, bool] | None = None,
) -> set[str]:
    """The articles that narrate events in order (:func:`is_chronology`); ``by_article``: the
    events grouped by article, when the caller has them; ``known``: article id -> whether it
    is one, for those the caller already asked :func:`is_chronology` about."""
    by_article = _by_article(events) if by_article is None else by_article
    known = known or {}
    return {
        a.id
        for a in articles
        if (known[a.id] if a.id in known else is_chronology(a, by_article[a.id]))
    }


def _by_article(events: Sequence[Event]) -> dict[str, list[Event]]:
    by_article: dict[str, list[Event]] = defaultdict(list)
    for event in events:
        by_article[event.article_id].append(event)
    return by_article


def align(
    articles: Sequence[Article],
    events: Sequence[Event],
    settings: Settings,
    model: SentenceModel | None = None,
    texts: SentenceTexts | None = None,
    chronologies: Mapping[str, bool] | None = None,
) -> list[Event]:
    """The events with undated chronology sentences aligned or bounded (see module docstring).

    With a sentence ``model`` (the ``embed`` extra) the lexical shortlist is re-ranked by
    meaning; without one, lexical similarity decides. ``texts``: the query's analyzed
    sentences, shared with its other stages; ``chronologies``: whether articles are
    chronologies (:func:`is_chronology`), for those the caller already knows.
    """
    by_article = _by_article(events)
    chronologies = chronology_ids(articles, events, by_article, chronologies)
    body = {a: _body(by_article[a]) for a in chronologies}
    targets = [e for e in events if e.interval is None and _in_body(e, body) and is_claim(e.text)]
    sources = [e for e in events if e.dated_by == "explicit"]
    matched = _match(targets, sources, settings, model, texts)
    aligned = _in_order(matched, chronologies, settings)
    # only undated sentences are aligned (a sentence stating a date is not undated too)
    result = [aligned.get(_key(e), e) if e.interval is None else e for e in events]
    return _bound(_spread(result), body)


def _body(events: Sequence[Event]) -> tuple[int, int]:
    """The paragraphs that hold a chronology's entries, first and last: from the first entry
    to the paragraph after the last one (what follows is no longer the chronology: comments,
    an epilogue); without entries (a timeline that lost its dates), the whole body but an
    introduction ("a timeline of key events")."""
    openers = [e.paragraph for e in _openers(events)]
    if openers:
        return min(openers), max(openers) + 1
    paragraphs = sorted({e.paragraph for e in events})
    if not paragraphs:
        return 0, 0
    first = " ".join(e.text for e in events if e.paragraph == paragraphs[0])
    if len(paragraphs) > 1 and _INTRODUCES.search(first):
        return paragraphs[1], paragraphs[-1]
    return paragraphs[0], paragraphs[-1]


def _in_body(event: Event, body: dict[str, tuple[int, int]]) -> bool:
    span = body.get(event.article_id)
    return span is not None and span[0] <= event.paragraph <= span[1]


def is_claim(text: str) -> bool:
    """A sentence that states something that happened: not a question, not first- or
    second-person chatter, not a reader's comment or opinion, not a plan."""
    return not (_NOT_A_CLAIM.search(text) or _FUTURE.search(text))


def _key(event: Event) -> tuple[str, int]:
    return (event.article_id, event.index)


@dataclass(frozen=True, slots=True)
class _Option:
    """A target as one candidate would date it, and whether that match stands on its own."""

    event: Event
    strong: bool


def _match(
    targets: list[Event],
    sources: list[Event],
    settings: Settings,
    model: SentenceModel | None,
    texts: SentenceTexts | None = None,
) -> dict[tuple[str, int], list[_Option]]:
    """For each target, the dates its best candidates (dated sentences of other articles)
    would lend it (:func:`_options`); :func:`_in_order` chooses among them."""
    if not targets or not sources:
        return {}
    texts = texts or SentenceTexts()
    vectors = SentenceVectors([e.text for e in targets] + [e.text for e in sources], texts)
    if vectors.matrix is None:
        return {}
    found: dict[tuple[str, int], list[_Option]] = {}
    shortlist = min(settings.align_shortlist, settings.align_max_model_pairs // len(targets))
    if shortlist < 1:
        model = None  # more claims than the model's budget of pairs: lexical for all
    ranking = Ranking(targets, sources, texts, settings.align_min_shared)
    close = _close_sources(vectors, targets, settings.align_chain_cosine)
    for target, ranked in ranking.ranked(close):
        options = _options(target, ranked, model, settings, max(shortlist, 1))
        if options:
            found[_key(target)] = options
    return found


def _close_sources(
    vectors: SentenceVectors, targets: list[Event], least: float
) -> Iterator[tuple[Event, np.ndarray, np.ndarray]]:
    """Each target with the sources (the rows after the targets') at least ``least`` close:
    their columns in order and their cosines, those of the sparse targets x sources product.
    Above 0 they are found without making that product (:func:`close_pairs.close_rows`: at a
    few tens of thousands of matches, its common words made most of a query's time); at 0
    every source is close, and the product is made dense a block of targets at a time."""
    matrix = vectors.matrix
    assert matrix is not None
    count = len(targets)
    if least > 0:  # the pairs that can reach it found without the whole product
        # the sources' rows as a view of the matrix's, not a copy held while claims are read
        start = matrix.indptr[count]
        sources = sp.csr_matrix(
            (matrix.data[start:], matrix.indices[start:], matrix.indptr[count:] - start),
            shape=(matrix.shape[0] - count, matrix.shape[1]),
        )
        for row, columns, scores in close_rows(matrix[:count], sources, least):
            yield targets[row], columns, scores
        return
    # sources sharing no word are close enough too: every cosine, dense, a block at a time
    sources = matrix[count:].T.tocsr()
    block = max(1, _SCORE_CELLS // max(matrix.shape[0] - count, 1))
    for first in range(0, count, block):
        product = matrix[first : min(first + block, count)] @ sources
        for offset, row in enumerate(product.toarray()):
            columns = np.flatnonzero(row >= least)
            yield targets[first + offset], columns, row[columns]


def _options(
    target: Event,
    ranked: list[tuple[float, int, Event]],
    model: SentenceModel | None,
    settings: Settings,
    shortlist: int,
) -> list[_Option]:
    """The target dated by each of its ``shortlist`` best candidates (``align_shortlist``,
    fewer when the caller keeps within ``align_max_model_pairs``), weighed by cosine (with a
    sentence model: by meaning, at least ``align_min_embedding``).

    The lexical best is *strong* when its cosine reaches ``align_min_cosine`` and every
    candidate within ``align_margin`` of it agrees on the date: on the day (the day is lent),
    else on the month (the month is lent); otherwise (the words fit several happenings) every
    option is weak and counts only inside an ordered run (:func:`_in_order`).
    """
    if not ranked:
        return []
    short = ranked[:shortlist]
    weights = [score for score, _, _ in short]
    if model is not None:
        vectors = model.encode([target.text, *(source.text for _, _, source in short)])
        meaning = vectors[1:] @ vectors[0]
        keep = [n for n in range(len(short)) if meaning[n] >= settings.align_min_embedding]
        short, weights = [short[n] for n in keep], [float(meaning[n]) for n in keep]
    top, _, first = ranked[0]
    agreed = None
    if top >= settings.align_min_cosine:
        close = [s.interval for value, _, s in ranked if value >= top - settings.align_margin]
        agreed = _agreed(first.interval, close)  # type: ignore[arg-type]
    elif _consensus(ranked, settings):
        agreed = first.interval
    options = []
    for (_, _, source), weight in zip(short, weights, strict=True):
        strong = source is first and agreed is not None
        event = replace(
            target,
            interval=agreed if strong else source.interval,
            dated_by="aligned",
            mention=source.mention,
            matched=_key(source),
            similarity=round(weight, 3),
        )
        options.append(_Option(event, strong))
    return options


def _consensus(ranked: list[tuple[float, int, Event]], settings: Settings) -> bool:
    """Several other articles' close candidates state the best one's date: ``align_consensus``
    distinct articles among the shortlist, each at least ``align_between_cosine`` close."""
    first = ranked[0][2]
    agree = {
        s.article_id
        for value, _, s in ranked[: settings.align_shortlist * 2]
        if value >= settings.align_between_cosine and s.interval == first.interval
    }
    return len(agree) >= settings.align_consensus


def _agreed(first: Interval, others: list[Interval]) -> Interval | None:
    """``first`` when every other interval overlaps it; else the month all of them lie in."""
    if all(o.start <= first.end and first.start <= o.end for o in others):
        return first
    start, end = min(o.start for o in others), max(o.end for o in others)
    if (start.year, start.month) != (end.year, end.month):
        return None
    last = calendar.monthrange(start.year, start.month)[1]
    return Interval(date(start.year, start.month, 1), date(start.year, start.month, last), "month")


def _in_order(
    found: dict[tuple[str, int], list[_Option]], chronologies: set[str], settings: Settings
) -> dict[tuple[str, int], Event]:
    """Per chronology, the heaviest run of options (one a claim at most) whose dates never go
    backwards: the chronology's order chooses among each claim's candidates. Of the run, a weak
    option stays only when the order confirms it: its source is a chronology too and
    ``align_chain`` or more options of the run come from it (a chronology retelling another),
    or it lies between strong options of the run, one on each side."""
    by_article: dict[str, list[list[_Option]]] = defaultdict(list)
    for key, options in found.items():
        by_article[key[0]].append(options)
    kept: dict[tuple[str, int], Event] = {}
    for rows in by_article.values():
        rows.sort(key=lambda options: options[0].event.index)
        chain = _heaviest_chain(rows)
        per_source = Counter(o.event.matched[0] for o in chain if o.event.matched)
        strong = [n for n, o in enumerate(chain) if o.strong]
        for n, option in enumerate(chain):
            matched = option.event.matched
            retold = matched and matched[0] in chronologies
            if (
                option.strong
                or (retold and per_source[matched[0]] >= settings.align_chain)
                or (
                    option.event.similarity >= settings.align_between_cosine
                    and _between_strong(n, chain, strong)
                )
            ):
                kept[_key(option.event)] = option.event
        for n, option in enumerate(chain):
            if _key(option.event) not in kept and (span := _run_span(n, chain, kept, settings)):
                kept[_key(option.event)] = replace(option.event, interval=span)
    return kept


def _run_span(
    n: int, chain: list[_Option], kept: dict[tuple[str, int], Event], settings: Settings
) -> Interval | None:
    """For a weak option inside the run, the span its neighbours in the run allow when both lie
    within ``align_run_gap`` days of its date: from the one before to the one after, at most
    ``align_run_span`` days either side of its own date, and within the dates kept around it.
    Measured on T17, the neighbours' span holds the day about nine times in ten where the weak
    match's own day holds it four to eight times in ten (benchmarks/bench_align.py)."""
    if n == 0 or n + 1 == len(chain):
        return None
    own = chain[n].event.interval
    before, after = chain[n - 1].event.interval, chain[n + 1].event.interval
    assert own is not None and before is not None and after is not None
    gap = settings.align_run_gap
    if (own.start - before.end).days > gap or (after.start - own.end).days > gap:
        return None
    tight = settings.align_run_day
    if 0 <= (own.start - before.end).days <= tight and 0 <= (after.start - own.end).days <= tight:
        return own
    reach = timedelta(days=settings.align_run_span)
    start = max(before.start, own.start - reach)
    end = max(min(after.end, own.start + reach), own.end)
    lower = [kept[k].interval for o in chain[:n] if (k := _key(o.event)) in kept]
    upper = [kept[k].interval for o in chain[n + 1 :] if (k := _key(o.event)) in kept]
    if lower:
        start = max(start, lower[-1].start)  # type: ignore[union-attr]
    if upper:
        end = min(end, upper[0].end)  # type: ignore[union-attr]
    if start > end:
        return None
    return Interval(start, end, "day" if start == end else "range")


def _between_strong(n: int, chain: list[_Option], strong: list[int]) -> bool:
    """A weak option whose date lies between those of the strong options around it in the
    run (one on each side): the chronology's order confirms it."""
    before = [k for k in strong if k < n]
    after = [k for k in strong if k > n]
    if not before or not after:
        return False
    low, high = chain[before[-1]].event.interval, chain[after[0]].event.interval
    date = chain[n].event.interval
    return low.start <= date.start and date.end <= high.end  # type: ignore[union-attr]


def _heaviest_chain(rows: list[list[_Option]]) -> list[_Option]:
    """One option per row at most, rows in order, dates never going backwards, the largest
    total weight (a longest-increasing-subsequence recurrence over every option)."""
    flat = [(row, option) for row, options in enumerate(rows) for option in options]
    best = [option.event.similarity for _, option in flat]
    back = [-1] * len(flat)
    for a, (row, option) in enumerate(flat):
        start = option.event.interval.start  # type: ignore[union-attr]
        weight = option.event.similarity
        for b in range(a):
            earlier, other = flat[b]
            ordered = earlier < row and other.event.interval.start <= start  # type: ignore[union-attr]
            if ordered and best[b] + weight > best[a]:
                best[a], back[a] = best[b] + weight, b
    chain = []
    at = max(range(len(flat)), key=lambda k: best[k], default=-1)
    while at >= 0:
        chain.append(flat[at][1])
        at = back[at]
    return chain[::-1]


def _spread(events: list[Event]) -> list[Event]:
    """Undated sentences share the aligned date of their paragraph (the narrowest one lent in
    it: a day before a span)."""
    paragraph_date: dict[tuple[str, int], Event] = {}
    for event in events:
        if event.dated_by == "aligned":
            key = (event.article_id, event.paragraph)
            held = paragraph_date.get(key)
            if held is None or _width(event.interval) < _width(held.interval):
                paragraph_date[key] = event
    if not paragraph_date:
        return events
    out = []
    for event in events:
        lender = None  # a sentence stating its date keeps it
        if event.interval is None:
            lender = paragraph_date.get((event.article_id, event.paragraph))
        if lender is not None:
            event = replace(
                event, interval=lender.interval, dated_by="aligned", matched=lender.matched
            )
        out.append(event)
    return out


def _width(interval: Interval | None) -> int:
    assert interval is not None
    return (interval.end - interval.start).days


def _bound(events: list[Event], body: dict[str, tuple[int, int]]) -> list[Event]:
    """Undated chronology sentences between the nearest dated sentences around them."""
    out = list(events)
    positions: dict[str, list[int]] = defaultdict(list)
    for i, event in enumerate(out if body else ()):
        if event.article_id not in body:
            continue  # no chronology's (most sentences of a large query)
        # what a chronology says it will do is bounded too, as a plan ("BP starts to drill a
        # relief well ..., a process that will take two to three months"); chatter is not
        told = event.interval is not None or not _NOT_A_CLAIM.search(event.text)
        if _in_body(event, body) and told:
            positions[event.article_id].append(i)
    for indexes in positions.values():
        for n, i in enumerate(indexes):
            if out[i].interval is not None:
                continue
            before = _nearest(out, indexes[:n][::-1])
            if before is None or before.interval is None:
                continue
            after = _nearest(out, indexes[n + 1 :])
            low = before.interval
            if after and after.interval and after.interval.end >= low.start:
                end, neighbours = after.interval.end, (_key(before), _key(after))
            else:
                end, neighbours = OPEN_END, (_key(before),)
            out[i] = replace(
                out[i],
                interval=Interval(low.start, end, "range"),
                dated_by="bounded",
                neighbours=neighbours,
            )
    return out


def _nearest(events: list[Event], order: list[int]) -> Event | None:
    """The first dated (explicit or aligned) event in ``order``."""
    for i in order:
        event = events[i]
        if event.interval is not None and event.dated_by in ("explicit", "aligned"):
            return event
    return None


def conflicts(
    events: Sequence[Event],
    settings: Settings,
    texts: SentenceTexts | None = None,
    among: Iterable[Event] | None = None,
) -> list[Conflict]:
    """Closely matching dated claims from different articles whose dates do not overlap.

    Pairs are blocked on rarer words they share (a word in at most ``conflict_block`` claims),
    so the cost grows with the number of related claims, not with the square of all claims.
    ``texts``: the query's analyzed sentences, shared with its other stages. With ``among``
    (a timeline's candidate sentences), only the conflicts one of whose claims is among them
    (by article and sentence number), in the same order: the words' rarity and weights are
    still those of all the claims, so these are exactly those of the whole list a timeline
    uses (it reads no other), found a few thousand claims' pairs at a time instead of all.
    """
    texts = texts or SentenceTexts()
    dated = [
        e
        for e in events
        if e.dated_by == "explicit" and e.interval is not None and not subordinate_date(e)
    ]
    incidence = texts.content_incidence([e.text for e in dated])
    rows = None
    if among is not None:
        keys = {_key(e) for e in among}
        rows = np.array([n for n, e in enumerate(dated) if _key(e) in keys], np.int64)
    pairs = _blocked_pairs(dated, incidence, settings.conflict_block, rows)
    if not pairs:
        return []
    ordered = sorted(pairs)
    pairs_in = np.array(ordered, np.int64).reshape(-1, 2)
    shared_in = shared_words(incidence, pairs_in[:, 0], pairs_in[:, 1])
    sizes = np.diff(incidence.indptr)
    counts = shared_in.tolist()
    unions = (sizes[pairs_in[:, 0]] + sizes[pairs_in[:, 1]] - shared_in).tolist()
    # the words' incidence freed before the vectors are made: at 100,000 matches, each is
    # tens of MB, and a timeline holds its candidates meanwhile
    del incidence, sizes, shared_in, pairs_in
    vectors = SentenceVectors([e.text for e in dated], texts)
    found = []
    cosines = vectors.cosines(ordered)
    for (i, j), cosine, shared, union in zip(ordered, cosines, counts, unions, strict=True):
        first, second = dated[i], dated[j]
        if cosine < settings.conflict_min_cosine:
            continue
        if shared < 0.5 * union:
            continue  # related, but not the same claim: under half their words in common
        a, b = first.interval, second.interval
        assert a is not None and b is not None
        if (a.end < b.start or b.end < a.start) and not _dated_apart(first, second):
            found.append(Conflict(first, second, round(float(cosine), 3)))
    return found


def _dated_apart(first: Event, second: Event) -> bool:
    """Whether two claims took their dates from different expressions, each of which the
    other names too ("diagnosed on Monday, ... rescheduling exams for next week" dated by
    "Monday", its copy without "on Monday" by "next week"): no contradiction."""
    one, other = first.mention or "", second.mention or ""
    if not one or not other or one.lower() == other.lower():
        return False
    return other.lower() in first.text.lower() or one.lower() in second.text.lower()


def subordinate_date(event: Event) -> bool:
    """True when the date belongs to a side clause ("... since it opened last June"): the
    sentence's main claim is not dated by it, so it cannot contradict another date."""
    if not event.mention:
        return False
    at = event.text.find(event.mention)
    return at > 0 and bool(_SIDE_CLAUSE.search(event.text[max(0, at - 60) : at]))


def _blocked_pairs(
    events: list[Event], incidence: sp.csr_array, block: int, rows_of: np.ndarray | None = None
) -> set[tuple[int, int]]:
    """Pairs of claims from different articles that share at least two rarer words
    (``incidence``: which words each claim uses, :meth:`SentenceTexts.content_incidence`),
    as (lower, higher) row; with ``rows_of`` (claims' rows, in order), only the pairs one of
    whose claims is one of them.

    The claims-by-rarer-words incidence matrix times its transpose, sparse and a band of claims
    at a time, counts the words each pair shares: memory holds one band's products and the
    pairs found, not every pair that shares one word.
    """
    claims = incidence.shape[0]
    if not incidence.nnz:
        return set()
    columns = incidence.indices
    rows = np.repeat(np.arange(claims), np.diff(incidence.indptr))
    rare = np.bincount(columns)[columns] <= block
    rows, columns = rows[rare], columns[rare]
    shape = incidence.shape
    rarer = sp.csr_array((np.ones(rows.size, np.int32), (rows, columns)), shape=shape)
    transposed = rarer.T.tocsr()
    article = np.unique([e.article_id for e in events], return_inverse=True)[1]
    band = max(1, _PAIR_CELLS // max(block * rows.size // claims, 1))
    chosen = np.arange(claims) if rows_of is None else rows_of
    pairs: set[tuple[int, int]] = set()
    for first in range(0, len(chosen), band):
        some = chosen[first : first + band]
        part = rarer[first : first + band] if rows_of is None else rarer[some]
        shared = (part @ transposed).tocoo()
        i, j = some[shared.row], shared.col
        keep = (j != i) & (shared.data >= 2) & (article[i] != article[j])
        if rows_of is None:
            keep &= j > i
        low, high = np.minimum(i, j)[keep], np.maximum(i, j)[keep]
        pairs.update(zip(low.tolist(), high.tolist(), strict=True))
    return pairs
