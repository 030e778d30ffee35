"""The ``serve`` command: the REST API and web UI over a store."""

from __future__ import annotations

from typing import Annotated

import typer

from newsline.cli import app
from newsline.cli.articles import DbOption
from newsline.settings import default_db


@app.command("serve")
def serve_command(
    db: DbOption = None,
    host: Annotated[
        str, typer.Option("--host", help="Address to listen on (beyond loopback needs a token).")
    ] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", help="TCP port.")] = 8000,
    token: Annotated[
        str | None,
        typer.Option(
            "--token",
            envvar="NEWSLINE_TOKEN",
            show_envvar=True,
            help="Secret that writes must send as 'Authorization: Bearer T'.",
        ),
    ] = None,
    max_upload_mb: Annotated[
        float, typer.Option("--max-upload-mb", help="Largest upload accepted, in MiB.")
    ] = 20.0,
    allowed_hosts: Annotated[
        list[str] | None,
        typer.Option(
            "--allowed-host",
            help="A host name the server answers for besides its own address (e.g. a proxy's"
            " public name); repeat for more. Requests naming another Host get 403.",
        ),
    ] = None,
) -> None:
    """Serve the REST API (OpenAPI at /docs) and the web UI at http://HOST:PORT/."""
    # Imported here: the web stack is only loaded by the command that needs it.
    from newsline.web.config import ServerConfig
    from newsline.web.server import serve

    config = ServerConfig(
        db=db or default_db(),
        host=host,
        port=port,
        token=token or None,
        max_upload_bytes=int(max_upload_mb * 1024 * 1024),
        allowed_hosts=tuple(allowed_hosts or ()),
    )
    serve(config.check())
