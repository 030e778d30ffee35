"""The timeline as Markdown: one heading per entry, each sentence with its citation."""

from __future__ import annotations

from pathlib import Path

from newsline.export.labels import human_label
from newsline.records import Citation, EntrySentence, Timeline


def timeline_to_markdown(timeline: Timeline) -> str:
    """Readable Markdown; how each entry was dated is said plainly."""
    lines = [f"# Timeline: {timeline.query}", ""]
    if not timeline.entries:
        lines.append("_No dated events found for this query._")
    for entry in timeline.entries:
        flag = " (conflicting dates)" if entry.conflict else ""
        past = " (background: long before this coverage)" if entry.background else ""
        plan = " (planned)" if entry.expected else ""
        lines.append(f"## {human_label(entry.interval)}{plan}{past}{flag}")
        lines.append("")
        lines.extend(f"- {_sentence(s)}" for s in entry.sentences)
        lines.extend(
            f"- **Conflicting date** ({_label(s)}): {_sentence(s)}" for s in entry.conflicts
        )
        lines.append("")
    if timeline.undated:
        lines.extend(["## Not placed in time", ""])
        lines.extend(f"- {_sentence(s)}" for s in timeline.undated)
        lines.append("")
    return "\n".join(lines)


def _sentence(sentence: EntrySentence) -> str:
    also = "; ".join(_where(s.citation) for s in sentence.also)
    told = f" _[also reported by {also}]_" if also else ""
    plan = "(planned) " if sentence.expected else ""
    return f"{plan}{sentence.text} ({_where(sentence.citation)}){_how(sentence)}{told}"


def _where(cite: Citation) -> str:
    where = ", ".join(p for p in (cite.source, cite.published, Path(cite.path).name) if p)
    return f"{where}; article {cite.article[:12]}"


def _how(sentence: EntrySentence) -> str:
    """How an undated claim got its date, said plainly."""
    if sentence.dated_by == "aligned" and sentence.matched is not None:
        said = f'"{sentence.matched_text}" ' if sentence.matched_text else ""
        return f" _[undated in its source; dated by matching {said}({_where(sentence.matched)})]_"
    if sentence.dated_by == "bounded":
        return " _[undated in its source; placed between the dated events around it]_"
    if sentence.dated_by == "published":
        return " _[dated by the article's publication date]_"
    return ""


def _label(sentence: EntrySentence) -> str:
    return human_label(sentence.interval) if sentence.interval else "undated"
