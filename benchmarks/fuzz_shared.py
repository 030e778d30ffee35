"""Every entry point over every text of ``../shared``, counting crashes (``bench_fuzz.py --shared``).

Corpora: the T17 JSON lines (one ``articles.jsonl`` a topic), the T17 raw folders (one page a
file, the day in the folder name), TimeBank (``.tml``) and the seeds. For each corpus, in
order: ``ingest`` into a temporary store, the events of every stored article (what
``timeline`` and ``ingest --events`` compute), a timeline per query (each topic's keywords, as
``eval tls`` asks), and ``tag`` on every file (as ``newsline tag`` reads it, the T17 raw pages
anchored on their folder's day) or JSON-lines article (anchored on its ``published``), every
mention held to the TIMEX3 validator. Then ``eval timex`` on TimeBank and ``eval tls`` on both
T17 layouts. Each call runs alone: an exception other than a ``NewslineError`` is a crash,
counted with its first input, and the run goes on; a ``NewslineError`` is a refusal (bad
input, said so), and failures an ingest reports (bad files) are counted apart.
"""

from __future__ import annotations

import json
import re
import tempfile
import time
import traceback
from collections import Counter
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any, TypeVar

from newsline import jobs
from newsline.cli.temporal import run_tag
from newsline.errors import NewslineError
from newsline.evaluate.tempeval import evaluate_folder
from newsline.evaluate.tls_eval import evaluate_tls
from newsline.jobs_events import derive_events
from newsline.records import Interval, TimeMention
from newsline.settings import Settings
from newsline.stages.timeline_options import TimelineOptions
from newsline.store import Store
from newsline.temporal import Tagger
from newsline.temporal.timex3 import problems

T = TypeVar("T")
_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")
#: Queries for the corpora that name no keywords of their own.
QUERIES = {"timebank": ("said", "stock market"), "seeds": ("Russia North Korea", "Gaza")}


@dataclass
class Count:
    """One entry point on one corpus: calls, crashes, refusals, reported failures, invalid
    mentions, seconds, and a first example of each crash and invalid value."""

    calls: int = 0
    crashes: Counter[str] = field(default_factory=Counter)
    refused: int = 0
    failures: int = 0
    invalid: int = 0
    seconds: float = 0.0
    first: dict[str, str] = field(default_factory=dict)

    def run(self, where: str, call: Callable[..., T], *args: Any, **kwargs: Any) -> T | None:
        """``call(*args)``, counted; None when it refused or crashed."""
        self.calls += 1
        started = time.perf_counter()
        try:
            return call(*args, **kwargs)
        except NewslineError:
            self.refused += 1
        except Exception as exc:  # noqa: BLE001 - counting every kind is the point
            frame = traceback.extract_tb(exc.__traceback__)[-1]
            key = f"{type(exc).__name__} at {Path(frame.filename).name}:{frame.lineno}: {exc}"
            self.crashes[key[:160]] += 1
            self.first.setdefault(key[:160], where)
        finally:
            self.seconds += time.perf_counter() - started
        return None

    def validate(self, where: str, mentions: list[TimeMention]) -> None:
        """Count the mentions that are not well-formed TIMEX3."""
        for mention in mentions:
            for problem in problems(mention):
                self.invalid += 1
                self.first.setdefault(problem, where)


def corpora(shared: Path) -> dict[str, list[Path]]:
    """The corpora under ``shared`` that are present, each as the paths a user would ingest."""
    found = {
        "t17": sorted((shared / "data" / "t17").glob("*/articles.jsonl")),
        "t17raw": sorted(p for p in (shared / "data" / "t17raw").glob("*") if p.is_dir()),
        "timebank": [shared / "data" / "timeml" / "TimeBank"],
        "seeds": [shared / "seeds"],
    }
    return {name: paths for name, paths in found.items() if paths and paths[0].exists()}


def _queries(name: str, paths: list[Path]) -> list[str]:
    if name in QUERIES:
        return list(QUERIES[name])
    folders = [p if p.is_dir() else p.parent for p in paths]
    return [" ".join(json.loads((f / "keywords.json").read_text("utf-8"))) for f in folders]


def _files(paths: list[Path]) -> Iterator[Path]:
    for path in paths:
        yield from sorted(p for p in path.rglob("*") if p.is_file()) if path.is_dir() else [path]


def _mentions(content: str) -> list[TimeMention]:
    """The mentions of ``newsline tag``'s JSON output, back as records."""
    out = []
    for m in json.loads(content)["mentions"]:
        span = m["interval"]
        interval = span and Interval(
            date.fromisoformat(span["start"]), date.fromisoformat(span["end"]), span["granularity"]
        )
        out.append(
            TimeMention(m["start"], m["end"], m["text"], m["type"], m["value"], m["mod"], interval)
        )
    return out


def tag_corpus(name: str, paths: list[Path], count: Count) -> None:
    """``tag`` every article of a JSON-lines corpus, or every file of the others."""
    tagger = Tagger()
    for path in _files(paths):
        if path.name == "articles.jsonl":
            for number, line in enumerate(path.read_text("utf-8").splitlines()):
                article = json.loads(line)
                anchor = date.fromisoformat(article["published"][:10])
                found = count.run(f"{path}:{number + 1}", tagger.tag, article["text"], anchor)
                count.validate(f"{path}:{number + 1}", found or [])
            continue
        day = next((part for part in reversed(path.parts) if _DAY.fullmatch(part)), None)
        done = count.run(str(path), run_tag, [path], day, "json", None)
        for _, content in done or []:
            count.validate(str(path), _mentions(content))
        if path.suffix == ".tml":
            count.run(str(path), run_tag, [path], None, "timeml", None)


def store_corpus(name: str, paths: list[Path], counts: dict[str, Count]) -> None:
    """Ingest a corpus into a temporary store, compute its events, build its timelines."""
    with tempfile.TemporaryDirectory() as folder, Store(Path(folder) / "fuzz.db") as store:
        summary = counts["ingest"].run(name, jobs.ingest, [str(p) for p in paths], store)
        counts["ingest"].failures += len(summary.failures) if summary else 0
        counts["events"].run(name, derive_events, store, Settings())
        for query in _queries(name, paths):
            options = TimelineOptions(query=query, any_term=True)
            counts["timeline"].run(f"{name}: {query}", jobs.timeline, options, store)


def run_shared(shared: Path, only: str = "") -> int:
    """Run every entry point over ``shared`` (the corpora whose name holds ``only``); print a
    table; return the crashes and invalid values."""
    table: dict[tuple[str, str], Count] = {}
    for name, paths in corpora(shared).items():
        if only not in name:
            continue
        counts = {entry: Count() for entry in ("ingest", "events", "timeline", "tag")}
        store_corpus(name, paths, counts)
        tag_corpus(name, paths, counts["tag"])
        table.update({(entry, name): count for entry, count in counts.items()})
        _print(table, (name,))
    timebank, t17 = shared / "data" / "timeml" / "TimeBank", shared / "data"
    if timebank.is_dir() and only in "timebank":
        table["eval timex", "timebank"] = count = Count()
        count.run(str(timebank), evaluate_folder, timebank)
    for layout in ("t17", "t17raw"):
        if (t17 / layout).is_dir() and only in layout:
            table["eval tls", layout] = count = Count()
            count.run(str(t17 / layout), evaluate_tls, t17 / layout)
    _print(table, ("timebank", "t17", "t17raw"), evals=True)
    bad = sum(sum(c.crashes.values()) + c.invalid for c in table.values())
    print(f"total crashes and invalid values: {bad} (must be 0)")
    return bad


def _print(
    table: dict[tuple[str, str], Count], names: tuple[str, ...], evals: bool = False
) -> None:
    print(
        f"{'entry point':12} {'corpus':9} {'calls':>6} {'crashes':>7} {'refused':>7} "
        f"{'failures':>8} {'invalid':>7} {'seconds':>7}"
    )
    for (entry, name), c in table.items():
        if name not in names or entry.startswith("eval") != evals:
            continue
        crashes = sum(c.crashes.values())
        print(
            f"{entry:12} {name:9} {c.calls:>6} {crashes:>7} {c.refused:>7} {c.failures:>8} "
            f"{c.invalid:>7} {c.seconds:>7.1f}",
            flush=True,
        )
        for key, where in c.first.items():
            print(f"    {key}\n      first at: {where}")
