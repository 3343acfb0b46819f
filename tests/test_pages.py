"""The pages: rendered in three languages, auto-escaped, the figure highlighted; and in a real headless
Chromium (Debian's chromium) the region chart is drawn, with a screenshot of each page."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from sandar.ingest import read_sources
from sandar.ingest.pipeline import ingest
from sandar.models import Document
from sandar.official import derive, read_official, shipped_dataset
from sandar.store import Database
from sandar.web.api import create_app
from sandar.web.pages import figure

EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"
SHOTS = Path(__file__).resolve().parent.parent / "test-output" / "screenshots"
EVIL = "Доля Алматы <script>alert(1)</script> составила 20% ВВП страны."


@pytest.fixture(scope="module")
def db_file(tmp_path_factory: pytest.TempPathFactory) -> str:
    path = str(tmp_path_factory.mktemp("web") / "web.db")
    with Database(path) as store:
        ingest(store, read_sources([str(EXAMPLES)]))
        store.add(Document("evil", EVIL, published="2025-05-01"))
        observed = [v for p in shipped_dataset() for v in read_official(p)]
        store.import_official(observed)
        store.import_official(derive(observed))
    return path


@pytest.fixture(scope="module")
def client(db_file: str) -> Iterator[TestClient]:
    with TestClient(create_app(db_file)) as c:
        yield c


@pytest.mark.parametrize(
    ("lang", "label"), [("ru", "Противоречия"), ("kk", "Қайшылықтар"), ("en", "Conflicts")]
)
def test_pages_in_three_languages(client: TestClient, lang: str, label: str) -> None:
    for path in ("/", "/region/Almaty", "/conflicts", "/targets", "/search?q=трлн"):
        res = client.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
        assert res.status_code == 200, path
        assert label in res.text and f'<html lang="{lang}">' in res.text


def test_unknown_language_and_region(client: TestClient) -> None:
    assert client.get("/?lang=fr").status_code == 422
    assert client.get("/region/Atlantis").status_code == 404


def test_fact_page_highlights_the_figure_and_escapes(client: TestClient) -> None:
    facts = client.get("/api/facts", params={"doc": "evil"}).json()["facts"]
    assert [f["quote"] for f in facts] == ["20%"]
    page = client.get(f"/fact/{facts[0]['id']}")
    assert '<mark id="figure">20%</mark>' in page.text
    assert "<script>alert(1)</script>" not in page.text and "&lt;script&gt;" in page.text


def test_series_for_charts(client: TestClient) -> None:
    charts = client.get("/api/series", params={"region": "Almaty"}).json()
    assert charts and all(len(c["data"]) == len(c["series"]) + 1 for c in charts)


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.fixture(scope="module")
def server(db_file: str) -> Iterator[str]:
    import uvicorn

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    config = uvicorn.Config(create_app(db_file), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 20
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


def test_in_a_real_browser(server: str, client: TestClient) -> None:
    chromium = _chromium()
    if chromium is None:
        if os.environ.get("SANDAR_REQUIRE_BROWSER"):
            pytest.fail("chromium is not installed")
        pytest.skip("chromium is not installed here")
    from playwright.sync_api import sync_playwright

    SHOTS.mkdir(parents=True, exist_ok=True)
    fact_id = client.get("/api/facts", params={"doc": "evil"}).json()["facts"][0]["id"]
    with sync_playwright() as p:
        browser = p.chromium.launch(
            executable_path=chromium,
            args=[
                "--no-sandbox",
                "--disable-gpu",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--no-first-run",
                "--disable-quic",
            ],
        )
        page = browser.new_page(viewport={"width": 1200, "height": 900})
        errors: list[str] = []
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.goto(f"{server}/?lang=ru")
        assert "Противоречия" in page.content()
        page.screenshot(path=str(SHOTS / "home.png"), full_page=True)
        page.click("text=kk")  # switch the language in the page
        page.wait_for_url("**lang=kk**")
        assert "Қайшылықтар" in page.content()
        page.goto(f"{server}/region/Almaty?lang=en")
        page.wait_for_selector("#charts[data-ready]", timeout=15000)
        drawn = page.locator(".chart canvas").count()
        assert drawn > 0
        canvas_pixels = page.evaluate(
            "() => { const c = document.querySelector('.chart canvas'); const d = c.getContext('2d')"
            ".getImageData(0, 0, c.width, c.height).data; let n = 0; for (let i = 3; i < d.length; i += 4)"
            " if (d[i]) n++; return n; }"
        )
        assert canvas_pixels > 100  # the chart is not empty
        page.screenshot(path=str(SHOTS / "region.png"), full_page=True)
        page.goto(f"{server}/fact/{fact_id}")
        assert page.locator("mark#figure").inner_text() == "20%"
        assert page.evaluate("() => window.__pwned === undefined")
        page.screenshot(path=str(SHOTS / "fact.png"), full_page=True)
        page.goto(f"{server}/diversification?region=Almaty&lang=ru")
        page.wait_for_selector("#charts[data-ready]", timeout=15000)
        assert page.locator(".chart canvas").count() == 4
        assert page.locator("svg.structure rect.bar-region").count() > 10
        page.screenshot(path=str(SHOTS / "diversification.png"), full_page=True)
        page.goto(f"{server}/claims?lang=ru")
        page.click("table.claims tr.s-conflict a >> nth=0")  # into the first conflicting claim
        page.wait_for_url("**/claim?**")
        assert page.locator("table.verified tr").count() > 1 and page.locator("table.pairs tr").count() > 1
        page.screenshot(path=str(SHOTS / "claim.png"), full_page=True)
        page.goto(f"{server}/diversification?lang=kk")
        assert page.locator("table.diversity tr").count() > 15
        browser.close()
        assert not errors, errors


def test_region_filters_and_latest_facts(client: TestClient) -> None:
    page = client.get("/region/Almaty", params={"indicator": "inflation", "kind": "fact"})
    rows = page.text.split('<table class="facts">')[1].split("</table>")[0]
    assert "inflation" in rows and "investment</td>" not in rows
    assert "<option selected>inflation</option>" in page.text
    home = client.get("/")
    latest = home.text.split('<table class="facts">')[1]
    assert "evil" in latest.split("</tr>")[1]  # the newest document comes first


def test_fact_page_gives_the_official_verdict(client: TestClient) -> None:
    facts = client.get("/api/facts", params={"region": "Almaty", "indicator": "investment"}).json()["facts"]
    exact = next(f for f in facts if f["quote"].startswith("976,8"))
    page = client.get(f"/fact/{exact['id']}", params={"lang": "ru"})
    assert (
        "подтверждено" in page.text
        and "investment" in page.text
        and "Bureau of National Statistics" in page.text
    )


def test_region_page_lists_verdicts_and_diversification(client: TestClient) -> None:
    page = client.get("/region/Karaganda Region").text
    table = page.split('<table class="verified">')[1].split("</table>")[0]
    assert "contradicted" in table and "4,1%" in table  # the designed conflict: official growth 8.8%
    assert 'href="/diversification?region=Karaganda%20Region' in page


def test_diversification_pages(client: TestClient) -> None:
    every = client.get("/diversification").text
    atyrau = every.split(">Atyrau Region</a>")[1].split("</tr>")[0]
    assert "single-industry" in atyrau  # mining holds over half its value added
    almaty = client.get("/diversification", params={"region": "Almaty", "year": 2015, "lang": "kk"})
    assert almaty.status_code == 200 and "Салалық құрылым 2015" in almaty.text
    assert almaty.text.count('class="bar-region"') > 10
    assert client.get("/diversification", params={"region": "Atlantis"}).status_code == 404
    early = client.get("/diversification", params={"region": "Almaty", "year": 2012}).text
    assert 'class="note coarse"' in early and 'class="note coarse"' not in almaty.text
    charts = client.get("/api/diversification/series", params={"region": "Almaty"}).json()
    assert [len(c["series"]) for c in charts] == [2, 2, 2, 1]
    assert all(len(row) == len(charts[0]["data"][0]) for c in charts for row in c["data"])


def test_claims_pages_give_each_source_and_the_official_verdicts(client: TestClient) -> None:
    listing = client.get("/claims").text.split('<table class="claims">')[1].split("</table>")[0]
    rows = listing.split("</tr>")[1:-1]
    statuses = [r.split('class="s-')[1].split('"')[0] for r in rows]
    assert statuses == sorted(statuses, key=["conflict", "compatible", "agree", "single"].index)
    karaganda = next(r for r in rows if "Karaganda Region" in r and ">change<" in r)
    assert "conflict" in karaganda and "confirmed 2" in karaganda and "contradicted 1" in karaganda
    link = karaganda.split('href="')[1].split('"')[0].replace("&amp;", "&")
    page = client.get(link).text
    official = page.split('<table class="verified">')[1].split("</table>")[0]
    assert official.count("v-confirmed") == 2 and official.count("v-contradicted") == 1  # 8,8% twice, 4,1%
    assert "grp_real_growth, 2024" in official
    pairs = page.split('<table class="pairs">')[1].split("</table>")[0]
    assert "4,1%" in pairs and "8,8%" in pairs and "cannot both hold" in pairs
    missing = {"indicator": "gdp", "measure": "change", "region": "Atlantis", "unit": "%"}
    assert client.get("/claim", params=missing).status_code == 404
    kk = client.get("/claims", params={"lang": "kk", "region": "Almaty"}).text
    assert "Тұжырымдар · Almaty" in kk and "Karaganda Region" not in kk


def test_fact_page_links_its_claim(client: TestClient) -> None:
    wanted = {"region": "Karaganda Region", "indicator": "gdp"}
    fact = next(f for f in client.get("/api/facts", params=wanted).json()["facts"] if f["quote"] == "4,1%")
    page = client.get(f"/fact/{fact['id']}").text
    link = page.split('href="/claim?')[1].split('"')[0].replace("&amp;", "&")
    assert "cannot both hold" in client.get("/claim?" + link).text


@pytest.mark.parametrize(
    ("value", "unit", "shown"),
    [
        (21.122926, "%", "21.1"),
        (0.5, "%", "0.5"),
        (117.9, "%", "117.9"),
        (976.8e9, "KZT", "976.8 bn"),
        (1.46e12, "KZT", "1.46 trn"),
        (13.5e12, "KZT", "13.5 trn"),
        (2.5e6, "USD", "2.50 mn"),
        (2_139_000, "count", "2,139,000"),
        (None, "%", ""),
    ],
)
def test_official_figures_are_shown_rounded(value: float | None, unit: str, shown: str) -> None:
    assert figure(value, unit) == shown


def test_official_api(client: TestClient) -> None:
    shares = client.get(
        "/api/official", params={"series": "grp_share", "region": "Almaty", "year": 2020}
    ).json()
    assert (
        len(shares) == 1
        and round(shares[0]["value"], 1) == 19.1
        and "grp[Almaty, 2020]" in shares[0]["formula"]
    )
    checked = client.get("/api/verify", params={"region": "Almaty", "verdict": "confirmed"}).json()
    assert checked and all(c["verdict"] == "confirmed" and c["official_value"] is not None for c in checked)
    measures = client.get("/api/diversification", params={"region": "Almaty", "year": 2024}).json()
    assert len(measures["measures"]) == 1 and measures["measures"][0]["largest"] == "G"
    assert client.get("/api/official", params={"colour": "red"}).status_code == 422
    assert client.get("/api/diversification", params={"year": "soon"}).status_code == 422
