"""Server-rendered pages (Jinja2, auto-escaped) in Russian, Kazakh and English: home, region (charts
drawn by the vendored uPlot from /api/series), fact (the sentence with the figure highlighted),
claims (facts of several sources stating the same thing, with their verdicts and the official
figures), conflicts, targets, a search over quotes, and the diversification of regions (official value added
by sector, charts over time and the sector structure beside the national one).
"""

from __future__ import annotations

from collections import Counter
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml
from fastapi import FastAPI, HTTPException, Query, Request
from fastapi.responses import HTMLResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates

from sandar.reconcile.claims import claim_key
from sandar.reconcile.verify import verify_one
from sandar.store import Database
from sandar.store.official import official_index

LANGS = ("ru", "kk", "en")
CLAIM_FIELDS = ("indicator", "measure", "sector", "region", "unit")  # the order of claim_key
PAGE_FACTS = 300  # facts listed on a region page (the API pages through all of them)
HERE = Path(str(resources.files(__package__)))


@cache
def labels(lang: str) -> dict[str, str]:
    """The page labels of a language (web/i18n/<lang>.yaml)."""
    data = yaml.safe_load((HERE / "i18n" / f"{lang}.yaml").read_text(encoding="utf-8"))
    return {str(k): str(v) for k, v in data.items()}


def _year(f: dict[str, Any]) -> int | None:
    text = str(f.get("period") or f.get("published") or "")
    return int(text[:4]) if text[:4].isdigit() else None


def series(facts: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Charts for one region: per indicator and unit, a series per measure and kind over the years."""
    charts: dict[tuple[str, str], dict[tuple[str, str], dict[int, float]]] = {}
    for f in facts:
        year = _year(f)
        if year is None:
            continue
        chart = charts.setdefault((str(f["indicator"]), str(f["unit"])), {})
        chart.setdefault((str(f["measure"]), str(f["kind"])), {})[year] = float(f["value"])
    out = []
    for (indicator, unit), lines in sorted(charts.items()):
        years = sorted({y for points in lines.values() for y in points})
        keys = sorted(lines)
        out.append(
            {
                "title": f"{indicator} ({unit})",
                "unit": unit,
                "series": [{"label": f"{measure} · {kind}", "kind": kind} for measure, kind in keys],
                "data": [years, *[[lines[k].get(y) for y in years] for k in keys]],
            }
        )
    return out


def figure(value: float | None, unit: str | None = None) -> str:
    """An official value as people read it: "21.1" (%), "976.8 bn" (money), "1,234,567" (counts)."""
    if value is None:
        return ""
    x = float(value)
    if unit == "%" or abs(x) < 1000:
        return f"{x:.1f}" if abs(x) >= 10 or unit == "%" else f"{x:.3g}"
    for size, name in ((1e12, "trn"), (1e9, "bn"), (1e6, "mn")):
        if abs(x) >= size and unit not in ("count", "persons"):
            scaled = x / size
            return f"{scaled:,.2f} {name}" if abs(scaled) < 10 else f"{scaled:,.1f} {name}"
    return f"{x:,.0f}"


def add_pages(app: FastAPI, store: Database) -> None:
    """Mount the static files, the pages and /api/series on the API's app."""
    templates = Jinja2Templates(directory=str(HERE / "templates"))
    templates.env.filters["figure"] = figure
    app.mount("/static", StaticFiles(directory=str(HERE / "static")), name="static")

    def render(request: Request, name: str, lang: str, **context: Any) -> HTMLResponse:
        if lang not in LANGS:
            raise HTTPException(422, f"unknown language {lang!r}: one of {', '.join(LANGS)}")
        here = str(request.url.path) + (
            "?" + "&".join(f"{k}={v}" for k, v in request.query_params.items() if k != "lang")
            if len(request.query_params) > (1 if "lang" in request.query_params else 0)
            else ""
        )
        return templates.TemplateResponse(
            request, name, {"t": labels(lang), "lang": lang, "here": here, **context}
        )

    def claim_query(fact: dict[str, Any]) -> str | None:
        """The /claim query of a reported fact's claim (none for targets, forecasts, "other")."""
        if fact.get("kind") != "fact" or fact.get("indicator") == "other" or not fact.get("region"):
            return None
        return urlencode(dict(zip(CLAIM_FIELDS, claim_key(fact), strict=True)))

    def checked(fact: dict[str, Any]) -> dict[str, Any]:
        return verify_one(fact, official_index(store)).describe()

    def conflict_rows(**filters: str | None) -> list[dict[str, Any]]:
        return [
            {"a": v.a, "b": v.b, "why": v.why, "va": checked(v.a), "vb": checked(v.b)}
            for v in store.conflicts(**filters)
        ]

    @app.get("/", response_class=HTMLResponse, include_in_schema=False)
    def home(request: Request, lang: str = "en") -> HTMLResponse:
        statuses = Counter(t.status for t in store.targets())
        return render(
            request,
            "home.html",
            lang,
            stats=store.stats(),
            statuses=dict(statuses),
            conflicts=conflict_rows()[:20],
            facts=store.latest_facts(20),
        )

    @app.get("/region/{name}", response_class=HTMLResponse, include_in_schema=False)
    def region(
        request: Request,
        name: str,
        lang: str = "en",
        indicator: str | None = Query(None, max_length=40),
        kind: str | None = Query(None, max_length=10),
    ) -> HTMLResponse:
        indicators = sorted(store.stats_of_region(name))
        if not indicators:
            raise HTTPException(404, f"no facts about {name}")
        facts = store.facts(PAGE_FACTS, 0, region=name, indicator=indicator or None, kind=kind or None)
        return render(
            request,
            "region.html",
            lang,
            region=name,
            facts=facts,
            indicators=indicators,
            indicator=indicator,
            kind=kind,
            conflicts=conflict_rows(region=name),
            targets=[t.describe() for t in store.targets(region=name)],
            verified=[v.describe() for v in store.verify(region=name) if v.verdict != "no official figure"],
            diversity=next(iter(store.diversification(name)[-1:]), None),
        )

    @app.get("/fact/{fact_id}", response_class=HTMLResponse, include_in_schema=False)
    def fact(request: Request, fact_id: int, lang: str = "en") -> HTMLResponse:
        f = store.fact(fact_id)
        if f is None:
            raise HTTPException(404, f"no fact {fact_id}")
        text, (start, end) = f["text"], f["span"]
        cut = max(text.rfind("\n", 0, start), text.rfind(". ", 0, start - 200 if start > 200 else 0))
        stop = text.find("\n", end)
        before = text[cut + 1 if cut >= 0 else 0 : start]
        after = text[end : stop if stop >= 0 else len(text)]
        others = []
        for c in store.claims(region=f.get("region"), indicator=f.get("indicator")):
            for v in c.verdicts:
                if v.a.get("id") == fact_id or v.b.get("id") == fact_id:
                    other = v.b if v.a.get("id") == fact_id else v.a
                    others.append({"verdict": v.verdict, "why": v.why, "other": other})
        return render(
            request,
            "fact.html",
            lang,
            fact=f,
            before=before,
            quote=text[start:end],
            after=after,
            others=others,
            check=checked(f),
            claim_query=claim_query(f),
        )

    def claim_row(c: Any) -> dict[str, Any]:
        checks = [checked(f) for f in c.facts]
        official = Counter(v["verdict"] for v in checks if v["verdict"] != "no official figure")
        return {**c.describe(), "official": dict(official)}

    @app.get("/claims", response_class=HTMLResponse, include_in_schema=False)
    def claims(
        request: Request,
        lang: str = "en",
        region: str | None = Query(None, max_length=80),
        indicator: str | None = Query(None, max_length=40),
        single: bool = False,
    ) -> HTMLResponse:
        found = [
            c
            for c in store.claims(region=region or None, indicator=indicator or None)
            if single or len(c.facts) > 1
        ]
        order = {"conflict": 0, "compatible": 1, "agree": 2, "single": 3}
        found.sort(key=lambda c: (order[c.status], -len(c.facts), c.key))
        return render(
            request,
            "claims.html",
            lang,
            claims=[claim_row(c) for c in found[:500]],
            region=region,
            indicator=indicator,
            single=single,
        )

    @app.get("/claim", response_class=HTMLResponse, include_in_schema=False)
    def claim(
        request: Request,
        indicator: str = Query(..., max_length=40),
        measure: str = Query(..., max_length=10),
        region: str = Query(..., max_length=80),
        unit: str = Query(..., max_length=10),
        sector: str = Query("", max_length=80),
        lang: str = "en",
    ) -> HTMLResponse:
        key = (indicator, measure, sector, region, unit)
        found = next((c for c in store.claims(region=region, indicator=indicator) if c.key == key), None)
        if found is None:
            raise HTTPException(404, f"no claim {' / '.join(k for k in key if k)}")
        return render(
            request,
            "claim.html",
            lang,
            claim=found.describe(),
            verified=[checked(f) for f in found.facts],
            pairs=[{"verdict": v.verdict, "why": v.why, "a": v.a, "b": v.b} for v in found.verdicts],
        )

    @app.get("/conflicts", response_class=HTMLResponse, include_in_schema=False)
    def conflicts(request: Request, lang: str = "en") -> HTMLResponse:
        return render(
            request, "list.html", lang, heading=labels(lang)["conflicts"], conflicts=conflict_rows()
        )

    @app.get("/targets", response_class=HTMLResponse, include_in_schema=False)
    def targets(request: Request, lang: str = "en") -> HTMLResponse:
        return render(
            request,
            "list.html",
            lang,
            heading=labels(lang)["targets"],
            targets=[t.describe() for t in store.targets()],
        )

    @app.get("/search", response_class=HTMLResponse, include_in_schema=False)
    def search(request: Request, q: str = Query("", max_length=200), lang: str = "en") -> HTMLResponse:
        needle = q.strip().lower()
        found = [f for f in store.iter_facts() if needle and needle in str(f["quote"]).lower()][:200]
        return render(request, "list.html", lang, heading=f"{labels(lang)['search']}: {q}", facts=found, q=q)

    @app.get("/diversification", response_class=HTMLResponse, include_in_schema=False)
    def diversification(
        request: Request,
        lang: str = "en",
        region: str | None = Query(None, max_length=100),
        year: int | None = Query(None, ge=1900, le=2200),
    ) -> HTMLResponse:
        every = store.diversification()
        if not every:
            return render(request, "diversification.html", lang, rows=[], region=None, chosen=None)
        latest = max(d.year for d in every)
        if region is None:
            rows = [d.to_dict() for d in every if d.year == (year or latest)]
            return render(
                request,
                "diversification.html",
                lang,
                rows=rows,
                region=None,
                chosen=None,
                year=year or latest,
            )
        mine = [d for d in every if d.region == region]
        if not mine:
            raise HTTPException(404, f"no value added by sector for {region}")
        chosen = next((d for d in mine if d.year == year), mine[-1])
        return render(
            request,
            "diversification.html",
            lang,
            rows=[d.to_dict() for d in mine],
            region=region,
            chosen=chosen.to_dict(),
            bars=structure_bars(chosen.to_dict()["sectors"]),
            years=[d.year for d in mine],
            statements=[s.to_dict() for s in store.concentration_statements(region)],
        )

    @app.get("/api/diversification/series", summary="A region's diversification over time, for charts")
    def diversification_series(region: str = Query(..., max_length=100)) -> list[dict[str, Any]]:
        return diversity_series([d.to_dict() for d in store.diversification()], region)

    @app.get("/api/series", summary="A region's indicators over time, for charts")
    def region_series(region: str = Query(..., max_length=100)) -> list[dict[str, Any]]:
        return series(store.facts(None, 0, region=region))


DIVERSITY_CHARTS = (
    ("hhi", "Herfindahl–Hirschman index (0–1)", "index"),
    ("entropy_norm", "Normalised Shannon entropy (0–1)", "index"),
    ("top3_share", "Top-3 sectors' share of value added", "%"),
    ("krugman", "Krugman specialisation index against the country (0–2)", "index"),
)


def diversity_series(rows: list[dict[str, Any]], region: str) -> list[dict[str, Any]]:
    """Charts of one region's measures over the years, the country's beside them (the format of
    /api/series)."""
    mine = {r["year"]: r for r in rows if r["region"] == region}
    country = {r["year"]: r for r in rows if r["region"] == "Kazakhstan"}
    years = sorted(mine)
    out: list[dict[str, Any]] = []
    for key, title, unit in DIVERSITY_CHARTS:
        lines = [(region, mine)] + (
            [("Kazakhstan", country)] if key != "krugman" and region != "Kazakhstan" else []
        )
        out.append(
            {
                "title": title,
                "unit": unit,
                "series": [{"label": name, "kind": "fact"} for name, _ in lines],
                "data": [years, *([by.get(y, {}).get(key) for y in years] for _, by in lines)],
            }
        )
    return out


def structure_bars(sectors: list[dict[str, Any]], width: float = 360.0) -> list[dict[str, Any]]:
    """The sector structure as bar lengths (SVG attributes: the CSP allows no inline styles)."""
    top = max([s["share"] for s in sectors] + [s["national"] or 0 for s in sectors] + [1e-9])
    return [
        {
            **s,
            "w": round(s["share"] / top * width, 1),
            "nw": round((s["national"] or 0) / top * width, 1),
        }
        for s in sectors
    ]
