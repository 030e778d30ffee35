"""The one options object of a timeline: the query, its span, its sizes and the tuning.

The CLI (``newsline timeline``), the REST API (``/api/timeline``) and the evaluation
(``newsline eval tls``) all build a :class:`TimelineOptions` and call the same job,
:func:`newsline.jobs.timeline`; every field describes itself (``options_help``), like
:class:`newsline.settings.Settings`.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from datetime import date
from typing import Any

from newsline.errors import ConfigError
from newsline.models.date_ranker import DateRanker, load_date_ranker
from newsline.models.tls_ranker import LinearRanker

SUMMARIZERS = ("coverage", "centroid")
SENTENCE_FILTERS = ("all", "naming", "keyword")
BACKGROUND = ("separate", "mixed")
DATE_RANKINGS = ("evidence", "learned")
DEFAULT_DATES = "evidence"


def _option(default: Any, help: str) -> Any:  # noqa: A002 - "help" reads best here
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class TimelineOptions:
    """What a timeline is about and how it is made (every field has help text)."""

    query: str = _option("", 'Keywords and names, e.g. "Russia North Korea".')
    any_term: bool = _option(
        False, "Match articles naming any term of the query (default: every term)."
    )
    since: date | None = _option(None, "Earliest date shown.")
    until: date | None = _option(None, "Latest date shown.")
    max_dates: int = _option(40, "Most dates to keep.")
    per_date: int = _option(2, "Sentences per date, at most (other sources become citations).")
    days_only: bool = _option(
        False, "Only entries of one day (no months, years or ranges), as news-tls scores them."
    )
    sentences: str = _option(
        "all",
        "Candidate sentences: all sentences of the matching articles, only those naming a"
        " query term (naming: a word starting with it), or only those holding one anywhere,"
        " inside a word too (keyword: 'flu' in 'influenza', the keyword filter of the"
        " timeline-summarization protocol, news-tls).",
    )
    background: str = _option(
        "separate",
        "Dates long before the matching articles' coverage: separate (ranked after the"
        " period's own dates, kept in a background part) or mixed (ranked with them).",
    )
    background_days: int = _option(
        366,
        "How far before the earliest matching article a date may lie and still be part of"
        " the story rather than its background.",
    )
    background_min_articles: int = _option(
        5,
        "Dated matching articles needed for a coverage to set a background against (one"
        " chronology alone is all story).",
    )
    dates: str = _option(
        DEFAULT_DATES,
        "How dates are ranked: evidence (articles stating a date, those stating it after the"
        " fact weighing more, plus those reporting it) or learned (a linear model over date"
        " features trained on journalists' timelines, newsline.models.date_ranker).",
    )
    # The learned date ranker's weights; None with dates="learned": the shipped ones.
    date_ranker: DateRanker | None = _option(
        None, "dates=learned: the date ranker's weights (default: the shipped model)."
    )
    pub_window: int = _option(
        1, "Days an article's lead reports: its publication day, and the days before when > 1."
    )
    redundancy: float = _option(
        0.35, "Cosine above which a sentence repeats one already chosen (it becomes a citation)."
    )
    # Both chosen leave-one-topic-out on the four T17 topics (benchmarks/tls_sensitivity.py).
    later_weight: float = _option(
        1.0, "Extra weight of a mention made after the date (it shows the date mattered)."
    )
    published_weight: float = _option(
        0.25, "Weight of an article that reports the date as its news, beside those stating it."
    )
    evidence_items: int = _option(
        12,
        "Most time expressions, reports and borrowed dates listed in an entry's evidence"
        " (its counts cover all of them).",
    )
    explicit_bonus: float = _option(0.1, "Preference for sentences that state their own date.")
    lent_penalty: float = _option(
        0.2,
        "Penalty of a sentence whose date its own source does not state (aligned or bounded):"
        " the source that states it is the better citation.",
    )
    long_words: int = _option(35, "Sentences longer than this many words are penalized.")
    summarizer: str = _option(
        "coverage",
        "coverage (greedy coverage of the words the date's articles share) or centroid"
        " (closeness to the date's vector alone).",
    )
    min_support: int = _option(
        3, "Coverage: articles of a date that must use a word for it to be what the date is about."
    )
    length_norm: float = _option(
        0.5, "Coverage: a sentence's gain is divided by its words to this power."
    )
    fold: bool = _option(
        True,
        "Fold the mentions of one happening at a coarser date (2002, October 2002) or on the"
        " neighbouring day into the entry of its finest well-supported date.",
    )
    fold_shared: int = _option(
        2, "Folding: distinctive words two sentences must share to tell the same happening."
    )
    fold_step_words: int = _option(
        1,
        "Folding: more shared words needed for each step of granularity skipped beyond the"
        " first (a year into a day, a century into a year: the coarser, the weaker the link).",
    )
    fold_min_support: float = _option(
        1.0, "Folding: evidence score an entry needs to take in the mentions of coarser dates."
    )
    fold_days_share: float = _option(
        0.5,
        "Folding: share of the distinctive words either uses that two sentences dated to"
        " neighbouring days must share to tell the same happening (time zones).",
    )
    fold_common: float = _option(
        0.25,
        "Folding: a word used by this share of the entries or more is the story's, not one"
        " happening's, and does not count as shared.",
    )
    # A learned sentence ranker (newsline.models.tls_ranker); None: the summarizer decides.
    ranker: LinearRanker | None = _option(
        None, "A learned linear sentence ranker replacing the summarizer (evaluation studies)."
    )

    def __post_init__(self) -> None:
        checks = (
            (self.summarizer, SUMMARIZERS, "summarizer"),
            (self.sentences, SENTENCE_FILTERS, "sentences"),
            (self.background, BACKGROUND, "background"),
            (self.dates, DATE_RANKINGS, "dates"),
        )
        for value, choices, name in checks:
            if value not in choices:
                raise ConfigError(f"{name} is one of {', '.join(choices)}, not {value!r}")
        if self.max_dates < 1 or self.per_date < 1:
            raise ConfigError("the number of dates and of sentences per date must be positive")
        if self.background_days < 0:
            raise ConfigError(f"background_days cannot be negative, not {self.background_days}")
        if self.since and self.until and self.since > self.until:
            raise ConfigError(f"the span starts after it ends ({self.since} > {self.until})")
        if self.dates == "learned" and self.date_ranker is None:
            # Options are built at the edges (CLI, API, evaluation): the file is read there.
            object.__setattr__(self, "date_ranker", load_date_ranker())


def options_help() -> dict[str, str]:
    """Each timeline option's name and help text."""
    return {f.name: f.metadata.get("help", "") for f in fields(TimelineOptions)}
