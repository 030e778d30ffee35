"""Crash trials: a generated corpus, ``newsline ingest`` as a killable process, store checks.

Shared by ``tests/robustness/test_kill.py`` and ``benchmarks/bench_kill.py``. The corpus is
made of small files of invented news (dumps with captions and the ``TT`` marker, blank-line
dumps and JSON lines), some articles copied into two files, so a store has more sources than
articles and near-duplicate links to find.
"""

from __future__ import annotations

import json
import random
import signal
import sqlite3
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
_SCRIPT = Path(sys.executable).with_name("newsline")
COMMAND = [str(_SCRIPT)] if _SCRIPT.exists() else [sys.executable, "-m", "newsline"]

_PLACES = ["Lindqvist", "Ossel", "Marrow Bay", "Tarnfield", "Kessel Point", "Vardo", "Ebrin"]
_WHO = [
    "The port authority",
    "The city council",
    "Dock workers",
    "Rail unions",
    "The ministry",
    "Flood engineers",
    "Teachers",
    "The regional court",
    "Farmers",
    "Auditors",
]
_WHAT = [
    "approved a new budget",
    "called a strike",
    "reopened the old bridge",
    "published a report on costs",
    "delayed the harbour works",
    "signed a wage deal",
    "closed the coast road",
    "began repairs to the barrier",
    "rejected the appeal",
    "opened talks on ferry fares",
]
_WHEN = [
    "on Monday",
    "last week",
    "on March 3, 2021",
    "in July 2019",
    "in the spring of 2022",
    "two days later",
    "in 2015",
    "on Friday, Oct. 6, 2023",
    "earlier this year",
    "",
]
_MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August"]


@dataclass(frozen=True, slots=True)
class Corpus:
    """A generated input folder and what it holds."""

    folder: Path
    files: int
    articles: int  # distinct articles (copies in other files counted once)


def _sentence(rng: random.Random, number: int) -> str:
    when = rng.choice(_WHEN)
    place = rng.choice(_PLACES)
    return f"{rng.choice(_WHO)} in {place} {rng.choice(_WHAT)} {when} (item {number}).".replace(
        "  ", " "
    )


def _article(rng: random.Random, number: int) -> tuple[str, list[str]]:
    title = f"{rng.choice(_WHO)} in {rng.choice(_PLACES)}: Report No. {number}"
    body = [
        " ".join(_sentence(rng, number) for _ in range(rng.randint(1, 3)))
        for _ in range(rng.randint(2, 5))
    ]
    return title, body


def _dump(articles: list[tuple[str, list[str]]], rng: random.Random) -> str:
    parts = []
    for title, body in articles:
        day = f"{rng.choice(_MONTHS)} {rng.randint(1, 28)}, {rng.randint(2015, 2024)}"
        caption = f"People gather in {rng.choice(_PLACES)}, {day}. (AP Photo/Ana Lind)"
        header = f"{title}\n\n{caption}\n{caption}"
        parts.append(f"{header}\nTT\n\n{title}\n\n{caption}\n\n" + "\n".join(body))
    return "\n\n\n".join(parts) + "\n"


def _jsonl(articles: list[tuple[str, list[str]]], rng: random.Random) -> str:
    lines = []
    for title, body in articles:
        published = f"{rng.randint(2015, 2024)}-{rng.randint(1, 12):02d}-{rng.randint(1, 28):02d}"
        item = {"title": title, "text": "\n\n".join(body), "published": published}
        lines.append(json.dumps(item))
    return "\n".join(lines) + "\n"


def make_corpus(folder: Path, files: int = 300, seed: int = 7) -> Corpus:
    """``files`` small files of 1-3 articles each; about one file in ten repeats an article."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    originals: list[tuple[str, list[str]]] = []
    distinct: set[tuple[str, ...]] = set()
    for index in range(files):
        fresh = [_article(rng, len(originals) + n + 1) for n in range(rng.randint(1, 3))]
        articles = list(fresh)
        if originals and rng.random() < 0.1:
            articles.append(rng.choice(originals))  # the same article in another file
        if originals and rng.random() < 0.1:
            title, body = rng.choice(originals)  # a reprint with a paragraph added
            articles.append((title, [*body, "Officials declined to comment on the report."]))
        originals.extend(fresh)
        distinct.update(tuple(body) for _, body in articles)
        if index % 3 == 2:
            (folder / f"{index:04d}.jsonl").write_text(_jsonl(articles, rng), encoding="utf-8")
        else:
            (folder / f"{index:04d}.txt").write_text(_dump(articles, rng), encoding="utf-8")
    return Corpus(folder, files, len(distinct))


def start_ingest(folder: Path, db: Path) -> subprocess.Popen[str]:
    """``newsline ingest FOLDER --db DB --quiet`` in the background."""
    return subprocess.Popen(
        [*COMMAND, "ingest", str(folder), "--db", str(db), "--quiet"],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        cwd=REPO,
        # A run started in the background by a shell inherits SIGINT ignored, and Python then
        # never raises KeyboardInterrupt: the child gets the default back, as in a terminal.
        preexec_fn=_default_sigint,
    )


def _default_sigint() -> None:
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def run_ingest(folder: Path, db: Path, timeout: float = 300) -> subprocess.CompletedProcess[str]:
    """An ingest run to completion."""
    return subprocess.run(
        [*COMMAND, "ingest", str(folder), "--db", str(db), "--quiet"],
        capture_output=True,
        text=True,
        cwd=REPO,
        timeout=timeout,
    )


def files_done(db: Path) -> int:
    """Files the store has marked done, read without writing (0 while it does not exist yet)."""
    if not db.exists():
        return 0
    try:
        with sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=0.2) as conn:
            return int(conn.execute("SELECT COUNT(*) FROM files").fetchone()[0])
    except sqlite3.Error:  # not created yet, or mid-migration
        return 0


@dataclass(frozen=True, slots=True)
class Stopped:
    """An ingest stopped by a signal: files done just before it, and what it printed."""

    files: int
    stdout: str
    stderr: str


def interrupt(
    process: subprocess.Popen[str], db: Path, after_files: int, extra: float, sig: int
) -> Stopped | None:
    """Send ``sig`` once the store exists and ``after_files`` files are done, plus ``extra``
    seconds; None when the run finished first."""
    while process.poll() is None and (not db.exists() or files_done(db) < after_files):
        time.sleep(0.005)
    time.sleep(extra)
    done = files_done(db)
    if process.poll() is not None:
        return None
    process.send_signal(sig)
    stdout, stderr = process.communicate(timeout=60)
    return Stopped(done, stdout, stderr)


def kill_at_random(
    folder: Path, db: Path, total_files: int, rng: random.Random, sig: int = signal.SIGKILL
) -> int | None:
    """Start an ingest and stop it with ``sig`` at a random moment: once a random number of
    the files left is done (one time in five all of them, to hit the near-duplicate phase),
    plus a random delay. Returns the files done at the kill, or None when the run had finished."""
    before = files_done(db)
    left = total_files - before
    after = total_files if left <= 0 or rng.random() < 0.2 else before + rng.randrange(left)
    process = start_ingest(folder, db)
    try:
        stopped = interrupt(process, db, after, rng.uniform(0, 0.05), sig)
        return stopped.files if stopped else None
    finally:
        if process.poll() is None:
            process.kill()
            process.wait()


@dataclass(frozen=True, slots=True)
class Snapshot:
    """What a store holds, in the terms the trials compare."""

    integrity: str
    foreign_keys_ok: bool
    articles: frozenset[str]
    article_rows: int
    sources: frozenset[tuple[str, int, str]]
    source_rows: int
    files: frozenset[tuple[str, str, int]]
    files_consistent: bool  # each done file has exactly its sources, no source lacks its file
    signed: int
    links: frozenset[tuple[str, str]]
    stories: frozenset[tuple[str, str]]


def snapshot(db: Path) -> Snapshot:
    """Read a store (after its writer is gone) into a :class:`Snapshot`."""
    conn = sqlite3.connect(db)
    try:
        one = conn.execute

        def rows(sql: str) -> list[tuple]:  # type: ignore[type-arg]
            return conn.execute(sql).fetchall()

        per_file = dict(rows("SELECT path, articles FROM files"))
        sources_per_path = dict(rows("SELECT path, COUNT(*) FROM sources GROUP BY path"))
        return Snapshot(
            integrity=one("PRAGMA integrity_check").fetchone()[0],
            foreign_keys_ok=not rows("PRAGMA foreign_key_check"),
            articles=frozenset(r[0] for r in rows("SELECT id FROM articles")),
            article_rows=one("SELECT COUNT(*) FROM articles").fetchone()[0],
            sources=frozenset(rows("SELECT path, position, article_id FROM sources")),
            source_rows=one("SELECT COUNT(*) FROM sources").fetchone()[0],
            files=frozenset(rows("SELECT path, sha256, articles FROM files")),
            files_consistent=all(sources_per_path.get(p, 0) == n for p, n in per_file.items())
            and set(sources_per_path) <= set(per_file),
            signed=one("SELECT COUNT(*) FROM minhash").fetchone()[0],
            links=frozenset(rows("SELECT article_id, other_id FROM article_links")),
            stories=frozenset(rows("SELECT article_id, story_id FROM story_members")),
        )
    finally:
        conn.close()


def consistency_problems(partial: Snapshot) -> list[str]:
    """What is wrong with a store left by an interrupted run (an empty list when nothing)."""
    problems = []
    if partial.integrity != "ok":
        problems.append(f"integrity_check: {partial.integrity}")
    if not partial.foreign_keys_ok:
        problems.append("foreign_key_check found rows")
    if partial.article_rows != len(partial.articles):
        problems.append("duplicate article ids")
    if partial.source_rows != len(partial.sources):
        problems.append("duplicate sources")
    if not partial.files_consistent:
        problems.append("a file's sources are stored without the file, or only in part")
    return problems


def differences(done: Snapshot, reference: Snapshot) -> dict[str, int]:
    """Articles lost and duplicated, and other differences from an uninterrupted run."""
    return {
        "articles_lost": len(reference.articles - done.articles),
        "articles_extra": len(done.articles - reference.articles),
        "duplicates": (done.article_rows - len(done.articles))
        + (done.source_rows - len(done.sources)),
        "sources_lost": len(reference.sources - done.sources),
        "sources_extra": len(done.sources - reference.sources),
        "files_differ": len(reference.files ^ done.files),
        "unsigned": len(done.articles) - done.signed,
        "links_differ": len(reference.links ^ done.links),
        "stories_differ": len(reference.stories ^ done.stories),
    }
