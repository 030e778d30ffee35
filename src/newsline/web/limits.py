"""Request body size limit, enforced before and while a body is read.

A declared ``Content-Length`` over the limit is refused without storing anything; a body sent
without one (chunked) is counted as it arrives and refused at the first byte over. Either way
the client gets 413 in the one error shape. A modestly oversized body is read and discarded
before answering, as most clients only read the answer once they have sent their body (a
client that asked ``Expect: 100-continue`` gets the answer before sending it).
"""

from __future__ import annotations

from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsline.web.errors import WebError, send_error

# Oversized bodies up to this many times the limit are read and discarded before the 413.
_DRAIN_FACTOR = 8


class BodyLimit:
    """ASGI middleware: bodies of more than ``max_bytes`` are answered with 413."""

    def __init__(self, app: ASGIApp, max_bytes: int) -> None:
        self.app = app
        self.max_bytes = max_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        declared = _content_length(scope)
        if declared is not None and declared > self.max_bytes:
            if declared <= _DRAIN_FACTOR * self.max_bytes and not _expects_continue(scope):
                await _drain(receive)
            await send_error(send, too_large(self.max_bytes, declared))
            return
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_bytes:
                    raise too_large(self.max_bytes)
            return message

        await self.app(scope, counted, send)


def too_large(limit: int, size: int | None = None) -> WebError:
    """The 413 error, saying the limit (and the size when known)."""
    got = f"{size} bytes" if size is not None else "more"
    return WebError(413, f"request body too large ({got}; limit {limit} bytes)")


def _content_length(scope: Scope) -> int | None:
    for name, value in scope.get("headers", ()):
        if name == b"content-length":
            try:
                return int(value)
            except ValueError:
                return None
    return None


def _expects_continue(scope: Scope) -> bool:
    return any(
        name == b"expect" and value.lower() == b"100-continue"
        for name, value in scope.get("headers", ())
    )


async def _drain(receive: Receive) -> None:
    while True:
        message = await receive()
        if message["type"] != "http.request" or not message.get("more_body", False):
            return
