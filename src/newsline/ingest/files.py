"""Find input files under the paths a user gives, in a stable order, and read their bytes."""

from __future__ import annotations

import os
from collections.abc import Iterable, Iterator
from pathlib import Path

from newsline.errors import InputError
from newsline.records import FileFailure

__all__ = ["FileFailure", "iter_files", "read_bytes"]

_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv"}
# A folder's own documentation is not news; named files are always read.
_SKIP_NAMES = ("readme", "license", "licence", "changelog", "copying")


def iter_files(paths: Iterable[str | os.PathLike[str]]) -> Iterator[Path]:
    """Every regular file named or found (recursively) under ``paths``, sorted per folder.

    Hidden files, version-control folders and a folder's README / LICENSE are skipped. A path
    that does not exist raises InputError: a mistake in the command, not in the data.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path)
        elif path.is_file():
            yield path.resolve()
        else:
            raise InputError("no such file or folder", str(raw))


def _walk(folder: Path) -> Iterator[Path]:
    for root, dirs, files in os.walk(folder):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.lower().startswith(_SKIP_NAMES):
                yield (Path(root) / name).resolve()


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; InputError when it is unreadable or too large."""
    try:
        size = path.stat().st_size
        if size > max_bytes:
            raise InputError(f"file too large ({size} bytes; limit {max_bytes})", str(path))
        return path.read_bytes()
    except OSError as exc:
        raise InputError(f"unreadable: {exc.strerror or exc}", str(path)) from exc
