"""Fixtures for the web tests: a store of the example corpus, API clients, a real server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from fastapi.testclient import TestClient

from newsline.web import ServerConfig, create_app
from tests.export.builders import EXAMPLES, ingest_into
from tests.web.browser import REPO, browser  # noqa: F401 - a fixture


@pytest.fixture(scope="session")
def examples_store(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A store of the example corpus, read-only for the tests that share it."""
    db = tmp_path_factory.mktemp("web-examples") / "examples.db"
    ingest_into(db, EXAMPLES)
    return db


@pytest.fixture
def fresh_store(tmp_path: Path) -> Path:
    """An empty store for tests that write."""
    return tmp_path / "fresh.db"


@pytest.fixture
def make_client() -> Iterator[Callable[..., TestClient]]:
    """A factory of TestClients over apps with the given ServerConfig fields."""
    clients: list[TestClient] = []

    def make(**config: Any) -> TestClient:
        settings = ServerConfig(**config)
        client = TestClient(
            create_app(settings),
            raise_server_exceptions=False,
            base_url=f"http://{settings.host}:{settings.port}",  # a Host the server answers for
        )
        clients.append(client)
        return client

    yield make
    for client in clients:
        client.close()


@pytest.fixture
def api(make_client: Callable[..., TestClient], examples_store: Path) -> TestClient:
    """A client over the example store, no token."""
    return make_client(db=str(examples_store))


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="session")
def live_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """``newsline serve`` in a real uvicorn process on 127.0.0.1, over a copy of the examples.

    It starts on an empty store with a token; the tests ingest through the API.
    """
    folder = tmp_path_factory.mktemp("live")
    port = _free_port()
    env = {**os.environ, "NEWSLINE_TOKEN": "live-secret", "PYTHONUNBUFFERED": "1"}
    log = (folder / "server.log").open("w")
    command = [
        sys.executable,
        "-m",
        "newsline",
        "serve",
        "--db",
        str(folder / "live.db"),
        "--port",
        str(port),
        "--max-upload-mb",
        "1",
    ]
    process = subprocess.Popen(command, cwd=REPO, env=env, stdout=log, stderr=subprocess.STDOUT)
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url + "/health", timeout=2) as response:
                if response.status == 200:
                    break
        except OSError:
            pass
        if process.poll() is not None or time.monotonic() > deadline:
            process.kill()
            pytest.fail(f"server did not start: {(folder / 'server.log').read_text()}")
        time.sleep(0.2)
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
    log.close()
