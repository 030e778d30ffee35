"""Which dates the timeline gets wrong on a T17-layout benchmark, and what evidence they had.

For each topic (ingested once into a temporary store and queried through the product's own
path) and each of its ground-truth timelines under the news-tls protocol
(:func:`newsline.evaluate.tls_eval.protocol_options`), the timeline is built by
:func:`newsline.stages.timeline.build_timeline` as ``eval tls`` builds it. Its dates are then
compared with the journalist's:

- **wrong**: a chosen date the journalist's timeline does not hold, with how far it lies from
  the nearest true date (``near``) and whether that true date was chosen too;
- **missed**: a true date not chosen, with its rank among the candidates (``-`` when no
  sentence states or reports it: no ranking could choose it).

Each date is shown with its evidence (:func:`newsline.stages.date_features.evidence`, the
score dates are ranked by) and what it is made of: distinct articles stating it (``stated``),
those stating it after the fact (``later``), those whose lead reports it (``reported``) and
those lending it to a sentence (``borrowed``). The totals at the end say where date F1 is lost.

Usage: .venv/bin/python benchmarks/date_errors.py [T17_DIR] [--topic NAME ...] [--quiet]
       [--sentences N]
"""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from newsline.evaluate.datasets import read_topics
from newsline.evaluate.tls_eval import protocol_options, topic_store
from newsline.jobs import query_events
from newsline.records import Article, Event
from newsline.settings import Settings
from newsline.stages.date_features import evidence, later_days
from newsline.stages.timeline import candidate_groups

ROOT = Path(__file__).resolve().parents[1]


@dataclass(frozen=True, slots=True)
class DateError:
    """A date chosen but not true (``kind="wrong"``) or true but not chosen (``"missed"``)."""

    kind: str
    day: date
    # Days to the nearest date of the other side (a true one when wrong, a chosen one when missed).
    near: int | None
    neighbour_chosen: bool  # wrong: the nearest true date is chosen as well


def compare(chosen: set[date], truth: set[date]) -> list[DateError]:
    """The wrong and missed dates of a timeline, by date."""
    errors = []
    for day in sorted(chosen - truth):
        nearest = min(truth, key=lambda d: (abs((d - day).days), d), default=None)
        near = abs((nearest - day).days) if nearest else None
        errors.append(DateError("wrong", day, near, nearest in chosen))
    for day in sorted(truth - chosen):
        near = min((abs((d - day).days) for d in chosen), default=None)
        errors.append(DateError("missed", day, near, False))
    return errors


def distance_class(near: int | None) -> str:
    """A wrong date's distance to the nearest true one, in the classes the totals count."""
    if near is None:
        return "no true date"
    return "1 day" if near <= 1 else "2-3 days" if near <= 3 else "4+ days"


def makeup(events: Sequence[Event], by_id: Mapping[str, Article]) -> dict[str, int]:
    """Distinct articles stating, stating later, reporting and lending a date."""

    def articles(kinds: tuple[str, ...]) -> int:
        return len({e.article_id for e in events if e.dated_by in kinds})

    later = {e.article_id for e in events if later_days(e, by_id) is not None}
    return {
        "stated": articles(("explicit",)),
        "later": len(later),
        "reported": articles(("published",)),
        "borrowed": articles(("aligned", "bounded")),
    }


def describe(event: Event, by_id: Mapping[str, Article]) -> str:
    """One sentence behind a date: how it was dated, by which words, when it was published."""
    published = by_id[event.article_id].published
    text = " ".join(event.text.split())
    return f"{event.dated_by:9} {event.mention or '-'!r:24} pub {published.value}  {text[:160]}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("root", nargs="?", default=str(ROOT.parent / "shared" / "data" / "t17"))
    parser.add_argument("--topic", nargs="*", help="only these topics")
    parser.add_argument("--quiet", action="store_true", help="totals only")
    parser.add_argument(
        "--sentences",
        type=int,
        default=0,
        metavar="N",
        help="show up to N sentences behind each wrong or missed date",
    )
    args = parser.parse_args()
    settings = Settings()
    totals: Counter[str] = Counter()
    for topic in read_topics(args.root):
        if args.topic and topic.name not in args.topic:
            continue
        with topic_store(topic, settings) as (store, _):
            found = query_events(
                protocol_options(topic, topic.timelines[0]), store, settings
            ).kept()
        by_id = {a.id: a for a in found.articles}
        for truth in topic.timelines:
            options = protocol_options(topic, truth)
            made = found.build(options)
            groups = candidate_groups(found.query, found.events, options)
            scores = {k[0]: evidence(v, by_id, options) for k, v in groups.items()}
            events = {k[0]: v for k, v in groups.items()}
            ranked = sorted(scores, key=lambda d: (-scores[d], d))
            chosen = {e.interval.start for e in made.entries}
            days = set(truth.dates)
            print(
                f"== {topic.name}/{truth.name}: {len(chosen & days)} of {len(days)} true dates"
                f" chosen, {len(chosen - days)} wrong; {len(days & set(scores))} true dates"
                f" among {len(scores)} candidates"
            )
            for error in compare(chosen, days):
                if error.kind == "wrong":
                    totals[f"wrong, {distance_class(error.near)} from a true date"] += 1
                    totals["wrong, next to a chosen true date"] += error.neighbour_chosen
                else:
                    totals["missed" if error.day in scores else "missed, no candidate"] += 1
                if args.quiet:
                    continue
                rank = ranked.index(error.day) + 1 if error.day in scores else "-"
                parts = makeup(events.get(error.day, []), by_id)
                print(
                    f"  {error.kind:6} {error.day}  rank {rank!s:>4}  evidence"
                    f" {scores.get(error.day, 0.0):6.1f}  near {error.near}  "
                    + " ".join(f"{k} {v}" for k, v in parts.items())
                )
                for event in events.get(error.day, [])[: args.sentences]:
                    print("      " + describe(event, by_id))
            totals["true dates"] += len(days)
            totals["chosen true"] += len(chosen & days)
    print("totals:")
    for name, count in sorted(totals.items()):
        print(f"  {name:40} {count}")


if __name__ == "__main__":
    main()
