"""The JSON API against SQLite and PostgreSQL: filters, pages, 422 for bad input, the token, headers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from fastapi.testclient import TestClient

from sandar.models import Document
from sandar.store import Database
from sandar.web.api import MAX_PAGE, create_app

RU = "Инвестиции в основной капитал Павлодарской области выросли на 12,4% и составили 1,3 трлн тенге."
KK = "Қарағанды облысында биыл 30 мыңнан астам жұмыс орны ашылды, деді облыс әкімі."
EVIL = "Доля Алматы <script>alert(1)</script> составила 20% ВВП."


@pytest.fixture()
def client(db_url: str) -> Iterator[TestClient]:
    with Database(db_url) as store:
        store.add(Document("ru", RU, published="2024-01-10"))
        store.add(Document("kk", KK, published="2025-02-01"))
        store.add(Document("evil", EVIL, published="2025-03-01"))
    with TestClient(create_app(db_url, token="s3cret")) as c:
        yield c


def test_facts_filters_and_pages(client: TestClient) -> None:
    res = client.get("/api/facts", params={"region": "Pavlodar Region"})
    assert res.status_code == 200
    body = res.json()
    assert body["total"] == 2 and {f["quote"] for f in body["facts"]} == {"12,4%", "1,3 трлн тенге"}
    res = client.get("/api/facts", params={"page_size": 1, "page": 2})
    assert res.json()["page"] == 2 and len(res.json()["facts"]) == 1
    assert client.get("/api/facts", params={"lang": "kk"}).json()["total"] >= 1
    first = body["facts"][0]
    one = client.get(f"/api/facts/{first['id']}").json()
    assert one["quote"] == first["quote"] and RU in one["text"]


@pytest.mark.parametrize(
    "params",
    [{"colour": "red"}, {"page": 0}, {"page_size": MAX_PAGE + 1}, {"page": "two"}, {"page_size": -5}],
)
def test_bad_query_is_422_not_500(client: TestClient, params: dict[str, object]) -> None:
    res = client.get("/api/facts", params=params)
    assert res.status_code == 422 and "detail" in res.json()


def test_missing_fact_is_404(client: TestClient) -> None:
    res = client.get("/api/facts/987654")
    assert res.status_code == 404 and "987654" in res.json()["detail"]


def test_other_endpoints(client: TestClient) -> None:
    assert client.get("/api/documents").json()["total"] == 3
    assert client.get("/api/regions").json().get("Pavlodar Region") == 2
    assert "investment" in client.get("/api/indicators").json()
    for path in ("/api/claims", "/api/conflicts", "/api/targets"):
        res = client.get(path, params={"region": "Almaty"})
        assert res.status_code == 200 and isinstance(res.json(), list)
    assert client.get("/api/claims", params={"bogus": "1"}).status_code == 422
    schema = client.get("/openapi.json").json()
    assert "/api/facts" in schema["paths"] and "/api/ingest" in schema["paths"]


def test_ingest_needs_the_token(client: TestClient) -> None:
    doc = {"text": "В Шымкенте создано 12 тысяч рабочих мест.", "published": "2025-04-01"}
    assert client.post("/api/ingest", json=doc).status_code == 401
    assert client.post("/api/ingest", json=doc, headers={"Authorization": "Bearer wrong"}).status_code == 401
    ok = client.post("/api/ingest", json=doc, headers={"Authorization": "Bearer s3cret"})
    assert ok.status_code == 201 and ok.json()["status"] == "stored" and ok.json()["facts"] == 1
    again = client.post("/api/ingest", json=doc, headers={"Authorization": "Bearer s3cret"})
    assert again.json()["status"] == "duplicate"
    bad = client.post("/api/ingest", json={"text": "   "}, headers={"Authorization": "Bearer s3cret"})
    assert bad.status_code == 422 and "empty" in bad.json()["detail"]
    two = client.post(
        "/api/ingest", json={"text": "a", "html": "<p>b</p>"}, headers={"Authorization": "Bearer s3cret"}
    )
    assert two.status_code == 422


def test_read_only_without_a_token(db_url: str) -> None:
    with TestClient(create_app(db_url, token="")) as c:
        res = c.post("/api/ingest", json={"text": "Создано 5 тысяч рабочих мест."})
        assert res.status_code == 403 and "read-only" in res.json()["detail"]


def test_security_headers_and_body_limit(client: TestClient) -> None:
    res = client.get("/api/regions")
    assert "default-src 'self'" in res.headers["content-security-policy"]
    assert res.headers["x-content-type-options"] == "nosniff"
    big = client.post(
        "/api/ingest",
        content=b"x" * (7 * 1024 * 1024),
        headers={"Authorization": "Bearer s3cret", "Content-Type": "application/json"},
    )
    assert big.status_code == 413


def test_script_in_a_document_is_data(client: TestClient) -> None:
    facts = client.get("/api/facts", params={"doc": "evil"}).json()["facts"]
    one = client.get(f"/api/facts/{facts[0]['id']}")
    assert one.headers["content-type"].startswith("application/json")
    assert "<script>" in one.json()["text"]  # returned as JSON data, never as markup


def test_huge_ids_are_422(client: TestClient) -> None:
    assert client.get(f"/api/facts/{2**80}").status_code == 422
    assert client.get("/api/facts/0").status_code == 422
