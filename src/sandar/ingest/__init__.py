"""Ingest: sources (files, folders, JSON Lines, HTML, URLs, feeds) into documents."""

from sandar.ingest.documents import IngestError
from sandar.ingest.sources import read_sources

__all__ = ["IngestError", "read_sources"]
