"""Peak memory of ingesting one big file: it should not grow with the file's size.

Writes, into a temporary folder (never the repository), one JSON-lines file and one text dump
(the blank-line layout, which makes the splitter read the whole file twice: once to choose its
rule, once to cut) of about each --sizes megabytes, made of the T17 articles in
../shared/data/t17 replicated with a copy number in their id, headline and first sentence (so
every copy is a new article). Each file is ingested by ``newsline.jobs.ingest`` into a fresh
SQLite store, in a subprocess of its own, whose peak RSS (getrusage) is its own. Near-duplicate
linking is left out (replaced by a no-op in the subprocess; no setting turns it off): it is the
same batched job after any ingest, and the copies of one article would all be candidates of
each other. What is measured is reading, splitting, cleaning, dating and writing in batches.
--read-only measures reading and splitting alone (raw articles counted, no stages, no store).
--whole adds, for the smallest size, the peak of reading the same file whole and keeping its
articles (``jobs.articles_from_text``, as ingest did before it streamed; nothing written to a
store).

Usage: .venv/bin/python benchmarks/bench_memory.py [--sizes 100 1000] [--whole] [--keep DIR]
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "data" / "t17"
MB = 1_000_000

CHILD = """
import json, resource, sys, time
from pathlib import Path
from newsline import jobs
from newsline.ingest.decode import decode
from newsline.jobs_dedup import LinkSummary
from newsline.settings import Settings
from newsline.store import Store

path, db, mode = sys.argv[1], sys.argv[2], sys.argv[3]
settings = Settings(embeddings="off", max_file_bytes=2 * 10**9)
jobs.link_near_duplicates = lambda store, settings: LinkSummary()  # not what is measured
started, before = time.perf_counter(), resource.getrusage(resource.RUSAGE_SELF)
if mode == "read":
    from newsline.ingest.stream import scan
    docs = jobs.stream_documents(Path(path), scan(Path(path)), settings)
    counts = {"articles": 0, "failures": 0}
    for doc in docs:
        counts["failures" if isinstance(doc, Exception) else "articles"] += 1
elif mode == "whole":
    text, encoding, note = decode(Path(path).read_bytes())
    articles, failures, _ = jobs.articles_from_text(path, text, settings, encoding, note)
    counts = {"articles": len(articles), "failures": len(failures)}
else:
    with Store(db) as store:
        summary = jobs.ingest([path], store, settings)
        counts = {"articles": summary.articles_new, "failures": len(summary.failures)}
seconds = time.perf_counter() - started
usage = resource.getrusage(resource.RUSAGE_SELF)
cpu = usage.ru_utime + usage.ru_stime - before.ru_utime - before.ru_stime  # after imports
peak = usage.ru_maxrss * 1024
print(json.dumps({**counts, "seconds": seconds, "cpu": cpu, "peak_rss": peak}))
"""


def originals() -> list[dict[str, str]]:
    """The T17 articles with a text, every topic."""
    items = []
    for path in sorted(T17.glob("*/articles.jsonl")):
        for line in path.read_text(encoding="utf-8").splitlines():
            item = json.loads(line) if line.strip() else {}
            if isinstance(item.get("text"), str) and item["text"].strip():
                items.append(item)
    return items


def copies(items: list[dict[str, str]]) -> Iterator[tuple[int, dict[str, str]]]:
    """Copy k of every article, forever: a new id, headline and first sentence."""
    copy = 0
    while True:
        for number, item in enumerate(items):
            body = item["text"].replace("\n\n\n", "\n\n")  # no accidental article breaks
            yield (
                copy,
                {
                    **item,
                    "id": f"{item.get('id', number)}-copy{copy}",
                    "title": f"Report {copy}-{number} from {item.get('source', 'the wire')}",
                    "text": f"This is copy {copy} of report {number}.\n{body}",
                },
            )
        copy += 1


def write_jsonl(path: Path, size: int, items: list[dict[str, str]]) -> int:
    """About ``size`` bytes of JSON lines; the number of records."""
    written = count = 0
    with path.open("w", encoding="utf-8") as out:
        for _, item in copies(items):
            line = json.dumps(item, ensure_ascii=False) + "\n"
            written += out.write(line)
            count += 1
            if written >= size:
                return count
    return count


def write_dump(path: Path, size: int, items: list[dict[str, str]]) -> int:
    """About ``size`` bytes of a blank-line text dump (headline, blank, body; 2 blank lines
    between articles); the number of articles."""
    written = count = 0
    with path.open("w", encoding="utf-8") as out:
        for _, item in copies(items):
            body = "\n\n".join(p.strip() for p in item["text"].split("\n") if p.strip())
            written += out.write(f"{item['title']}\n\n{body}\n\n\n")
            count += 1
            if written >= size:
                return count
    return count


def measure(path: Path, mode: str, folder: Path) -> dict[str, float]:
    """Ingest (or read whole) one file in a fresh subprocess; its counts, time and peak RSS."""
    db = folder / f"{path.stem}-{mode}.db"
    done = subprocess.run(
        [sys.executable, "-c", CHILD, str(path), str(db), mode],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
    )
    for leftover in folder.glob(f"{db.name}*"):
        leftover.unlink()
    return dict(json.loads(done.stdout.strip().splitlines()[-1]))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100, 1000], help="MB per file")
    parser.add_argument("--formats", nargs="+", default=["jsonl", "dump"])
    parser.add_argument("--whole", action="store_true", help="also read the smallest whole")
    parser.add_argument("--keep", type=Path, help="write the files here and keep them")
    parser.add_argument(
        "--read-only",
        action="store_true",
        help="only read and split (no stages, no store): the streaming reader's own cost",
    )
    args = parser.parse_args()
    items = originals()
    folder = args.keep or Path(tempfile.mkdtemp(prefix="newsline-memory-"))
    folder.mkdir(parents=True, exist_ok=True)
    writers = {"jsonl": write_jsonl, "dump": write_dump}
    print(f"{len(items)} T17 articles replicated; files in {folder}")
    print(
        f"{'format':6} {'file MB':>8} {'records':>9} {'articles':>9} {'failures':>8}"
        f" {'seconds':>8} {'CPU s':>7} {'art/CPU s':>9} {'peak RSS MB':>11}  mode"
    )
    try:
        for fmt in args.formats:
            for size in sorted(args.sizes):
                path = folder / f"{fmt}-{size}mb.{'jsonl' if fmt == 'jsonl' else 'txt'}"
                started = time.perf_counter()
                records = writers[fmt](path, size * MB, items)
                made = time.perf_counter() - started
                modes = ["read"] if args.read_only else ["stream"]
                if args.whole and size == min(args.sizes):
                    modes.append("whole")
                for mode in modes:
                    got = measure(path, mode, folder)
                    mb = path.stat().st_size / MB
                    print(
                        f"{fmt:6} {mb:8.0f} {records:9d} {got['articles']:9.0f}"
                        f" {got['failures']:8.0f} {got['seconds']:8.1f} {got['cpu']:7.1f}"
                        f" {got['articles'] / got['cpu']:9.0f}"
                        f" {got['peak_rss'] / MB:11.0f}  {mode} (file written in {made:.0f} s)",
                        flush=True,
                    )
                if not args.keep:
                    path.unlink()
    finally:
        if not args.keep:
            shutil.rmtree(folder, ignore_errors=True)


if __name__ == "__main__":
    main()
