"""Official statistics in the store: imported once per (series, item, region, borders, year).

Re-importing the same table changes nothing; a value that differs from the stored one (a revised
figure) replaces it and is counted as revised, so the store always holds the latest publication.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, fields
from datetime import UTC, datetime
from typing import Any
from weakref import WeakKeyDictionary

from sqlalchemy import func, insert, select, update

from sandar.official import OfficialValue
from sandar.reconcile.verify import OfficialIndex
from sandar.store import schema
from sandar.store.database import Database

OFFICIAL_FILTERS = ("series", "region", "indicator", "sector", "year", "item_code")


@dataclass(frozen=True)
class Imported:
    added: int = 0
    revised: int = 0
    unchanged: int = 0

    def __add__(self, other: Imported) -> Imported:
        return Imported(
            self.added + other.added, self.revised + other.revised, self.unchanged + other.unchanged
        )


def _key(row: dict[str, Any]) -> tuple[str, str, str, str, int]:
    return (row["series"], row["item_code"], row["region"], row["borders"], int(row["year"]))


def _row(v: OfficialValue) -> dict[str, Any]:
    d = v.to_dict()
    return {c.name: d.get(c.name) for c in schema.official.columns if c.name not in ("id", "imported_at")}


def import_official(db: Database, values: Iterable[OfficialValue]) -> Imported:
    """Store official values in one transaction: new ones added, changed ones revised."""
    rows = {_key(r): r for r in map(_row, values)}
    t = schema.official
    added: list[dict[str, Any]] = []
    revised = unchanged = 0
    now = datetime.now(UTC)
    with db.engine.begin() as conn:
        stored = {
            _key(dict(r)): (r.id, r.value, r.source, r.formula)
            for r in conn.execute(
                select(
                    t.c.id, t.c.series, t.c.item_code, t.c.region, t.c.borders, t.c.year, t.c.value
                ).add_columns(t.c.source, t.c.formula)
            ).mappings()
        }
        for key, row in rows.items():
            old = stored.get(key)
            if old is None:
                added.append({**row, "imported_at": now})
            elif (old[1], old[2], old[3]) == (row["value"], row["source"], row["formula"]):
                unchanged += 1
            else:
                conn.execute(update(t).where(t.c.id == old[0]).values(**row, imported_at=now))
                revised += 1
        if added:
            conn.execute(insert(t), added)
    return Imported(len(added), revised, unchanged)


def official_values(db: Database, **filters: str | int | None) -> list[OfficialValue]:
    """The stored official values matching the filters (series, region, indicator, sector, year)."""
    t = schema.official
    unknown = set(filters) - set(OFFICIAL_FILTERS)
    if unknown:
        raise ValueError(f"unknown filter: {', '.join(sorted(unknown))}")
    query = select(t)
    for key, value in filters.items():
        if value is not None:
            column = getattr(t.c, key)
            query = query.where(column == (int(value) if key == "year" else value))
    query = query.order_by(t.c.series, t.c.region, t.c.item_code, t.c.year)
    with db.engine.connect() as conn:
        rows = conn.execute(query).mappings().all()
    names = {f.name for f in fields(OfficialValue)}
    return [OfficialValue.from_dict({k: v for k, v in r.items() if k in names}) for r in rows]


def official_index(db: Database) -> OfficialIndex:
    """The stored official values indexed for verification, rebuilt only when they change."""
    t = schema.official
    with db.engine.connect() as conn:
        row = conn.execute(select(func.count(), func.max(t.c.imported_at), func.max(t.c.id))).one()
    generation = (int(row[0]), str(row[1]), int(row[2] or 0))
    cached = _INDEXES.get(db)
    if cached is None or cached[0] != generation:
        cached = (generation, OfficialIndex(official_values(db)))
        _INDEXES[db] = cached
    return cached[1]


_INDEXES: WeakKeyDictionary[Database, tuple[tuple[int, str, int], OfficialIndex]] = WeakKeyDictionary()
