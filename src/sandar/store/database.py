"""One data-access layer over SQLAlchemy Core: SQLite (a file) by default, PostgreSQL by URL.

Each document is stored once (its content hash after whitespace normalisation) together with its
facts, in one transaction: a killed ingest leaves no half-stored document. Re-running an ingest
changes nothing; ``reextract`` refreshes the facts of documents read by an older extractor.
"""

from __future__ import annotations

import gc
import hashlib
import os
import re
import time
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Any

from sqlalchemy import Engine, create_engine, delete, event, func, insert, select, update
from sqlalchemy.exc import IntegrityError, OperationalError, ProgrammingError

from sandar.extract.extractor import EXTRACTOR_VERSION, extract
from sandar.models import Document, Fact
from sandar.reconcile.claims import Claim, Verdict
from sandar.reconcile.targets import Tracked
from sandar.store import schema

if TYPE_CHECKING:
    from sandar.official import Diversification, OfficialValue
    from sandar.reconcile.concentration import Statement
    from sandar.reconcile.verify import Verification
    from sandar.store.official import Imported

DEFAULT_URL = "sqlite:///sandar.db"
FILTERS = ("region", "indicator", "sector", "kind", "speaker", "lang", "doc", "since", "until")
_WS = re.compile(r"\s+")


def database_url(value: str | None = None) -> str:
    """A SQLAlchemy URL from ``--db`` (a URL or a file path), ``SANDAR_DB``, or ``./sandar.db``."""
    value = value or os.environ.get("SANDAR_DB") or DEFAULT_URL
    return value if "://" in value else f"sqlite:///{value}"


def content_hash(text: str) -> str:
    """SHA-256 of the text with every run of white space made one space."""
    return hashlib.sha256(_WS.sub(" ", text).strip().encode("utf-8")).hexdigest()


@dataclass(frozen=True)
class Stored:
    status: str  # "stored" or "duplicate"
    doc_id: int
    facts: int


def _migrate_v1(engine: Engine) -> None:
    schema.metadata.create_all(engine)


def _migrate_v2(engine: Engine) -> None:
    schema.facts_region_order.create(engine, checkfirst=True)


def _migrate_v3(engine: Engine) -> None:
    schema.official.create(engine, checkfirst=True)
    for index in schema.official.indexes:
        index.create(engine, checkfirst=True)


MIGRATIONS = {1: _migrate_v1, 2: _migrate_v2, 3: _migrate_v3}
"""Step n brings a store from version n-1 to n. Steps only ever add; none drops data."""


class Database:
    """A sandar store. ``Database("sqlite:///x.db")``, ``Database("postgresql+psycopg://…")``."""

    def __init__(self, url: str | None = None) -> None:
        self.url = database_url(url)
        sqlite = self.url.startswith("sqlite")
        self.engine = create_engine(
            self.url, connect_args={"timeout": 60} if sqlite else {}, pool_pre_ping=not sqlite
        )
        if sqlite:
            event.listen(self.engine, "connect", _sqlite_pragmas)
        self.migrate()

    def close(self) -> None:
        self.engine.dispose()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- schema ---------------------------------------------------------------------------------
    def version(self) -> int:
        """The schema version of the store (0 for an empty database)."""
        with self.engine.connect() as conn:
            if not self.engine.dialect.has_table(conn, "schema_version"):
                return 0
            return int(conn.execute(select(func.max(schema.schema_version.c.version))).scalar() or 0)

    def migrate(self) -> None:
        """Apply the migration steps the store lacks, each recorded in ``schema_version``."""
        current = self.version()
        for step in sorted(MIGRATIONS):
            if step > current:
                for attempt in range(3):
                    try:
                        MIGRATIONS[step](self.engine)
                        break
                    except (OperationalError, ProgrammingError, IntegrityError):
                        # another process is creating the same tables ("table ... already exists";
                        # PostgreSQL may say so as a unique violation in its catalogue):
                        # the checks see them on the next try
                        if attempt == 2:
                            raise
                        time.sleep(0.2)
                try:
                    with self.engine.begin() as conn:
                        conn.execute(insert(schema.schema_version).values(version=step, applied_at=_now()))
                except IntegrityError:
                    pass  # another process migrated at the same time

    # -- writing --------------------------------------------------------------------------------
    def has_url(self, url: str) -> bool:
        """Whether a document from this URL is stored."""
        with self.engine.connect() as conn:
            found = conn.execute(select(schema.documents.c.id).where(schema.documents.c.url == url).limit(1))
            return found.first() is not None

    def stored_id(self, doc: Document) -> int | None:
        """The id of the stored document with the same text, if any."""
        with self.engine.connect() as conn:
            found = conn.execute(
                select(schema.documents.c.id).where(schema.documents.c.hash == content_hash(doc.text))
            ).scalar()
        return None if found is None else int(found)

    def add(self, doc: Document, facts: list[Fact] | None = None) -> Stored:
        """Store a document and its facts (extracted here unless given) in one transaction, unless
        the same text is stored already."""
        digest = content_hash(doc.text)
        existing = self.stored_id(doc)
        if existing is not None:
            return Stored("duplicate", existing, 0)
        if facts is None:
            facts = extract(doc.text, doc.lang, doc.name)
        try:
            with self.engine.begin() as conn:
                result = conn.execute(
                    insert(schema.documents).values(_document_row(doc, facts, digest, _now()))
                )
                doc_id = _key(result.inserted_primary_key)
                if facts:
                    conn.execute(insert(schema.facts), [_fact_row(int(doc_id), f) for f in facts])
        except IntegrityError:  # stored meanwhile by a concurrent ingest
            with self.engine.connect() as conn:
                other = conn.execute(
                    select(schema.documents.c.id).where(schema.documents.c.hash == digest)
                ).scalar()
            return Stored("duplicate", int(other or 0), 0)
        return Stored("stored", int(doc_id), len(facts))

    def stored_ids(self, docs: list[Document]) -> list[int | None]:
        """For each document, the id of the stored document with the same text, if any."""
        digests = [content_hash(d.text) for d in docs]
        known = self._ids_by_hash(digests)
        return [known.get(h) for h in digests]

    def _ids_by_hash(self, digests: list[str]) -> dict[str, int]:
        if not digests:
            return {}
        table = schema.documents
        with self.engine.connect() as conn:
            rows = conn.execute(select(table.c.hash, table.c.id).where(table.c.hash.in_(set(digests))))
            return {h: int(i) for h, i in rows}

    def add_many(self, items: list[tuple[Document, list[Fact]]]) -> list[Stored]:
        """Store a batch of documents with their facts in one transaction, in bulk: the documents in
        one multi-row insert, the facts by COPY on PostgreSQL and one executemany on SQLite. A text
        stored already, or twice in the batch, is a duplicate. Should another process store one of
        them meanwhile, the batch is rolled back and stored document by document."""
        digests = [content_hash(doc.text) for doc, _ in items]
        known = self._ids_by_hash(digests)
        first: dict[str, int] = {}  # hash -> index of its first new document in the batch
        for i, digest in enumerate(digests):
            if digest not in known and digest not in first:
                first[digest] = i
        fresh = sorted(first.values())
        ids: dict[str, int] = {}
        if fresh:
            now = _now()
            rows = [_document_row(items[i][0], items[i][1], digests[i], now) for i in fresh]
            table = schema.documents
            try:
                with self.engine.begin() as conn:
                    result = conn.execute(
                        insert(table).returning(table.c.hash, table.c.id, sort_by_parameter_order=True), rows
                    )
                    ids = {h: int(i) for h, i in result}
                    fact_rows = [_fact_row(ids[digests[i]], f) for i in fresh for f in items[i][1]]
                    _insert_facts(conn, fact_rows)
            except IntegrityError:  # a concurrent ingest stored one of them
                return [self.add(doc, facts) for doc, facts in items]
        out: list[Stored] = []
        for i, digest in enumerate(digests):
            if first.get(digest) == i:
                out.append(Stored("stored", ids[digest], len(items[i][1])))
            else:
                out.append(Stored("duplicate", known.get(digest) or ids[digest], 0))
        return out

    def reextract(self, force: bool = False) -> int:
        """Re-extract the facts of documents read by another extractor version (all with ``force``),
        here in this process; ``sandar.ingest.pipeline.reextract`` spreads it over workers."""
        n = 0
        for batch in self.documents_to_reextract(force):
            self.replace_facts([(doc_id, extract(d.text, d.lang, d.name)) for doc_id, d in batch])
            n += len(batch)
        return n

    def documents_to_reextract(
        self, force: bool = False, size: int = 64
    ) -> Iterator[list[tuple[int, Document]]]:
        """Documents read by another extractor version (all with ``force``), by batches of ``size``
        in id order: only one batch of texts is in memory at a time."""
        table = schema.documents
        last = 0
        while True:
            query = select(table.c.id, table.c.name, table.c.text, table.c.lang, table.c.published)
            query = query.where(table.c.id > last).order_by(table.c.id).limit(size)
            if not force:
                query = query.where(table.c.extractor_version != EXTRACTOR_VERSION)
            with self.engine.connect() as conn:
                rows = conn.execute(query).all()
            if not rows:
                return
            yield [(int(i), Document(name=n, text=t, lang=lang, published=p)) for i, n, t, lang, p in rows]
            last = int(rows[-1][0])

    def replace_facts(self, items: list[tuple[int, list[Fact]]]) -> None:
        """Replace the facts of these documents, marking them read by this extractor, in one
        transaction."""
        if not items:
            return
        ids = [doc_id for doc_id, _ in items]
        with self.engine.begin() as conn:
            conn.execute(delete(schema.facts).where(schema.facts.c.doc_id.in_(ids)))
            _insert_facts(conn, [_fact_row(doc_id, f) for doc_id, facts in items for f in facts])
            conn.execute(
                update(schema.documents)
                .where(schema.documents.c.id.in_(ids))
                .values(extractor_version=EXTRACTOR_VERSION)
            )

    def start_run(self, command: str) -> int:
        with self.engine.begin() as conn:
            result = conn.execute(insert(schema.runs).values(command=command, started_at=_now()))
            return _key(result.inserted_primary_key)

    def finish_run(self, run_id: int, stored: int, duplicates: int, failed: int) -> None:
        with self.engine.begin() as conn:
            conn.execute(
                update(schema.runs)
                .where(schema.runs.c.id == run_id)
                .values(finished_at=_now(), stored=stored, duplicates=duplicates, failed=failed)
            )

    # -- reading --------------------------------------------------------------------------------
    def facts(self, limit: int | None = None, offset: int = 0, **filters: str | None) -> list[dict[str, Any]]:
        """Stored facts as plain records (fields of spec/FACTS.md plus document metadata)."""
        return list(self.iter_facts(limit, offset, **filters))

    def stats_of_region(self, region: str) -> dict[str, int]:
        """Fact counts by indicator for one region."""
        f = schema.facts
        query = select(f.c.indicator, func.count()).where(f.c.region == region).group_by(f.c.indicator)
        with self.engine.connect() as conn:
            return {str(k): int(n) for k, n in conn.execute(query)}

    def latest_facts(self, n: int = 20) -> list[dict[str, Any]]:
        """The facts of the most recently published (then ingested) documents."""
        d = schema.documents
        query = (
            self._fact_query({})
            .order_by(d.c.published.desc().nulls_last(), d.c.id.desc(), schema.facts.c.start)
            .limit(n)
        )
        with self.engine.connect() as conn:
            return [_fact_record(dict(r)) for r in conn.execute(query).mappings()]

    def fact(self, fact_id: int) -> dict[str, Any] | None:
        """One stored fact with its document's text, or None."""
        f, d = schema.facts, schema.documents
        query = select(f, d.c.name.label("doc"), d.c.url, d.c.title, d.c.published, d.c.text).join(d)
        with self.engine.connect() as conn:
            row = conn.execute(query.where(f.c.id == fact_id)).mappings().first()
        return None if row is None else _fact_record(dict(row))

    def count_facts(self, **filters: str | None) -> int:
        """How many stored facts match the filters."""
        with self.engine.connect() as conn:
            query = self._fact_query(filters).with_only_columns(func.count()).order_by(None)
            return int(conn.execute(query).scalar() or 0)

    def iter_facts(
        self, limit: int | None = None, offset: int = 0, **filters: str | None
    ) -> Iterator[dict[str, Any]]:
        query = self._fact_query(filters).order_by(schema.facts.c.doc_id, schema.facts.c.start)
        if limit is not None:
            query = query.limit(limit)
        if offset:
            query = query.offset(offset)
        with self.engine.connect() as conn:
            for row in conn.execute(query).mappings():
                yield _fact_record(dict(row))

    def _fact_query(self, filters: dict[str, str | None]) -> Any:
        f, d = schema.facts, schema.documents
        query = select(f, d.c.name.label("doc"), d.c.url, d.c.title, d.c.published).join(d)
        unknown = set(filters) - set(FILTERS)
        if unknown:
            raise ValueError(f"unknown filter: {', '.join(sorted(unknown))}")
        for key, value in filters.items():
            if value is None:
                continue
            if key == "doc":
                query = query.where(d.c.name == value)
            elif key == "since":
                query = query.where(d.c.published >= value)
            elif key == "until":
                query = query.where(d.c.published <= value)
            elif key == "sector":
                query = query.where((f.c.sector == value) | f.c.sector.like(f"%{value}%"))
            elif key == "speaker":
                query = query.where(f.c.speaker.like(f"%{value}%"))
            else:
                query = query.where(getattr(f.c, key) == value)
        return query

    def claims(self, **filters: str | None) -> list[Claim]:
        """Reported facts grouped into claims, each with the verdicts on its pairs."""
        from sandar.reconcile.claims import build_claims

        with _bulk():
            return build_claims(self.iter_facts(None, 0, **filters))

    def conflicts(self, **filters: str | None) -> list[Verdict]:
        """The pairs of facts that cannot both be true."""
        return [v for c in self.claims(**filters) for v in c.verdicts if v.verdict == "conflict"]

    def targets(self, **filters: str | None) -> list[Tracked]:
        """Every target with its status and the figures that decided it."""
        from sandar.reconcile.targets import track_targets

        wanted: dict[str, str | None] = {k: v for k, v in filters.items() if k != "kind"}
        with _bulk():
            return track_targets(self.iter_facts(None, 0, **wanted))

    def docs(self, limit: int | None = None) -> list[dict[str, Any]]:
        """Stored documents (without their text) with their fact counts."""
        d, f = schema.documents, schema.facts
        count = select(func.count()).where(f.c.doc_id == d.c.id).scalar_subquery()
        query = select(
            d.c.id,
            d.c.name,
            d.c.title,
            d.c.url,
            d.c.source,
            d.c.published,
            d.c.lang,
            d.c.ingested_at,
            d.c.extractor_version,
            count.label("facts"),
        ).order_by(d.c.id)
        if limit is not None:
            query = query.limit(limit)
        with self.engine.connect() as conn:
            return [dict(r) for r in conn.execute(query).mappings()]

    def stats(self) -> dict[str, Any]:
        """Counts: documents, facts, and facts by region, indicator, kind and language."""
        f = schema.facts
        out: dict[str, Any] = {}
        with self.engine.connect() as conn:
            out["documents"] = conn.execute(select(func.count()).select_from(schema.documents)).scalar()
            out["facts"] = conn.execute(select(func.count()).select_from(f)).scalar()
            for col in ("region", "indicator", "kind", "lang"):
                c = getattr(f.c, col)
                rows = conn.execute(select(c, func.count()).group_by(c).order_by(func.count().desc()))
                out[f"by_{col}"] = {str(k): int(n) for k, n in rows}
        return out

    # -- official statistics (sandar.store.official) ----------------------------------------------
    def import_official(self, values: Iterable[OfficialValue]) -> Imported:
        """Store official values; re-importing changes nothing, a revised value replaces the old."""
        from sandar.store.official import import_official

        return import_official(self, values)

    def official(self, **filters: str | int | None) -> list[OfficialValue]:
        """Stored official values (filters: series, region, indicator, sector, year, item_code)."""
        from sandar.store.official import official_values

        return official_values(self, **filters)

    def verify(self, **filters: str | None) -> list[Verification]:
        """Every stored fact matching the filters, with its verdict against the official figures."""
        from sandar.reconcile.verify import verify
        from sandar.store.official import official_index

        with _bulk():
            return verify(self.iter_facts(None, 0, **filters), official_index(self))

    def concentration_statements(self, region: str | None = None) -> list[Statement]:
        """What the stored texts say about shares held by named sectors (a region's, or all)."""
        from sandar.reconcile.concentration import statements

        return statements(self.iter_facts(None, 0, region=region))

    def diversification(self, region: str | None = None, year: int | None = None) -> list[Diversification]:
        """Diversification measures of the regions' value added by sector, per region and year."""
        from sandar.official import diversification_table

        rows = diversification_table(self.official(series="gva"))
        return [
            d for d in rows if (region is None or d.region == region) and (year is None or d.year == year)
        ]


@contextmanager
def _bulk() -> Iterator[None]:
    """Millions of small records and no cycles among them: the cyclic garbage collector would rescan
    them again and again (measured: 1 M facts reconciled in 60 s with it, 25 s without)."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def _sqlite_pragmas(dbapi_conn: Any, _record: Any) -> None:
    cur = dbapi_conn.cursor()
    cur.execute("PRAGMA journal_mode=WAL")
    cur.execute("PRAGMA foreign_keys=ON")
    cur.execute("PRAGMA synchronous=NORMAL")
    cur.close()


def _key(primary_key: Any) -> int:
    if primary_key is None:
        raise RuntimeError("the database returned no key for a new row")
    return int(primary_key[0])


def _now() -> datetime:
    return datetime.now(UTC)


def _document_row(doc: Document, facts: list[Fact], digest: str, now: datetime) -> dict[str, Any]:
    return {
        "hash": digest,
        "name": doc.name,
        "url": doc.url,
        "title": doc.title,
        "source": doc.source,
        "published": doc.published,
        "lang": doc.lang or (facts[0].lang if facts else None),
        "text": doc.text,
        "ingested_at": now,
        "extractor_version": EXTRACTOR_VERSION,
    }


FACT_COLUMNS = [c.name for c in schema.facts.columns if c.name != "id"]


def _insert_facts(conn: Any, rows: list[dict[str, Any]]) -> None:
    """Facts in bulk: PostgreSQL's COPY, or one executemany elsewhere."""
    if not rows:
        return
    if conn.dialect.name == "postgresql":
        columns = ", ".join(f'"{c}"' for c in FACT_COLUMNS)
        cursor = conn.connection.driver_connection.cursor()
        with cursor, cursor.copy(f"COPY facts ({columns}) FROM STDIN") as copy:
            for row in rows:
                copy.write_row([row[c] for c in FACT_COLUMNS])
    else:
        conn.execute(insert(schema.facts), rows)


def _fact_row(doc_id: int, f: Fact) -> dict[str, Any]:
    row = f.flat()
    if isinstance(row["sector"], list):
        row["sector"] = ";".join(row["sector"])
    return {"doc_id": doc_id, **row, "extractor_version": EXTRACTOR_VERSION}


def _fact_record(row: dict[str, Any]) -> dict[str, Any]:
    sector = row.get("sector")
    if sector and ";" in sector:
        row["sector"] = sector.split(";")
    row["span"] = [row.pop("start"), row.pop("end")]
    value = row["value"]
    if value is not None and float(value).is_integer():
        row["value"] = int(value)
    return row
