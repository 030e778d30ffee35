"""The web layer's one place for errors: every failure is answered in one JSON shape,

    {"error": {"code": "not_found", "message": "no article with id 'abc'", "status": 404}}

(validation errors add ``details``). NewslineError subclasses map to a status by their
``code``; framework errors (unknown route, wrong method, bad parameters) and unexpected
exceptions are converted here too, so no handler writes an error response itself.
"""

from __future__ import annotations

import json
import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import Send

from newsline.errors import InputError, NewslineError

log = logging.getLogger("newsline.web")

STATUS_BY_CODE = {
    "bad_input": 400,
    "bad_config": 400,
    "not_found": 404,
    "storage_error": 500,
}
CODE_BY_STATUS = {
    400: "bad_request",
    401: "unauthorized",
    403: "forbidden",
    404: "not_found",
    405: "method_not_allowed",
    413: "payload_too_large",
    415: "unsupported_media_type",
    422: "invalid_request",
}


class ErrorDetail(BaseModel):
    """What went wrong: a stable code, a message for people, the HTTP status."""

    code: str
    message: str
    status: int
    details: list[dict[str, str]] | None = None


class ErrorBody(BaseModel):
    """The one error shape (documented in the OpenAPI schema)."""

    error: ErrorDetail


class WebError(NewslineError):
    """An error only an HTTP request can cause: no token, too large, wrong content type."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        self.status = status
        self.code = code or CODE_BY_STATUS.get(status, "http_error")
        super().__init__(message)


def error_body(status: int, code: str, message: str, **extra: Any) -> dict[str, Any]:
    """The one error shape."""
    return {"error": {"code": code, "message": message, "status": status, **extra}}


def error_response(status: int, code: str, message: str, **extra: Any) -> JSONResponse:
    """A JSON response in the one error shape."""
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse(error_body(status, code, message, **extra), status, headers=headers)


async def send_error(send: Send, error: WebError) -> None:
    """Answer with ``error`` in the one shape from an ASGI middleware (before any handler);
    the connection is closed after it."""
    body = json.dumps(error_body(error.status, error.code, str(error))).encode()
    headers: list[Any] = [
        (b"content-type", b"application/json"),
        (b"content-length", str(len(body)).encode()),
        (b"connection", b"close"),
    ]
    await send({"type": "http.response.start", "status": error.status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def install(app: FastAPI) -> None:
    """Register the converters on ``app``."""
    app.add_exception_handler(NewslineError, _newsline_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(Exception, _unexpected)


async def _newsline_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, NewslineError)
    status = exc.status if isinstance(exc, WebError) else STATUS_BY_CODE.get(exc.code, 500)
    message = str(exc)
    if isinstance(exc, InputError) and exc.path:  # the file as the API shows it (web.paths)
        message = f"{request.app.state.config.paths().show(exc.path)}: {exc.reason}"
    return error_response(status, exc.code, message)


async def _validation_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    details = [
        {"where": ".".join(str(p) for p in e.get("loc", ())), "problem": e.get("msg", "")}
        for e in exc.errors()
    ]
    message = "; ".join(f"{d['where']}: {d['problem']}" for d in details) or "invalid request"
    return error_response(422, "invalid_request", message, details=details)


async def _http_error(request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    status = exc.status_code
    message = str(exc.detail)
    if status == 404 and message == "Not Found":
        message = f"no such endpoint: {request.method} {request.url.path}"
    elif status == 405:
        message = f"{request.method} is not allowed on {request.url.path}"
    return error_response(status, CODE_BY_STATUS.get(status, "http_error"), message)


async def _unexpected(request: Request, exc: Exception) -> JSONResponse:
    log.exception("unexpected error on %s %s", request.method, request.url.path)
    return error_response(500, "internal_error", "the server failed; see its log")
