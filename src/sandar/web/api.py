"""The JSON API over a store: documents, facts (filters and pages), claims, conflicts, targets,
regions, indicators, and ``POST /api/ingest`` behind a token.

Read-only unless ``SANDAR_TOKEN`` is set; the token is compared in constant time. Unknown query
parameters and bad values are 422 with a JSON message, never 500. Responses carry security headers;
request bodies are limited in size.
"""

from __future__ import annotations

import hmac
import os
from typing import Any

from fastapi import Depends, FastAPI, HTTPException, Query, Request
from fastapi import Path as FastAPIPath
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.responses import Response

from sandar import __version__
from sandar.store import Database
from sandar.store.database import FILTERS

MAX_PAGE = 500
MAX_BODY = 6 * 1024 * 1024
HEADERS = {
    "Content-Security-Policy": "default-src 'self'; script-src 'self'; style-src 'self'; "
    "img-src 'self' data:; object-src 'none'; frame-ancestors 'none'; base-uri 'none'",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "no-referrer",
}


class IngestRequest(BaseModel):
    """One document to store: its text, its HTML, or a URL to fetch."""

    text: str | None = Field(default=None, max_length=5 * 1024 * 1024)
    html: str | None = Field(default=None, max_length=5 * 1024 * 1024)
    url: str | None = Field(default=None, max_length=2000, pattern=r"^https?://")
    name: str | None = Field(default=None, max_length=300)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")


class _Guard(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        length = request.headers.get("content-length")
        if length is not None and (not length.isdigit() or int(length) > MAX_BODY):
            return JSONResponse({"detail": f"request body over {MAX_BODY} bytes"}, status_code=413)
        response = await call_next(request)
        for key, value in HEADERS.items():
            response.headers.setdefault(key, value)
        return response


def _filters(request: Request, allowed: tuple[str, ...]) -> dict[str, str | None]:
    unknown = sorted(set(request.query_params) - set(allowed))
    if unknown:
        raise HTTPException(422, f"unknown query parameter: {', '.join(unknown)}")
    return {k: request.query_params.get(k) for k in FILTERS if request.query_params.get(k) is not None}


def create_app(db_url: str | None = None, token: str | None = None) -> FastAPI:
    """The API over the store at ``db_url`` (see ``sandar.store.database_url``)."""
    store = Database(db_url)
    secret = (token if token is not None else os.environ.get("SANDAR_TOKEN")) or None
    app = FastAPI(
        title="sandar",
        version=__version__,
        description="Economic facts from Russian and Kazakh texts about Kazakhstan's regions.",
    )
    app.add_middleware(_Guard)
    app.state.store = store

    @app.exception_handler(ValueError)
    async def bad_value(_: Request, exc: ValueError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=422)

    def page_args(
        page: int = Query(1, ge=1, le=10**6), page_size: int = Query(50, ge=1, le=MAX_PAGE)
    ) -> tuple[int, int]:
        return page, page_size

    @app.get("/api/facts", summary="Stored facts, filtered and paged")
    def facts(request: Request, paging: tuple[int, int] = Depends(page_args)) -> dict[str, Any]:
        filters = _filters(request, (*FILTERS, "page", "page_size"))
        page, size = paging
        rows = store.facts(size, (page - 1) * size, **filters)
        return {"page": page, "page_size": size, "total": store.count_facts(**filters), "facts": rows}

    @app.get("/api/facts/{fact_id}", summary="One fact with its document's text")
    def fact(fact_id: int = FastAPIPath(ge=1, le=2**62)) -> dict[str, Any]:
        found = store.fact(fact_id)
        if found is None:
            raise HTTPException(404, f"no fact {fact_id}")
        return found

    @app.get("/api/documents", summary="Stored documents with their fact counts")
    def documents(request: Request, paging: tuple[int, int] = Depends(page_args)) -> dict[str, Any]:
        _filters(request, ("page", "page_size"))
        page, size = paging
        rows = store.docs()
        return {
            "page": page,
            "page_size": size,
            "total": len(rows),
            "documents": rows[(page - 1) * size : page * size],
        }

    @app.get("/api/claims", summary="Claims and the verdicts on their pairs")
    def claims(request: Request) -> list[dict[str, Any]]:
        filters = _filters(request, FILTERS)
        out = []
        for c in store.claims(**filters):
            if len(c.facts) > 1:
                row = c.describe()
                row["verdicts"] = [_pair(v.verdict, v.why, v.a, v.b) for v in c.verdicts]
                out.append(row)
        return out

    @app.get("/api/conflicts", summary="Pairs of facts that cannot both be true")
    def conflicts(request: Request) -> list[dict[str, Any]]:
        filters = _filters(request, FILTERS)
        return [_pair(v.verdict, v.why, v.a, v.b) for v in store.conflicts(**filters)]

    @app.get("/api/targets", summary="Targets with their status")
    def targets(request: Request) -> list[dict[str, Any]]:
        filters = _filters(request, FILTERS)
        return [t.describe() for t in store.targets(**filters)]

    @app.get("/api/regions", summary="Regions with their fact counts")
    def regions() -> dict[str, int]:
        return dict(store.stats()["by_region"])

    @app.get("/api/indicators", summary="Indicators with their fact counts")
    def indicators() -> dict[str, int]:
        return dict(store.stats()["by_indicator"])

    @app.get("/api/verify", summary="Facts checked against official statistics")
    def verify(request: Request, verdict: str | None = Query(None, max_length=20)) -> list[dict[str, Any]]:
        filters = _filters(request, (*FILTERS, "verdict"))
        return [v.describe() for v in store.verify(**filters) if verdict is None or v.verdict == verdict]

    @app.get("/api/official", summary="Official statistics: values by series, region and year")
    def official(
        request: Request,
        series: str | None = Query(None, max_length=40),
        region: str | None = Query(None, max_length=100),
        indicator: str | None = Query(None, max_length=40),
        sector: str | None = Query(None, max_length=40),
        year: int | None = Query(None, ge=1900, le=2200),
    ) -> list[dict[str, Any]]:
        _filters(request, ("series", "region", "indicator", "sector", "year"))
        found = store.official(series=series, region=region, indicator=indicator, sector=sector, year=year)
        return [v.to_dict() for v in found]

    @app.get("/api/diversification", summary="Diversification of regions' value added by sector")
    def diversification(
        request: Request,
        region: str | None = Query(None, max_length=100),
        year: int | None = Query(None, ge=1900, le=2200),
    ) -> dict[str, Any]:
        _filters(request, ("region", "year"))
        return {
            "measures": [d.to_dict() for d in store.diversification(region, year)],
            "statements": [s.to_dict() for s in store.concentration_statements(region)],
        }

    @app.post("/api/ingest", summary="Store one document (needs the token)", status_code=201)
    def ingest(body: IngestRequest, request: Request) -> dict[str, Any]:
        if secret is None:
            raise HTTPException(403, "this API is read-only: no SANDAR_TOKEN is configured")
        given = request.headers.get("authorization", "").removeprefix("Bearer ").strip()
        if not hmac.compare_digest(given.encode(), secret.encode()):
            raise HTTPException(401, "a valid token is needed: Authorization: Bearer <SANDAR_TOKEN>")
        doc = _document(body)
        result = store.add(doc)
        return {"status": result.status, "document": result.doc_id, "facts": result.facts}

    from sandar.web.pages import add_pages

    add_pages(app, store)
    return app


def _document(body: IngestRequest) -> Any:
    from sandar.ingest import IngestError, read_sources
    from sandar.ingest.documents import checked
    from sandar.ingest.web import document_from_html
    from sandar.models import Document

    given = [x for x in (body.text, body.html, body.url) if x]
    if len(given) != 1:
        raise HTTPException(422, "give exactly one of text, html or url")
    name = body.name or (body.url or "api")[:300]
    if body.text:
        doc: Any = checked(Document(name, body.text, title=body.title, published=body.published), "text")
    elif body.html:
        doc = document_from_html(body.html, name, "html", None, 5 * 1024 * 1024)
    else:
        doc = next(iter(read_sources([str(body.url)])), IngestError(f"{body.url}: nothing found"))
    if isinstance(doc, IngestError):
        raise HTTPException(422, str(doc))
    return doc


def _pair(verdict: str, why: str, a: dict[str, Any], b: dict[str, Any]) -> dict[str, Any]:
    keep = ("id", "doc", "quote", "value", "unit", "qualifier", "lang", "published", "speaker", "url")
    return {
        "verdict": verdict,
        "why": why,
        "a": {k: a.get(k) for k in keep},
        "b": {k: b.get(k) for k in keep},
    }
