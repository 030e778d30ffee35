"""Uploaded news kept on disk, so the store's provenance points at a real file.

Each upload is saved as ``UPLOADS/<content hash>/<cleaned file name>``: the same content
uploaded twice lands on the same path, which ingest then skips as unchanged. A JSON list of
articles is saved as one JSONL file and read by the JSONL reader like any other.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from newsline.errors import InputError

_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")


def save_upload(folder: Path, name: str | None, data: bytes) -> Path:
    """Write ``data`` under ``folder`` by content hash; only the cleaned base name is kept."""
    digest = hashlib.sha256(data).hexdigest()[:16]
    target = folder / digest / clean_name(name)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.write_bytes(data)
    return target


def clean_name(name: str | None) -> str:
    """A safe file name: no folders, no leading dots, only letters, digits, ``._-``."""
    base = re.split(r"[\\/]", name or "")[-1]
    cleaned = _UNSAFE.sub("_", base).lstrip("._")[:100]
    return cleaned or "upload"


def articles_jsonl(payload: Any) -> bytes:
    """JSONL bytes from a JSON list of article objects (or ``{"articles": [...]}``).

    Each object is read like a line of a JSONL file (``id``, ``title``, ``text``,
    ``published``, ``source``/``url``); a bad one is reported by the reader, not here.
    """
    if isinstance(payload, dict) and "articles" in payload:
        payload = payload["articles"]
    if not isinstance(payload, list) or not payload:
        raise InputError("expected a non-empty JSON list of article objects")
    lines = [json.dumps(item, ensure_ascii=False, sort_keys=True) for item in payload]
    return ("\n".join(lines) + "\n").encode("utf-8")
