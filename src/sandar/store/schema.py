"""The tables: documents, facts, runs, official statistics, and the schema version (migrations are
numbered steps).

SQLAlchemy Core, portable between SQLite and PostgreSQL.
"""

from __future__ import annotations

from sqlalchemy import (
    Column,
    DateTime,
    Float,
    ForeignKey,
    Index,
    Integer,
    MetaData,
    String,
    Table,
    Text,
    UniqueConstraint,
)

metadata = MetaData()

documents = Table(
    "documents",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("hash", String(64), nullable=False, unique=True),
    Column("name", String(300), nullable=False),
    Column("url", Text),
    Column("title", Text),
    Column("source", Text),
    Column("published", String(10)),
    Column("lang", String(2)),
    Column("text", Text, nullable=False),
    Column("ingested_at", DateTime(timezone=True), nullable=False),
    Column("extractor_version", String(20), nullable=False),
)

facts = Table(
    "facts",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("doc_id", Integer, ForeignKey("documents.id", ondelete="CASCADE"), nullable=False),
    Column("start", Integer, nullable=False),
    Column("end", Integer, nullable=False),
    Column("quote", Text, nullable=False),
    Column("value", Float, nullable=False),
    Column("value_max", Float),
    Column("unit", String(8), nullable=False),
    Column("qualifier", String(1), nullable=False),
    Column("measure", String(8), nullable=False),
    Column("indicator", String(32), nullable=False),
    Column("sector", Text),  # one sector, or several joined by ";"
    Column("region", String(64)),
    Column("period", String(20)),
    Column("kind", String(10), nullable=False),
    Column("speaker", Text),
    Column("lang", String(2), nullable=False),
    Column("extractor_version", String(20), nullable=False),
)
Index("facts_doc", facts.c.doc_id)
Index("facts_region_indicator", facts.c.region, facts.c.indicator)
# the API pages a region's facts in document order: this index serves the order without a sort
facts_region_order = Index("facts_region_order", facts.c.region, facts.c.doc_id, facts.c.start)

runs = Table(
    "runs",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("command", String(20), nullable=False),
    Column("started_at", DateTime(timezone=True), nullable=False),
    Column("finished_at", DateTime(timezone=True)),
    Column("stored", Integer, nullable=False, default=0),
    Column("duplicates", Integer, nullable=False, default=0),
    Column("failed", Integer, nullable=False, default=0),
)

schema_version = Table(
    "schema_version",
    metadata,
    Column("version", Integer, primary_key=True),
    Column("applied_at", DateTime(timezone=True), nullable=False),
)

official = Table(
    "official_values",
    metadata,
    Column("id", Integer, primary_key=True, autoincrement=True),
    Column("series", String(40), nullable=False),
    Column("indicator", String(32), nullable=False),
    Column("measure", String(8), nullable=False),
    Column("sector", String(32)),
    Column("item_code", String(20), nullable=False),
    Column("item_name", Text),
    Column("region", String(64), nullable=False),
    Column("borders", String(80), nullable=False),
    Column("year", Integer, nullable=False),
    Column("value", Float, nullable=False),
    Column("unit", String(8), nullable=False),
    Column("source", Text, nullable=False),
    Column("formula", Text),
    Column("imported_at", DateTime(timezone=True), nullable=False),
    UniqueConstraint("series", "item_code", "region", "borders", "year", name="official_key"),
)
Index("official_region_series", official.c.region, official.c.series, official.c.year)

SCHEMA_VERSION = 3
"""Bump with a new step in ``database.MIGRATIONS`` whenever a table changes."""
