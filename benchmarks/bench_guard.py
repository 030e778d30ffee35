"""What the per-record guard costs: a guarded Pipeline against the same stages run bare.

    .venv/bin/python benchmarks/bench_guard.py [RECORDS] [--examples]

Three trivial stages (each passes its record on) over RECORDS integers (default 200,000), run
through :class:`newsline.pipeline.Pipeline` (each stage and the reader guarded) and as the
pipeline ran them before the guard (drops caught, nothing else); prints microseconds per record for each, best of five, and the difference per
record and stage. With ``--examples`` it also times the real ingest stages (clean, date) on the
example corpus's articles both ways, to set the cost beside the work it guards.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Callable, Iterable, Iterator
from functools import partial
from pathlib import Path
from typing import Any

from newsline.errors import Drop, InputError
from newsline.ingest import iter_files, read_documents
from newsline.ingest.decode import decode
from newsline.pipeline import Pipeline, Stage
from newsline.settings import Settings
from newsline.stages.clean import clean
from newsline.stages.dating import date_article
from newsline.stages.split import split_dump

ROOT = Path(__file__).resolve().parents[1]


def bare(stages: list[tuple[str, Stage]], records: Iterable[Any]) -> Iterator[Any]:
    """The stages as the pipeline ran them before the guard: drops caught, nothing else."""
    stream: Iterable[Any] = records
    for _, stage in stages:
        stream = _unguarded(stage, stream)
    yield from stream


def _unguarded(stage: Stage, records: Iterable[Any]) -> Iterator[Any]:
    for record in records:
        try:
            outputs = list(stage(record))
        except (Drop, InputError):
            continue
        yield from outputs


def best(run: Callable[[], int], repeat: int = 5) -> float:
    """Best wall time of ``repeat`` runs, in seconds."""
    times = []
    for _ in range(repeat):
        started = time.perf_counter()
        run()
        times.append(time.perf_counter() - started)
    return min(times)


def compare(label: str, stages: list[tuple[str, Stage]], records: list[Any]) -> None:
    """Print both timings per record and the guard's cost per record and stage."""
    guarded = best(lambda: sum(1 for _ in Pipeline(stages, source="read").run(records)))
    plain = best(lambda: sum(1 for _ in bare(stages, records)))
    n, k = len(records), len(stages) + 1  # the reader is guarded too
    print(
        f"{label}: {n} records, bare {plain / n * 1e6:.2f} us, guarded {guarded / n * 1e6:.2f} us"
        f" per record (x{guarded / plain:.3f}); guard {(guarded - plain) / n / k * 1e6:.2f} us"
        " per record and stage"
    )


def examples() -> list[Any]:
    """The example corpus's text documents, split (what the clean stage reads)."""
    settings = Settings()
    found = []
    for path in iter_files([ROOT / "examples"], []):
        text, encoding, note = decode(path.read_bytes())
        for doc in read_documents(str(path), text, encoding, note, path.suffix.lower()):
            if not isinstance(doc, Exception):
                found.extend(split_dump(doc, settings))
    return found


def main() -> None:
    args = [a for a in sys.argv[1:] if not a.startswith("--")]
    count = int(args[0]) if args else 200_000
    passing = [(name, lambda r: (r,)) for name in ("a", "b", "c")]
    compare("trivial stages", passing, list(range(count)))
    if "--examples" in sys.argv:
        settings = Settings()
        real = [
            ("clean", partial(clean, settings=settings)),
            ("date", partial(date_article, settings=settings)),
        ]
        compare("clean + date on examples/", real, examples() * 20)


if __name__ == "__main__":
    main()
