"""Cross-source dating on real articles: precision and recall of a hidden date, and how many
claims of ordinary news articles get a date lent to them.

1. **Hidden dates.** Each topic is ingested into a store as a user's would be (either layout)
   and read back with its events, aligned, as ``newsline timeline`` reads them
   (:func:`newsline.jobs.query_events`). From its articles, every ``--every``-th sentence that
   states a day of its own in words ("20 April", not "Tuesday", whose reading is the tagger's
   guess; not in a side clause, "since the blast on 20 April"; its only time expression; a
   claim, not a question or a comment) is taken; its time expressions are cut out of it, it is removed from
   its article (so its own words cannot lend the date back), and the cut sentences, in date
   order, form one undated chronology ("Timeline of events ...") added beside the articles, as
   a rewrite that lost its dates would be. The aligner then dates each: **precision** is the
   share of the sentences it aligns whose lent interval holds the hidden day (right at the
   granularity it claims), **recall** the share of all hidden sentences aligned right; bounded
   ones (placed between neighbours) are counted apart.
2. **Ordinary articles.** On the topic as ingested, the claims dated ``aligned`` or
   ``bounded`` and the articles taken for chronologies (their titles listed with ``-v``): a
   reader's comment, a transcript or an ordinary report should get none.

Usage: .venv/bin/python benchmarks/bench_align.py [T17_DIR] [--topics mj haiti] [--every 7] [-v]
"""

from __future__ import annotations

import argparse
import re
import time
from collections import Counter
from pathlib import Path

from newsline.evaluate.datasets import read_topics
from newsline.evaluate.tls_eval import protocol_options, topic_store
from newsline.jobs import articles_from_text, query_events
from newsline.models.embedding import load_sentence_model
from newsline.records import Event
from newsline.settings import Settings
from newsline.stages.align import align, chronology_ids, is_claim, subordinate_date
from newsline.stages.events import extract_events
from newsline.temporal import tag
from newsline.temporal.lexicon import MONTH_RE

ROOT = Path(__file__).resolve().parents[1]
_MONTH = re.compile(rf"\b(?:{MONTH_RE})\b", re.I)


def hidden(events: list[Event], every: int) -> list[tuple[Event, str]]:
    """Every ``every``-th sentence stating a day of its own, with its time expressions cut."""
    stating = [
        e
        for e in events
        if e.dated_by == "explicit"
        and e.interval is not None
        and e.interval.granularity == "day"
        and _MONTH.search(e.mention or "")  # "20 April", not "Tuesday": a date the text states
        and not subordinate_date(e)  # "since the explosion on April 20": not its own event
    ]
    picked, seen = [], set()
    for event in stating[::every]:
        text, mentions = event.text, tag(event.text)
        if len(mentions) != 1 or not is_claim(text):  # one date, the sentence's own; a claim
            continue
        for mention in mentions:
            text = text[: mention.start] + text[mention.end :]
        text = " ".join(text.split())
        if len(text.split()) >= 6 and text not in seen:  # a copy would have two true dates
            seen.add(text)
            picked.append((event, text))
    return sorted(picked, key=lambda p: (p[0].interval.start, p[0].article_id, p[0].index))  # type: ignore[union-attr]


def recover(found, settings: Settings, every: int, model) -> Counter[str]:  # noqa: ANN001
    """Date the hidden sentences as one undated chronology; count right and wrong."""
    cut = hidden(found.events, every)
    keys = {(e.article_id, e.index) for e, _ in cut}
    text = "Timeline of events\n\n" + "\n\n".join(t for _, t in cut) + "\n"
    (chronology,), _, _ = articles_from_text("hidden-dates.txt", text, settings)
    own = list(extract_events(chronology, settings))
    others = [e for e in found.events if (e.article_id, e.index) not in keys]
    dated = align([*found.articles, chronology], [*others, *own], settings, model)
    mine = [e for e in dated if e.article_id == chronology.id]
    truth = {}
    for event in mine:  # each sentence of the chronology is (part of) one hidden sentence
        day = next((e.interval.start for e, t in cut if event.text in t), None)  # type: ignore[union-attr]
        if day is not None:
            truth[event.index] = day
    counts: Counter[str] = Counter(hidden=len(cut))
    for event in mine:
        day = truth.get(event.index)
        if day is None or event.interval is None:
            continue
        right = event.interval.start <= day <= event.interval.end
        counts[f"{event.dated_by}_{'right' if right else 'wrong'}"] += 1
    return counts


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("root", nargs="?", default=str(ROOT.parent / "shared" / "data" / "t17"))
    parser.add_argument("--topics", nargs="*")
    parser.add_argument("--every", type=int, default=7, help="take every n-th day-stating sentence")
    parser.add_argument("-v", action="store_true", help="list the articles taken for chronologies")
    args = parser.parse_args()
    settings = Settings()
    model = load_sentence_model() if settings.embeddings == "auto" else None
    print(f"sentence model: {'embed extra' if model else 'none (lexical)'}")
    total: Counter[str] = Counter()
    started = time.perf_counter()
    for topic in read_topics(args.root):
        if args.topics and topic.name not in args.topics:
            continue
        with topic_store(topic, settings) as (store, _):
            found = query_events(protocol_options(topic, topic.timelines[0]), store, settings)
        chronologies = chronology_ids(found.articles, found.events)
        lent = Counter(e.dated_by for e in found.events if e.dated_by in ("aligned", "bounded"))
        counts = recover(found, settings, args.every, model)
        counts.update(
            articles=len(found.articles),
            chronologies=len(chronologies),
            lent_aligned=lent["aligned"],
            lent_bounded=lent["bounded"],
        )
        total.update(counts)
        print(f"{topic.name:6} {_line(counts)}")
        if args.v:
            for article in found.articles:
                if article.id in chronologies:
                    print(f"         chronology: {article.title[:100]} ({article.source.path})")
    print(f"{'ALL':6} {_line(total)}  ({time.perf_counter() - started:.1f} s)")


def _line(c: Counter[str]) -> str:
    aligned = c["aligned_right"] + c["aligned_wrong"]
    precision = c["aligned_right"] / aligned if aligned else float("nan")
    recall = c["aligned_right"] / c["hidden"] if c["hidden"] else float("nan")
    bounded = c["bounded_right"] + c["bounded_wrong"]
    in_bounds = c["bounded_right"] / bounded if bounded else float("nan")
    return (
        f"hidden {c['hidden']:4}  aligned {aligned:4}  precision {precision:6.1%}"
        f"  recall {recall:6.1%}  bounded {bounded:4} (holding the day {in_bounds:6.1%})"
        f" | in the topic: {c['articles']} articles, {c['chronologies']} taken for"
        f" chronologies, claims aligned {c['lent_aligned']}, bounded {c['lent_bounded']}"
    )


if __name__ == "__main__":
    main()
