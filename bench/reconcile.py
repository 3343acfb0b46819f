"""Reconcile speed: claims, verdicts and targets over a store of N facts (1,000,000 by default).

    python bench/reconcile.py [--facts 1000000] [--postgres URL]

Fills a fresh store with synthetic facts (documents of 20 facts; 20 regions x 12 indicators x
4 measures, values scattered around a few levels, a tenth of them targets) written in bulk, then
times ``Database.claims()`` (grouping and verdicts) and ``Database.targets()``. Grouping is one pass
with a dictionary, so time grows linearly with the number of facts.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from datetime import UTC, datetime
from pathlib import Path

from sqlalchemy import insert

from sandar.store import Database, schema

REGIONS = [
    "Almaty",
    "Astana",
    "Shymkent",
    "Karaganda Region",
    "Pavlodar Region",
    "Atyrau Region",
    "Turkistan Region",
    "Abai Region",
    "Zhetisu Region",
    "Ulytau Region",
    "Akmola Region",
    "Aktobe Region",
    "Almaty Region",
    "West Kazakhstan Region",
    "Zhambyl Region",
    "Kostanay Region",
    "Kyzylorda Region",
    "Mangystau Region",
    "North Kazakhstan Region",
    "East Kazakhstan Region",
]
INDICATORS = [
    "gdp",
    "investment",
    "industrial_output",
    "jobs",
    "wages",
    "tax_revenue",
    "trade",
    "housing",
    "tourists",
    "companies",
    "exports",
    "budget_spending",
]
MEASURES = [("level", "KZT"), ("change", "%"), ("share", "%"), ("level", "count")]


def fill(store: Database, n_facts: int, seed: int = 11) -> None:
    rnd = random.Random(seed)
    now = datetime.now(UTC)
    per_doc = 20
    docs, facts = [], []
    for d in range(n_facts // per_doc):
        year = rnd.randint(2019, 2025)
        docs.append(
            {
                "id": d + 1,
                "hash": f"{d:064x}",
                "name": f"doc{d}",
                "text": "synthetic",
                "published": f"{year}-{rnd.randint(1, 12):02d}-15",
                "lang": rnd.choice(["ru", "kk"]),
                "ingested_at": now,
                "extractor_version": "bench",
            }
        )
        for k in range(per_doc):
            measure, unit = rnd.choice(MEASURES)
            base = {"%": 10.0, "KZT": 1e12, "count": 20000.0}[unit]
            value = round(base * rnd.choice([0.5, 1, 1, 1, 1.2, 2]) * rnd.uniform(0.97, 1.03), 1)
            facts.append(
                {
                    "doc_id": d + 1,
                    "start": k * 10,
                    "end": k * 10 + 5,
                    "quote": f"{value:g}",
                    "value": value,
                    "value_max": None,
                    "unit": unit,
                    "qualifier": rnd.choice("==== >~"),
                    "measure": measure,
                    "indicator": rnd.choice(INDICATORS),
                    "sector": None,
                    "region": rnd.choice(REGIONS),
                    "period": str(year) if rnd.random() < 0.6 else None,
                    "kind": "target" if rnd.random() < 0.1 else "fact",
                    "speaker": None,
                    "lang": "ru",
                    "extractor_version": "bench",
                }
            )
        if len(facts) >= 50_000:
            _flush(store, docs, facts)
            docs, facts = [], []
    _flush(store, docs, facts)


def _flush(store: Database, docs: list[dict[str, object]], facts: list[dict[str, object]]) -> None:
    with store.engine.begin() as conn:
        if docs:
            conn.execute(insert(schema.documents), docs)
        if facts:
            conn.execute(insert(schema.facts), facts)


def run(url: str, n: int) -> None:
    with Database(url) as store:
        t0 = time.perf_counter()
        fill(store, n)
        filled = time.perf_counter() - t0
        t1 = time.perf_counter()
        claims = store.claims()
        t_claims = time.perf_counter() - t1
        verdicts = sum(len(c.verdicts) for c in claims)
        conflicts = sum(v.verdict == "conflict" for c in claims for v in c.verdicts)
        t2 = time.perf_counter()
        targets = store.targets()
        t_targets = time.perf_counter() - t2
    print(
        f"{url.split(':')[0]:18s} {n:,} facts (filled in {filled:.0f} s): claims {len(claims):,} with "
        f"{verdicts:,} verdicts ({conflicts:,} conflicts) in {t_claims:.1f} s; "
        f"{len(targets):,} targets tracked in {t_targets:.1f} s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=1_000_000)
    ap.add_argument("--postgres", default=None, help="a PostgreSQL URL (an empty database)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        run(f"sqlite:///{Path(tmp) / 'reconcile.db'}", args.facts)
    if args.postgres:
        run(args.postgres, args.facts)


if __name__ == "__main__":
    main()
