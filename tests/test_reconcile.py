"""Reconcile: intervals and verdicts (a table), target statuses (a table), and end to end from our
example articles to verdicts and statuses; the three verdicts of the development corpus."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml

from sandar.ingest import read_sources
from sandar.ingest.pipeline import ingest
from sandar.reconcile.claims import build_claims
from sandar.reconcile.intervals import verdict
from sandar.reconcile.targets import track_targets
from sandar.store import Database

CASES = Path(__file__).parent / "cases"
EXAMPLES = Path(__file__).resolve().parent.parent / "examples" / "corpus"


def _fact(spec: list[Any]) -> dict[str, Any]:
    quote, value, unit, qualifier, measure, *rest = spec
    return {
        "quote": quote,
        "value": value,
        "unit": unit,
        "qualifier": qualifier,
        "measure": measure,
        "value_max": rest[0] if rest else None,
    }


ROWS = yaml.safe_load((CASES / "intervals.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("row", ROWS, ids=[f"{r['a'][0]} ~ {r['b'][0]}" for r in ROWS])
def test_verdict_table(row: dict[str, Any]) -> None:
    a, b = _fact(row["a"]), _fact(row["b"])
    assert verdict(a, b)[0] == row["v"], verdict(a, b)[1]
    assert verdict(b, a)[0] == row["v"]  # the order does not matter


def test_the_table_is_large_enough() -> None:
    assert len(ROWS) >= 60


def _t(
    value: float,
    period: str | None,
    published: str,
    indicator: str = "gdp",
    measure: str = "level",
    unit: str = "KZT",
    kind: str = "target",
    doc: str = "t",
    qualifier: str = "=",
) -> dict[str, Any]:
    return {
        "value": value,
        "period": period,
        "published": published,
        "indicator": indicator,
        "measure": measure,
        "unit": unit,
        "kind": kind,
        "doc": doc,
        "region": "Shymkent",
        "sector": None,
        "quote": str(value),
        "qualifier": qualifier,
    }


TARGETS = [
    # (target, reported facts, store's newest date, expected status)
    (
        "level reached",
        _t(4e12, "2025", "2021-06-01"),
        [_t(4.7e12, "2024", "2025-02-01", kind="fact", doc="f")],
        "met",
    ),
    (
        "level not reached, deadline passed",
        _t(4e12, "2023", "2021-06-01"),
        [_t(3.1e12, "2023", "2024-02-01", kind="fact", doc="f")],
        "missed",
    ),
    (
        "level not reached, deadline ahead",
        _t(4e12, "2027", "2021-06-01"),
        [_t(3.1e12, "2023", "2024-02-01", kind="fact", doc="f")],
        "behind",
    ),
    ("no figure, deadline ahead", _t(4e12, "2030", "2021-06-01"), [], "not yet due"),
    ("no figure, no deadline", _t(4e12, None, "2021-06-01"), [], "no data"),
    (
        "growth rate averaged, after the deadline",
        _t(5, "2021/2022", "2021-01-10", measure="change", unit="%"),
        [
            _t(5.8, "2021", "2022-02-01", measure="change", unit="%", kind="fact", doc="a"),
            _t(4.6, "2022", "2023-02-01", measure="change", unit="%", kind="fact", doc="b"),
        ],
        "met",
    ),
    (
        "growth rate too low, deadline passed",
        _t(5, "2021/2023", "2021-01-10", measure="change", unit="%"),
        [
            _t(1.3, "2022", "2023-02-01", measure="change", unit="%", kind="fact", doc="a"),
            _t(2.0, "2023", "2024-02-01", measure="change", unit="%", kind="fact", doc="b"),
        ],
        "missed",
    ),
    (
        "jobs summed",
        _t(20000, "2025", "2021-01-10", indicator="jobs", unit="count"),
        [
            _t(12000, "2022", "2023-01-01", indicator="jobs", unit="count", kind="fact", doc="a"),
            _t(9000, "2023", "2024-01-01", indicator="jobs", unit="count", kind="fact", doc="b"),
        ],
        "met",
    ),
    (
        "inflation must fall",
        _t(5, "2025", "2023-01-10", indicator="inflation", measure="rate", unit="%"),
        [
            _t(
                4.8,
                "2025",
                "2026-01-01",
                indicator="inflation",
                measure="rate",
                unit="%",
                kind="fact",
                doc="a",
            )
        ],
        "met",
    ),
    (
        "earlier figures do not count",
        _t(4e12, "2025", "2024-06-01"),
        [_t(4.7e12, "2021", "2022-02-01", kind="fact", doc="f")],
        "not yet due",
    ),
    (
        "growth rate on track",
        _t(5, "2021/2025", "2021-01-10", measure="change", unit="%"),
        [
            _t(5.8, "2021", "2022-02-01", measure="change", unit="%", kind="fact", doc="a"),
            _t(4.6, "2022", "2023-02-01", measure="change", unit="%", kind="fact", doc="b"),
        ],
        "on track",
    ),
    (
        "growth rate behind",
        _t(5, "2021/2025", "2021-01-10", measure="change", unit="%"),
        [_t(1.3, "2022", "2023-02-01", measure="change", unit="%", kind="fact", doc="a")],
        "behind",
    ),
    (
        "jobs on pace",
        _t(50000, "2025", "2021-01-10", indicator="jobs", unit="count"),
        [
            _t(12000, "2021", "2022-01-01", indicator="jobs", unit="count", kind="fact", doc="a"),
            _t(11000, "2022", "2023-01-01", indicator="jobs", unit="count", kind="fact", doc="b"),
        ],
        "on track",
    ),
    (
        "jobs behind pace",
        _t(50000, "2025", "2021-01-10", indicator="jobs", unit="count"),
        [_t(3000, "2022", "2023-01-01", indicator="jobs", unit="count", kind="fact", doc="a")],
        "behind",
    ),
]


@pytest.mark.parametrize(("name", "target", "facts", "status"), TARGETS, ids=[t[0] for t in TARGETS])
def test_target_status(name: str, target: dict[str, Any], facts: list[dict[str, Any]], status: str) -> None:
    (tracked,) = track_targets([target, *facts])
    assert tracked.status == status, tracked.why


def test_a_restated_target_is_a_revision() -> None:
    first = _t(4e12, "2025", "2021-06-01", doc="a")
    second = _t(5e12, "2027", "2023-06-01", doc="b")
    tracked = track_targets([first, second])
    assert tracked[0].revises is None and tracked[1].revises is first


@pytest.fixture(scope="module")
def example_store(tmp_path_factory: pytest.TempPathFactory) -> Database:
    store = Database(str(tmp_path_factory.mktemp("ex") / "ex.db"))
    ingest(store, read_sources([str(EXAMPLES)]))
    return store


def test_examples_end_to_end(example_store: Database) -> None:
    conflicts = example_store.conflicts(region="Karaganda Region", indicator="gdp")
    assert any({v.a["quote"], v.b["quote"]} == {"8,8%", "4,1%"} for v in conflicts)
    agreements = [
        v
        for c in example_store.claims(region="Almaty")
        for v in c.verdicts
        if v.verdict == "agree" and v.a["lang"] != v.b["lang"]
    ]
    assert any("бестен" in v.a["quote"] + v.b["quote"] for v in agreements)
    statuses = {(t.target["doc"], t.status) for t in example_store.targets()}
    assert ("ru_shymkent_grp_2021", "met") in statuses
    assert any(s == "missed" for _, s in statuses)


def test_dev_corpus_verdicts(dev_corpus: Path) -> None:
    def first(v: Any) -> Any:
        return v[0] if isinstance(v, list) else v

    gold = [json.loads(x) for x in (dev_corpus / "gold.jsonl").read_text(encoding="utf-8").splitlines() if x]
    facts = [{**g, **{k: first(g[k]) for k in ("indicator", "region", "kind", "measure")}} for g in gold]
    found = {
        (c.key[0], c.key[3], v.verdict, frozenset((v.a["quote"], v.b["quote"])))
        for c in build_claims(facts)
        for v in c.verdicts
    }
    assert ("trade", "Almaty", "conflict", frozenset(("одну треть", "40%-дан"))) in found
    assert ("gdp", "Almaty", "agree", frozenset(("пятую часть", "бестен бір бөлігі"))) in found
    assert ("tax_revenue", "Almaty", "compatible", frozenset(("25 %", "төрттен бір бөлігі"))) in found


def test_reconcile_commands(example_store: Database) -> None:
    from click.testing import CliRunner

    from sandar.cli import main

    runner = CliRunner()
    url = example_store.url
    res = runner.invoke(
        main, ["conflicts", "--db", url, "--region", "Karaganda Region", "--format", "jsonl", "--explain"]
    )
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    hit = next(r for r in rows if {r["a"], r["b"]} == {"8,8%", "4,1%"})
    assert hit["why"] and hit["a_doc"] != hit["b_doc"] and hit["a_date"] and hit["b_date"]
    res = runner.invoke(main, ["targets", "--db", url, "--format", "csv", "--explain"])
    lines = res.stdout.splitlines()
    assert lines[0].startswith("status,indicator,region") and any(x.startswith("met,") for x in lines)
    res = runner.invoke(main, ["claims", "--db", url, "--region", "Almaty", "--explain", "--format", "jsonl"])
    claims = [json.loads(x) for x in res.stdout.splitlines()]
    assert any(c["status"] == "agree" and any("agree" in v for v in c["verdicts"]) for c in claims)


def test_reconcile_outputs_to_files(example_store: Database, tmp_path: Path) -> None:
    import pyarrow.parquet as pq
    from click.testing import CliRunner

    from sandar.cli import main

    runner = CliRunner()
    out = tmp_path / "targets.parquet"
    res = runner.invoke(main, ["targets", "--db", example_store.url, "--format", "parquet", "-o", str(out)])
    assert res.exit_code == 0, res.output
    table = pq.read_table(out)
    assert table.num_rows == len(example_store.targets()) and "status" in table.column_names
    csv_out = tmp_path / "conflicts.csv"
    runner.invoke(main, ["conflicts", "--db", example_store.url, "--format", "csv", "-o", str(csv_out)])
    assert csv_out.read_text(encoding="utf-8").startswith("indicator,region,a,a_doc,b,b_doc")
