"""EDGE: the only code that reads news from disk. Files in, :class:`RawDocument` records out."""

from newsline.ingest.files import FileFailure, iter_files
from newsline.ingest.readers import read_documents

__all__ = ["FileFailure", "iter_files", "read_documents"]
