"""A local Dask cluster for the tests, skipped with the reason where the dask extra is missing."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

import pytest


@contextmanager
def local_scheduler(processes: bool = True) -> Iterator[str]:
    """The address of a LocalCluster of 2 single-threaded workers: processes, or threads of
    this process (where a test's monkeypatch reaches the workers)."""
    for module in ("dask.bag", "distributed", "pyarrow"):
        pytest.importorskip(module, reason=f"{module} not installed (pip install 'newsline[dask]')")
    from distributed import LocalCluster

    with LocalCluster(
        n_workers=2, threads_per_worker=1, processes=processes, dashboard_address=":0"
    ) as cluster:
        yield cluster.scheduler_address
