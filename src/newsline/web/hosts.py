"""Which ``Host`` a request may name: the server's own addresses, or a configured list.

A browser page on ``evil.example`` whose name an attacker re-points at 127.0.0.1 (DNS
rebinding) reaches a loopback server as a same-origin client: its requests say
``Host: evil.example``. So every request's Host is checked, before any handler runs, against:

- the names configured in ``allowed_hosts`` (a reverse proxy's public name, an intranet name);
- the address the server is bound to; bound to loopback, also ``localhost`` and every loopback
  address; bound to all interfaces (``0.0.0.0``, ``::``), any address literal and ``localhost``
  (a name is not known to point here unless configured).

The port is not compared (a proxy may change it). A request without a Host is answered 400,
one naming another host 403, in the one error shape.
"""

from __future__ import annotations

import ipaddress
import re

from starlette.types import ASGIApp, Receive, Scope, Send

from newsline.web.config import ServerConfig, is_loopback
from newsline.web.errors import WebError, send_error

_HOST = re.compile(r"^(?:\[(?P<ip6>[0-9A-Fa-f:.]+)\]|(?P<name>[A-Za-z0-9._-]+))(?::\d{1,5})?$")
_WILDCARDS = ("0.0.0.0", "::", "")


class HostCheck:
    """ASGI middleware: requests whose Host is not one of the server's are refused."""

    def __init__(self, app: ASGIApp, config: ServerConfig) -> None:
        self.app = app
        self.config = config

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] in ("http", "websocket"):
            error = host_error(_header(scope, b"host"), self.config)
            if error is not None:
                await send_error(send, error)
                return
        await self.app(scope, receive, send)


def host_error(header: str | None, config: ServerConfig) -> WebError | None:
    """Why a request with this Host header is refused, or None when it may be answered."""
    if not header:
        return WebError(400, "the request names no Host", "bad_host")
    found = _HOST.match(header.strip())
    if found is None:
        return WebError(400, f"malformed Host header: {header[:100]!r}", "bad_host")
    host = (found["ip6"] or found["name"]).lower().rstrip(".")
    if host in allowed_names(config) or _is_own_address(host, config.host):
        return None
    return WebError(
        403,
        f"this server does not answer for host {host!r}; add it to the allowed hosts"
        " if it is this server's name",
        "forbidden_host",
    )


def allowed_names(config: ServerConfig) -> set[str]:
    """The configured names and the bound address itself, lower case."""
    names = {name.lower().strip("[]").rstrip(".") for name in config.allowed_hosts}
    return names | {config.host.lower().strip("[]")}


def _is_own_address(host: str, bound: str) -> bool:
    if bound.strip("[]") in _WILDCARDS:
        return host == "localhost" or _is_address(host)
    return is_loopback(bound) and is_loopback(host)


def _is_address(host: str) -> bool:
    try:
        ipaddress.ip_address(host)
    except ValueError:
        return False
    return True


def _header(scope: Scope, name: bytes) -> str | None:
    for key, value in scope.get("headers", ()):
        if key == name:
            return bytes(value).decode("latin-1")
    return None
