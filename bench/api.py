"""API and page latency on 127.0.0.1 against a store of N facts (1,000,000 by default).

    python bench/api.py [--facts 1000000] [--requests 200]

Fills an SQLite store with synthetic facts (bench/reconcile.py), serves it with uvicorn on a free
loopback port, and sends a fixed number of sequential requests per endpoint (a bounded load that
stops by itself): GET /api/facts?region=… (50 per page) and the region page. Prints p50/p95/max.
"""

from __future__ import annotations

import argparse
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).parent))
from reconcile import REGIONS, fill

from sandar.store import Database
from sandar.web.api import create_app


def serve(db: str) -> tuple[str, uvicorn.Server]:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(db), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    return f"http://127.0.0.1:{port}", server


def measure(client: httpx.Client, label: str, paths: list[str]) -> None:
    times = []
    for path in paths:
        t0 = time.perf_counter()
        res = client.get(path)
        times.append((time.perf_counter() - t0) * 1000)
        res.raise_for_status()
    times.sort()
    p95 = times[int(len(times) * 0.95) - 1]
    print(
        f"{label:28s} n={len(times):4d}  p50 {statistics.median(times):7.1f} ms  p95 {p95:7.1f} ms  "
        f"max {times[-1]:7.1f} ms"
    )


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--facts", type=int, default=1_000_000)
    ap.add_argument("--requests", type=int, default=200)
    args = ap.parse_args()
    rnd = random.Random(3)
    with tempfile.TemporaryDirectory() as tmp:
        db = str(Path(tmp) / "api.db")
        with Database(db) as store:
            fill(store, args.facts)
        base, server = serve(db)
        with httpx.Client(base_url=base, timeout=120) as client:
            pages = [
                f"/api/facts?region={rnd.choice(REGIONS)}&page={rnd.randint(1, 50)}"
                for _ in range(args.requests)
            ]
            measure(client, "GET /api/facts?region=…", pages)
            measure(
                client,
                "GET /region/… (page)",
                [f"/region/{rnd.choice(REGIONS)}" for _ in range(max(5, args.requests // 20))],
            )
        server.should_exit = True


if __name__ == "__main__":
    main()
