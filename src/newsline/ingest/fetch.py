"""EDGE: fetch news from http(s) URLs, only when a user asks (``newsline ingest --fetch``).

Each URL is downloaded within a deadline for the whole download and a size cap, then saved
under a folder beside the store, named by a hash of its content, and read like any saved page
or feed: the saved copy is the provenance the store points to, and fetching the same content
again is a no-op.

Only public addresses are fetched from unless asked (``FetchLimits.allow_private``): the host
of the URL and of every redirect is resolved and each address checked before connecting, so
``http://127.1/``, ``http://2130706433/``, ``http://[::1]/``, ``http://10.0.0.1/`` and
``http://169.254.169.254/`` (a cloud's metadata service) are refused without a connection.
Proxies from the environment are not used: the address connected to is the one checked.
"""

from __future__ import annotations

import contextlib
import hashlib
import http.client
import ipaddress
import re
import socket
import threading
import time
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
_CHUNK = 64 * 1024


def _limit(default: Any, help: str) -> Any:  # noqa: A002 - "help" reads best here
    return field(default=default, metadata={"help": help})


@dataclass(frozen=True, slots=True)
class FetchLimits:
    """How long to wait for a URL, how much of it to accept, and which addresses it may be on."""

    timeout: float = _limit(
        20.0,
        "Seconds for the whole download of a URL, redirects included: connecting, the answer"
        " and every byte of its body (a server that trickles is cut off).",
    )
    max_bytes: int = _limit(10 * 1024 * 1024, "Responses larger than this are refused.")
    user_agent: str = _limit("newsline/0.1 (news timelines)", "Sent as User-Agent.")
    allow_private: bool = _limit(
        False,
        "Also fetch from loopback, private, link-local and other non-public addresses (an"
        " intranet server); refused by default, for the first URL and every redirect.",
    )
    allow_networks: tuple[str, ...] = _limit(
        (), "Non-public networks fetched from even without allow_private, e.g. '10.1.2.0/24'."
    )


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
    """The body of ``url``; InputError (with the URL as its path) on any failure.

    Every connection, the first and each redirect's, goes only to addresses
    :func:`address_refused` lets through (checked on the addresses the host name resolves to,
    the ones then connected to); the whole download must end within ``limits.timeout``.
    """
    limits = limits or FetchLimits()
    check_url(url)
    with _Download(limits) as download:
        try:
            return _get(url, limits, download)
        except urllib.error.HTTPError as exc:
            raise InputError(f"HTTP {exc.code} {exc.reason}", url) from None
        except InputError as exc:
            raise InputError(exc.reason, url) from None
        except (OSError, http.client.HTTPException) as exc:
            if download.passed():
                raise InputError(f"no answer within {limits.timeout:g} s", url) from None
            reason = exc.reason if isinstance(exc, urllib.error.URLError) else exc
            if isinstance(reason, InputError):
                raise InputError(reason.reason, url) from None
            raise InputError(f"cannot fetch: {reason}", url) from None


def _get(url: str, limits: FetchLimits, download: _Download) -> Fetched:
    opener = urllib.request.build_opener(
        urllib.request.ProxyHandler({}),  # direct connections only: the address check holds
        _GuardedHTTP(download),
        _GuardedHTTPS(download),
        _HttpOnlyRedirects,
    )
    request = urllib.request.Request(url, headers={"User-Agent": limits.user_agent})
    with opener.open(request, timeout=limits.timeout) as response:
        declared = response.headers.get("Content-Length")
        if declared and declared.isdigit() and int(declared) > limits.max_bytes:
            raise InputError(_too_large(int(declared), limits), url)
        data = bytearray()  # read as it comes, one byte past the cap at most
        while chunk := response.read1(min(_CHUNK, limits.max_bytes + 1 - len(data))):
            data += chunk
            if len(data) > limits.max_bytes:
                raise InputError(_too_large(len(data), limits), url)
            download.check()
        content_type = response.headers.get("Content-Type", "")
    download.check()
    return Fetched(url, bytes(data), content_type)


def address_refused(address: str, limits: FetchLimits) -> str | None:
    """Why an IP address may not be fetched from, or None: loopback, private, link-local,
    multicast, reserved and unspecified addresses (IPv4-mapped ones included) are refused
    unless ``limits`` allows them."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    mapped = getattr(ip, "ipv4_mapped", None)
    ip = mapped or ip
    if ip.is_global and not ip.is_multicast:
        return None
    if limits.allow_private or any(ip in ipaddress.ip_network(n) for n in limits.allow_networks):
        return None
    return (
        f"refused: {address} is a {_kind(ip)} address, not public; such addresses are"
        " fetched from only when private addresses are allowed"
    )


def _kind(ip: ipaddress.IPv4Address | ipaddress.IPv6Address) -> str:
    for test, name in (
        ("is_loopback", "loopback"),
        ("is_link_local", "link-local"),
        ("is_multicast", "multicast"),
        ("is_unspecified", "unspecified"),
        ("is_private", "private"),
    ):
        if getattr(ip, test):
            return name
    return "reserved"


class _Download:
    """One fetch's connections: each checked before it is made; all cut at the deadline.

    A timer shuts the sockets down when ``limits.timeout`` has passed, wherever the download
    is (connecting, waiting for headers, reading a body that trickles), so no read can hold
    it past the deadline.
    """

    def __init__(self, limits: FetchLimits) -> None:
        self.limits = limits
        self.deadline = time.monotonic() + limits.timeout
        self.expired = False
        self.sockets: list[socket.socket] = []
        self._lock = threading.Lock()
        self._timer = threading.Timer(limits.timeout, self._expire)
        self._timer.daemon = True

    def __enter__(self) -> _Download:
        self._timer.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._timer.cancel()

    def _expire(self) -> None:
        with self._lock:
            self.expired = True
            for sock in self.sockets:
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)  # the raw socket, even TLS

    def passed(self) -> bool:
        """Whether the deadline has passed."""
        return self.expired or time.monotonic() >= self.deadline

    def check(self) -> None:
        """TimeoutError once the deadline has passed."""
        if self.passed():
            raise TimeoutError("deadline passed")

    def remaining(self) -> float:
        """Seconds left until the deadline (TimeoutError when none)."""
        self.check()
        return max(self.deadline - time.monotonic(), 0.001)

    def connect(
        self, address: tuple[str, int], timeout: Any = None, source_address: Any = None
    ) -> socket.socket:
        """A connection to ``address`` (host, port) through a checked address: every address
        the host resolves to must be allowed, else InputError before any connection."""
        host, port = address
        infos = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)
        for *_, sockaddr in infos:
            refused = address_refused(str(sockaddr[0]), self.limits)
            if refused:
                raise InputError(refused)
        error: OSError = OSError(f"no address for {host}")
        for family, kind, proto, _, sockaddr in infos:
            sock = socket.socket(family, kind, proto)
            try:
                sock.settimeout(self.remaining())
                sock.connect(sockaddr)
            except OSError as exc:
                sock.close()
                error = exc
                continue
            return self.watch(sock)
        raise error

    def watch(self, sock: socket.socket) -> socket.socket:
        """Keep ``sock`` to cut at the deadline (at once when it has passed)."""
        with self._lock:
            self.sockets.append(sock)
            if self.expired:
                with contextlib.suppress(OSError):
                    socket.socket.shutdown(sock, socket.SHUT_RDWR)
        return sock


def _guarded(base: type[http.client.HTTPConnection], download: _Download) -> Any:
    """``base`` whose connections go through ``download`` (checked, cut at the deadline)."""

    class Guarded(base):  # type: ignore[valid-type,misc]
        def __init__(self, *args: Any, **kwargs: Any) -> None:
            super().__init__(*args, **kwargs)
            self._create_connection = download.connect

        def connect(self) -> None:
            super().connect()
            download.watch(self.sock)  # for https, the TLS socket wrapping the checked one

    return Guarded


class _GuardedHTTP(urllib.request.HTTPHandler):
    def __init__(self, download: _Download) -> None:
        super().__init__()
        self.download = download

    def http_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        return self.do_open(_guarded(http.client.HTTPConnection, self.download), req)


class _GuardedHTTPS(urllib.request.HTTPSHandler):
    def __init__(self, download: _Download) -> None:
        super().__init__()
        self.download = download

    def https_open(self, req: urllib.request.Request) -> http.client.HTTPResponse:
        connection = _guarded(http.client.HTTPSConnection, self.download)
        return self.do_open(connection, req, context=self._context)


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
