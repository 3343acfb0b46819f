"""Scale: documents/s and MB/s of the extraction with 1 and 2 worker processes over a synthetic
corpus (bench/make_corpus.py), the scaling efficiency, peak memory per worker, and F1 on the planted
facts.

    python bench/scale.py CORPUS_DIR [--workers 1 2]

The corpus is streamed shard by shard and chunk by chunk, never loaded whole; workers are spawned
fresh (so their peak memory is their own); facts are scored as they come back and then dropped.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import resource
import time
from collections.abc import Iterator
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path
from typing import Any

from sandar import extract

CHUNK = 500
FACT_FIELDS = ("measure", "indicator", "region", "kind")


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


def _work(lines: list[str]) -> tuple[int, int, list[dict[str, Any]], float]:
    out: list[dict[str, Any]] = []
    size = 0
    for line in lines:
        row = json.loads(line)
        size += len(row["text"].encode("utf-8"))
        out.extend(f.to_dict() for f in extract(row["text"], doc=row["id"]))
    return len(lines), size, out, _peak_mb()


def _peak_mb() -> float:
    """This process's peak resident memory. VmHWM is per address space, so unlike ru_maxrss it does
    not include the parent that forked this worker before its exec."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


class Score:
    """Value and fact F1 against the planted facts, counted chunk by chunk."""

    def __init__(self) -> None:
        self.pred = self.value_tp = self.fact_tp = 0

    def add(self, facts: list[dict[str, Any]], gold: dict[str, list[dict[str, Any]]]) -> None:
        self.pred += len(facts)
        by_doc: dict[str, list[dict[str, Any]]] = {}
        for p in facts:
            by_doc.setdefault(p["doc"], []).append(p)
        for doc, preds in by_doc.items():
            for g in gold.get(doc, []):
                for p in preds:
                    if p["span"][0] < g["span"][1] and g["span"][0] < p["span"][1]:
                        close = abs(p["value"] - g["value"]) <= max(0.005 * abs(g["value"]), 0.01)
                        ok = p["unit"] == g["unit"] and close
                        self.value_tp += ok
                        self.fact_tp += ok and all(p.get(k) == g.get(k) for k in FACT_FIELDS)
                        break

    def f1(self, tp: int, total_gold: int) -> float:
        prec, rec = tp / max(1, self.pred), tp / max(1, total_gold)
        return 2 * prec * rec / (prec + rec) if prec + rec else 0.0


def run(
    folder: Path, workers: int, gold: dict[str, list[dict[str, Any]]]
) -> tuple[float, float, Score, float]:
    t0 = time.perf_counter()
    docs = size = 0
    score = Score()
    peak = 0.0
    with ProcessPoolExecutor(max_workers=workers, mp_context=multiprocessing.get_context("spawn")) as pool:
        for n, s, facts, rss in pool.map(_work, _chunks(folder)):
            docs, size, peak = docs + n, size + s, max(peak, rss)
            score.add(facts, gold)
    dt = time.perf_counter() - t0
    return docs / dt, size / 1e6 / dt, score, peak


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("corpus", type=Path)
    ap.add_argument("--workers", type=int, nargs="+", default=[1, 2])
    args = ap.parse_args()
    gold: dict[str, list[dict[str, Any]]] = {}
    total = 0
    with (args.corpus / "gold.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            g = json.loads(line)
            gold.setdefault(g["doc"], []).append(g)
            total += 1
    base = None
    for w in args.workers:
        docs_s, mb_s, score, peak = run(args.corpus, w, gold)
        if w == 1:
            base = docs_s
        # efficiency is measured against a one-worker run of the same invocation, when there was one
        eff = f"  scaling efficiency {docs_s / base / w:.2f}" if base else ""
        print(
            f"workers {w}: {docs_s:8.0f} docs/s {mb_s:6.2f} MB/s{eff}"
            f"  peak RSS per worker {peak:.0f} MB  value F1 {score.f1(score.value_tp, total):.3f}"
            f"  fact F1 {score.f1(score.fact_tp, total):.3f}  ({score.pred} facts, {total} planted)"
        )


if __name__ == "__main__":
    main()
