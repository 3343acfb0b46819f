"""The feed watcher against a local HTTP server whose feed changes between polls and fails on purpose."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from sqlalchemy.exc import SQLAlchemyError

from sandar.ingest.watch import Watcher
from sandar.store import Database

PAGE = "<html><head><title>{t}</title></head><body><article><p>{t}. {body}</p></article></body></html>"


class _Site(BaseHTTPRequestHandler):
    items: ClassVar[list[int]] = []
    fail: ClassVar[bool] = False
    requests: ClassVar[list[tuple[str, str | None]]] = []

    def do_GET(self) -> None:
        self.requests.append((self.path, self.headers.get("If-None-Match")))
        if self.path == "/rss":
            if self.fail:
                self.send_response(503)
                self.end_headers()
                return
            etag = f'"v{len(self.items)}"'
            if self.headers.get("If-None-Match") == etag:
                self.send_response(304)
                self.end_headers()
                return
            entries = "".join(
                f"<item><title>N{i}</title><link>{self.base}/n/{i}</link></item>" for i in self.items
            )
            body = (
                f'<?xml version="1.0"?><rss version="2.0"><channel><title>t</title>{entries}</channel></rss>'
            )
            self._send(body.encode(), "application/rss+xml", etag)
        elif self.path.startswith("/n/"):
            i = int(self.path[3:])
            text = f"В Экибастузе в {2020 + i} году создано {i + 1} тысяч рабочих мест"
            self._send(PAGE.format(t=f"Новость {i}", body=text).encode(), "text/html; charset=utf-8", None)
        else:
            self.send_response(404)
            self.end_headers()

    def _send(self, body: bytes, kind: str, etag: str | None) -> None:
        self.send_response(200)
        self.send_header("Content-Type", kind)
        if etag:
            self.send_header("ETag", etag)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass

    base = ""


@pytest.fixture()
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    _Site.base = f"http://127.0.0.1:{server.server_address[1]}"
    _Site.items, _Site.fail, _Site.requests = [1, 2], False, []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield _Site.base
    server.shutdown()


def test_new_items_once_304s_and_failures(site: str, tmp_path: Path) -> None:
    lines: list[str] = []
    with Database(str(tmp_path / "w.db")) as store:
        w = Watcher(store, [f"{site}/rss"], every=0.05, per_host=0.0, log=lines.append)
        w.run(polls=1)
        assert store.stats()["documents"] == 2
        time.sleep(0.06)
        w.run(polls=1)  # unchanged feed: a conditional request answered 304
        assert any(h == '"v2"' for p, h in _Site.requests if p == "/rss")
        assert "not modified" in lines[-1]
        _Site.items = [1, 2, 3]  # the feed changes
        time.sleep(0.06)
        w.run(polls=1)
        assert store.stats()["documents"] == 3
        _Site.fail = True  # the feed fails: logged, backed off, nothing lost
        time.sleep(0.06)
        w.run(polls=1)
        assert "failed" in lines[-1] and w.sources[0].failures == 1
        assert store.stats()["documents"] == 3
        assert w.sources[0].next_at - time.monotonic() > 0.05  # waits longer than `every`
        _Site.fail = False
        w.sources[0].next_at = 0
        w.run(polls=1)
        assert w.sources[0].failures == 0 and store.stats()["documents"] == 3
    assert len(lines) == 5  # one line per poll


def test_watch_stops_cleanly_on_sigterm(site: str, tmp_path: Path) -> None:
    db = str(tmp_path / "s.db")
    proc = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "sandar",
            "watch",
            f"{site}/rss",
            "--every",
            "0.2s",
            "--per-host",
            "0",
            "--db",
            db,
        ],
        stderr=subprocess.PIPE,
        text=True,
    )
    deadline = time.time() + 30
    while time.time() < deadline:
        time.sleep(0.2)
        if not Path(db).exists():
            continue
        try:  # the watcher may be creating the schema or writing at this moment: look again
            with Database(db) as store:
                if store.stats()["documents"] == 2:
                    break
        except SQLAlchemyError:
            continue
    os.kill(proc.pid, signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 0
    assert "watch stopped" in err and "poll " in err
