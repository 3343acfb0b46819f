"""Parquet in and out: ingest reads Parquet files a batch at a time (a broken one gets one line and the
batch goes on); ``--to parquet DIR`` writes the facts as a dataset partitioned by region and year,
the same facts as the database gets, and a re-run writes nothing twice."""

from __future__ import annotations

from pathlib import Path

import pyarrow as pa
import pyarrow.dataset as ds
import pyarrow.parquet as pq
import pytest
from click.testing import CliRunner

from sandar.cli import main
from sandar.ingest import read_sources
from sandar.ingest.documents import IngestError
from sandar.models import Document
from sandar.store import Database

ROWS = [
    {
        "id": "pvl-1",
        "text": "Инвестиции в основной капитал Павлодарской области в 2024 году выросли на 12,4% и составили "
        "1,3 трлн тенге.",
        "url": "https://example.kz/pvl-1",
        "title": "Инвестиции в Павлодарской области",
        "date": "2025-02-03",
        "views": 120,
    },
    {
        "id": "krg-1",
        "text": "Қарағанды облысында 2024 жылы 30 мыңнан астам жұмыс орны ашылды.",
        "url": "https://example.kz/krg-1",
        "title": None,
        "date": None,
        "views": 7,
    },
    {"id": "empty", "text": None, "url": None, "title": None, "date": None, "views": 0},
    {
        "id": "ala-1",
        "text": "Алматы даёт пятую часть валового продукта страны, а инвестиции в городе в 2023 году "
        "превысили 1,8 трлн тенге.",
        "url": None,
        "title": None,
        "date": "2024-05-01",
        "views": 1,
    },
]


def _parquet(path: Path, rows: list[dict[str, object]] = ROWS, row_group: int = 2) -> Path:
    pq.write_table(pa.Table.from_pylist(rows), path, row_group_size=row_group)
    return path


def test_parquet_rows_become_documents(tmp_path: Path) -> None:
    items = list(read_sources([str(_parquet(tmp_path / "news.parquet"))]))
    docs = [i for i in items if isinstance(i, Document)]
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert [d.name for d in docs] == ["pvl-1", "krg-1", "ala-1"]
    assert docs[0].url == "https://example.kz/pvl-1" and docs[0].published == "2025-02-03"
    assert docs[0].title == "Инвестиции в Павлодарской области" and docs[2].published == "2024-05-01"
    assert errors == [f"{tmp_path / 'news.parquet'}:row 3: no 'text' field"]


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("broken.parquet", b"PAR1 this is not really parquet PAR1", "not a Parquet file"),
        ("binary.parquet", bytes(range(256)) * 8, "not a Parquet file"),
    ],
)
def test_a_broken_parquet_file_gets_one_line(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / name).write_bytes(content)
    _parquet(folder / "good.parquet")
    items = list(read_sources([str(folder)]))
    errors = [str(i) for i in items if isinstance(i, IngestError)]
    assert sum(message in e and name in e for e in errors) == 1
    assert len([i for i in items if isinstance(i, Document)]) == 3  # the good file is read


def test_a_table_without_text(tmp_path: Path) -> None:
    path = tmp_path / "t.parquet"
    pq.write_table(pa.table({"body": ["x"]}), path)
    assert [str(i) for i in read_sources([str(path)])] == [f"{path}: no 'text' column"]


def test_to_parquet_writes_the_database_facts_partitioned_and_once(tmp_path: Path) -> None:
    source = _parquet(tmp_path / "news.parquet")
    out = tmp_path / "facts"
    runner = CliRunner()
    first = runner.invoke(main, ["ingest", str(source), "--to", "parquet", str(out), "--workers", "2"])
    assert first.exit_code == 1  # the row without text
    assert "3 stored" in first.stderr
    parts = sorted(p.relative_to(out) for p in out.rglob("*.parquet"))
    assert any(str(p).startswith("region=Pavlodar%20Region/year=2024/") for p in parts)
    table = ds.dataset(out, format="parquet", partitioning="hive").to_table()
    got = sorted(
        zip(table["doc"].to_pylist(), table["start"].to_pylist(), table["value"].to_pylist(), strict=True)
    )
    db = str(tmp_path / "s.db")
    assert runner.invoke(main, ["ingest", str(source), "--db", db]).exit_code == 1
    with Database(db) as store:
        want = sorted((f["doc"], f["span"][0], float(f["value"])) for f in store.facts())
    assert got == want and len(got) >= 4
    regions = set(table["region"].to_pylist())
    assert {"Pavlodar Region", "Karaganda Region", "Almaty"} <= regions
    again = runner.invoke(main, ["ingest", str(source), "--to", "parquet", str(out)])
    assert "0 stored" in again.stderr and "3 duplicates" in again.stderr
    assert sorted(p.relative_to(out) for p in out.rglob("*.parquet")) == parts
