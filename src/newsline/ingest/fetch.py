"""EDGE: fetch news from http(s) URLs, only when a user asks (``newsline ingest --fetch``).

Each URL is downloaded with a timeout and a size cap, then saved under a folder beside the
store, named by a hash of its content, and read like any saved page or feed: the saved copy is
the provenance the store points to, and fetching the same content again is a no-op.
"""

from __future__ import annotations

import hashlib
import re
import urllib.error
import urllib.request
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from newsline.errors import InputError
from newsline.ingest.files import FileFailure

_SCHEMES = ("http", "https")
_UNSAFE = re.compile(r"[^A-Za-z0-9._-]+")
_SUFFIXES = {"html": ".html", "xml": ".xml", "rss": ".xml", "atom": ".xml", "json": ".jsonl"}


def _limit(default: Any, help: str) -> Any:  # noqa: A002 - "help" reads best here
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long to wait for a URL and how much of it to accept."""

    timeout: float = _limit(20.0, "Seconds to wait for a server to connect or send data.")
    max_bytes: int = _limit(10 * 1024 * 1024, "Responses larger than this are refused.")
    user_agent: str = _limit("newsline/0.1 (news timelines)", "Sent as User-Agent.")


@dataclass(frozen=True, slots=True)
class Fetched:
    """A downloaded response body with the URL it came from and its content type."""

    url: str
    data: bytes
    content_type: str = ""


class _HttpOnlyRedirects(urllib.request.HTTPRedirectHandler):
    """Follow redirects to http(s) only (urllib would also follow ftp)."""

    def redirect_request(self, req, fp, code, msg, headers, newurl):  # type: ignore[no-untyped-def]
        if urlsplit(newurl).scheme.lower() not in _SCHEMES:
            raise InputError(f"redirect to a non-http(s) URL refused: {newurl}", req.full_url)
        return super().redirect_request(req, fp, code, msg, headers, newurl)


def fetch(url: str, limits: FetchLimits | None = None) -> Fetched:
    """The body of ``url``; InputError (with the URL as its path) on any failure."""
    limits = limits or FetchLimits()
    check_url(url)
    opener = urllib.request.build_opener(_HttpOnlyRedirects)
    request = urllib.request.Request(url, headers={"User-Agent": limits.user_agent})
    try:
        with opener.open(request, timeout=limits.timeout) as response:
            declared = response.headers.get("Content-Length")
            if declared and declared.isdigit() and int(declared) > limits.max_bytes:
                raise InputError(_too_large(int(declared), limits), url)
            data = response.read(limits.max_bytes + 1)
            content_type = response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        raise InputError(f"HTTP {exc.code} {exc.reason}", url) from None
    except urllib.error.URLError as exc:
        raise InputError(f"cannot fetch: {exc.reason}", url) from None
    except TimeoutError:
        raise InputError(f"no answer within {limits.timeout:g} s", url) from None
    except OSError as exc:
        raise InputError(f"cannot fetch: {exc}", url) from None
    if len(data) > limits.max_bytes:
        raise InputError(_too_large(len(data), limits), url)
    return Fetched(url, data, content_type)


def check_url(url: str) -> None:
    """InputError unless ``url`` is an absolute http(s) URL with a host."""
    parts = urlsplit(url)
    if parts.scheme.lower() not in _SCHEMES or not parts.hostname:
        raise InputError("only http:// and https:// URLs can be fetched", url)


def save_fetched(fetched: Fetched, folder: Path) -> Path:
    """Write the body to ``folder/<content hash>/<name from the URL>`` and return that path."""
    digest = hashlib.sha256(fetched.data).hexdigest()[:16]
    target = folder / digest / _file_name(fetched)
    target.parent.mkdir(parents=True, exist_ok=True)
    if not target.exists():
        target.write_bytes(fetched.data)
    return target


def folder_beside(store: str, name: str) -> Path:
    """Where copies of fetched or uploaded files are kept for a store: next to a store file
    (``news.db`` -> ``news.fetched/``); for a database URL or an in-memory store, in the
    working folder, named after the database (``postgresql://host/news`` -> ``./news.fetched/``).
    """
    if "://" in store or store == ":memory:":
        database = urlsplit(store).path.rsplit("/", 1)[-1] if "://" in store else ""
        stem = re.sub(r"[^A-Za-z0-9_-]+", "_", database).strip("_") or "newsline"
        return Path.cwd() / f"{stem}.{name}"
    path = Path(store)
    return path.with_name(f"{path.stem}.{name}")


def fetch_all(
    urls: Iterable[str], folder: Path, limits: FetchLimits | None = None
) -> tuple[list[Path], list[FileFailure]]:
    """Fetch and save each URL; the saved paths, and a failure with a reason for each other."""
    saved: list[Path] = []
    failures: list[FileFailure] = []
    for url in urls:
        try:
            saved.append(save_fetched(fetch(url, limits), folder))
        except InputError as exc:
            failures.append(FileFailure(url, exc.reason))
    return saved, failures


def _file_name(fetched: Fetched) -> str:
    parts = urlsplit(fetched.url)
    stem = _UNSAFE.sub("_", f"{parts.hostname}{parts.path}".rstrip("/")).strip("._")[:80]
    suffix = Path(parts.path).suffix.lower()
    if not suffix or len(suffix) > 6:
        kind = fetched.content_type.split(";")[0].split("/")[-1].split("+")[-1].lower()
        suffix = _SUFFIXES.get(kind, ".txt" if kind == "plain" else "")
    return (stem or "page") + ("" if stem.endswith(suffix) else suffix)


def _too_large(size: int, limits: FetchLimits) -> str:
    return f"response too large ({size} bytes; limit {limits.max_bytes})"
