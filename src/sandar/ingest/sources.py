"""Sources into documents: .txt, .html, JSON Lines (text, url, title, date), folders, URLs, feeds.

``read_sources(names)`` yields a ``Document`` or an ``IngestError`` (one line naming the input) for
each document, so a batch goes on past bad inputs.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Iterator
from pathlib import Path

from sandar.ingest.documents import MAX_TEXT, IngestError, checked
from sandar.io.text import ReadError, decode, read_text
from sandar.models import Document

TEXT_SUFFIXES = {".txt", ".text"}
HTML_SUFFIXES = {".html", ".htm"}
JSONL_SUFFIXES = {".jsonl", ".ndjson"}
_DATE = re.compile(r"(\d{4})-(\d{2})-(\d{2})")
_DATE_LINE = re.compile(r"^\s*date\s+(\d{4}-\d{2}-\d{2})\s*$", re.M)


def read_sources(names: Iterable[str], max_text: int = MAX_TEXT) -> Iterator[Document | IngestError]:
    """Documents of every source, in order; errors are yielded, not raised."""
    for name in names:
        if re.match(r"https?://", name):
            from sandar.ingest.web import read_url

            yield from read_url(name, max_text)
            continue
        path = Path(name)
        if path.is_dir():
            files = sorted(p for p in path.rglob("*") if p.is_file() and _known(p))
            for p in files:
                yield from _read_file(p, max_text)
        elif not path.exists():
            yield IngestError(f"{name}: no such file or folder")
        else:
            yield from _read_file(path, max_text)


def _known(p: Path) -> bool:
    return p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES


def _read_file(path: Path, max_text: int) -> Iterator[Document | IngestError]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_text)
            return
        if suffix in HTML_SUFFIXES:
            from sandar.ingest.web import document_from_html

            data = path.read_bytes()
            yield document_from_html(decode(data, str(path)), path.stem, str(path), None, max_text)
            return
        text = read_text(path)
    except ReadError as exc:
        yield IngestError(str(exc))
        return
    except OSError as exc:
        yield IngestError(f"{path}: cannot read ({exc.strerror})")
        return
    yield checked(
        Document(name=path.stem, text=text, source=str(path), published=_date_in(text)), str(path), max_text
    )


def _read_jsonl(path: Path, max_text: int) -> Iterator[Document | IngestError]:
    text = read_text(path)
    for n, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        where = f"{path}:{n}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            yield IngestError(f"{where}: not JSON ({exc.msg})")
            continue
        if not isinstance(row, dict) or not isinstance(row.get("text"), str):
            yield IngestError(f"{where}: no 'text' field")
            continue
        date = row.get("date") or row.get("published")
        name = str(row.get("id") or row.get("url") or f"{path.stem}:{n}")
        yield checked(
            Document(
                name=name[:300],
                text=row["text"],
                url=row.get("url"),
                title=row.get("title"),
                source=str(path),
                published=_iso_date(date),
            ),
            where,
            max_text,
        )


def _date_in(text: str) -> str | None:
    m = _DATE_LINE.search(text[:400])
    return m.group(1) if m else None


def _iso_date(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    m = _DATE.search(value)
    return m.group(0) if m else None
