"""Timeline-summarization metrics: concat, agreement and align+ m:1 ROUGE, and date F1.

The metrics are those of Martschat & Markert (2017) as tilse 0.2.1 computes them with its
reimplemented ROUGE (:mod:`newsline.evaluate.rouge`), and the averaging is news-tls's
(Ghalandari & Ifrim 2020): each predicted timeline is scored against one ground-truth timeline,
precision and recall are averaged over all timelines, and F1 is taken from those averages.

A timeline is a mapping of ``datetime.date`` to the sentences of that day's summary, each
sentence already tokenized (tokens separated by spaces).

- *concat*: all daily summaries of a timeline concatenated in date order, one ROUGE score.
- *agreement*: a day's summaries are compared only when both timelines have that date.
- *align+ m:1*: every predicted date is matched to the reference date of least cost
  ``(1 - 1/(d+1)) * (1 - approximate ROUGE-1 F1)``, ``d`` the distance in days, and its matches
  are weighted by ``1/(d+1)``; recall matches every reference date the same way.
- *date F1*: the predicted date set against the reference date set.

Where tilse divides by zero (an empty predicted timeline) these functions score 0 instead.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from newsline.evaluate.rouge import (
    ZERO,
    RougeCounts,
    RougeTokenizer,
    approximate_rouge_1_f,
    ngrams,
    rouge_counts,
)

#: date -> the sentences of that day's summary, tokens separated by spaces.
Timeline = Mapping[date, Sequence[str]]

ORDERS = (1, 2)


@dataclass(frozen=True, slots=True)
class PRF:
    """Precision, recall and the F1 computed from them."""

    precision: float
    recall: float
    f_score: float

    @classmethod
    def of(cls, precision: float, recall: float) -> PRF:
        """F1 from precision and recall; 0 when both are 0."""
        total = precision + recall
        return cls(precision, recall, 2 * precision * recall / total if total else 0.0)

    def to_dict(self) -> dict[str, float]:
        return {"precision": self.precision, "recall": self.recall, "f_score": self.f_score}


@dataclass(frozen=True, slots=True)
class RougeScores:
    """ROUGE-1 and ROUGE-2 of one metric variant."""

    rouge_1: PRF
    rouge_2: PRF

    def to_dict(self) -> dict[str, dict[str, float]]:
        return {"rouge_1": self.rouge_1.to_dict(), "rouge_2": self.rouge_2.to_dict()}


@dataclass(frozen=True, slots=True)
class Scores:
    """All timeline metrics for one timeline, or averaged over several (``timelines`` says)."""

    concat: RougeScores
    agreement: RougeScores
    align_m1: RougeScores
    dates: PRF
    timelines: int = 1

    def to_dict(self) -> dict[str, Any]:
        """Plain nested dicts, keyed as tilse and news-tls name things."""
        return {
            "concat": self.concat.to_dict(),
            "agreement": self.agreement.to_dict(),
            "align_date_content_costs_many_to_one": self.align_m1.to_dict(),
            "dates": self.dates.to_dict(),
            "timelines": self.timelines,
        }


def evaluate_timelines(
    pairs: Sequence[tuple[Timeline, Timeline]], tokenizer: RougeTokenizer | None = None
) -> Scores:
    """Score (predicted, ground truth) timeline pairs and average them as news-tls does.

    Precision and recall of every metric are averaged over the pairs; each F1 is computed from
    the averaged precision and recall, not averaged itself.
    """
    if not pairs:
        raise ValueError("evaluate_timelines needs at least one (predicted, truth) pair")
    tokenizer = tokenizer or RougeTokenizer()
    return average_scores([score_timeline(pred, [truth], tokenizer) for pred, truth in pairs])


def score_timeline(
    predicted: Timeline, references: Sequence[Timeline], tokenizer: RougeTokenizer | None = None
) -> Scores:
    """All metrics of one predicted timeline against one or more reference timelines.

    Several references behave as tilse's ``GroundTruth``: ROUGE counts are summed over them and
    a date counts as a reference date when any of them has it.
    """
    if not references:
        raise ValueError("score_timeline needs at least one reference timeline")
    for timeline in (predicted, *references):
        _check_timeline(timeline)
    tokenizer = tokenizer or RougeTokenizer()
    return Scores(
        concat=_rouge_scores(concat_counts(predicted, references, tokenizer)),
        agreement=_rouge_scores(agreement_counts(predicted, references, tokenizer)),
        align_m1=_rouge_scores(align_m1_counts(predicted, references, tokenizer)),
        dates=date_scores(predicted, references),
    )


def average_scores(scores: Sequence[Scores]) -> Scores:
    """Mean precision and recall of each metric, F1 recomputed from the means."""
    n = len(scores)

    def mean(get: Callable[[Scores], PRF]) -> PRF:
        return PRF.of(sum(get(s).precision for s in scores) / n,
                      sum(get(s).recall for s in scores) / n)  # fmt: skip

    def rouge(get: Callable[[Scores], RougeScores]) -> RougeScores:
        return RougeScores(mean(lambda s: get(s).rouge_1), mean(lambda s: get(s).rouge_2))

    return Scores(
        concat=rouge(lambda s: s.concat),
        agreement=rouge(lambda s: s.agreement),
        align_m1=rouge(lambda s: s.align_m1),
        dates=mean(lambda s: s.dates),
        timelines=sum(s.timelines for s in scores),
    )


def date_scores(predicted: Timeline, references: Sequence[Timeline]) -> PRF:
    """Date selection: the predicted dates against the union of the reference dates."""
    pred = set(predicted)
    ref = set().union(*references)
    shared = len(pred & ref)
    return PRF.of(shared / len(pred) if pred else 0.0, shared / len(ref) if ref else 0.0)


# --- the three ROUGE variants; each returns precision and recall counts per n-gram order ---

Counts = dict[int, tuple[RougeCounts, RougeCounts]]  # order -> (precision side, recall side)


def concat_counts(
    predicted: Timeline, references: Sequence[Timeline], tokenizer: RougeTokenizer
) -> Counts:
    """'concat': every timeline flattened into one summary in date order."""
    pred = tokenizer.tokens(s for d in sorted(predicted) for s in predicted[d])
    refs = [tokenizer.tokens(s for d in sorted(ref) for s in ref[d]) for ref in references]
    out: Counts = {}
    for n in ORDERS:
        counts = rouge_counts(ngrams(pred, n), [ngrams(r, n) for r in refs])
        out[n] = (counts, counts)
    return out


def agreement_counts(
    predicted: Timeline, references: Sequence[Timeline], tokenizer: RougeTokenizer
) -> Counts:
    """'agreement': daily summaries compared date by date; precision over predicted dates,
    recall over reference dates."""
    days = _DailyNgrams(predicted, references, tokenizer)
    out: Counts = {}
    for n in ORDERS:
        prec, rec = ZERO, ZERO
        for day in sorted(days.pred_dates | days.ref_dates):
            counts = days.counts(n, day, day)
            if day in days.pred_dates:
                prec += counts
            if day in days.ref_dates:
                rec += counts
        out[n] = (prec, rec)
    return out


def align_m1_counts(
    predicted: Timeline, references: Sequence[Timeline], tokenizer: RougeTokenizer
) -> Counts:
    """'align+ m:1': each date matched to the cheapest date of the other timeline."""
    days = _DailyNgrams(predicted, references, tokenizer)
    pred_dates, ref_dates = sorted(days.pred_dates), sorted(days.ref_dates)
    cost = [[_align_cost(p, r, predicted, references) for r in ref_dates] for p in pred_dates]
    out: Counts = {}
    for n in ORDERS:
        prec, rec = ZERO, ZERO
        for i, pred_day in enumerate(pred_dates):
            if ref_dates:
                ref_day = ref_dates[_argmin(cost[i])]
                prec += days.counts(n, pred_day, ref_day).weighted(_closeness(pred_day, ref_day))
            else:
                prec += days.counts(n, pred_day, None)
        for j, ref_day in enumerate(ref_dates):
            if pred_dates:
                pred_day = pred_dates[_argmin([row[j] for row in cost])]
                rec += days.counts(n, pred_day, ref_day).weighted(_closeness(pred_day, ref_day))
            else:
                rec += days.counts(n, None, ref_day)
        out[n] = (prec, rec)
    return out


class _DailyNgrams:
    """The n-gram counts of every daily summary of a predicted timeline and its references."""

    def __init__(
        self, predicted: Timeline, references: Sequence[Timeline], tokenizer: RougeTokenizer
    ) -> None:
        self.pred_dates = set(predicted)
        self.ref_dates = set().union(*references)
        self.n_refs = len(references)
        pred = {d: tokenizer.tokens(predicted[d]) for d in predicted}
        refs = [{d: tokenizer.tokens(ref[d]) for d in ref} for ref in references]
        self._pred = {n: {d: ngrams(t, n) for d, t in pred.items()} for n in ORDERS}
        self._refs = {
            n: [{d: ngrams(t, n) for d, t in ref.items()} for ref in refs] for n in ORDERS
        }

    def counts(self, n: int, pred_day: date | None, ref_day: date | None) -> RougeCounts:
        """ROUGE-n counts of one predicted day against one reference day (None: empty)."""
        empty: Counter[tuple[str, ...]] = Counter()
        pred = self._pred[n].get(pred_day, empty) if pred_day is not None else empty
        refs = [ref.get(ref_day, empty) if ref_day is not None else empty for ref in self._refs[n]]
        return rouge_counts(pred, refs)


def _check_timeline(timeline: object) -> None:
    """Raise on the two likely slips: a record instead of its mapping, a string for a summary."""
    if not isinstance(timeline, Mapping):
        raise TypeError(
            f"a timeline is a mapping of date -> sentences, not {type(timeline).__name__}"
            " (for a GroundTruthTimeline pass its .entries)"
        )
    for day, summary in timeline.items():
        if not isinstance(day, date) or isinstance(summary, str):
            raise TypeError(
                f"timeline entry {day!r}: keys must be datetime.date and summaries a list of"
                " sentences, not one string"
            )


def _closeness(a: date, b: date) -> float:
    return 1 / (abs(a.toordinal() - b.toordinal()) + 1)


def _align_cost(
    pred_day: date, ref_day: date, predicted: Timeline, references: Sequence[Timeline]
) -> float:
    date_factor = 1 - _closeness(pred_day, ref_day)
    refs = [ref.get(ref_day, ()) for ref in references]
    return date_factor * (1 - approximate_rouge_1_f(predicted[pred_day], refs))


def _argmin(values: Sequence[float]) -> int:
    """Index of the first smallest value, as numpy's argmin breaks ties."""
    best = 0
    for i, value in enumerate(values):
        if value < values[best]:
            best = i
    return best


def _rouge_scores(counts: Counts) -> RougeScores:
    def prf(n: int) -> PRF:
        prec, rec = counts[n]
        return PRF.of(prec.precision, rec.recall)

    return RougeScores(prf(1), prf(2))
