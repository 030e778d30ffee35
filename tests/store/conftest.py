"""Store tests run on both backends: SQLite files, and databases on a throwaway PostgreSQL.

``new_db(name)`` gives a fresh store location for the test's backend (a file path, or the URL
of a new database); ``store`` is one opened store. Where PostgreSQL or psycopg is missing, the
postgres variants are skipped with the reason.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from newsline.store import Store
from tests.store import pgserver


@pytest.fixture(scope="session")
def postgres_server() -> Iterator[pgserver.Server]:
    """One PostgreSQL server for the session, stopped at its end."""
    psycopg = pytest.importorskip("psycopg", reason="psycopg is not installed (newsline[postgres])")
    try:
        server = pgserver.start()
    except (RuntimeError, OSError) as exc:
        pytest.skip(f"cannot start PostgreSQL: {exc}")
    server.psycopg = psycopg  # type: ignore[attr-defined]
    server.names = itertools.count(1)  # type: ignore[attr-defined]
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture(params=["sqlite", "postgres"])
def backend(request: pytest.FixtureRequest) -> str:
    """The store backend under test."""
    return str(request.param)


@pytest.fixture
def new_db(backend: str, tmp_path: Path, request: pytest.FixtureRequest) -> Callable[[str], str]:
    """A factory of fresh, empty store locations on the backend under test."""
    if backend == "sqlite":
        return lambda name: str(tmp_path / f"{name}.db")
    server = request.getfixturevalue("postgres_server")

    def create(name: str) -> str:
        dbname = f"{name.replace('.', '_')}_{next(server.names)}"
        with server.psycopg.connect(server.url(), autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{dbname}"')
        return server.url(dbname)

    return create


@pytest.fixture
def store(new_db: Callable[[str], str]) -> Iterator[Store]:
    """A fresh store on the backend under test."""
    with Store(new_db("test")) as s:
        yield s
