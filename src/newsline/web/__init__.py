"""EDGE: the REST API and web UI over the store (``newsline serve``)."""

from newsline.web.app import create_app
from newsline.web.config import ServerConfig

__all__ = ["ServerConfig", "create_app"]
