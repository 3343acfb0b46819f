"""A document that breaks extraction, on purpose: it is reported by name, the others are stored with
all their facts, the run ends as failed, and a re-run stores nothing twice. With one process, a local
pool (an exception, and a worker that dies outright) and a Dask LocalCluster of two workers."""

from __future__ import annotations

import os
import sys
from pathlib import Path
from typing import Any

import pytest

from sandar.extract.extractor import extract
from sandar.ingest import read_sources
from sandar.ingest.pipeline import ingest
from sandar.models import Document, Fact
from sandar.store import Database

RAISE = "СБОЙ-ИЗВЛЕЧЕНИЯ"  # a marker no real text contains
DIE = "СМЕРТЬ-ПРОЦЕССА"
GOOD = [
    "Инвестиции в основной капитал Павлодарской области выросли на {n},4% и составили 1,{n} трлн тенге.",
    "Қарағанды облысында 2024 жылы {n} мыңнан астам жұмыс орны ашылды.",
    "Объём промышленного производства Актюбинской области достиг {n}00 млрд тенге.",
]


def faulty(doc: Document) -> list[Fact]:
    """The real extractor, except for the documents that carry a fault marker."""
    if RAISE in doc.text:
        raise ValueError("injected fault\nwith a second line")
    if DIE in doc.text:
        os._exit(3)  # the worker process dies without a word
    return extract(doc.text, doc.lang, doc.name)


def _corpus(folder: Path, marker: str) -> Path:
    folder.mkdir(parents=True)
    for i in range(40):
        (folder / f"doc{i:02d}.txt").write_text(GOOD[i % 3].format(n=i % 9 + 1) + f" Документ {i}.", "utf-8")
    (folder / "bad.txt").write_text(f"Выручка выросла на 5%. {marker}", encoding="utf-8")
    return folder


def _run(db: str, folder: Path, **kwargs: Any) -> tuple[Any, list[str]]:
    errors: list[str] = []
    with Database(db) as store:
        counts = ingest(
            store, read_sources([str(folder)]), on_error=errors.append, extractor=faulty, **kwargs
        )
    return counts, errors


def _check(tmp_path: Path, marker: str, **kwargs: Any) -> None:
    folder = _corpus(tmp_path / "in", marker)
    db = str(tmp_path / "s.db")
    counts, errors = _run(db, folder, **kwargs)
    assert counts.failed == 1 and counts.stored == 40
    assert len(errors) == 1 and errors[0].startswith("bad: extraction failed") and "\n" not in errors[0]
    with Database(db) as store:
        names = {d["name"] for d in store.docs()}
        assert "bad" not in names and len(names) == 40
        for d in store.docs():  # every stored document has all its facts
            text = next(p for p in folder.iterdir() if p.stem == d["name"]).read_text("utf-8")
            assert d["facts"] == len(extract(text, None, d["name"])) > 0
        before = store.facts()
    again, errors = _run(db, folder, **kwargs)  # the re-run: the bad one fails again, nothing doubles
    assert (again.stored, again.duplicate, again.failed) == (0, 40, 1)
    with Database(db) as store:
        assert store.facts() == before


def test_one_process(tmp_path: Path) -> None:
    _check(tmp_path, RAISE)


def test_pool_with_an_exception(tmp_path: Path) -> None:
    _check(tmp_path, RAISE, workers=2)


def test_pool_with_a_dying_worker(tmp_path: Path) -> None:
    _check(tmp_path, DIE, workers=2)


@pytest.fixture(scope="module")
def cluster() -> Any:
    import cloudpickle
    from distributed import LocalCluster

    cloudpickle.register_pickle_by_value(sys.modules[__name__])  # the workers do not import tests
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as c:
        yield c


def test_dask_with_an_exception(tmp_path: Path, cluster: Any) -> None:
    _check(tmp_path, RAISE, dask=cluster.scheduler_address)


@pytest.mark.parametrize("marker,workers", [(RAISE, 1), (RAISE, 2), (DIE, 2)])
def test_reextract_keeps_the_old_facts_of_a_failing_document(
    tmp_path: Path, marker: str, workers: int
) -> None:
    from sqlalchemy import update

    from sandar.ingest.pipeline import reextract
    from sandar.store import schema

    folder = _corpus(tmp_path / "in", marker)
    db = str(tmp_path / "s.db")
    with Database(db) as store:
        assert ingest(store, read_sources([str(folder)])).stored == 41  # the real extractor reads all
        before = {d["name"]: d["facts"] for d in store.docs()}
        with store.engine.begin() as conn:
            conn.execute(update(schema.documents).values(extractor_version="0.0.1"))
        errors: list[str] = []
        counts = reextract(store, workers=workers, extractor=faulty, on_error=errors.append)
        assert (counts.stored, counts.failed) == (40, 1)
        assert len(errors) == 1 and errors[0].startswith("bad: extraction failed")
        assert {d["name"]: d["facts"] for d in store.docs()} == before
        # the failed document is still outdated, so the next run tries it again, and only it
        assert reextract(store, workers=workers, extractor=faulty).failed == 1
