"""EDGE: the store (a SQLite file, or PostgreSQL for a postgresql:// URL) and its named queries."""

from newsline.store.db import Store

__all__ = ["Store"]
