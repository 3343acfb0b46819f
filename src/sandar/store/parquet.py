"""Facts written to a Parquet dataset partitioned by region and year (hive style) instead of a database.

    DIR/region=Almaty/year=2024/part-<run>-<n>.parquet   the facts (FACTS.md fields, document, span)
    DIR/_documents.jsonl                                  one line per stored document: hash, name, facts

Rows are buffered and written in bulk every ``FLUSH`` facts, so memory stays bounded. A document is
written once: its content hash is recorded in ``_documents.jsonl`` after its facts are on disk, and a
later run into the same folder skips every document listed there, so re-running changes nothing. (A
run killed between writing a part and recording its documents writes those documents again on the
next run; the part files of one run share its name, so they can be told apart.)
"""

from __future__ import annotations

import json
import uuid
from pathlib import Path
from typing import Any

from sandar.extract.extractor import EXTRACTOR_VERSION, extract
from sandar.models import FLAT_FIELDS, Document, Fact
from sandar.store.database import Stored, content_hash

FLUSH = 50_000
COLUMNS = ("doc", "url", "published", *FLAT_FIELDS, "extractor_version", "year")


class ParquetStore:
    """The writing side of a store (``stored_ids``, ``add_many``), onto a partitioned Parquet dataset."""

    def __init__(self, folder: str | Path, flush: int = FLUSH) -> None:
        try:
            import pyarrow  # noqa: F401
        except ImportError:
            raise RuntimeError("Parquet output needs pyarrow: pip install 'sandar[parquet]'") from None
        self.folder = Path(folder)
        self.folder.mkdir(parents=True, exist_ok=True)
        self.manifest = self.folder / "_documents.jsonl"
        self.seen: set[str] = set()
        if self.manifest.exists():
            for line in self.manifest.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    self.seen.add(json.loads(line)["hash"])
        self.flush_at = flush
        self.run = uuid.uuid4().hex[:12]
        self.parts = 0
        self.rows: list[dict[str, Any]] = []
        self.pending: list[dict[str, Any]] = []  # documents whose facts are not on disk yet
        self.count = 0

    def __enter__(self) -> ParquetStore:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def stored_ids(self, docs: list[Document]) -> list[int | None]:
        return [0 if content_hash(d.text) in self.seen else None for d in docs]

    def add_many(self, items: list[tuple[Document, list[Fact]]]) -> list[Stored]:
        return [self.add(doc, facts) for doc, facts in items]

    def add(self, doc: Document, facts: list[Fact] | None = None) -> Stored:
        digest = content_hash(doc.text)
        if digest in self.seen:
            return Stored("duplicate", 0, 0)
        if facts is None:
            facts = extract(doc.text, doc.lang, doc.name)
        self.rows.extend(_row(doc, f) for f in facts)
        self.seen.add(digest)
        self.pending.append({"hash": digest, "name": doc.name, "facts": len(facts)})
        self.count += 1
        if len(self.rows) >= self.flush_at:
            self.flush()
        return Stored("stored", self.count, len(facts))

    def flush(self) -> None:
        """Write the buffered facts as one part per partition, then record their documents."""
        if self.rows:
            import pyarrow as pa
            import pyarrow.dataset as ds

            table = pa.Table.from_pylist(self.rows, schema=_schema())
            ds.write_dataset(
                table,
                self.folder,
                format="parquet",
                partitioning=ds.partitioning(
                    pa.schema([("region", pa.string()), ("year", pa.int32())]), flavor="hive"
                ),
                basename_template=f"part-{self.run}-{self.parts}-{{i}}.parquet",
                existing_data_behavior="overwrite_or_ignore",
            )
            self.parts += 1
            self.rows = []
        if self.pending:
            with self.manifest.open("a", encoding="utf-8") as fh:
                for p in self.pending:
                    fh.write(json.dumps(p, ensure_ascii=False) + "\n")
            self.pending = []

    def close(self) -> None:
        self.flush()


def _schema() -> Any:
    import pyarrow as pa

    types = {"start": pa.int64(), "end": pa.int64(), "value": pa.float64(), "value_max": pa.float64()}
    types["year"] = pa.int32()
    types["sector"] = pa.list_(pa.string())
    return pa.schema([(c, types.get(c, pa.string())) for c in COLUMNS])


def _row(doc: Document, f: Fact) -> dict[str, Any]:
    when = str(f.period or doc.published or "")[:4]
    row = f.flat()
    sector = row["sector"]
    row["sector"] = sector if isinstance(sector, list) else ([sector] if sector else [])
    return {
        "doc": doc.name,
        "url": doc.url,
        "published": doc.published,
        **row,
        "extractor_version": EXTRACTOR_VERSION,
        "year": int(when) if when.isdigit() else None,
    }
