"""The quantity extractor against tables of hand-written Russian and Kazakh sentences.

Each row of tests/cases/quantities_<lang>.yaml lists every quantity of its sentence; a prediction
matches an expected quantity when its span overlaps the quote and value, unit, qualifier and change
agree. Missing and extra quantities both fail.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sandar import extract_quantities
from sandar.models import Quantity

CASES = Path(__file__).parent / "cases"


def _rows(lang: str) -> list[Any]:
    rows = yaml.safe_load((CASES / f"quantities_{lang}.yaml").read_text(encoding="utf-8"))
    return [pytest.param(lang, r["text"], r["expect"], id=f"{lang}{i:03d}") for i, r in enumerate(rows)]


def _close(a: float, b: float) -> bool:
    return abs(a - b) <= max(0.005 * abs(b), 0.01)


def _agrees(q: Quantity, e: dict[str, Any]) -> bool:
    if q.unit != e["unit"] or not _close(q.value, float(e["value"])):
        return False
    high = e.get("value_max")
    if high is not None and (q.value_max is None or not _close(q.value_max, float(high))):
        return False
    return q.qualifier == e.get("qualifier", "=") and q.change == bool(e.get("change", False))


@pytest.mark.parametrize(("lang", "text", "expect"), _rows("ru") + _rows("kk"))
def test_table(lang: str, text: str, expect: list[dict[str, Any]]) -> None:
    got = extract_quantities(text, lang)
    unmatched = list(got)
    problems = []
    for e in expect:
        start = text.find(e["quote"])
        assert start >= 0, f"bad case: quote {e['quote']!r} not in text"
        end = start + len(e["quote"])
        hit = next((q for q in unmatched if q.start < end and start < q.end), None)
        if hit is None:
            problems.append(f"missed {e['quote']!r}")
            continue
        unmatched.remove(hit)
        if not _agrees(hit, e):
            problems.append(
                f"{e['quote']!r}: got {hit.value} {hit.unit} {hit.qualifier} "
                f"change={hit.change} max={hit.value_max}, expected {e}"
            )
    problems += [f"extra {q.text!r} ({q.value} {q.unit})" for q in unmatched]
    assert not problems, "; ".join(problems)


def test_tables_are_large_enough() -> None:
    assert len(_rows("ru")) + len(_rows("kk")) >= 200
