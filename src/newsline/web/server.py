"""Run the app with uvicorn (the only module that imports it)."""

from __future__ import annotations

import uvicorn

from newsline.web.app import create_app
from newsline.web.config import ServerConfig


def serve(config: ServerConfig) -> None:
    """Serve until interrupted; the config is checked before anything listens."""
    app = create_app(config)
    uvicorn.run(app, host=config.host, port=config.port, log_level="info", access_log=True)
