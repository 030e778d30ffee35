"""Run stages over records, count what each kept and dropped, and why, and guard each run.

A stage is a function from one record to zero or more records (``record -> Iterable[record]``),
pure and independent per record, so the same functions run in one process or partitioned on a
cluster. A stage drops a record by raising :class:`newsline.errors.Drop` with a reason, or an
:class:`newsline.errors.InputError`; either way the run carries on and the drop is counted.

Anything else a stage raises for one record is a bug, and one record must not stop a run: every
job (ingest in one process or on Dask workers, events, timeline, eval, the web app) runs its
per-record work under :class:`guard`, which turns the exception into a
:class:`newsline.errors.StageError` naming the stage, the record, the exception and the line
that raised it. :class:`Pipeline` applies it to each stage and to the records' source, keeps the
failures and goes on with the next record; the jobs record them as failure rows and leave the
record undone, so the next run retries it.
"""

from __future__ import annotations

import gc
import traceback
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from newsline.errors import Drop, InputError, NewslineError, StageError
from newsline.records import Article, FileFailure, RawDocument

Stage = Callable[[Any], Iterable[Any]]

_PACKAGE = Path(__file__).resolve().parent
_END = object()
#: How a failure names a whole file (its path is the failure's own, never in the reason: the web
#: app shows reasons to clients that must not learn the server's paths).
WHOLE_FILE = "the file"


class guard:  # noqa: N801 - used like a function: ``with guard(stage, record): ...``
    """Run one stage on one record: an unexpected exception becomes a StageError.

    A stage's own verdicts (``Drop``, any ``NewslineError``) pass through unchanged, and so do
    KeyboardInterrupt and SystemExit (they are no ``Exception``). ``record`` is named (with
    :func:`record_name`) only when it fails. A class, not a generator: it wraps every stage of
    every record, and costs a fraction of a microsecond when nothing fails.
    """

    __slots__ = ("record", "stage")

    def __init__(self, stage: str, record: Any) -> None:
        self.stage = stage
        self.record = record

    def __enter__(self) -> None:
        return None

    def __exit__(self, kind: type[BaseException] | None, exc: BaseException | None, _: Any) -> bool:
        if exc is None or not isinstance(exc, Exception) or isinstance(exc, Drop | NewslineError):
            return False
        raise stage_error(self.stage, record_name(self.record), exc) from exc


def stage_error(stage: str, record: str, exc: BaseException) -> StageError:
    """The StageError for ``exc``, with the innermost newsline line that raised it."""
    frames = traceback.extract_tb(exc.__traceback__)
    ours = [f for f in frames if Path(f.filename).resolve().is_relative_to(_PACKAGE)]
    frame = (ours or frames)[-1] if frames else None
    where = "unknown"
    if frame is not None:
        path = Path(frame.filename).resolve()
        mine = path.is_relative_to(_PACKAGE)
        name = path.relative_to(_PACKAGE.parent).as_posix() if mine else path.name
        where = f"{name}:{frame.lineno}"
    message = " ".join(str(exc).split())[:300]
    return StageError(stage, record, type(exc).__name__, message, where)


def record_name(record: Any) -> str:
    """How a failure names a record: an article's id, a document's position in its file, or
    the name given (a path, "topic NAME")."""
    if isinstance(record, Article):
        return f"article {record.id}"
    if isinstance(record, RawDocument):
        return f"position {record.position}"
    return str(record)


def record_path(record: Any) -> str:
    """The file a record came from (an article's first source)."""
    if isinstance(record, Article):
        return record.source.path
    if isinstance(record, RawDocument):
        return record.path
    return str(record)


def failure_of(path: str, exc: InputError | StageError) -> FileFailure:
    """The failure row of a file or record that raised ``exc``."""
    if isinstance(exc, StageError):
        return FileFailure(path, exc.reason, exc.stage, exc.record, exc.error)
    return FileFailure(path, exc.reason)


@dataclass
class StageCount:
    """What one stage saw, emitted and dropped (reason -> count), and how often it failed."""

    name: str
    seen: int = 0
    emitted: int = 0
    dropped: Counter[str] = field(default_factory=Counter)
    failed: int = 0


@dataclass
class Pipeline:
    """An ordered list of named stages with per-stage counters, each stage guarded per record.

    ``failures`` holds a failure row for each record a stage failed on (the record is dropped);
    with ``source``, the records' iterator itself (a reader) is guarded as a stage of that
    name, its failure's path ``origin`` (the file): the records it had not yielded are lost to
    this run, the ones before go on.
    """

    stages: list[tuple[str, Stage]]
    source: str | None = None
    origin: str = ""
    counts: dict[str, StageCount] = field(default_factory=dict)
    failures: list[FileFailure] = field(default_factory=list)

    def __post_init__(self) -> None:
        self.counts = {name: StageCount(name) for name, _ in self.stages}

    def run(self, records: Iterable[Any]) -> Iterator[Any]:
        """Push records through every stage lazily, counting and remembering each drop."""
        stream: Iterable[Any] = self._read(records) if self.source else records
        for name, stage in self.stages:
            stream = self._apply(name, stage, stream)
        yield from stream

    def _read(self, records: Iterable[Any]) -> Iterator[Any]:
        iterator = iter(records)
        while True:
            try:
                with guard(self.source or "read", WHOLE_FILE):
                    record = next(iterator, _END)
            except StageError as exc:
                self.failures.append(failure_of(self.origin, exc))
                return
            if record is _END:
                return
            yield record

    def _apply(self, name: str, stage: Stage, records: Iterable[Any]) -> Iterator[Any]:
        count = self.counts[name]
        for record in records:
            count.seen += 1
            try:
                with guard(name, record):
                    outputs = list(stage(record))
            except (Drop, InputError) as exc:
                count.dropped[exc.reason] += 1
                continue
            except StageError as exc:
                count.failed += 1
                self.failures.append(failure_of(record_path(record), exc))
                continue
            count.emitted += len(outputs)
            yield from outputs


@contextmanager
def collector_paused() -> Iterator[None]:
    """Python's cycle collector paused for the block: a query makes hundreds of thousands of
    small records (events, articles, their tuples) that form no cycles, and each collection
    walked all of them again (a fifth of a 27,000-article query's time). What a guarded
    stage's exception leaves in a cycle is collected once the block ends."""
    paused = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if paused:
            gc.enable()
