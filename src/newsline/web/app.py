"""EDGE: the REST API and the web UI over the store (FastAPI).

Endpoints (the OpenAPI schema is at ``/openapi.json``, browsable at ``/docs``):

- ``GET /health``: status, article count, whether writes need a token, the upload limit;
- ``GET /api/articles``, ``GET /api/articles/{id}`` (a unique id prefix is enough);
- ``GET /api/stories``: near-duplicate articles (reprints) grouped, with their sources;
- ``GET /api/timeline?q=...``: the CLI's ``timeline`` options as query parameters, answered in
  the CLI's JSON schema (:func:`newsline.export.json.timeline_to_dict`);
- ``POST /api/ingest``: files as ``multipart/form-data`` or a JSON list of articles;
- ``GET /``: the UI (query box, interactive timeline, article panel, upload form).

Errors, whatever raised them, are answered in one JSON shape (:mod:`newsline.web.errors`).
Every request's ``Host`` must be the server's own (:mod:`newsline.web.hosts`: DNS rebinding);
file paths in answers are shown relative to what was ingested (:mod:`newsline.web.paths`).
"""

from __future__ import annotations

import hmac
import json
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Annotated, Any, Literal
from urllib.parse import urlsplit

from fastapi import APIRouter, Depends, FastAPI, Query, Request
from fastapi.responses import HTMLResponse, Response
from starlette.concurrency import run_in_threadpool
from starlette.datastructures import UploadFile

from newsline.errors import InputError
from newsline.export.html import asset
from newsline.export.json import timeline_to_dict
from newsline.jobs import ingest, timeline
from newsline.settings import Settings
from newsline.stages.query import check_query
from newsline.stages.timeline_options import TimelineOptions, options_help
from newsline.store import Store
from newsline.store.stories import list_stories
from newsline.web import errors
from newsline.web.config import ServerConfig
from newsline.web.errors import WebError
from newsline.web.hosts import HostCheck
from newsline.web.limits import BodyLimit
from newsline.web.paths import PathView, public_paths
from newsline.web.uploads import articles_jsonl, save_upload

HELP = options_help()
_ERRORS: dict[int | str, dict[str, Any]] = {
    status: {"description": f"Error ({code}) in the one error shape", "model": errors.ErrorBody}
    for status, code in (
        (400, "bad_request"),
        (401, "unauthorized"),
        (403, "forbidden"),
        (404, "not_found"),
        (413, "payload_too_large"),
        (422, "invalid_request"),
    )
}
_ASSETS = {
    "timeline.js": ("export", "application/javascript"),
    "timeline.css": ("export", "text/css"),
    "ui.js": ("web", "application/javascript"),
    "ui.css": ("web", "text/css"),
}
_UI_POLICY = (
    "default-src 'none'; script-src 'self'; style-src 'self'; connect-src 'self'; "
    "img-src 'self' data:; form-action 'self'; base-uri 'none'; frame-ancestors 'none'"
)
_INGEST_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "multipart/form-data": {
                "schema": {
                    "type": "object",
                    "properties": {
                        "files": {"type": "array", "items": {"type": "string", "format": "binary"}}
                    },
                }
            },
            "application/json": {
                "schema": {
                    "type": "array",
                    "items": {
                        "type": "object",
                        "required": ["text"],
                        "properties": {
                            k: {"type": "string"}
                            for k in ("id", "title", "text", "published", "source", "url")
                        },
                    },
                }
            },
        },
    }
}

router = APIRouter()


def create_app(config: ServerConfig) -> FastAPI:
    """The application for ``config`` (checked: beyond loopback it needs a token)."""
    config.check()
    app = FastAPI(
        title="newsline",
        summary="Clean, deduplicated, dated, source-cited news timelines.",
        version="0.1.0",
        redoc_url=None,
    )
    app.state.config = config
    errors.install(app)
    app.add_middleware(BodyLimit, max_bytes=config.max_upload_bytes)
    app.add_middleware(HostCheck, config=config)  # added last: runs first, on every request
    app.include_router(router)
    return app


def _config(request: Request) -> ServerConfig:
    config: ServerConfig = request.app.state.config
    return config


Config = Annotated[ServerConfig, Depends(_config)]


def _paths(config: Config) -> PathView:
    return config.paths()


Paths = Annotated[PathView, Depends(_paths)]


def require_writer(request: Request, config: Config) -> None:
    """Writes come from this site only and carry the token when the server has one."""
    origin = request.headers.get("origin")
    if origin and urlsplit(origin).netloc != request.headers.get("host"):
        raise WebError(403, f"writes from another site ({origin}) are refused", "forbidden_origin")
    if config.token is None:
        return
    scheme, _, given = request.headers.get("authorization", "").partition(" ")
    if scheme.lower() != "bearer" or not given.strip():
        raise WebError(401, "this server needs a token for writes: send 'Authorization: Bearer T'")
    if not hmac.compare_digest(given.strip().encode(), config.token.encode()):
        raise WebError(401, "the token does not match the server's")


@router.get("/health", tags=["server"])
def health(config: Config) -> dict[str, Any]:
    """Is the server up; how many articles; do writes need a token; the upload limit."""
    with Store(config.db) as store:
        articles = store.counts()["articles"]
    return {
        "status": "ok",
        "articles": articles,
        "token_required": config.token is not None,
        "max_upload_bytes": config.max_upload_bytes,
    }


@router.get("/api/articles", tags=["articles"])
def list_articles(config: Config) -> dict[str, Any]:
    """One summary row per distinct article, oldest first (like ``newsline articles``)."""
    with Store(config.db) as store:
        rows = store.list_articles()
    return {"count": len(rows), "articles": rows}


@router.get("/api/articles/{article_id}", tags=["articles"], responses=_ERRORS)
def get_article(article_id: str, config: Config, paths: Paths) -> dict[str, Any]:
    """One article with captions, body blocks, publication-date evidence and sources."""
    with Store(config.db) as store:
        article: dict[str, Any] = public_paths(store.get_article(article_id), paths)
    return article


@router.get("/api/stories", tags=["articles"])
def get_stories(config: Config, paths: Paths) -> dict[str, Any]:
    """Stories: articles linked as near duplicates (reprints), each with its sources."""
    with Store(config.db) as store:
        stories = list_stories(store)
    return {"count": len(stories), "stories": public_paths(stories, paths)}


@router.get("/api/timeline", tags=["timelines"], responses=_ERRORS)
def get_timeline(
    config: Config,
    paths: Paths,
    q: Annotated[str, Query(min_length=1, description='Keywords and names, e.g. "Brenn Strait"')],
    max_dates: Annotated[int, Query(ge=1, le=1000, description="Most dates to keep.")] = 40,
    per_date: Annotated[int, Query(ge=1, le=50, description="Sentences per date.")] = 2,
    since: Annotated[date | None, Query(description="Earliest date, YYYY-MM-DD.")] = None,
    until: Annotated[date | None, Query(description="Latest date, YYYY-MM-DD.")] = None,
    any_term: Annotated[bool, Query(alias="any", description=HELP["any_term"])] = False,
    days_only: Annotated[bool, Query(description=HELP["days_only"])] = False,
    sentences: Annotated[
        Literal["all", "naming", "keyword"], Query(description=HELP["sentences"])
    ] = "all",
    background: Annotated[
        Literal["separate", "mixed"], Query(description=HELP["background"])
    ] = "separate",
    dates: Annotated[Literal["evidence", "learned"], Query(description=HELP["dates"])] = "evidence",
) -> dict[str, Any]:
    """The timeline for a query, in the same JSON schema as ``newsline timeline --format json``.

    A query longer than the settings' ``max_query_chars`` or ``max_query_terms`` is refused."""
    settings = Settings()
    check_query(q, settings.max_query_terms, settings.max_query_chars)
    options = TimelineOptions(
        query=q,
        any_term=any_term,
        max_dates=max_dates,
        per_date=per_date,
        since=since,
        until=until,
        days_only=days_only,
        sentences=sentences,
        background=background,
        dates=dates,
    )
    with Store(config.db) as store:
        result = timeline(options, store, settings)
    answer: dict[str, Any] = public_paths(timeline_to_dict(result), paths)
    return answer


@router.post(
    "/api/ingest",
    tags=["articles"],
    dependencies=[Depends(require_writer)],
    responses=_ERRORS,
    openapi_extra=_INGEST_BODY,
)
async def post_ingest(request: Request, config: Config, paths: Paths) -> dict[str, Any]:
    """Ingest uploaded files (form field ``files``) or a JSON list of articles.

    Answers with the ingest summary (counts, and each failure with its reason). The request
    body may be at most the server's upload limit (413 beyond).
    """
    uploads = await _read_uploads(request)
    summary = await run_in_threadpool(_ingest_uploads, config, uploads)
    answer: dict[str, Any] = public_paths(summary, paths)
    return answer


async def _read_uploads(request: Request) -> list[tuple[str, bytes]]:
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind == "multipart/form-data":
        form = await request.form()
        files = [v for _, v in form.multi_items() if isinstance(v, UploadFile)]
        if not files:
            raise InputError("the form holds no files: send them in the field 'files'")
        return [(f.filename or "upload", await f.read()) for f in files]
    if kind == "application/json":
        return [("articles.jsonl", _articles_from_json(await request.body()))]
    raise WebError(415, "send files as multipart/form-data or articles as application/json")


def _articles_from_json(body: bytes) -> bytes:
    """The JSONL file of a JSON body of articles; InputError (400) for any body that is not
    one: malformed, nested past the parser's depth, or holding a lone surrogate (``\\ud800``,
    valid JSON, but no text)."""
    try:
        return articles_jsonl(json.loads(body))
    except RecursionError:
        raise InputError("JSON nested too deeply to be a list of articles") from None
    except UnicodeEncodeError:
        raise InputError(
            "the JSON holds text that is not valid Unicode (a lone surrogate such as \\ud800)"
        ) from None
    except ValueError as exc:
        raise InputError(f"malformed JSON: {exc}") from None


def _ingest_uploads(config: ServerConfig, uploads: list[tuple[str, bytes]]) -> dict[str, Any]:
    folder = config.uploads()
    saved = {str(save_upload(folder, name, data).resolve()): name for name, data in uploads}
    with Store(config.db) as store:
        summary: dict[str, Any] = dict(ingest(list(saved), store).to_dict())
    for failure in summary["failures"]:
        failure["path"] = saved.get(failure["path"], Path(failure["path"]).name)
    return summary


@router.get("/", include_in_schema=False)
def index() -> HTMLResponse:
    """The UI page."""
    page = _web_file("index.html")
    return HTMLResponse(page, headers={"Content-Security-Policy": _UI_POLICY})


@router.get("/assets/{name}", include_in_schema=False)
def ui_asset(name: str) -> Response:
    """The UI's scripts and styles (the timeline's are the HTML export's own)."""
    if name not in _ASSETS:
        raise WebError(404, f"no such asset: {name}")
    where, media_type = _ASSETS[name]
    text = asset(name) if where == "export" else _web_file(name)
    return Response(text, media_type=media_type, headers={"Cache-Control": "no-cache"})


def _web_file(name: str) -> str:
    return (resources.files("newsline.web") / "static" / name).read_text(encoding="utf-8")
