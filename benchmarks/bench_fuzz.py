"""Fuzz every input entry point and count what breaks; three modes, each a count that must be 0.

Hypothesis (the default): the properties of ``tests/robustness/strategies.py`` (the ones the
suite runs with 200 examples) with 2,000 examples each, without stopping at the first failure:
every exception other than a ``NewslineError`` is a crash, every failed property (a span outside
its text, a second run that differs) a violation.

``--phrases``: the generated English time phrases of ``tests/robustness/phrases.py`` (316,288:
modifiers x units x numbers x sentence frames x anchors), each tagged and its mentions held to
the TIMEX3 validator: phrases, crashes, invalid values, seconds.

``--shared DIR``: every entry point over every text of ``DIR`` (``../shared``): ingest into a
temporary store (T17 JSON lines, the T17 raw folders, TimeBank, the seeds), the events of every
stored article, a timeline per topic's keywords, ``tag`` on every file and article (each
mention validated), ``eval timex`` on TimeBank and ``eval tls`` on T17. An exception other than
a ``NewslineError`` is a crash; reported failures (bad files) are counted apart.

The exit status is 1 when any count is not 0.

Usage: .venv/bin/python benchmarks/bench_fuzz.py [--examples N] [--seed S] [--only NAME]
       .venv/bin/python benchmarks/bench_fuzz.py --phrases [--limit N]
       .venv/bin/python benchmarks/bench_fuzz.py --shared ../shared
"""

from __future__ import annotations

import argparse
import itertools
import sys
import time
import traceback
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from fuzz_shared import run_shared  # noqa: E402
from hypothesis import HealthCheck, given, seed, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402
from tests.robustness import phrases  # noqa: E402
from tests.robustness import strategies as s  # noqa: E402

from newsline.temporal import Tagger  # noqa: E402

_CHECKS = str(REPO / "tests" / "robustness" / "strategies.py")


@dataclass
class Tally:
    """Examples run, and the distinct crashes and violations seen (with a first example)."""

    examples: int = 0
    crashes: Counter[str] = field(default_factory=Counter)
    violations: Counter[str] = field(default_factory=Counter)
    first: dict[str, str] = field(default_factory=dict)
    seconds: float = 0.0


ENTRY_POINTS: dict[str, tuple[Callable[..., Any], tuple[st.SearchStrategy[Any], ...]]] = {
    "articles_from_text (random text, mutated dumps)": (s.check_articles, (s.dump_texts(),)),
    "decode + read_documents + articles (random bytes)": (
        s.check_readers,
        (s.file_bytes(), s.SUFFIXES),
    ),
    "temporal.tag (text x anchor)": (s.check_tag, (s.tagger_texts(), s.ANCHORS)),
    "Tagger windowed == whole text (text x anchor)": (
        s.check_windowed,
        (s.tagger_texts(), s.ANCHORS),
    ),
    "jobs.timeline (in-memory store of 1-3 files)": (
        s.check_timeline,
        (st.lists(s.timeline_files(), min_size=1, max_size=3), s.QUERIES, st.booleans()),
    ),
}


def _signature(exc: BaseException) -> tuple[str, bool]:
    """Where an exception was raised (the innermost frame) and whether a property failed."""
    frames = traceback.extract_tb(exc.__traceback__)
    last = frames[-1] if frames else None
    where = f"{Path(last.filename).name}:{last.lineno}" if last else "?"
    violation = isinstance(exc, AssertionError) and last is not None and last.filename == _CHECKS
    return f"{type(exc).__name__} at {where}: {str(exc)[:120]}", violation


def fuzz(check: Callable[..., Any], strategies: tuple[Any, ...], examples: int, rng: int) -> Tally:
    """Run ``check`` on ``examples`` generated inputs, recording failures instead of stopping."""
    tally = Tally()

    @seed(rng)
    @settings(
        max_examples=examples,
        deadline=None,
        database=None,
        suppress_health_check=list(HealthCheck),
    )
    @given(st.tuples(*strategies))
    def run(args: tuple[Any, ...]) -> None:
        tally.examples += 1
        try:
            check(*args)
        except Exception as exc:  # noqa: BLE001 - counting every kind is the point
            key, violation = _signature(exc)
            (tally.violations if violation else tally.crashes)[key] += 1
            tally.first.setdefault(key, repr(args)[:300])

    started = time.perf_counter()
    run()
    tally.seconds = time.perf_counter() - started
    return tally


def run_phrases(limit: int | None) -> int:
    """Tag the phrase grid (the first ``limit`` phrases); print the counts, return the failures."""
    tagger = Tagger()
    tally = Tally()
    invalid: Counter[str] = Counter()
    started = time.perf_counter()
    for phrase in itertools.islice(phrases.phrases(), limit):
        tally.examples += 1
        try:
            wrong = phrases.check(phrase, tagger)
        except Exception as exc:  # noqa: BLE001 - counting every kind is the point
            key, _ = _signature(exc)
            tally.crashes[key] += 1
            tally.first.setdefault(key, repr((phrase.text, phrase.anchor)))
            continue
        for problem in wrong:
            invalid[problem] += 1
            tally.first.setdefault(problem, repr((phrase.text, phrase.anchor)))
    seconds = time.perf_counter() - started
    crashes = sum(tally.crashes.values())
    print(f"{'phrases':>8} {'crashes':>8} {'invalid':>8} {'seconds':>8}")
    print(f"{tally.examples:>8} {crashes:>8} {sum(invalid.values()):>8} {seconds:>8.1f}")
    for key in (*tally.crashes, *invalid):
        print(f"    {key}\n      first input: {tally.first[key]}")
    return crashes + sum(invalid.values())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=2000, help="Examples per entry point.")
    parser.add_argument("--seed", type=int, default=0, help="Hypothesis seed.")
    parser.add_argument(
        "--only", default="", help="Run entry points (with --shared: corpora) whose name has this."
    )
    parser.add_argument("--phrases", action="store_true", help="Tag the generated phrase grid.")
    parser.add_argument("--limit", type=int, default=None, help="With --phrases: the first N.")
    parser.add_argument("--shared", type=Path, help="Run every entry point over this folder.")
    args = parser.parse_args()
    if args.phrases:
        return 1 if run_phrases(args.limit) else 0
    if args.shared:
        return 1 if run_shared(args.shared, args.only) else 0
    failed = 0
    print(f"{'entry point':52} {'examples':>8} {'crashes':>8} {'violations':>10} {'seconds':>8}")
    for name, (check, strategies) in ENTRY_POINTS.items():
        if args.only not in name:
            continue
        tally = fuzz(check, strategies, args.examples, args.seed)
        crashes, violations = sum(tally.crashes.values()), sum(tally.violations.values())
        print(
            f"{name:52} {tally.examples:>8} {crashes:>8} {violations:>10} {tally.seconds:>8.1f}",
            flush=True,
        )
        for key in (*tally.crashes, *tally.violations):
            print(f"    {key}\n      first input: {tally.first[key]}")
        failed += crashes + violations
    print(f"total crashes and violations: {failed} (must be 0)")
    return 1 if failed else 0


if __name__ == "__main__":
    raise SystemExit(main())
