"""The timeline as Markdown: one heading per entry, each sentence with its citation."""

from __future__ import annotations

from pathlib import Path

from newsline.export.labels import human_label
from newsline.export.printable import printable
from newsline.records import Citation, DateSource, EntryEvidence, EntrySentence, Timeline

#: Other sources' versions cited after a line (all of them with ``explain``, and in JSON/CSV).
ALSO_SHOWN = 3


def timeline_to_markdown(timeline: Timeline, explain: bool = False) -> str:
    """Readable Markdown; how each entry was dated is said plainly; a line cites the first
    :data:`ALSO_SHOWN` other sources that reported it and counts the rest. ``explain``: every
    source is cited and each entry ends with why it has its date (its evidence) as a quoted
    block."""
    lines = [f"# Timeline: {timeline.query}", ""]
    if not timeline.entries:
        lines.append("_No dated events found for this query._")
    for entry in timeline.entries:
        flag = " (conflicting dates)" if entry.conflict else ""
        past = " (background: long before this coverage)" if entry.background else ""
        plan = " (planned)" if entry.expected else ""
        lines.append(f"## {human_label(entry.interval)}{plan}{past}{flag}")
        lines.append("")
        lines.extend(f"- {_sentence(s, explain)}" for s in entry.sentences)
        lines.extend(
            f"- **Conflicting date** ({_label(s)}): {_sentence(s, explain)}"
            for s in entry.conflicts
        )
        lines.append("")
        if explain and entry.evidence is not None:
            lines.extend(explanation(entry.evidence))
            lines.extend(
                f"> - the same happening, folded in from {_label(s)}:"
                f" \u201c{printable(s.text)}\u201d (article {s.citation.article[:12]})"
                for s in entry.folded
            )
            lines.append("")
    if timeline.undated:
        lines.extend(["## Not placed in time", ""])
        lines.extend(f"- {_sentence(s, explain)}" for s in timeline.undated)
        lines.append("")
    return "\n".join(lines)


def _sentence(sentence: EntrySentence, every: bool = False) -> str:
    shown = sentence.also if every else sentence.also[:ALSO_SHOWN]
    also = "; ".join(_where(s.citation) for s in shown)
    more = len(sentence.also) - len(shown)
    also += f"; and {more} more" if more else ""
    told = f" _[also reported by {also}]_" if also else ""
    plan = "(planned) " if sentence.expected else ""
    return f"{plan}{printable(sentence.text)} ({_where(sentence.citation)}){_how(sentence)}{told}"


def _where(cite: Citation) -> str:
    where = ", ".join(p for p in (cite.source, cite.published, Path(cite.path).name) if p)
    return f"{where}; article {cite.article[:12]}"


def _how(sentence: EntrySentence) -> str:
    """How an undated claim got its date, said plainly."""
    if sentence.dated_by == "aligned" and sentence.matched is not None:
        said = f'"{printable(sentence.matched_text)}" ' if sentence.matched_text else ""
        return f" _[undated in its source; dated by matching {said}({_where(sentence.matched)})]_"
    if sentence.dated_by == "bounded":
        return " _[undated in its source; placed between the dated events around it]_"
    if sentence.dated_by == "published":
        return " _[dated by the article's publication date]_"
    return ""


def _label(sentence: EntrySentence) -> str:
    return human_label(sentence.interval) if sentence.interval else "undated"


def explanation(evidence: EntryEvidence) -> list[str]:
    """Why an entry has its date, as Markdown quote lines: the reason in one sentence, then
    each time expression (with its characters in its article), report and borrowed date."""
    lines = [f"> **Why this date:** {evidence.why}"]
    for m in evidence.mentions:
        lines.append(
            f"> - \u201c{m.text}\u201d in article {m.article[:12]}, characters {m.start}-{m.end}"
        )
    for r in evidence.reports:
        lines.append(
            f"> - reported on its publication day, {r.published}: \u201c{r.text}\u201d"
            f" (article {r.article[:12]})"
        )
    for claim in evidence.lent:
        said = f"\u201c{claim.text}\u201d (article {claim.article[:12]})"
        if claim.dated_by == "aligned":
            close = f", similarity {claim.similarity:g}" if claim.similarity is not None else ""
            how = "matches" if claim.similarity is not None else "shares its paragraph's match,"
            lines.append(f"> - {said} {how} {_source(claim.matched)}{close}")
        else:
            after = f" and before {_source(claim.after)}" if claim.after else ""
            lines.append(f"> - {said} comes after {_source(claim.before)}{after}")
    if evidence.first_reported:
        last = evidence.last_reported
        span = f", last on {last}" if last != evidence.first_reported else ""
        lines.append(f"> - first reported on {evidence.first_reported}{span}")
    return lines


def _source(source: DateSource | None) -> str:
    if source is None:
        return "an unknown sentence"
    when = f", {human_label(source.interval)}" if source.interval else ""
    return f"\u201c{source.text}\u201d (article {source.article[:12]}{when})"
