"""Watching feeds and pages: poll politely, ingest only what is new, survive what fails.

Each source is fetched with its last ETag and Last-Modified (a 304 costs nothing), requests to one
host are spaced by ``per_host`` seconds, a failing source waits twice as long after each failure (up
to ``max_backoff``), and every poll logs one line. ``stop`` (set by SIGINT/SIGTERM in the CLI) ends
the loop between polls.
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from urllib.parse import urlsplit

import httpx

from sandar.ingest.documents import MAX_TEXT, IngestError
from sandar.ingest.web import TIMEOUT, USER_AGENT, document_from_html
from sandar.io.text import ReadError, decode
from sandar.models import Document
from sandar.store import Database


@dataclass
class _Source:
    url: str
    etag: str | None = None
    modified: str | None = None
    failures: int = 0
    next_at: float = 0.0
    seen: set[str] = field(default_factory=set)


class Watcher:
    """Polls ``urls`` every ``every`` seconds into ``store``; ``run`` returns when ``stop`` is set."""

    def __init__(
        self,
        store: Database,
        urls: list[str],
        every: float,
        per_host: float = 1.0,
        max_backoff: float = 3600.0,
        log: Callable[[str], None] = print,
        client: httpx.Client | None = None,
    ) -> None:
        self.store, self.every, self.per_host, self.max_backoff, self.log = (
            store,
            every,
            per_host,
            max_backoff,
            log,
        )
        self.sources = [_Source(u) for u in urls]
        self.client = client or httpx.Client(
            headers={"User-Agent": USER_AGENT}, timeout=TIMEOUT, follow_redirects=True
        )
        self._last_hit: dict[str, float] = {}
        self.stop = threading.Event()

    def run(self, polls: int | None = None) -> None:
        """Poll until stopped (or ``polls`` rounds have run)."""
        done = 0
        while not self.stop.is_set() and (polls is None or done < polls):
            now = time.monotonic()
            for src in self.sources:
                if self.stop.is_set():
                    break
                if src.next_at <= now:
                    self.poll(src)
            done += 1
            waits = [max(0.0, s.next_at - time.monotonic()) for s in self.sources]
            if polls is None or done < polls:
                self.stop.wait(min(waits) if waits else self.every)

    def poll(self, src: _Source) -> None:
        started = time.monotonic()
        stored = failed = 0
        try:
            res = self._get(src.url, src)
            if res.status_code == 304:
                src.failures = 0
                self._done(src, started, "not modified", 0, 0)
                return
            res.raise_for_status()
            src.etag = res.headers.get("etag") or src.etag
            src.modified = res.headers.get("last-modified") or src.modified
            items = self._documents(src, res)
            for item in items:
                if isinstance(item, IngestError):
                    failed += 1
                    continue
                stored += self.store.add(item).status == "stored"
        except (httpx.HTTPError, ReadError, ValueError) as exc:
            src.failures += 1
            delay = min(self.max_backoff, self.every * 2**src.failures)
            src.next_at = time.monotonic() + delay
            self.log(f"poll {src.url}: failed ({type(exc).__name__}), next in {delay:.0f} s")
            return
        src.failures = 0
        self._done(src, started, "ok", stored, failed)

    def _done(self, src: _Source, started: float, what: str, stored: int, failed: int) -> None:
        src.next_at = started + self.every
        self.log(f"poll {src.url}: {what}, {stored} new, {failed} failed")

    def _get(self, url: str, src: _Source | None = None) -> httpx.Response:
        host = urlsplit(url).netloc
        wait = self._last_hit.get(host, -1e9) + self.per_host - time.monotonic()
        if wait > 0:
            self.stop.wait(wait)
        headers = {}
        if src is not None and src.etag:
            headers["If-None-Match"] = src.etag
        if src is not None and src.modified:
            headers["If-Modified-Since"] = src.modified
        self._last_hit[host] = time.monotonic()
        return self.client.get(url, headers=headers)

    def _documents(self, src: _Source, res: httpx.Response) -> list[Document | IngestError]:
        import feedparser

        body = res.content
        kind = res.headers.get("content-type", "")
        if "xml" in kind or "rss" in kind or "atom" in kind or body.lstrip()[:5] == b"<?xml":
            feed = feedparser.parse(body)
            if feed.bozo and not feed.entries:
                raise ValueError("not a readable feed")
            out: list[Document | IngestError] = []
            for entry in feed.entries:
                link = entry.get("link")
                if not link or link in src.seen or self.store.has_url(link):
                    continue
                src.seen.add(link)
                try:
                    page = self._get(link)
                    page.raise_for_status()
                    doc = document_from_html(decode(page.content, link), link, link, link, MAX_TEXT)
                except (httpx.HTTPError, ReadError) as exc:
                    doc = IngestError(f"{link}: cannot fetch ({type(exc).__name__})")
                out.append(doc)
            return out
        return [document_from_html(decode(body, src.url), src.url, src.url, src.url, MAX_TEXT)]
