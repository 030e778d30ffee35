"""Ingest throughput and peak memory: the single process against Dask (LocalCluster, 2 workers).

The T17 articles of one topic (default: mj, 138 articles) are replicated to N articles as
JSONL files of --per-file articles each. Copy k of an article gets a new id and, except for
--exact (default 10 %) of the copies, words replaced by copy-specific ones (at least 4, and
--change of them, default 25 %), so the copies are new articles; the exact copies only add
provenance to an article already stored. With only a few words changed every copy is a near
duplicate of every other copy of its article, and linking (quadratic in the copies) swamps
the run: --change 0 shows that. Each (engine, N) runs in a fresh
subprocess so peak memory is its own: the parent's peak RSS (getrusage) and, for Dask, the
largest summed RSS of the worker processes (psutil, sampled every 0.2 s). The time of the
near-duplicate linking (``time_linking``: in the parent for the single process; for Dask the
band-key shuffle on the workers plus verification in the parent) is shown apart.
``benchmarks/bench_scale.py`` reuses these helpers on a generated corpus with known reprints.

Usage: .venv/bin/python benchmarks/bench_engines.py [--sizes 10000 30000] [--topic mj]
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[1]
T17 = ROOT.parent / "shared" / "data" / "t17"


def replicate(
    topic: str, n: int, per_file: int, exact: float, change: float, folder: Path
) -> dict[str, int]:
    """Write n articles (the originals, then perturbed and exact copies) as JSONL files."""
    lines = (T17 / topic / "articles.jsonl").read_text(encoding="utf-8").splitlines()
    originals = [json.loads(line) for line in lines if line.strip()]
    rng = random.Random(17)
    folder.mkdir(parents=True, exist_ok=True)
    counts = {"articles": 0, "exact_copies": 0, "perturbed_copies": 0}
    batch: list[str] = []
    for i in range(n):
        copy, record = divmod(i, len(originals))
        item = dict(originals[record])
        if copy:
            item["id"] = f"{item.get('id', record)}-copy{copy}"
            if rng.random() < exact:
                counts["exact_copies"] += 1
            else:
                item["text"] = _perturb(item.get("text", ""), copy, rng, change)
                counts["perturbed_copies"] += 1
        counts["articles"] += 1
        batch.append(json.dumps(item, ensure_ascii=False))
        if len(batch) == per_file or i == n - 1:
            (folder / f"part-{i // per_file:05d}.jsonl").write_text("\n".join(batch) + "\n")
            batch = []
    return counts


def _perturb(text: str, copy: int, rng: random.Random, change: float) -> str:
    words = text.split(" ")
    for _ in range(max(4, int(len(words) * change))):
        if words:
            words[rng.randrange(len(words))] = f"variant{copy}x{rng.randrange(1000)}"
    return " ".join(words)


def run_one(engine: str, data: str, db: str) -> dict[str, Any]:
    """One timed ingest in this process; the summary, seconds and peak memory."""
    import newsline.engines.dask as dask_engine
    import newsline.jobs as jobs
    from newsline.settings import Settings
    from newsline.store import Store

    linking = time_linking()
    sampler = _WorkerMemory() if engine == "dask" else None
    settings = Settings(embeddings="off")
    started = time.perf_counter()
    with Store(db) as store:
        if engine == "dask":
            summary = dask_engine.ingest_dask([data], store, settings, workers=2)
        else:
            summary = jobs.ingest([data], store, settings)
    seconds = time.perf_counter() - started
    return {
        "engine": engine,
        "seconds": seconds,
        "linking_seconds": linking[0],
        "articles_new": summary.articles_new,
        "articles_known": summary.articles_known,
        "near_duplicates": summary.near_duplicates,
        "failures": len(summary.failures),
        "parent_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_peak_mb": sampler.stop() if sampler else None,
    }


def time_linking() -> list[float]:
    """Time near-duplicate linking: ``newsline.jobs.link_near_duplicates`` (both engines call
    it at the end of an ingest) and, where the Dask engine has it, its shuffle-based
    ``link_shards``. Returns the list ``[wall, cpu, peak]`` that the wrappers fill: their wall
    and CPU seconds, and this process's peak RSS (MB) when linking first started, to tell the
    memory of reading and writing articles from that of linking."""
    import importlib

    linking = [0.0, 0.0, 0.0]
    for module_name, name in (
        ("newsline.jobs", "link_near_duplicates"),
        ("newsline.engines.dask", "link_shards"),
    ):
        module = importlib.import_module(module_name)
        if hasattr(module, name):
            setattr(module, name, _timed(getattr(module, name), linking))
    return linking


def _timed(function: Any, linking: list[float]) -> Any:
    def timed(*args: Any, **kwargs: Any) -> Any:
        if not linking[2]:
            linking[2] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
        started, cpu = time.perf_counter(), time.process_time()
        try:
            return function(*args, **kwargs)
        finally:
            linking[0] += time.perf_counter() - started
            linking[1] += time.process_time() - cpu

    return timed


class _WorkerMemory:
    """The largest summed RSS of this process's descendants (the Dask nannies and workers)."""

    def __init__(self) -> None:
        try:
            import psutil
        except ImportError:
            self.peak: float | None = None
            return
        self.peak = 0.0
        self._me = psutil.Process()
        self._done = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)
        self._thread.start()

    def _sample(self) -> None:
        while not self._done.wait(0.2):
            total = 0
            for child in self._me.children(recursive=True):
                try:
                    total += child.memory_info().rss
                except Exception:  # noqa: BLE001 - a worker that just exited
                    continue
            self.peak = max(self.peak or 0.0, total / 2**20)

    def stop(self) -> float | None:
        if self.peak is not None:
            self._done.set()
            self._thread.join()
        return self.peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000])
    parser.add_argument("--topic", default="mj")
    parser.add_argument("--per-file", type=int, default=500)
    parser.add_argument("--exact", type=float, default=0.1)
    parser.add_argument("--change", type=float, default=0.25)
    parser.add_argument("--engines", nargs="+", default=["single", "dask"])
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "DATA", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(*args.one)))
        return
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            data = Path(tmp) / f"n{n}"
            counts = replicate(args.topic, n, args.per_file, args.exact, args.change, data)
            share = counts["exact_copies"] / counts["articles"]
            print(f"N={n}: {counts} (exact copies: {share:.1%} of all articles)", flush=True)
            for engine in args.engines:
                db = str(Path(tmp) / f"{engine}-{n}.db")
                cmd = [sys.executable, __file__, "--one", engine, str(data), db]
                result = json.loads(
                    subprocess.run(
                        cmd, check=True, capture_output=True, text=True
                    ).stdout.splitlines()[-1]
                )
                result["n"] = n
                rows.append(result)
                _print_row(result)
    _print_growth(rows)


def _print_row(r: dict[str, Any]) -> None:
    work = r["seconds"] - r["linking_seconds"]
    workers = f", workers peak {r['workers_peak_mb']:.0f} MB" if r["workers_peak_mb"] else ""
    print(
        f"  {r['engine']:6} {r['seconds']:7.1f} s ({r['n'] / r['seconds']:6.0f} articles/s;"
        f" without linking {work:6.1f} s, {r['n'] / work:6.0f} articles/s; linking"
        f" {r['linking_seconds']:.1f} s) new {r['articles_new']} known {r['articles_known']}"
        f" links {r['near_duplicates']} failures {r['failures']};"
        f" parent peak {r['parent_peak_mb']:.0f} MB{workers}",
        flush=True,
    )


def _print_growth(rows: list[dict[str, Any]]) -> None:
    sizes = sorted({r["n"] for r in rows})
    if len(sizes) < 2:
        return
    small, large = sizes[0], sizes[-1]
    print(f"growth from N={small} to N={large} (x{large / small:.1f} articles):")
    for engine in sorted({r["engine"] for r in rows}):
        a, b = (
            next(r for r in rows if r["engine"] == engine and r["n"] == n)
            for n in sizes[:: len(sizes) - 1]
        )
        print(
            f"  {engine:6} time x{b['seconds'] / a['seconds']:.2f}"
            f" (without linking x{(b['seconds'] - b['linking_seconds']) / (a['seconds'] - a['linking_seconds']):.2f},"
            f" linking x{b['linking_seconds'] / max(a['linking_seconds'], 1e-9):.2f}),"
            f" parent peak memory x{b['parent_peak_mb'] / a['parent_peak_mb']:.2f}"
        )
    for n in sizes:
        single = next((r for r in rows if r["engine"] == "single" and r["n"] == n), None)
        dask = next((r for r in rows if r["engine"] == "dask" and r["n"] == n), None)
        if single and dask:
            print(f"  N={n}: dask / single time {dask['seconds'] / single['seconds']:.2f}")


if __name__ == "__main__":
    main()
