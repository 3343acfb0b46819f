"""Attribution against tables of hand-written sentences (tests/cases/attribution_<lang>.yaml).

Each row names some quantities of its text by quote and the fields to check (any of indicator,
measure, sector, region, period, kind, speaker; a list gives acceptable answers, except for sector
where a list is several sectors); ``not_facts`` are numbers that must not become facts.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sandar import extract
from sandar.models import Fact

CASES = Path(__file__).parent / "cases"
FIELDS = ("indicator", "measure", "sector", "region", "period", "kind", "speaker")


def _rows(lang: str) -> list[Any]:
    path = CASES / f"attribution_{lang}.yaml"
    rows = yaml.safe_load(path.read_text(encoding="utf-8")) if path.is_file() else []
    return [pytest.param(lang, r["text"], r.get("facts") or [], r.get("not_facts") or [], id=f"{lang}{i:03d}")
            for i, r in enumerate(rows)]


def _same(field: str, got: Any, want: Any) -> bool:
    if field == "sector":
        norm = (lambda v: frozenset(v) if isinstance(v, list) else frozenset([v]) if v else frozenset())
        return bool(norm(got) == norm(want))
    if field == "speaker":
        options = want if isinstance(want, list) else [want]
        return any(_surname(got) == _surname(w) for w in options)
    if field == "period":
        options = want if isinstance(want, list) else [want]
        return any((None if w is None else str(w)) == got for w in options)
    options = want if isinstance(want, list) else [want]
    return got in options


def _surname(name: Any) -> str:
    return str(name).lower().replace("ё", "е").split()[-1] if name else ""


def _at(facts: list[Fact], text: str, quote: str) -> Fact | None:
    start = text.find(quote)
    end = start + len(quote)
    return next((f for f in facts if f.span[0] < end and start < f.span[1]), None)


@pytest.mark.parametrize(("lang", "text", "expect", "not_facts"), _rows("ru") + _rows("kk"))
def test_table(lang: str, text: str, expect: list[dict[str, Any]], not_facts: list[str]) -> None:
    facts = extract(text, lang)
    problems = []
    for e in expect:
        assert e["quote"] in text, f"bad case: {e['quote']!r} not in text"
        f = _at(facts, text, e["quote"])
        if f is None:
            problems.append(f"no fact at {e['quote']!r}")
            continue
        for field in FIELDS:
            if field in e and not _same(field, getattr(f, field), e[field]):
                problems.append(f"{e['quote']!r} {field}: got {getattr(f, field)!r}, want {e[field]!r}")
    for quote in not_facts:
        f = _at(facts, text, quote)
        if f is not None:
            problems.append(f"{quote!r} should not be a fact")
    assert not problems, "; ".join(problems)
