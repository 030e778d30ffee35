"""Crash trials: ``newsline ingest`` killed at random moments leaves a consistent store, and a
re-run completes it to exactly what an uninterrupted run stores.

The moments are drawn from a fixed seed (printed on failure): after a random number of files
is done plus up to 50 ms, so kills land inside a file's transaction, between files and in the
near-duplicate phase. ``benchmarks/bench_kill.py`` runs 50 of these. A file of many batches is
also killed inside itself, several times over: its batches stored so far always match its
record, and the re-run completes it.
"""

from __future__ import annotations

import json
import random
import re
import signal
import sqlite3
import subprocess
import sys
import time
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
    assert all(v == 0 for v in crash.differences(final, reference).values()), crash.differences(
        final, reference
    )


def test_sigint_leaves_a_consistent_store_and_a_rerun_completes_it(
    corpus: crash.Corpus, reference: crash.Snapshot, tmp_path: Path
) -> None:
    # Timing-sensitive: once, under heavy machine load, the run ended with status 1 instead of
    # 130. Likely cause, since fixed: the poller lagged, the signal landed while the summary
    # printed, outside the command's KeyboardInterrupt handler, and click's own turned it into
    # status 1. Retries on a fresh store stay, so a lagging poller cannot fail CI, while a
    # systematic failure still fails the test.
    # A faster ingest may also have done every file by the time the signal lands: it then
    # ends with status 0 and a whole store, or with 130 during the linking after the last
    # file, and the next attempt signals earlier.
    for attempt, after in enumerate((FILES // 3, FILES // 6, 1)):
        db = tmp_path / f"interrupted-{attempt}.db"
        process = crash.start_ingest(corpus.folder, db)
        stopped = crash.interrupt(process, db, after, 0.0 if attempt else 0.01, signal.SIGINT)
        assert stopped is not None
        if process.returncode == 130:
            interrupted = crash.snapshot(db)
            assert not crash.consistency_problems(interrupted)
            if len(interrupted.files) < FILES:
                break
            # every file was in when the signal landed (during the linking that follows): a
            # consistent store, but no test of a half-read pile; the next attempt signals earlier
        if process.returncode == 0:  # too late to interrupt: the store is whole
            assert not any(crash.differences(crash.snapshot(db), reference).values())
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


# -- a big file killed between (and inside) its batches ------------------------------------------

BIG_RECORDS = 300
BATCH = 20
_INGEST_ONE = (
    "import sys; from newsline.jobs import ingest; from newsline.settings import Settings;"
    " from newsline.store import Store; s = Store(sys.argv[2]);"
    f" ingest([sys.argv[1]], s, Settings(embeddings='off', batch_size={BATCH},"
    f" link_batch_size={BATCH})); s.close()"
)


def _big_jsonl(path: Path) -> Path:
    rng = random.Random(SEED)
    places = ["Ossel", "Tarnfield", "Marrow Bay", "Vardo", "Ebrin", "Kessel Point"]
    lines = []
    for i in range(BIG_RECORDS):
        place = rng.choice(places)
        text = (
            f"The {place} council met on Monday to discuss item {i} of its agenda. "
            f"Members voted {rng.randrange(3, 30)} to {rng.randrange(0, 3)} for plan {i}, "
            f"which will cost {rng.randrange(1, 90)} million and take until {2025 + i % 9}. "
        ) * 8
        lines.append(
            json.dumps(
                {
                    "id": f"c{i}",
                    "title": f"{place} council item {i}",
                    "text": text,
                    "published": f"2024-{1 + i % 12:02d}-{1 + i % 28:02d}",
                }
            )
        )
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def _run_one(path: Path, db: Path) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [sys.executable, "-c", _INGEST_ONE, str(path), str(db)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=crash.REPO,
    )


def _stored(db: Path) -> tuple[int, int | None]:
    """Sources stored and the file's completeness (None: no record yet), read-only."""
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            sources = conn.execute("SELECT COUNT(*) FROM sources").fetchone()[0]
            row = conn.execute("SELECT complete FROM files").fetchone()
    except sqlite3.Error:
        return 0, None
    return int(sources), None if row is None else int(row[0])


def test_sigkill_inside_a_big_file_then_rerun_completes_it(tmp_path: Path) -> None:
    path = _big_jsonl(tmp_path / "council.jsonl")
    reference_db = tmp_path / "reference.db"
    done = _run_one(path, reference_db)
    assert done.wait(timeout=300) == 0, done.communicate()[1]
    reference = crash.snapshot(reference_db)
    assert reference.source_rows == len(reference.articles) == BIG_RECORDS
    rng = random.Random(SEED)
    db = tmp_path / "killed.db"
    mid_file = 0
    for trial in range(8):  # until two kills land inside the file
        if mid_file >= 2:
            break
        before = _stored(db)[0]
        process = _run_one(path, db)
        target = before + rng.randrange(1, 4) * BATCH  # some batches further than last time
        while process.poll() is None and _stored(db)[0] < min(target, BIG_RECORDS - BATCH):
            time.sleep(0.002)
        time.sleep(rng.uniform(0, 0.002))
        process.kill()
        process.wait()
        snap = crash.snapshot(db)
        problems = crash.consistency_problems(snap)
        assert not problems, f"after kill {trial} (seed {SEED}): {problems}"
        sources, complete = _stored(db)
        assert snap.sources <= reference.sources and snap.articles <= reference.articles
        if complete == 1:  # the run beat the kill (a loaded machine): start again, empty
            for suffix in ("", "-wal", "-shm"):
                Path(f"{db}{suffix}").unlink(missing_ok=True)
            continue
        mid_file += complete == 0 and 0 < sources < BIG_RECORDS
    assert mid_file >= 2, "kills should land inside the file"
    rerun = _run_one(path, db)
    assert rerun.wait(timeout=300) == 0, rerun.communicate()[1]
    final = crash.snapshot(db)
    assert not crash.consistency_problems(final)
    assert _stored(db) == (BIG_RECORDS, 1)
    assert final.sources == reference.sources and final.files == reference.files
    assert final.article_rows == final.source_rows == BIG_RECORDS
