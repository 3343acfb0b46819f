"""Attribution against tables of hand-written sentences (tests/cases/attribution_<lang>.yaml).

Each row names some quantities of its text by quote and the fields to check (any of indicator,
measure, sector, region, period, kind, speaker; a list gives acceptable answers, except for sector
where a list is several sectors); ``not_facts`` are numbers that must not become facts.

The tables are harder than what the extractor gets right today, so they work as a gate: the share
of correct answers per field and language is pinned in tests/quality_pins.json ("tables") and may
only rise. A failure message lists every wrong answer of that field.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pytest
import yaml

from sandar import extract
from sandar.models import Fact

CASES = Path(__file__).parent / "cases"
FIELDS = ("indicator", "measure", "sector", "region", "period", "kind", "speaker")
PINS = json.loads((Path(__file__).parent / "quality_pins.json").read_text(encoding="utf-8")).get("tables", {})


def _same(field: str, got: Any, want: Any) -> bool:
    if field == "sector":

        def norm(v: Any) -> frozenset[str]:
            return frozenset(v) if isinstance(v, list) else frozenset([v]) if v else frozenset()

        return norm(got) == norm(want)
    options = want if isinstance(want, list) else [want]
    if field == "speaker":
        return any(_surname(got) == _surname(w) for w in options)
    if field == "period":
        return any((None if w is None else str(w)) == got for w in options)
    return got in options


def _surname(name: Any) -> str:
    return str(name).lower().replace("ё", "е").split()[-1] if name else ""


def _at(facts: list[Fact], text: str, quote: str) -> Fact | None:
    start = text.find(quote)
    end = start + len(quote)
    return next((f for f in facts if f.span[0] < end and start < f.span[1]), None)


Outcome = dict[str, list[tuple[bool, str]]]


@pytest.fixture(scope="module")
def outcomes() -> dict[str, Outcome]:
    """Per language and field: (right?, description) for every checked answer."""
    out: dict[str, Outcome] = {}
    for lang in ("ru", "kk"):
        rows = yaml.safe_load((CASES / f"attribution_{lang}.yaml").read_text(encoding="utf-8"))
        res: Outcome = defaultdict(list)
        for i, row in enumerate(rows):
            text = row["text"]
            facts = extract(text, lang)
            for e in row.get("facts") or []:
                assert e["quote"] in text, f"bad case {lang}{i}: {e['quote']!r} not in text"
                f = _at(facts, text, e["quote"])
                res["found"].append((f is not None, f"{lang}{i:03d} {e['quote']!r}"))
                for field in FIELDS:
                    if f is not None and field in e:
                        got = getattr(f, field)
                        res[field].append(
                            (
                                _same(field, got, e[field]),
                                f"{lang}{i:03d} {e['quote']!r}: got {got!r}, want {e[field]!r}",
                            )
                        )
            for quote in row.get("not_facts") or []:
                assert quote in text, f"bad case {lang}{i}: {quote!r} not in text"
                res["not_facts"].append((_at(facts, text, quote) is None, f"{lang}{i:03d} {quote!r}"))
        out[lang] = res
    return out


def test_tables_are_large_enough() -> None:
    for lang in ("ru", "kk"):
        rows = yaml.safe_load((CASES / f"attribution_{lang}.yaml").read_text(encoding="utf-8"))
        assert len(rows) >= 75, lang


@pytest.mark.parametrize("lang", ["ru", "kk"])
@pytest.mark.parametrize("field", [*FIELDS, "found", "not_facts"])
def test_field(outcomes: dict[str, Outcome], lang: str, field: str) -> None:
    results = outcomes[lang][field]
    assert results, f"no {field} cases for {lang}"
    share = sum(ok for ok, _ in results) / len(results)
    wrong = [why for ok, why in results if not ok]
    assert share >= PINS[lang][field], f"{field} [{lang}] {share:.3f}: " + "; ".join(wrong)


def test_explain_names_what_decided_every_field() -> None:
    """--explain gives, for every fact of the example corpus, the cue or rule behind each field."""
    root = Path(__file__).resolve().parent.parent / "examples" / "corpus"
    fields = ("indicator", "sector", "region", "measure", "period", "kind", "speaker")
    facts = [f for p in sorted(root.glob("*.txt")) for f in extract(p.read_text("utf-8"), doc=p.stem)]
    assert len(facts) > 200
    missing = [(f.doc, f.quote, k) for f in facts for k in fields if not f.explain.get(k)]
    assert missing == []
