"""Find input files under the paths a user gives, in a stable order, and read their bytes.

Only regular files are ever opened. What a folder holds besides them is reported under its own
path with a reason, and the rest is read: a FIFO, socket or device (opening a FIFO would wait
for a writer forever), a symbolic link loop, a dangling link (under the link's path, not its
target's), a name that is not UTF-8 (shown with its bad bytes escaped, ``caf\\xe9.txt``: the
store keeps text), a folder that cannot be listed.
"""

from __future__ import annotations

import errno
import os
import stat
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import BinaryIO

from newsline.errors import InputError
from newsline.records import FileFailure

__all__ = ["FileFailure", "iter_files", "read_bytes"]

_SKIP_DIRS = {".git", ".hg", ".svn", "__pycache__", "node_modules", ".venv"}
# A folder's own documentation is not news; named files are always read.
_SKIP_NAMES = ("readme", "license", "licence", "changelog", "copying")
_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe)"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def iter_files(
    paths: Iterable[str | os.PathLike[str]], failures: list[FileFailure]
) -> Iterator[Path]:
    """Every regular file named or found (recursively) under ``paths``, sorted per folder.

    Hidden files, version-control folders and a folder's README / LICENSE are skipped. Entries
    that are no readable regular file are appended to ``failures`` (see the module docstring),
    never opened. A path that does not exist raises InputError: a mistake in the command, not
    in the data.
    """
    for raw in paths:
        path = Path(raw)
        if path.is_dir():
            yield from _walk(path, failures)
        elif os.path.lexists(path):
            yield from _checked(path, failures)
        else:
            raise InputError("no such file or folder", printable(raw))


def _walk(folder: Path, failures: list[FileFailure]) -> Iterator[Path]:
    def unlisted(exc: OSError) -> None:
        where = exc.filename if exc.filename is not None else folder
        failures.append(FileFailure(printable(os.path.abspath(where)), _reason(exc)))

    for root, dirs, files in os.walk(folder, onerror=unlisted):
        dirs[:] = sorted(d for d in dirs if d not in _SKIP_DIRS and not d.startswith("."))
        for name in sorted(files):
            if not name.startswith(".") and not name.lower().startswith(_SKIP_NAMES):
                yield from _checked(Path(root) / name, failures)


def _checked(path: Path, failures: list[FileFailure]) -> Iterator[Path]:
    """``path`` resolved when it is a readable regular file; else a failure under its own path."""
    reason = unreadable_because(path)
    if reason is None:
        yield path.resolve()
    else:
        failures.append(FileFailure(printable(os.path.abspath(path)), reason))


def unreadable_because(path: Path) -> str | None:
    """Why ``path`` is not read as a news file (without opening it), or None when it can be."""
    if printable(path) != str(path):
        return "file name is not valid UTF-8; rename the file to read it"
    try:
        mode = path.stat().st_mode  # follows links: a link to a regular file is read
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            return "symbolic link loop"
        if exc.errno == errno.ENOENT and path.is_symlink():
            return f"dangling symbolic link (to {printable(os.readlink(path))})"
        return _reason(exc)
    return None if stat.S_ISREG(mode) else f"not a regular file: {_kind(mode)}"


def _kind(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def _reason(exc: OSError) -> str:
    return f"unreadable: {exc.strerror or exc}"


def printable(path: str | os.PathLike[str]) -> str:
    """A path as text the store and a terminal can hold: bytes that are not UTF-8 (which Python
    keeps as lone surrogates) are shown escaped, ``caf\\xe9.txt``."""
    return os.fsencode(path).decode("utf-8", "backslashreplace")


def open_regular(path: Path) -> BinaryIO:
    """``path`` opened for reading; InputError (never a wait) when it is not a regular file.

    Opened without blocking, then checked: a FIFO put where a file was listed cannot hold the
    run (:func:`unreadable_because` checks before; this closes the gap until the open).
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError as exc:
        raise InputError(_reason(exc), printable(path)) from exc
    mode = os.fstat(fd).st_mode
    if not stat.S_ISREG(mode):
        os.close(fd)
        raise InputError(f"not a regular file: {_kind(mode)}", printable(path))
    return os.fdopen(fd, "rb")


def read_bytes(path: Path, max_bytes: int) -> bytes:
    """The file's bytes; InputError when it is unreadable or too large."""
    with open_regular(path) as handle:
        try:
            size = os.fstat(handle.fileno()).st_size
            if size > max_bytes:
                raise InputError(f"file too large ({size} bytes; limit {max_bytes})", str(path))
            return handle.read()
        except OSError as exc:
            raise InputError(_reason(exc), str(path)) from exc
