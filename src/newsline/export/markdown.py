"""The timeline as Markdown: one heading per entry, each sentence with its citation."""

from __future__ import annotations

from pathlib import Path

from newsline.export.labels import human_label
from newsline.records import EntrySentence, Timeline


def timeline_to_markdown(timeline: Timeline) -> str:
    """Readable Markdown; how each entry was dated is said plainly."""
    lines = [f"# Timeline: {timeline.query}", ""]
    if not timeline.entries:
        lines.append("_No dated events found for this query._")
    for entry in timeline.entries:
        flag = " (conflicting dates)" if entry.conflict else ""
        lines.append(f"## {human_label(entry.interval)}{flag}")
        lines.append("")
        lines.extend(f"- {_sentence(s)}" for s in entry.sentences)
        lines.append("")
    if timeline.undated:
        lines.extend(["## Not placed in time", ""])
        lines.extend(f"- {_sentence(s)}" for s in timeline.undated)
        lines.append("")
    return "\n".join(lines)


def _sentence(sentence: EntrySentence) -> str:
    cite = sentence.citation
    where = ", ".join(p for p in (cite.source, cite.published, Path(cite.path).name) if p)
    how = "" if sentence.dated_by == "explicit" else f" _[dated: {sentence.dated_by}]_"
    return f"{sentence.text} ({where}; article {cite.article[:12]}){how}"
