"""Time the tagger on every paragraph of the T17 articles, and compare its output with a dump.

    .venv/bin/python benchmarks/bench_tagger.py ../shared/data/t17 --dump /tmp/tags-before.json
    .venv/bin/python benchmarks/bench_tagger.py ../shared/data/t17 --compare /tmp/tags-before.json

A paragraph is a non-empty line of an article's ``text`` (T17 writes one sentence or paragraph
a line), tagged with ``Tagger.tag`` anchored on the article's ``published`` day, as events
and dating call it. Every mention (span, type, value, mod, interval, parts) is written to the
dump; ``--compare`` reports how many paragraphs give another output than the dump did (must
be 0 for a change that only makes the tagger faster) and prints the first few. The time is
the best of ``--repeat`` passes over all paragraphs, in CPU milliseconds per paragraph
(process time: the machine may be shared).
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from datetime import date
from pathlib import Path

from newsline.records import TimeMention
from newsline.temporal import Tagger


def paragraphs(root: Path) -> list[tuple[str, date | None]]:
    """(paragraph, anchor) for every non-empty line of every article under ``root``."""
    out = []
    for path in sorted(root.glob("*/articles.jsonl")):
        with path.open(encoding="utf-8") as lines:
            for line in lines:
                article = json.loads(line)
                published = article.get("published")
                anchor = date.fromisoformat(published[:10]) if published else None
                out.extend((text, anchor) for text in article["text"].split("\n") if text.strip())
    return out


def _row(mention: TimeMention) -> list[object]:
    interval = mention.interval
    span = interval and [interval.start.isoformat(), interval.end.isoformat(), interval.granularity]
    return [
        mention.start,
        mention.end,
        mention.type,
        mention.value,
        mention.mod,
        span,
        [_row(part) for part in mention.parts],
    ]


def tag_all(items: list[tuple[str, date | None]], repeat: int) -> tuple[list[object], float]:
    """Every paragraph's mentions as rows, and the best pass's seconds."""
    tagger = Tagger()
    best, rows = float("inf"), []
    for _ in range(repeat):
        began = time.process_time()
        found = [tagger.tag(text, anchor) for text, anchor in items]
        best = min(best, time.process_time() - began)
        rows = [[_row(m) for m in mentions] for mentions in found]
    return rows, best


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("root", type=Path, help="A T17 folder (topics with articles.jsonl).")
    parser.add_argument("--dump", type=Path, help="Write every paragraph's output here.")
    parser.add_argument("--compare", type=Path, help="Compare with a dump made earlier.")
    parser.add_argument("--repeat", type=int, default=3, help="Timed passes; the best counts.")
    parser.add_argument("--show", type=int, default=5, help="Differing paragraphs printed.")
    parser.add_argument("--width", type=int, default=160, help="Characters of each shown.")
    args = parser.parse_args()
    items = paragraphs(args.root)
    rows, seconds = tag_all(items, args.repeat)
    mentions = sum(len(r) for r in rows)
    print(f"paragraphs {len(items)}, mentions {mentions}")
    print(f"CPU ms per paragraph {1000 * seconds / len(items):.4f} (best of {args.repeat})")
    if args.dump:
        args.dump.write_text(json.dumps(rows), encoding="utf-8")
    if not args.compare:
        return 0
    before = json.loads(args.compare.read_text(encoding="utf-8"))
    if len(before) != len(rows):
        print(f"the dump has {len(before)} paragraphs, not {len(rows)}")
        return 1
    differing = [i for i, (old, new) in enumerate(zip(before, rows, strict=True)) if old != new]
    print(f"differing outputs {len(differing)} (must be 0)")
    for i in differing[: args.show]:
        print(
            f"  {items[i][1]} {items[i][0][: args.width]!r}\n    before {before[i]}\n    after  {rows[i]}"
        )
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main())
