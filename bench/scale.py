"""Scale: documents/s and MB/s of the extraction with 1 and 2 worker processes over a synthetic
corpus (bench/make_corpus.py), the scaling efficiency, peak memory per worker, and F1 on the planted
facts.

    python bench/scale.py CORPUS_DIR [--workers 1 2]

The corpus is streamed shard by shard, never loaded whole; each worker extracts a chunk of lines.
"""

from __future__ import annotations

import argparse
import json
import resource
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from sandar import extract

CHUNK = 500


def _chunks(folder: Path) -> Iterator[list[str]]:
    for shard in sorted(folder.glob("corpus-*.jsonl")):
        with shard.open(encoding="utf-8") as fh:
            lines: list[str] = []
            for line in fh:
                lines.append(line)
                if len(lines) == CHUNK:
                    yield lines
                    lines = []
            if lines:
                yield lines


def _work(lines: list[str]) -> tuple[int, int, list[dict[str, Any]]]:
    out, size = [], 0
    for line in lines:
        row = json.loads(line)
        size += len(row["text"].encode("utf-8"))
        out.extend(f.to_dict() for f in extract(row["text"], doc=row["id"]))
    return len(lines), size, out


def run(folder: Path, workers: int) -> tuple[float, float, list[dict[str, Any]], float]:
    t0 = time.perf_counter()
    docs = size = 0
    facts: list[dict[str, Any]] = []
    if workers == 1:
        results: Iterator[tuple[int, int, list[dict[str, Any]]]] = map(_work, _chunks(folder))
        for n, s, f in results:
            docs, size = docs + n, size + s
            facts.extend(f)
        peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    else:
        with ProcessPoolExecutor(max_workers=workers) as pool:
            for n, s, f in pool.map(_work, _chunks(folder)):
                docs, size = docs + n, size + s
                facts.extend(f)
        peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    dt = time.perf_counter() - t0
    return docs / dt, size / 1e6 / dt, facts, peak


def f1(pred: list[dict[str, Any]], gold: list[dict[str, Any]], fields: tuple[str, ...]) -> float:
    by_doc: dict[str, list[dict[str, Any]]] = {}
    for p in pred:
        by_doc.setdefault(p["doc"], []).append(p)
    tp = 0
    for g in gold:
        for p in by_doc.get(g["doc"], []):
            if p["span"][0] < g["span"][1] and g["span"][0] < p["span"][1]:
                ok = p["unit"] == g["unit"] and abs(p["value"] - g["value"]) <= max(
                    0.005 * abs(g["value"]), 0.01
                )
                tp += ok and all(p.get(k) == g.get(k) for k in fields)
                break
    prec, rec = tp / max(1, len(pred)), tp / max(1, len(gold))
    return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    gold = [json.loads(x) for x in (args.corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x]
    extract("Инвестиции выросли на 5%. Инвестиция 5 пайызға өсті.")  # build the lexicons before timing
    base = None
    for w in args.workers:
        docs_s, mb_s, facts, peak = run(args.corpus, w)
        base = base or docs_s
        print(
            f"workers {w}: {docs_s:8.0f} docs/s {mb_s:6.2f} MB/s  scaling efficiency "
            f"{docs_s / base / w:.2f}  peak RSS per worker {peak:.0f} MB  "
            f"value F1 {f1(facts, gold, ()):.3f}  fact F1 "
            f"{f1(facts, gold, ('measure', 'indicator', 'region', 'kind')):.3f}  ({len(facts)} facts)"
        )


if __name__ == "__main__":
    main()
