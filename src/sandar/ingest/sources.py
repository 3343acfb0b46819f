"""Sources into documents: .txt, .html, JSON Lines and Parquet (text, url, title, date), folders, URLs,
feeds. JSON Lines and Parquet are streamed (a line, a batch of rows at a time), never read whole.

``read_sources(names)`` yields a ``Document`` or an ``IngestError`` (one line naming the input) for
each document, so a batch goes on past bad inputs.
"""

from __future__ import annotations

import datetime as dt
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
PARQUET_SUFFIXES = {".parquet", ".pq"}
PARQUET_BATCH = 1_000
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
    return p.suffix.lower() in TEXT_SUFFIXES | HTML_SUFFIXES | JSONL_SUFFIXES | PARQUET_SUFFIXES


def _read_file(path: Path, max_text: int) -> Iterator[Document | IngestError]:
    suffix = path.suffix.lower()
    try:
        if suffix in JSONL_SUFFIXES:
            yield from _read_jsonl(path, max_text)
            return
        if suffix in PARQUET_SUFFIXES:
            yield from _read_parquet(path, max_text)
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


def _jsonl_lines(path: Path) -> Iterator[tuple[int, str | None]]:
    """The lines of a JSON Lines file, one at a time (None for a line that is not text)."""
    with path.open("rb") as fh:
        head = fh.read(4)
        if head[:2] in (b"\xff\xfe", b"\xfe\xff"):  # UTF-16: rare; decoded whole
            for n, line in enumerate(read_text(path).splitlines(), 1):
                yield n, line
            return
        if b"\x00" in head + fh.read(4096):
            raise ReadError(f"{path}: binary file (NUL bytes), not text")
        fh.seek(3 if head[:3] == b"\xef\xbb\xbf" else 0)
        for n, raw in enumerate(fh, 1):
            try:
                yield n, raw.decode("utf-8")
            except UnicodeDecodeError:
                try:
                    yield n, raw.decode("cp1251")
                except UnicodeDecodeError:
                    yield n, None


NOT_DOCUMENTS_AFTER = 20
"""A JSON Lines file whose first rows all lack a 'text' field is some other table (gold facts, a
log), reported in one line rather than row by row."""


def _read_jsonl(path: Path, max_text: int) -> Iterator[Document | IngestError]:
    held: list[IngestError] = []  # row errors held back until a row with a text is seen
    documents = 0
    for n, line in _jsonl_lines(path):
        where = f"{path}:{n}"
        if line is None:
            item: Document | IngestError = IngestError(f"{where}: not text")
        elif not line.strip():
            continue
        else:
            try:
                item = _row_document(json.loads(line), path, n, where, max_text)
            except json.JSONDecodeError as exc:
                item = IngestError(f"{where}: not JSON ({exc.msg})")
        if documents == 0 and isinstance(item, IngestError) and "no 'text' field" in str(item):
            held.append(item)
            if len(held) == NOT_DOCUMENTS_AFTER:
                yield IngestError(f"{path}: not a file of documents: no 'text' field in its first {n} rows")
                return
            continue
        if isinstance(item, Document):
            documents += 1
            yield from held
            held = []
        yield item
    if held and documents == 0:
        yield IngestError(f"{path}: not a file of documents: no 'text' field in any row")
    else:
        yield from held


def _row_document(row: object, path: Path, n: int, where: str, max_text: int) -> Document | IngestError:
    if not isinstance(row, dict) or not isinstance(row.get("text"), str):
        return IngestError(f"{where}: no 'text' field")
    date = row.get("date") or row.get("published")
    name = str(row.get("id") or row.get("url") or f"{path.stem}:{n}")
    return checked(
        Document(
            name=name[:300],
            text=row["text"],
            url=row.get("url") if isinstance(row.get("url"), str) else None,
            title=row.get("title") if isinstance(row.get("title"), str) else None,
            source=str(path),
            published=_iso_date(date.isoformat() if isinstance(date, dt.date) else date),
        ),
        where,
        max_text,
    )


def _read_parquet(path: Path, max_text: int) -> Iterator[Document | IngestError]:
    """Rows of a Parquet file, a batch at a time; columns text (required), id, url, title, date."""
    try:
        import pyarrow.parquet as pq
    except ImportError:
        yield IngestError(f"{path}: reading Parquet needs pyarrow: pip install 'sandar[parquet]'")
        return
    try:
        parquet = pq.ParquetFile(path)
    except Exception as exc:  # pyarrow raises several kinds for a file that is not Parquet
        yield IngestError(f"{path}: not a Parquet file ({' '.join(str(exc).split())[:150]})")
        return
    names = set(parquet.schema_arrow.names)
    if "text" not in names:
        yield IngestError(f"{path}: no 'text' column")
        return
    wanted = [c for c in ("text", "id", "url", "title", "date", "published") if c in names]
    n = 0
    try:
        for batch in parquet.iter_batches(batch_size=PARQUET_BATCH, columns=wanted):
            for row in batch.to_pylist():
                n += 1
                yield _row_document(row, path, n, f"{path}:row {n}", max_text)
    except Exception as exc:  # a damaged row group: what was read stays read
        yield IngestError(f"{path}: unreadable after row {n} ({' '.join(str(exc).split())[:150]})")


def _date_in(text: str) -> str | None:
    m = _DATE_LINE.search(text[:400])
    return m.group(1) if m else None


def _iso_date(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    m = _DATE.search(value)
    return m.group(0) if m else None
