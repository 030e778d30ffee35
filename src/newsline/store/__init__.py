"""EDGE: the embedded store (SQLite) and its named queries."""

from newsline.store.db import Store

__all__ = ["Store"]
