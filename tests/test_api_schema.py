"""schemathesis against the API's own OpenAPI schema: generated requests never get a server error."""

from __future__ import annotations

from pathlib import Path

import schemathesis
from hypothesis import HealthCheck, settings

from sandar.models import Document
from sandar.store import Database
from sandar.web.api import create_app

_DB = Path(__file__).parent / ".schemathesis.db"
if _DB.exists():
    _DB.unlink()
with Database(str(_DB)) as _store:
    _store.add(
        Document(
            "ru", "Инвестиции в Алматы выросли на 12,4% и составили 1,3 трлн тенге.", published="2024-01-10"
        )
    )
schema = schemathesis.openapi.from_asgi("/openapi.json", create_app(str(_DB), token="t"))


@schema.parametrize()
@settings(max_examples=60, deadline=None, derandomize=True, suppress_health_check=list(HealthCheck))
def test_no_server_errors(case: schemathesis.Case) -> None:
    response = case.call()
    assert response.status_code < 500, (
        f"{case.method} {case.path}: {response.status_code} {response.text[:200]}"
    )
