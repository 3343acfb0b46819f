"""Throughput of ``extract_quantities`` and ``extract`` against a plain ``regex`` scan of the same text.

    python bench/throughput.py [--mb 50] [--corpus ../shared/corpus/dev] [--profile]

The corpus is the development texts (or the example corpus when ../shared is absent) repeated until
it reaches ``--mb`` megabytes of UTF-8. One process, one core. Prints docs/s and MB/s of each stage,
the ratio to the scan, and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import resource
import sys
import time
from pathlib import Path

import regex

from sandar import extract, extract_quantities

ROOT = Path(__file__).resolve().parent.parent
SCAN = regex.compile(r"\d+(?:[.,]\d+)?")


def load_docs(corpus: Path, mb: float) -> list[str]:
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.glob("*.txt"))]
    if not texts:
        sys.exit(f"no .txt files in {corpus}")
    docs: list[str] = []
    size = 0
    while size < mb * 1_000_000:
        for t in texts:
            docs.append(t)
            size += len(t.encode("utf-8"))
    return docs


def timed(label: str, fn, docs: list[str], nbytes: int) -> float:  # type: ignore[no-untyped-def]
    t0 = time.perf_counter()
    n = 0
    for d in docs:
        n += len(fn(d))
    dt = time.perf_counter() - t0
    mbs = nbytes / 1e6 / dt
    print(f"{label:28s} {len(docs) / dt:10.0f} docs/s {mbs:8.2f} MB/s  ({n} items, {dt:.2f} s)")
    return mbs


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mb", type=float, default=50.0, help="corpus size in MB (default 50)")
    default = ROOT.parent / "shared" / "corpus" / "dev"
    if not default.is_dir():
        default = ROOT / "examples" / "corpus"
    ap.add_argument("--corpus", type=Path, default=default)
    ap.add_argument("--profile", action="store_true", help="profile extract with pyinstrument")
    args = ap.parse_args()
    docs = load_docs(args.corpus, args.mb)
    nbytes = sum(len(d.encode("utf-8")) for d in docs)
    print(f"corpus: {args.corpus} repeated to {len(docs)} docs, {nbytes / 1e6:.1f} MB")
    extract_quantities(docs[0])  # build the lexicons before timing
    extract(docs[0])
    if args.profile:
        from pyinstrument import Profiler

        with Profiler() as prof:
            for d in docs:
                extract(d)
        prof.print()
        return
    scan = timed("regex scan (\\d+)", SCAN.findall, docs, nbytes)
    q = timed("extract_quantities", extract_quantities, docs, nbytes)
    f = timed("extract (facts)", extract, docs, nbytes)
    print(f"quantities / scan = 1/{scan / q:.1f}   facts / scan = 1/{scan / f:.1f}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
