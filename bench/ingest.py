"""Ingest speed: documents/s and facts/s into SQLite and PostgreSQL.

    python bench/ingest.py [--docs 10000] [--postgres URL]

Generates short Russian and Kazakh news items from templates (our own sentences, varied regions,
indicators and years), stores them with their facts as ``sandar ingest`` does (extraction in worker
processes, one writer storing each batch of 64 documents in one transaction, facts by COPY on
PostgreSQL) and reports the rates, then ingests the same documents again (all duplicates). Without
--postgres only SQLite is run.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from sandar.ingest.pipeline import ingest
from sandar.models import Document
from sandar.store import Database

REGIONS_RU = [
    "Павлодарской области",
    "Карагандинской области",
    "Алматы",
    "Астаны",
    "Шымкента",
    "Атырауской области",
    "Туркестанской области",
    "Экибастуза",
    "Темиртау",
]
REGIONS_KK = [
    "Павлодар облысында",
    "Қарағанды облысында",
    "Алматыда",
    "Астанада",
    "Шымкентте",
    "Атырау облысында",
    "Түркістан облысында",
    "Екібастұзда",
    "Теміртауда",
]
RU = [
    "По итогам {y} года инвестиции в основной капитал {r} выросли на {p}% и составили {v} млрд тенге.",
    "Аким отметил, что в {y} году в регионе создано более {j} тысяч рабочих мест.",
    "До конца {y2} года планируется ввести {n} инвестиционных проектов на {v} млрд тенге.",
    "Доля обрабатывающей промышленности в ВРП {r} достигла {s}%.",
]
KK = [
    "{y} жылдың қорытындысы бойынша {r} өнеркәсіп өндірісі {p} пайызға өсті.",
    "{r} {j} мыңнан астам жаңа жұмыс орны ашылды, деді облыс әкімі.",
    "{y2} жылға қарай өңірде {n} инвестициялық жобаны іске асыру жоспарланып отыр.",
]


def make_docs(n: int, seed: int = 7) -> list[Document]:
    rnd = random.Random(seed)
    docs = []
    for i in range(n):
        ru = i % 3 != 2
        templates, regions = (RU, REGIONS_RU) if ru else (KK, REGIONS_KK)
        lines = []
        for t in rnd.sample(templates, k=min(3, len(templates))):
            y = rnd.randint(2019, 2025)
            lines.append(
                t.format(
                    y=y,
                    y2=y + rnd.randint(1, 5),
                    r=rnd.choice(regions),
                    p=f"{rnd.randint(1, 30)},{rnd.randint(0, 9)}",
                    v=rnd.randint(10, 990),
                    j=rnd.randint(1, 40),
                    n=rnd.randint(2, 90),
                    s=rnd.randint(5, 60),
                )
            )
        docs.append(
            Document(name=f"gen{i:06d}", text=f"Новость {i}\n" + "\n".join(lines), lang="ru" if ru else "kk")
        )
    return docs


def run(url: str, docs: list[Document], workers: int) -> None:
    with Database(url) as store:
        t0 = time.perf_counter()
        facts = ingest(store, docs, workers=workers).facts
        dt = time.perf_counter() - t0
        again = time.perf_counter()
        dup = ingest(store, docs, workers=workers).duplicate
        dt_again = time.perf_counter() - again
    print(
        f"{url.split(':')[0]:18s} workers {workers}: {len(docs) / dt:6.0f} docs/s {facts / dt:6.0f} facts/s "
        f"({len(docs)} docs, {facts} facts, {dt:.1f} s); re-ingest: {dup} duplicates, "
        f"{len(docs) / dt_again:.0f} docs/s"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--docs", type=int, default=10_000)
    ap.add_argument("--postgres", default=None, help="a PostgreSQL URL (an empty database)")
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2], help="process counts to try")
    args = ap.parse_args()
    docs = make_docs(args.docs)
    for workers in args.workers:
        with tempfile.TemporaryDirectory() as tmp:
            run(f"sqlite:///{Path(tmp) / 'bench.db'}", docs, workers)
    if args.postgres:
        run(args.postgres, docs, max(args.workers))


if __name__ == "__main__":
    main()
