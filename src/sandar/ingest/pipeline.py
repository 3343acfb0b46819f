"""The ingest loop: documents from sources into a store, the extraction spread over processes.

Extraction is pure and CPU-bound, so ``workers`` processes extract batches of documents while this
process writes each batch of documents with their facts in one transaction, in bulk (the store's
single writer).
A document whose extraction raises, or whose worker dies, is reported by name and counted as failed;
the other documents of its batch are stored as usual and the run goes on.
"""

from __future__ import annotations

import ctypes
import os
import signal
import sys
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass, field
from itertools import islice
from typing import Any, Protocol

from sandar.extract.extractor import extract
from sandar.ingest.documents import IngestError
from sandar.models import Document, Fact
from sandar.store.database import Database, Stored

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

    def stored_ids(self, docs: list[Document]) -> list[int | None]: ...

    def add_many(self, items: list[tuple[Document, list[Fact]]]) -> list[Stored]: ...


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


class Engine:
    """Where extraction runs: here (``workers`` = 1), a local process pool, or a Dask scheduler.

    The same pure function either way, so the facts are the same. A document whose extraction
    raises, or kills its worker, comes back as ``Failed``.
    """

    def __init__(self, workers: int = 1, dask: str | None = None, extractor: Extractor = _extract):
        self.workers = max(1, workers)
        self.extractor = extractor
        self.pool: Any = None
        self.client: Any = None
        if dask is not None:
            from distributed import Client

            self.client = Client(dask)  # type: ignore[no-untyped-call]

    def __enter__(self) -> Engine:
        return self

    def __exit__(self, *exc: object) -> None:
        if self.pool is not None:
            self.pool.shutdown(cancel_futures=True)
        if self.client is not None:
            self.client.close()

    def run(self, docs: list[Document]) -> list[list[Fact] | Failed]:
        jobs = [(self.extractor, d) for d in docs]
        if self.client is not None:
            return _on_dask(self.client, jobs)
        if self.pool is None and self.workers > 1 and jobs:  # started when there is work
            self.pool = _pool(self.workers)
        if self.pool is not None:
            try:
                return list(self.pool.map(_safely, jobs, chunksize=8))
            except BrokenProcessPool:  # a worker died: find the document, one at a time
                self.pool.shutdown(cancel_futures=True)
                self.pool, found = _one_by_one(jobs, self.workers)
                return found
        return [_safely(j) for j in jobs]


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

    def failed(message: str) -> None:
        counts.failed += 1
        counts.errors.append(message)
        if on_error is not None:
            on_error(message)

    with Engine(workers, dask, extractor) as engine:
        for batch in _batches(items, BATCH):
            docs = [item for item in batch if isinstance(item, Document)]
            known = dict(zip(map(id, docs), store.stored_ids(docs), strict=True))
            new: list[Document] = []
            for item in batch:
                if isinstance(item, IngestError):
                    failed(str(item))
                elif known[id(item)] is not None:
                    counts.duplicate += 1
                else:
                    new.append(item)
            good: list[tuple[Document, list[Fact]]] = []
            for doc, facts in zip(new, engine.run(new), strict=True):
                if isinstance(facts, Failed):
                    failed(facts.message)
                else:
                    good.append((doc, facts))
            for result in store.add_many(good):
                if result.status == "stored":
                    counts.stored += 1
                    counts.facts += result.facts
                else:
                    counts.duplicate += 1
                if on_document is not None:
                    on_document()
    return counts


def reextract(
    store: Database,
    force: bool = False,
    workers: int = 1,
    dask: str | None = None,
    on_error: Callable[[str], None] | None = None,
    extractor: Extractor = _extract,
) -> Counts:
    """Re-extract the facts of documents read by an older extractor (every document with ``force``),
    streamed from the store by batches, extracted by the same engines as ``ingest``; each batch's
    facts are replaced in one transaction. A document that fails keeps its old facts."""
    counts = Counts()
    with Engine(workers, dask, extractor) as engine:
        for batch in store.documents_to_reextract(force, BATCH):
            done: list[tuple[int, list[Fact]]] = []
            for (doc_id, _), facts in zip(batch, engine.run([d for _, d in batch]), strict=True):
                if isinstance(facts, Failed):
                    counts.failed += 1
                    counts.errors.append(facts.message)
                    if on_error is not None:
                        on_error(facts.message)
                else:
                    done.append((doc_id, facts))
                    counts.facts += len(facts)
            store.replace_facts(done)
            counts.stored += len(done)
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
    pool = _pool(workers)
    out: list[list[Fact] | Failed] = []
    for job in jobs:
        try:
            out.append(pool.submit(_safely, job).result())
        except BrokenProcessPool:
            out.append(Failed(f"{job[1].name}: extraction failed: its worker process died"))
            pool.shutdown(cancel_futures=True)
            pool = _pool(workers)
    return pool, out


def _pool(workers: int) -> ProcessPoolExecutor:
    return ProcessPoolExecutor(max_workers=workers, initializer=_die_with_parent, initargs=(os.getpid(),))


def _die_with_parent(parent: int) -> None:
    """Make this worker end when the process that started it dies (Linux's PR_SET_PDEATHSIG), so an
    ingest killed outright leaves no orphaned workers behind."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL("libc.so.6", use_errno=True)
            libc.prctl(1, signal.SIGTERM)  # 1 = PR_SET_PDEATHSIG
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before the signal was set up
        os._exit(0)


def _batches(items: Iterable[Document | IngestError], size: int) -> Iterator[list[Document | IngestError]]:
    it = iter(items)
    while batch := list(islice(it, size)):
        yield batch
