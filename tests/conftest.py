"""Shared fixtures: the ../shared folder beside the checkout, and temporary stores."""

from __future__ import annotations

from pathlib import Path

import pytest

from newsline.store import Store

REPO = Path(__file__).resolve().parents[1]
SHARED = (REPO / ".." / "shared").resolve()
DATA = Path(__file__).resolve().parent / "data"


def shared_path(*parts: str) -> Path:
    """A path under ../shared, skipping the test with a reason when it is absent."""
    path = SHARED.joinpath(*parts)
    if not path.exists():
        pytest.skip(f"{path} not present (tests that read ../shared need it beside the checkout)")
    return path


@pytest.fixture
def store(tmp_path: Path) -> Store:
    """A fresh on-disk store in a temporary folder."""
    with Store(tmp_path / "test.db") as s:
        yield s
