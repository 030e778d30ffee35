"""The work of extracting events at ingest, alone, in a count a shared machine does not blur.

Ingest's events cost (``profile_ingest.py --events on`` minus ``off``) moves by 10-30 % from
run to run when other processes share the two cores, more than most changes to the tagger or
to ``extract_events`` save. This reads the first ``-n`` distinct articles of a folder as ingest
does (the same per-file function, events off), then extracts each one's events with its own
:class:`~newsline.temporal.TextTags` and makes the store's payload of them, as ingest's date
stage and store do. Under ``valgrind --tool=cachegrind --cache-sim=no`` the instructions it
runs are a count of that work that load does not change; ``--skip`` runs all but the
extraction, the baseline to subtract. ``--out`` writes the payloads, one line an article, to
compare two versions of the code.

Usage (old code exported with ``git archive HEAD src | tar -x -C /tmp/old``, same command with
``PYTHONPATH=/tmp/old/src``):
    PYTHONPATH=src valgrind --tool=cachegrind --cache-sim=no --cachegrind-out-file=/dev/null \\
        .venv/bin/python benchmarks/meter_events.py /tmp/c10k/data -n 800 [--skip]
"""

from __future__ import annotations

import argparse
import time
from pathlib import Path

from newsline.errors import InputError
from newsline.ingest import iter_files
from newsline.ingest.stream import scan
from newsline.jobs import file_articles
from newsline.records import Article
from newsline.settings import Settings
from newsline.stages.events import extract_events
from newsline.store.codec import events_payload
from newsline.temporal import TextTags


def distinct_articles(data: Path, settings: Settings, count: int) -> list[Article]:
    """The first ``count`` articles of ``data`` as ingest reads them, each id once."""
    found: dict[str, Article] = {}
    for path in iter_files([str(data)], []):
        try:
            articles = file_articles(path, scan(path), settings).articles
        except InputError:  # an empty or unreadable file: ingest reports it and goes on
            continue
        for article in articles:
            found.setdefault(article.id, article)
            if len(found) >= count:
                return list(found.values())
    return list(found.values())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a folder of generated articles (its data/)")
    parser.add_argument("-n", type=int, default=800, help="distinct articles to extract")
    parser.add_argument("--skip", action="store_true", help="read only: the baseline")
    parser.add_argument("--out", type=Path, help="write the payloads here")
    args = parser.parse_args()
    settings = Settings(embeddings="off").with_(ingest_events=False)
    articles = distinct_articles(args.data, settings, args.n)
    payloads = []
    cpu = time.process_time()
    if not args.skip:
        payloads = [events_payload(list(extract_events(a, settings, TextTags()))) for a in articles]
    cpu = time.process_time() - cpu
    print(f"{len(articles)} articles, events extracted: {not args.skip}, {cpu:.2f} CPU s")
    if args.out:
        args.out.write_text("\n".join(payloads), encoding="utf-8")


if __name__ == "__main__":
    main()
