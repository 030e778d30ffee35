"""Timelines to export: the example corpus, the seeds, a T17 topic, and a hostile article.

Plain functions (fixtures in the conftests wrap them) so the export and web tests share them.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

from newsline.evaluate.datasets import read_topics
from newsline.export.html import cited_ids
from newsline.jobs import ingest, timeline
from newsline.records import Article, Citation, EntrySentence, Interval, Timeline, TimelineEntry
from newsline.stages.timeline_options import TimelineOptions
from newsline.store import Store

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "examples"
DEMO_QUERY = "Brenn Strait Link"
HOSTILE_QUERY = "Quillon harbour"

# Every payload sets window.__pwned (and alerts) if it ever runs as markup or script.
PAYLOADS = {
    "script": "<script>window.__pwned='script';alert(1)</script>",
    "end_script": "</script><script>window.__pwned='end_script';alert(2)</script>",
    "svg": "<svg onload=\"window.__pwned='svg';alert(3)\"></svg>",
    "attribute": '" onerror="window.__pwned=\'attribute\';alert(4)" x="',
    "img": "<img src=x onerror=\"window.__pwned='img';alert(5)\">",
    "comment": "<!-- </script> -->&amp; &lt;b&gt;",
}
HOSTILE_ARTICLE = {
    "id": "hostile-1",
    "title": f"Quillon harbour {PAYLOADS['script']} reopens {PAYLOADS['attribute']}",
    "published": "2024-03-05",
    "source": f"Harbour Gazette {PAYLOADS['img']}",
    "url": "javascript:window.__pwned='url'",
    "text": "\n\n".join(
        [
            f"The Quillon harbour reopened on March 4, 2024 {PAYLOADS['end_script']} after repairs.",
            f"Officials said the Quillon harbour {PAYLOADS['svg']} works began in May 2023.",
            f"A Quillon harbour pilot said {PAYLOADS['attribute']} the fog lifted in 2022.",
            f"The Quillon harbour board {PAYLOADS['comment']} first met in 1998.",
        ]
    ),
}


def ingest_into(db: Path, *paths: Path) -> None:
    """Ingest files or folders into the store at ``db``."""
    with Store(db) as store:
        summary = ingest([str(p) for p in paths], store)
    assert summary.ok, summary.failures


def store_timeline(db: Path, query: str, **options: object) -> tuple[Timeline, list[Article]]:
    """The timeline for ``query`` over the store and the articles it cites."""
    with Store(db) as store:
        result = timeline(TimelineOptions(query=query, **options), store)  # type: ignore[arg-type]
        cited = cited_ids(result)
        return result, [a for a in store.load_articles() if a.id in cited]


def write_hostile(folder: Path) -> Path:
    """A JSONL file holding the hostile article."""
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "hostile.jsonl"
    path.write_text(json.dumps(HOSTILE_ARTICLE) + "\n", encoding="utf-8")
    return path


def t17_timeline(
    root: Path, topic_name: str, db: Path, max_dates: int = 25
) -> tuple[Timeline, list[Article]]:
    """A timeline of one T17 topic as a user gets it: its articles ingested into ``db``, the
    keywords as an any-term query, sentences naming them."""
    topic = next(t for t in read_topics(root) if t.name == topic_name)
    ingest_into(db, *topic.inputs)
    query = " ".join(topic.keywords)
    return store_timeline(db, query, any_term=True, sentences="naming", max_dates=max_dates)


def mixed_timeline() -> Timeline:
    """Hand-made entries: every granularity, every way of dating, a conflict, an undated line."""
    cases = [
        ((1900, 1, 1), (1999, 12, 31), "century", "explicit", False),
        ((2003, 1, 1), (2006, 12, 31), "decade", "explicit", False),
        ((2008, 1, 1), (2010, 12, 31), "year", "aligned", False),
        ((2012, 1, 1), (2012, 12, 31), "year", "explicit", False),
        ((2013, 7, 1), (2013, 12, 31), "half", "bounded", False),
        ((2014, 4, 1), (2014, 6, 30), "quarter", "explicit", False),
        ((2015, 6, 1), (2015, 8, 31), "season", "published", False),
        ((2016, 4, 1), (2016, 4, 30), "month", "explicit", True),
        ((2017, 11, 6), (2017, 11, 12), "week", "explicit", False),
        ((2019, 3, 3), (2019, 3, 3), "day", "published", False),
        ((2020, 3, 14), (2020, 3, 20), "day", "bounded", False),
        (
            (2019, 4, 1),
            (2020, 6, 30),
            "range",
            "bounded",
            False,
        ),  # between April 2019 and June 2020
        ((2024, 3, 1), None, "month", "explicit", False),  # after March 2024: an open end
    ]
    entries = []
    for number, (start, end, gran, how, conflict) in enumerate(cases):
        interval = Interval(date(*start), date(*end) if end else date.max, gran)
        citation = Citation(
            article=f"{number:016x}",
            title=f"Story {number} about the crossing",
            source="BPA" if number % 2 else "Corvena Herald",
            path=f"/news/story{number}.txt",
            published=f"{start[0]}-{start[1]:02d}-{start[2]:02d}",
        )
        lent = Citation(
            "d" * 16, "The dated chronology", "BPA", "/news/chronology.txt", "2024-03-11"
        )
        sentence = EntrySentence(
            f"Event {number} ({gran}, {how}) happened.",
            citation,
            how,
            interval,
            matched=lent if how == "aligned" else None,
            matched_text="2008-2010 - The crisis freezes the project."
            if how == "aligned"
            else None,
        )
        entries.append(TimelineEntry(interval, (sentence,), 1.0, how, conflict, _others(conflict)))
    undated_cite = Citation("f" * 16, "Undated story", None, "/news/undated.txt")
    undated = EntrySentence(
        '=HYPERLINK("http://evil.example") was typed into a cell.',
        undated_cite,
        "explicit",
        Interval(date(2021, 1, 1), date(2021, 12, 31), "year"),
    )
    return Timeline("the crossing", tuple(entries), articles=len(entries) + 1, undated=(undated,))


def _others(conflict: bool) -> tuple[EntrySentence, ...]:
    """Another source's version of a conflicting entry."""
    if not conflict:
        return ()
    cite = Citation("e" * 16, "A rival account", "AVP", "/news/rival.txt", "2016-06-01")
    interval = Interval(date(2016, 5, 1), date(2016, 5, 31), "month")
    return (
        EntrySentence(
            "The first tunnel element was floated in May 2016.", cite, "explicit", interval
        ),
    )
