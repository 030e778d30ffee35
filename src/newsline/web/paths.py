"""File paths as the web shows them: relative to what was ingested, never the server's layout.

The store keeps each source's absolute path (the CLI shows it in full). A read answer of the
API would tell anyone who can read where the server keeps its files, so :func:`public_paths`
rewrites every ``path`` in an answer, without touching the store:

- an uploaded or fetched copy (``UPLOADS/<hash>/<name>``) shows as the name it was sent by;
- a file under the store's folder shows relative to that folder;
- any other file shows by its name alone.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import PurePath
from typing import Any


@dataclass(frozen=True, slots=True)
class PathView:
    """The folders paths are shown relative to."""

    copies: tuple[PurePath, ...]  # folders of uploaded / fetched copies, one <hash>/ level deep
    base: PurePath  # the store's folder

    def show(self, path: str) -> str:
        """``path`` as the web shows it (see the module docstring)."""
        full = PurePath(path)
        if not full.is_absolute():
            return path
        for folder in self.copies:
            if full.is_relative_to(folder) and len(full.relative_to(folder).parts) > 1:
                return PurePath(*full.relative_to(folder).parts[1:]).as_posix()
        if full.is_relative_to(self.base):
            return full.relative_to(self.base).as_posix()
        return full.name


def public_paths(value: Any, view: PathView) -> Any:
    """``value`` (an answer's dicts and lists) with every string under a ``path`` key shown by
    ``view``; other values as they are. A new structure: the input is not changed."""
    if isinstance(value, dict):
        return {
            key: view.show(item)
            if key == "path" and isinstance(item, str)
            else public_paths(item, view)
            for key, item in value.items()
        }
    if isinstance(value, list):
        return [public_paths(item, view) for item in value]
    return value
