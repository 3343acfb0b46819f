"""HTML pages, URLs and RSS/Atom feeds into documents (trafilatura for the main text, httpx to fetch,
feedparser for feeds)."""

from __future__ import annotations

from collections.abc import Iterator

from sandar import __version__
from sandar.ingest.documents import IngestError, checked
from sandar.io.text import ReadError, decode
from sandar.models import Document

USER_AGENT = f"sandar/{__version__} (+economic facts from Kazakh and Russian news)"
TIMEOUT = 20.0


def document_from_html(
    html: str, name: str, where: str, url: str | None, max_text: int
) -> Document | IngestError:
    """The main text of a page with its title and date, or an error naming the page."""
    import trafilatura

    try:
        found = trafilatura.bare_extraction(html, url=url, with_metadata=True, favor_recall=True)
    except Exception as exc:  # trafilatura raises many kinds on broken markup
        return IngestError(f"{where}: unreadable HTML ({type(exc).__name__})")
    if not found:
        return IngestError(f"{where}: no main text found in the HTML")
    data = found if isinstance(found, dict) else found.as_dict()
    text = data.get("text") or ""
    date = data.get("date")
    return checked(
        Document(
            name=name,
            text=text,
            url=url,
            title=data.get("title"),
            source=where,
            published=date[:10] if isinstance(date, str) else None,
        ),
        where,
        max_text,
    )


def read_url(url: str, max_text: int) -> Iterator[Document | IngestError]:
    """A page, or every entry of a feed, fetched politely."""
    import httpx

    try:
        with httpx.Client(
            headers={"User-Agent": USER_AGENT}, timeout=TIMEOUT, follow_redirects=True
        ) as client:
            res = client.get(url)
            res.raise_for_status()
            body = res.content
            kind = res.headers.get("content-type", "")
            if "xml" in kind or "rss" in kind or "atom" in kind or body.lstrip()[:5] == b"<?xml":
                yield from _read_feed(client, url, body, max_text)
                return
    except httpx.HTTPError as exc:
        yield IngestError(f"{url}: cannot fetch ({type(exc).__name__}: {exc})".splitlines()[0])
        return
    try:
        html = decode(body, url)
    except ReadError as exc:
        yield IngestError(str(exc))
        return
    yield document_from_html(html, url, url, url, max_text)


def _read_feed(client: object, url: str, body: bytes, max_text: int) -> Iterator[Document | IngestError]:
    import feedparser
    import httpx

    feed = feedparser.parse(body)
    if feed.bozo and not feed.entries:
        yield IngestError(f"{url}: not a readable feed ({type(feed.bozo_exception).__name__})")
        return
    assert isinstance(client, httpx.Client)
    for entry in feed.entries:
        link = entry.get("link")
        if not link:
            continue
        try:
            res = client.get(link)
            res.raise_for_status()
            html = decode(res.content, link)
        except (httpx.HTTPError, ReadError) as exc:
            yield IngestError(f"{link}: cannot fetch ({type(exc).__name__})")
            continue
        doc = document_from_html(html, link, link, link, max_text)
        if isinstance(doc, Document) and doc.title is None:
            doc = Document(doc.name, doc.text, doc.url, entry.get("title"), url, doc.published, doc.lang)
        yield doc
