"""The timeline JSON form (the CLI's --format json and the REST API share it)."""

from __future__ import annotations

from datetime import date
from typing import Any

from newsline.export.labels import human_label
from newsline.export.printable import printable
from newsline.records import (
    Citation,
    DateSource,
    EntryEvidence,
    EntrySentence,
    LentDate,
    Timeline,
    TimelineEntry,
)


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    """An object with ``query`` and ``entries`` sorted by start; each sentence cited."""
    return {
        "query": timeline.query,
        "articles": timeline.articles,
        "entries": [entry_to_dict(e) for e in timeline.entries],
        "undated": [sentence_to_dict(s) for s in timeline.undated],
        # matching articles per publication day: the coverage chart
        "coverage": [{"day": d.isoformat(), "articles": n} for d, n in timeline.coverage],
        # articles left out because a stage failed on them (named by id, not by file path)
        "failures": [
            {k: v for k, v in f.to_dict().items() if k != "path"} for f in timeline.failures
        ],
    }


def entry_to_dict(entry: TimelineEntry) -> dict[str, Any]:
    """One entry: inclusive full-date bounds, a human label, granularity, how it was dated."""
    return {
        "start": entry.interval.start.isoformat(),
        "end": _end(entry.interval.end),
        "label": human_label(entry.interval),
        "granularity": entry.interval.granularity,
        "dated_by": entry.dated_by,
        "conflict": entry.conflict,
        "score": round(entry.score, 3),
        "sentences": [sentence_to_dict(s) for s in entry.sentences],
        "conflicts": [sentence_to_dict(s) for s in entry.conflicts],
        # every sentence a plan or expectation for the date, not what happened then
        "expected": entry.expected,
        # mentions of the same happening at a coarser date or the next day, folded in
        "folded": [sentence_to_dict(s) for s in entry.folded],
        "background": entry.background,
        "evidence": evidence_to_dict(entry.evidence) if entry.evidence else None,
    }


def evidence_to_dict(evidence: EntryEvidence) -> dict[str, Any]:
    """Why an entry has its date: ``mentions`` (each time expression with its character offsets
    in its article's text), ``reports`` (lead sentences dated by their publication day), the
    number of ``articles`` and ``outlets`` stating it, ``first_reported``/``last_reported``,
    ``aligned`` (claims with the claim they matched and the similarity), ``bounded`` (claims with
    their dated neighbours) and ``why``, one sentence for a reader."""
    return {
        "mentions": [
            {"text": m.text, "article": m.article, "start": m.start, "end": m.end}
            for m in evidence.mentions
        ],
        "reports": [
            {
                "text": r.text,
                "article": r.article,
                "start": r.start,
                "end": r.end,
                "published": r.published,
            }
            for r in evidence.reports
        ],
        "articles": evidence.articles,
        "outlets": evidence.outlets,
        "first_reported": evidence.first_reported,
        "last_reported": evidence.last_reported,
        "aligned": [_lent(c) for c in evidence.lent if c.dated_by == "aligned"],
        "bounded": [_lent(c) for c in evidence.lent if c.dated_by == "bounded"],
        "why": evidence.why,
    }


def _lent(claim: LentDate) -> dict[str, Any]:
    out: dict[str, Any] = {"text": claim.text, "article": claim.article}
    if claim.dated_by == "aligned":
        out["matched"] = _source(claim.matched)
        out["similarity"] = claim.similarity
        # "paragraph": it shares the aligned date of its paragraph's matched claim
        out["by"] = "match" if claim.similarity is not None else "paragraph"
    else:
        out["before"] = _source(claim.before)
        out["after"] = _source(claim.after)
    return out


def _source(source: DateSource | None) -> dict[str, Any] | None:
    if source is None:
        return None
    interval = source.interval
    return {
        "text": source.text,
        "article": source.article,
        "start": interval.start.isoformat() if interval else None,
        "end": _end(interval.end) if interval else None,
    }


def sentence_to_dict(sentence: EntrySentence) -> dict[str, Any]:
    """A sentence with its citation and its own dating; ``also``: the other sources' versions
    of it (each cited and dated the same way)."""
    interval = sentence.interval
    out: dict[str, Any] = {
        "text": printable(sentence.text),
        **citation_to_dict(sentence.citation),
        "dated_by": sentence.dated_by,
        "start": interval.start.isoformat() if interval else None,
        "end": _end(interval.end) if interval else None,
        "expected": sentence.expected,
    }
    if sentence.quote is not None or out["text"] != sentence.text:
        out["quote"] = sentence.quote or sentence.text  # as written
    if sentence.matched is not None:
        matched = printable(sentence.matched_text) if sentence.matched_text else None
        out["matched"] = {"text": matched, **citation_to_dict(sentence.matched)}
    if sentence.also:
        out["also"] = [sentence_to_dict(s) for s in sentence.also]
    return out


def _end(day: date) -> str | None:
    """An inclusive end date; None when the interval is open-ended."""
    return None if day == date.max else day.isoformat()


def citation_to_dict(citation: Citation) -> dict[str, Any]:
    """Article id, title, outlet (``source``) and file (``path``)."""
    return {
        "article": citation.article,
        "title": citation.title,
        "source": citation.source,
        "path": citation.path,
        "published": citation.published,
    }
