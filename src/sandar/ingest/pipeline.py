"""The ingest loop: documents from sources into a store, the extraction spread over processes.

Extraction is pure and CPU-bound, so ``workers`` processes extract batches of documents while this
process writes each document with its facts in its own transaction (the store's single writer).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass, field
from itertools import islice
from typing import Any

from sandar.extract.extractor import extract
from sandar.ingest.documents import IngestError
from sandar.models import Document, Fact
from sandar.store import Database

BATCH = 64


@dataclass
class Counts:
    stored: int = 0
    duplicate: int = 0
    failed: int = 0
    facts: int = 0
    errors: list[str] = field(default_factory=list)


def _extract(doc: Document) -> list[Fact]:
    return extract(doc.text, doc.lang, doc.name)


def ingest(
    store: Database,
    items: Iterable[Document | IngestError],
    workers: int = 1,
    on_error: Callable[[str], None] | None = None,
    on_document: Callable[[], None] | None = None,
    dask: str | None = None,
) -> Counts:
    """Store every document of ``items`` once; errors are counted and passed to ``on_error``.

    The extraction runs here (``workers`` = 1), in a local process pool, or on a running Dask
    scheduler (``dask`` = its address); the same pure function either way, so the facts are the same.
    """
    counts = Counts()
    pool: Any = ProcessPoolExecutor(max_workers=workers) if workers > 1 and dask is None else None
    client: Any = None
    if dask is not None:
        from distributed import Client

        client = Client(dask)  # type: ignore[no-untyped-call]
    try:
        for batch in _batches(items, BATCH):
            new: list[Document] = []
            for item in batch:
                if isinstance(item, IngestError):
                    counts.failed += 1
                    if on_error is not None:
                        on_error(str(item))
                elif store.stored_id(item) is not None:
                    counts.duplicate += 1
                else:
                    new.append(item)
            if client is not None:
                found = client.gather(client.map(_extract, new, pure=False)) if new else []
            elif pool is not None:
                found = list(pool.map(_extract, new, chunksize=8))
            else:
                found = [_extract(d) for d in new]
            for doc, facts in zip(new, found, strict=True):
                result = store.add(doc, facts)
                if result.status == "stored":
                    counts.stored += 1
                    counts.facts += result.facts
                else:
                    counts.duplicate += 1
                if on_document is not None:
                    on_document()
    finally:
        if pool is not None:
            pool.shutdown(cancel_futures=True)
        if client is not None:
            client.close()
    return counts


def _batches(items: Iterable[Document | IngestError], size: int) -> Iterator[list[Document | IngestError]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
