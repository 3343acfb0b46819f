"""The ingest loop: documents from sources into a store, the extraction spread over processes.

Extraction is pure and CPU-bound, so ``workers`` processes extract batches of documents while this
process writes each document with its facts in its own transaction (the store's single writer).
A document whose extraction raises, or whose worker dies, is reported by name and counted as failed;
the other documents of its batch are stored as usual and the run goes on.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol

from sandar.extract.extractor import extract
from sandar.ingest.documents import IngestError
from sandar.models import Document, Fact
from sandar.store.database import Stored

BATCH = 64


@dataclass
class Counts:
    stored: int = 0
    duplicate: int = 0
    failed: int = 0
    facts: int = 0
    errors: list[str] = field(default_factory=list)


Extractor = Callable[[Document], list[Fact]]


class Sink(Protocol):
    """Where documents go: a ``Database``, or a ``ParquetStore`` writing a dataset."""

    def stored_id(self, doc: Document) -> int | None: ...

    def add(self, doc: Document, facts: list[Fact] | None = None) -> Stored: ...


def _extract(doc: Document) -> list[Fact]:
    return extract(doc.text, doc.lang, doc.name)


@dataclass(frozen=True)
class Failed:
    """A document whose extraction failed, with the reason in one line."""

    message: str


def _safely(job: tuple[Extractor, Document]) -> list[Fact] | Failed:
    extractor, doc = job
    try:
        return extractor(doc)
    except Exception as exc:  # one bad document must not stop the batch
        reason = " ".join(str(exc).split())[:200]
        return Failed(f"{doc.name}: extraction failed: {type(exc).__name__}: {reason}")


def ingest(
    store: Sink,
    items: Iterable[Document | IngestError],
    workers: int = 1,
    on_error: Callable[[str], None] | None = None,
    on_document: Callable[[], None] | None = None,
    dask: str | None = None,
    extractor: Extractor = _extract,
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
            jobs = [(extractor, d) for d in new]
            if client is not None:
                found = _on_dask(client, jobs)
            elif pool is not None:
                try:
                    found = list(pool.map(_safely, jobs, chunksize=8))
                except BrokenProcessPool:  # a worker died: find the document, one at a time
                    pool.shutdown(cancel_futures=True)
                    pool, found = _one_by_one(jobs, workers)
            else:
                found = [_safely(j) for j in jobs]
            for doc, facts in zip(new, found, strict=True):
                if isinstance(facts, Failed):
                    counts.failed += 1
                    counts.errors.append(facts.message)
                    if on_error is not None:
                        on_error(facts.message)
                    continue
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


def _on_dask(client: Any, jobs: list[tuple[Extractor, Document]]) -> list[list[Fact] | Failed]:
    futures = client.map(_safely, jobs, pure=False)
    out: list[list[Fact] | Failed] = []
    for (_, doc), future in zip(jobs, futures, strict=True):
        try:
            out.append(future.result())
        except Exception as exc:  # the worker died (KilledWorker) or the task could not run
            out.append(Failed(f"{doc.name}: extraction failed: {type(exc).__name__}: {exc}"))
    return out


def _one_by_one(
    jobs: list[tuple[Extractor, Document]], workers: int
) -> tuple[ProcessPoolExecutor, list[list[Fact] | Failed]]:
    """Each document of a batch in a pool of its own until one kills its worker; that one fails."""
    pool = ProcessPoolExecutor(max_workers=workers)
    out: list[list[Fact] | Failed] = []
    for job in jobs:
        try:
            out.append(pool.submit(_safely, job).result())
        except BrokenProcessPool:
            out.append(Failed(f"{job[1].name}: extraction failed: its worker process died"))
            pool.shutdown(cancel_futures=True)
            pool = ProcessPoolExecutor(max_workers=workers)
    return pool, out


def _batches(items: Iterable[Document | IngestError], size: int) -> Iterator[list[Document | IngestError]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
