"""The TempEval-3 time-expression scores: extents (strict and relaxed), type and value.

Definitions follow the TempEval-3 task (UzZaman et al., 2013):

* **strict** extent match: system and gold spans are identical; **relaxed**: they overlap.
  Precision is the share of system expressions that match some gold one, recall the share of
  gold expressions matched by some system one.
* **attributes** are judged on relaxed matches: each system expression is paired with the gold
  one it overlaps most (and each gold one with the system one that overlaps it most).
  *Accuracy* is the share of matched pairs whose attribute agrees; *attribute F1* counts a hit
  only when the extents overlap *and* the attribute agrees (P over system, R over gold).

The document creation time is given to the tagger, so it is never scored: gold TIMEX3s marked
``functionInDocument="CREATION_TIME"`` are dropped together with system spans overlapping them.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from newsline.errors import InputError

if TYPE_CHECKING:
    from newsline.temporal import Tagger


class Span(Protocol):
    """Anything with a character span, a TIMEX3 type and value (Timex, TimeMention)."""

    start: int
    end: int
    type: str
    value: str


@dataclass(slots=True)
class Counts:
    """Counts for one or many documents; add documents with :func:`count_document`."""

    system: int = 0
    gold: int = 0
    strict_system: int = 0
    strict_gold: int = 0
    relaxed_system: int = 0
    relaxed_gold: int = 0
    type_system: int = 0
    type_gold: int = 0
    value_system: int = 0
    value_gold: int = 0
    documents: int = 0

    def add(self, other: Counts) -> None:
        """Add another document's (or corpus's) counts to these."""
        for name in self.__slots__:  # type: ignore[attr-defined]
            setattr(self, name, getattr(self, name) + getattr(other, name))


@dataclass(frozen=True, slots=True)
class Scores:
    """Precision, recall and F1 for extents and attributes, plus attribute accuracies."""

    strict: tuple[float, float, float]
    relaxed: tuple[float, float, float]
    type_f1: tuple[float, float, float]
    value_f1: tuple[float, float, float]
    type_accuracy: float
    value_accuracy: float
    counts: dict[str, int] = field(default_factory=dict)

    def as_dict(self) -> dict[str, object]:
        """A JSON-ready dict."""
        prf = ("precision", "recall", "f1")
        out: dict[str, object] = {}
        for name in ("strict", "relaxed", "type_f1", "value_f1"):
            out[name] = dict(zip(prf, (round(x, 4) for x in getattr(self, name)), strict=True))
        out["type_accuracy"] = round(self.type_accuracy, 4)
        out["value_accuracy"] = round(self.value_accuracy, 4)
        out["counts"] = self.counts
        return out


def _overlap(a: Span, b: Span) -> int:
    return min(a.end, b.end) - max(a.start, b.start)


def _best(item: Span, others: Sequence[Span]) -> Span | None:
    """The span of ``others`` that overlaps ``item`` most (first on ties), or None."""
    best, size = None, 0
    for other in others:
        amount = _overlap(item, other)
        if amount > size:
            best, size = other, amount
    return best


def _same_span(a: Span, b: Span) -> bool:
    return a.start == b.start and a.end == b.end


def _agrees(a: Span, b: Span, attribute: str) -> bool:
    return str(getattr(a, attribute)).strip().upper() == str(getattr(b, attribute)).strip().upper()


def count_document(system: Iterable[Span], gold: Iterable[Span]) -> Counts:
    """Counts for one document, the creation-time TIMEX3 excluded from both sides."""
    gold_all = list(gold)
    dct = [g for g in gold_all if getattr(g, "function", "NONE") == "CREATION_TIME"]
    golds = [g for g in gold_all if g not in dct]
    systems = [s for s in system if not any(_overlap(s, d) > 0 for d in dct)]
    counts = Counts(system=len(systems), gold=len(golds), documents=1)
    for sys_span in systems:
        counts.strict_system += any(_same_span(g, sys_span) for g in golds)
        match = _best(sys_span, golds)
        if match is not None:
            counts.relaxed_system += 1
            counts.type_system += _agrees(sys_span, match, "type")
            counts.value_system += _agrees(sys_span, match, "value")
    for gold_span in golds:
        counts.strict_gold += any(_same_span(s, gold_span) for s in systems)
        match = _best(gold_span, systems)
        if match is not None:
            counts.relaxed_gold += 1
            counts.type_gold += _agrees(gold_span, match, "type")
            counts.value_gold += _agrees(gold_span, match, "value")
    return counts


def _prf(hit_system: int, system: int, hit_gold: int, gold: int) -> tuple[float, float, float]:
    precision = hit_system / system if system else 0.0
    recall = hit_gold / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def scores(counts: Counts) -> Scores:
    """Scores from (summed) counts: micro-averaged over every expression."""
    c = counts
    return Scores(
        strict=_prf(c.strict_system, c.system, c.strict_gold, c.gold),
        relaxed=_prf(c.relaxed_system, c.system, c.relaxed_gold, c.gold),
        type_f1=_prf(c.type_system, c.system, c.type_gold, c.gold),
        value_f1=_prf(c.value_system, c.system, c.value_gold, c.gold),
        type_accuracy=c.type_system / c.relaxed_system if c.relaxed_system else 0.0,
        value_accuracy=c.value_system / c.relaxed_system if c.relaxed_system else 0.0,
        counts={name: getattr(c, name) for name in c.__slots__},  # type: ignore[attr-defined]
    )


def score_corpus(pairs: Iterable[tuple[Iterable[Span], Iterable[Span]]]) -> Scores:
    """Scores over many ``(system, gold)`` document pairs."""
    total = Counts()
    for system, gold in pairs:
        total.add(count_document(system, gold))
    return scores(total)


def format_scores(result: Scores, label: str = "newsline") -> str:
    """A small plain-text table of the scores."""
    rows = [f"{label:<16} {'P':>7} {'R':>7} {'F1':>7}"]
    for name, triple in (
        ("strict extent", result.strict),
        ("relaxed extent", result.relaxed),
        ("type", result.type_f1),
        ("value", result.value_f1),
    ):
        rows.append(f"{name:<16} " + " ".join(f"{x:7.4f}" for x in triple))
    rows.append(f"{'type accuracy':<16} {result.type_accuracy:7.4f}")
    rows.append(f"{'value accuracy':<16} {result.value_accuracy:7.4f}")
    c = result.counts
    rows.append(
        f"documents {c.get('documents', 0)}, system {c.get('system', 0)}, gold {c.get('gold', 0)}"
    )
    return "\n".join(rows)


def evaluate_folder(folder: Path, tagger: Tagger | None = None) -> Scores:
    """Tag the raw text of every TimeML file in ``folder`` (anchored on its DCT) and score it.

    Mentions are scored as they would be written to TimeML (:func:`~newsline.evaluate.timeml.
    as_timex`), so this score is the one any TempEval-3 scorer gives newsline's TimeML output.
    """
    from newsline.evaluate.timeml import read_timeml, timeml_files, timeml_timexes
    from newsline.temporal import Tagger as DefaultTagger

    tagger = tagger or DefaultTagger()
    files = timeml_files(folder)
    if not files:
        raise InputError("no .tml files found", str(folder))
    pairs = []
    for path in files:
        doc = read_timeml(path)
        found = [t for m in tagger.tag(doc.text, doc.dct) for t in timeml_timexes(m)]
        pairs.append((found, doc.timexes))
    return score_corpus(pairs)
