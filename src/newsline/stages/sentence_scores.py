"""How a timeline's candidate sentences are scored: the hand-weighted preference for sentences
that state an event (:func:`form`), the date's vector (:func:`date_vector`), and the features a
learned ranker reads (:data:`FEATURES`, :func:`sentence_features`).

Split from :mod:`newsline.stages.timeline`, which chooses dates and sentences with them.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from typing import Protocol

import numpy as np

from newsline.records import Article, Event
from newsline.stages.clean import fold
from newsline.stages.query import Query
from newsline.stages.similarity import SentenceVectors
from newsline.stages.statement import heads_line
from newsline.stages.timeline_options import TimelineOptions


class ScoredPool(Protocol):
    """What scoring reads of a timeline's candidate pool."""

    candidates: list[Event]
    vectors: SentenceVectors
    by_id: dict[str, Article]
    copies: Counter[str]


_SCRAPED = re.compile(
    r"\d{1,2}:\d{2}\s*(?:am|pm|a\.m\.|p\.m\.)?\s*(?:BST|GMT|EDT|EST|UTC|ET)\b"
    r"|\||\\\*|\b(?:wrote|writes|e-?mails|texts|tweets)\s*:|^By [A-Z]",
    re.I,
)
_MODAL = re.compile(r"\b(?:will|would|could|might|may|forecast|expected to)\b")


FEATURES = (
    "centroid",  # cosine to the date's vector (words stating and reporting sentences share)
    "group",  # cosine to the centroid of all the entry's sentences
    "stating",  # ... of the sentences that state the date
    "reporting",  # ... of the day's reports
    "query",  # share of the query's terms named
    "explicit",
    "published",
    "aligned",
    "chronology_line",  # headed by its date (statement.heads_line): a line of a chronology
    "truncated",
    "short",
    "long_excess",
    "log_words",
    "modal",
    "scraped",
    "lead",  # first two sentences of the article
    "position",  # log of the sentence number
    "later",  # log of days between the date and the article that states it afterwards
    "before",  # stated before it happened (a plan or forecast)
    "copies",  # log of the times the same sentence occurs among candidates (reprints)
    "said",  # reported speech
    "quote",
    "digits",  # share of tokens with a digit
    "heuristic",  # the hand-weighted score: centroid + form
)
_SAID = re.compile(r"\b(?:said|says|told|according to)\b", re.I)


def sentence_features(
    own: list[int], pool: ScoredPool, query: Query, options: TimelineOptions
) -> np.ndarray:
    """One row of :data:`FEATURES` per candidate sentence of an entry."""
    candidates, vectors = pool.candidates, pool.vectors
    stating = [r for r in own if candidates[r].dated_by != "published"]
    reporting = [r for r in own if candidates[r].dated_by == "published"]
    target = date_vector(own, candidates, vectors)
    centres = [vectors.centroid(own), vectors.centroid(stating), vectors.centroid(reporting)]
    rows = []
    for row in own:
        event = candidates[row]
        centroid = vectors.similarity_to(row, target)
        preference = form(event, query, options)
        rows.append(
            [centroid, *(vectors.similarity_to(row, c) for c in centres)]
            + _surface(event, query, options, pool)
            + [centroid + preference]
        )
    return np.asarray(rows, dtype=float)


def date_vector(
    own: list[int], candidates: list[Event], vectors: SentenceVectors
) -> np.ndarray | None:
    """The words both the sentences stating the date and the day's reports use."""
    stating = [r for r in own if candidates[r].dated_by != "published"]
    reporting = [r for r in own if candidates[r].dated_by == "published"]
    return vectors.agreement(stating, reporting)


def _surface(event: Event, query: Query, options: TimelineOptions, pool: ScoredPool) -> list[float]:
    text = event.text
    tokens = text.split()
    words = len(tokens)
    line = heads_line(event)
    later = before = 0.0
    article = pool.by_id.get(event.article_id)
    day = article.published.anchor() if article is not None else None
    if event.dated_by == "explicit" and day is not None and event.interval is not None:
        later = math.log1p(max((day - event.interval.end).days, 0))
        before = float(day < event.interval.start)
    return [
        query.hits(text) / max(len(query.stems), 1),
        float(event.dated_by == "explicit"),
        float(event.dated_by == "published"),
        float(event.dated_by == "aligned"),
        float(line),
        float(text.rstrip().endswith(("...", "…", ". . ."))),
        float(words < 6),
        max(words - options.long_words, 0) / 10,
        math.log1p(words),
        float(bool(_MODAL.search(text))),
        float(bool(_SCRAPED.search(text))),
        float(event.index < 2),
        math.log1p(event.index),
        later,
        before,
        math.log(pool.copies[fold(text)]),
        float(bool(_SAID.search(text))),
        float('"' in text or "``" in text or "''" in text),
        sum(any(c.isdigit() for c in t) for t in tokens) / max(words, 1),
    ]


def form(event: Event, query: Query, options: TimelineOptions) -> float:
    """Prefer sentences that state the event: name the query, open with their date, complete."""
    text = event.text
    score = 0.3 * query.hits(text) / max(len(query.stems), 1)
    if event.dated_by in ("aligned", "bounded"):
        score -= options.lent_penalty
    if event.dated_by == "explicit":
        score += options.explicit_bonus
        if heads_line(event):
            score += 0.3  # a line of someone's chronology: "April 25 - The Coast Guard says ..."
    if text.rstrip().endswith(("...", "…", ". . .")):
        score -= 0.5
    if text.rstrip(" \"'”’`").endswith("?"):
        score -= 0.5  # a question asks, it does not tell what happened
    words = len(text.split())
    if words < 6:
        score -= 0.3
    if words > options.long_words:
        score -= 0.01 * (words - options.long_words)
    if _MODAL.search(text):
        score -= 0.1
    if _SCRAPED.search(text):
        score -= 0.5  # page furniture: timestamps, bylines, bullet lists
    return score
