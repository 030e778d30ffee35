"""Ingest at scale: throughput, peak memory, linking time and near-duplicate precision/recall.

For each N in --sizes a corpus is generated with ``gen_corpus.py`` (or reused when
``--corpus-root``/n<N> already holds one made with the same arguments), then ingested by
``newsline ingest DIR --db X`` with the single process and with ``--engine dask --workers 2``,
each in a fresh subprocess into a fresh store, so each run's memory is its own: the ingest
process's peak RSS (getrusage) and, for Dask, the largest summed RSS of its worker processes
(psutil, sampled every 0.2 s). The subprocess times ``newsline.jobs.link_near_duplicates``
(the near-duplicate linking, which runs in the ingest process for both engines) by wrapping it.

Scoring: every generated article is found in the store by its source row (file, position),
mapped to its article id and story (``stories.story_map``; an article without near duplicates
is a story of its own). Two generated articles are predicted to be the same story when they
share a story (or an article: exact copies are stored once). True pairs are an original and
its reprints (the truth file). Pairwise precision and recall over all generated articles, and
per reprint kind the share of reprints found in their original's story.

Growth: for consecutive sizes, time ratio / N ratio (1.0 is linear), with and without linking.
Timings are noisy on a shared machine: the load average is recorded before each run.

Usage: .venv/bin/python benchmarks/bench_scale.py [--sizes 10000 30000 100000]
           [--engines single dask] [--corpus-root /tmp/newsline-scale] [--out results.json]
"""

from __future__ import annotations

import argparse
import json
import os
import resource
import subprocess
import sys
import time
from collections import Counter, defaultdict
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_engines import _WorkerMemory, time_linking  # noqa: E402 - the scripts folder is not a package
from gen_corpus import DATA, generate, read_truth  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


def run_one(engine: str, data: str, db: str) -> dict[str, Any]:
    """One ``newsline ingest`` in this process (CLI entry point), linking timed apart."""
    from newsline.cli import app

    linking = time_linking()
    argv = ["ingest", data, "--db", db, "--quiet", "--json"]
    if engine == "dask":
        argv += ["--engine", "dask", "--workers", "2"]
    sampler = _WorkerMemory() if engine == "dask" else None
    started = time.perf_counter()
    status = 0
    try:
        app(argv, prog_name="newsline")
    except SystemExit as exc:
        status = exc.code if isinstance(exc.code, int) else 1
    me, children = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return {
        "engine": engine,
        "exit": status,
        "seconds": time.perf_counter() - started,
        "linking_seconds": linking[0],
        "linking_cpu_seconds": linking[1],
        "peak_mb_before_linking": linking[2],
        "cpu_seconds": me.ru_utime + me.ru_stime,
        "workers_cpu_seconds": children.ru_utime + children.ru_stime if engine == "dask" else None,
        "parent_peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "workers_peak_mb": sampler.stop() if sampler else None,
    }


def score(corpus: Path, db: str) -> dict[str, Any]:
    """Pairwise precision / recall of same-story pairs against the generator's truth."""
    from newsline.store import Store
    from newsline.store import stories as queries

    truth = read_truth(corpus)
    with Store(db) as store:
        rows = store.conn.execute("SELECT path, position, article_id FROM sources").fetchall()
        stories = queries.story_map(store)
    where = {(row[0], row[1]): row[2] for row in rows}
    predicted: dict[str, str] = {}
    missing = []
    for item in truth:
        article = where.get((str((corpus / item["file"]).resolve()), item["position"]))
        if article is None:
            missing.append(item["id"])
        else:
            predicted[item["id"]] = stories.get(article, article)
    true_groups = Counter(item["original"] for item in truth if item["id"] in predicted)
    pred_groups = Counter(predicted.values())
    both = Counter(
        (item["original"], predicted[item["id"]]) for item in truth if item["id"] in predicted
    )
    true_pairs, pred_pairs, hits = (_pairs(c) for c in (true_groups, pred_groups, both))
    original_story = {i["id"]: predicted.get(i["id"]) for i in truth if i["kind"] == "original"}
    found: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for item in truth:
        if item["kind"] != "original" and item["id"] in predicted:
            found[item["kind"]][1] += 1
            found[item["kind"]][0] += predicted[item["id"]] == original_story.get(item["original"])
    return {
        "generated": len(truth),
        "missing": len(missing),
        "missing_examples": missing[:5],
        "true_pairs": true_pairs,
        "predicted_pairs": pred_pairs,
        "correct_pairs": hits,
        "precision": hits / pred_pairs if pred_pairs else 1.0,
        "recall": hits / true_pairs if true_pairs else 1.0,
        "reprint_recall": {kind: hit / total for kind, (hit, total) in sorted(found.items())},
    }


def _pairs(groups: Counter[Any]) -> int:
    return sum(size * (size - 1) // 2 for size in groups.values())


def corpus_for(root: Path, n: int, seed: int) -> Path:
    """The corpus of n articles under root, generated unless one with this seed is there."""
    folder = root / f"n{n}"
    meta = folder / "corpus.json"
    if meta.exists():
        summary = json.loads(meta.read_text(encoding="utf-8"))
        if summary.get("articles") == n and summary.get("seed") == seed:
            return folder
    started = time.perf_counter()
    generate(folder, n, seed)
    print(f"N={n}: corpus generated in {time.perf_counter() - started:.1f} s", flush=True)
    return folder


def measure(engine: str, corpus: Path, db: Path) -> dict[str, Any]:
    """A timed ingest in a fresh subprocess, then the scoring of its store."""
    for suffix in ("", "-wal", "-shm"):
        Path(str(db) + suffix).unlink(missing_ok=True)
    load = os.getloadavg()
    cmd = [sys.executable, __file__, "--one", engine, str(corpus / DATA), str(db)]
    done = subprocess.run(cmd, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"{engine} ingest failed ({done.returncode}):\n{done.stderr[-3000:]}")
    lines = done.stdout.strip().splitlines()
    result = json.loads(lines[-1])
    result["summary"] = _summary(lines[:-1])
    result["load_before"] = [round(x, 2) for x in load]
    result["score"] = score(corpus, str(db))
    return result


def _summary(lines: list[str]) -> dict[str, Any]:
    """The ingest's --json summary among its output lines (None when not found)."""
    text = "\n".join(lines)
    start = text.find("{")
    try:
        summary = json.loads(text[start:]) if start >= 0 else {}
    except json.JSONDecodeError:
        return {}
    failures = summary.get("failures", [])
    summary["failures"] = len(failures)
    summary["failure_examples"] = failures[:5]
    return summary


def print_row(r: dict[str, Any]) -> None:
    """One table row."""
    s = r["score"]
    workers = f"{r['workers_peak_mb']:7.0f}" if r.get("workers_peak_mb") else "      -"
    print(
        f"{r['n']:>7} {r['engine']:6} {r['seconds']:8.1f} {r['n'] / r['seconds']:7.0f}"
        f" {r['cpu_seconds']:7.1f} {r['parent_peak_mb']:8.0f} {workers}"
        f" {r['linking_seconds']:8.1f} {r['linking_cpu_seconds']:7.1f}"
        f" {s['precision']:6.3f} {s['recall']:6.3f} {s['missing']:>5}"
        f"  load {r['load_before'][0]:.1f}",
        flush=True,
    )


HEADER = (
    f"{'N':>7} {'engine':6} {'seconds':>8} {'art/s':>7} {'CPU s':>7} {'RSS MB':>8} {'wrk MB':>7}"
    f" {'link s':>8} {'link CPU':>7} {'P':>6} {'R':>6} {'miss':>5}"
)


def growth(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Per engine and consecutive sizes: time ratio / N ratio (1.0 = linear)."""
    out = []
    for engine in sorted({r["engine"] for r in rows}):
        mine = sorted((r for r in rows if r["engine"] == engine), key=lambda r: r["n"])
        for a, b in zip(mine, mine[1:], strict=False):
            scale = b["n"] / a["n"]
            work_a = a["seconds"] - a["linking_seconds"]
            work_b = b["seconds"] - b["linking_seconds"]
            out.append(
                {
                    "engine": engine,
                    "from": a["n"],
                    "to": b["n"],
                    "n_ratio": scale,
                    "time_ratio": b["seconds"] / a["seconds"],
                    "per_n": b["seconds"] / a["seconds"] / scale,
                    "without_linking_per_n": work_b / max(work_a, 1e-9) / scale,
                    "linking_per_n": b["linking_seconds"] / max(a["linking_seconds"], 1e-9) / scale,
                    "cpu_per_n": _cpu(b) / max(_cpu(a), 1e-9) / scale,
                    "linking_cpu_per_n": b["linking_cpu_seconds"]
                    / max(a["linking_cpu_seconds"], 1e-9)
                    / scale,
                }
            )
    return out


def _cpu(row: dict[str, Any]) -> float:
    """CPU seconds of the ingest process and, for Dask, its workers: less load-sensitive."""
    return row["cpu_seconds"] + (row.get("workers_cpu_seconds") or 0.0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    parser.add_argument("--engines", nargs="+", default=["single", "dask"])
    parser.add_argument("--corpus-root", type=Path, default=Path("/tmp/newsline-scale"))
    parser.add_argument("--seed", type=int, default=17)
    parser.add_argument("--out", type=Path, help="write the results as JSON here")
    parser.add_argument("--one", nargs=3, metavar=("ENGINE", "DATA", "DB"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(run_one(*args.one)))
        return
    commit = source_version()
    print(f"commit {commit}, {os.cpu_count()} CPUs", flush=True)
    print(HEADER, flush=True)
    rows = []
    for n in args.sizes:
        corpus = corpus_for(args.corpus_root, n, args.seed)
        for engine in args.engines:
            result = measure(engine, corpus, args.corpus_root / f"{engine}-{n}.db")
            result["n"] = n
            rows.append(result)
            print_row(result)
            if args.out:
                _write(args.out, commit, rows)
    ratios = growth(rows)
    for g in ratios:
        print(
            f"{g['engine']:6} N {g['from']} -> {g['to']} (x{g['n_ratio']:.1f}): time"
            f" x{g['time_ratio']:.2f}, per N x{g['per_n']:.2f} (without linking"
            f" x{g['without_linking_per_n']:.2f}, linking x{g['linking_per_n']:.2f});"
            f" CPU per N x{g['cpu_per_n']:.2f} (linking x{g['linking_cpu_per_n']:.2f})"
        )
    if args.out:
        _write(args.out, commit, rows, ratios)


def source_version() -> str:
    """The commit of the newsline code measured: the repository's HEAD, marked when src/ has
    uncommitted changes, or a COMMIT file beside an exported tree put first on PYTHONPATH
    (``git archive HEAD src | tar -x -C /tmp/x; PYTHONPATH=/tmp/x/src``)."""
    import newsline

    tree = Path(newsline.__file__).resolve().parents[2]
    if (tree / "COMMIT").exists():
        return f"{(tree / 'COMMIT').read_text().strip()[:12]} (exported to {tree})"
    git = ["git", "-C", str(ROOT)]
    head = subprocess.run([*git, "rev-parse", "--short=12", "HEAD"], capture_output=True, text=True)
    dirty = subprocess.run([*git, "status", "--porcelain", "src"], capture_output=True, text=True)
    return head.stdout.strip() + (" + uncommitted changes in src/" if dirty.stdout.strip() else "")


def _write(out: Path, commit: str, rows: list[Any], ratios: list[Any] | None = None) -> None:
    payload = {"commit": commit, "cpus": os.cpu_count(), "rows": rows, "growth": ratios or []}
    out.write_text(json.dumps(payload, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
