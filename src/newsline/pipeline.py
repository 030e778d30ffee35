"""Run stages over records and count what each kept and dropped, and why.

A stage is a function from one record to zero or more records (``record -> Iterable[record]``),
pure and independent per record, so the same functions run in one process or partitioned on a
cluster. A stage drops a record by raising :class:`newsline.errors.Drop` with a reason, or an
:class:`newsline.errors.InputError`; either way the run carries on and the drop is counted.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

from newsline.errors import Drop, InputError

Stage = Callable[[Any], Iterable[Any]]


@dataclass
class StageCount:
    """What one stage saw, emitted and dropped (reason -> count)."""

    name: str
    seen: int = 0
    emitted: int = 0
    dropped: Counter[str] = field(default_factory=Counter)


@dataclass
class Pipeline:
    """An ordered list of named stages with per-stage counters."""

    stages: list[tuple[str, Stage]]
    counts: dict[str, StageCount] = field(default_factory=dict)

    def __post_init__(self) -> None:
        self.counts = {name: StageCount(name) for name, _ in self.stages}

    def run(self, records: Iterable[Any]) -> Iterator[Any]:
        """Push records through every stage lazily, counting and remembering each drop."""
        stream: Iterable[Any] = records
        for name, stage in self.stages:
            stream = self._apply(name, stage, stream)
        yield from stream

    def _apply(self, name: str, stage: Stage, records: Iterable[Any]) -> Iterator[Any]:
        count = self.counts[name]
        for record in records:
            count.seen += 1
            try:
                outputs = list(stage(record))
            except (Drop, InputError) as exc:
                reason = exc.reason
                count.dropped[reason] += 1
                continue
            count.emitted += len(outputs)
            yield from outputs
