"""What every source yields: a document, or an error that names the input in one line."""

from __future__ import annotations

from sandar.models import Document

MAX_TEXT = 5 * 1024 * 1024
"""Texts longer than this (characters) are refused."""


class IngestError(Exception):
    """An input that yields no document; ``str(err)`` is one line naming it."""


def checked(doc: Document, where: str, max_text: int = MAX_TEXT) -> Document | IngestError:
    """The document, or an error when its text is empty or too long."""
    if not doc.text.strip():
        return IngestError(f"{where}: empty text")
    if len(doc.text) > max_text:
        return IngestError(f"{where}: text too long ({len(doc.text):,} characters > {max_text:,})")
    return doc
