"""Official statistics in the store (SQLite and a real PostgreSQL) and on the command line: import
once, revise, verify stored facts, diversification; bad tables get one line and the rest go on."""

from __future__ import annotations

import csv
import json
from pathlib import Path

from click.testing import CliRunner

from sandar.cli import main
from sandar.models import Document
from sandar.official import derive, read_official, shipped_dataset
from sandar.store import Database

GRP = """date,region,item_code,item_name,value,transformation
2022-12-31,ALA,GDP,ВРП,18000000.0,level
2023-12-31,ALA,GDP,ВРП,25230000.0,level
2022-12-31,national,GDP,ВРП,100000000.0,level
2023-12-31,national,GDP,ВРП,120000000.0,level
"""
# our own sentences: one figure matches the table above, one does not
TEXT = (
    "По итогам 2023 года валовой региональный продукт Алматы составил 25,2 трлн тенге. "
    "Это почти пятая часть экономики страны. "
    "Аким уверял, что в 2023 году город дал 40% ВВП Казахстана."
)


def _table(folder: Path, text: str = GRP) -> Path:
    path = folder / "grp_nominal_by_region.csv"
    path.write_text(text, encoding="utf-8")
    return path


def test_import_is_idempotent_and_revisions_replace(db_url: str, tmp_path: Path) -> None:
    values = read_official(_table(tmp_path))
    with Database(db_url) as store:
        first = store.import_official(values)
        again = store.import_official(values)
        assert (first.added, first.revised, first.unchanged) == (4, 0, 0)
        assert (again.added, again.revised, again.unchanged) == (0, 0, 4)
        revised = read_official(_table(tmp_path, GRP.replace("25230000.0", "25240000.0")))
        third = store.import_official(revised)
        assert (third.added, third.revised, third.unchanged) == (0, 1, 3)
        stored = store.official(series="grp", region="Almaty", year=2023)
        assert [v.value for v in stored] == [25.24e12]
        assert len(store.official()) == 4


def test_stored_facts_verified_against_stored_official_values(db_url: str, tmp_path: Path) -> None:
    with Database(db_url) as store:
        values = read_official(_table(tmp_path))
        store.import_official(values)
        store.import_official(derive(values))
        store.add(Document("almaty", TEXT, published="2024-02-01"))
        verdicts = {v.fact["quote"]: v for v in store.verify()}
    assert verdicts["25,2 трлн тенге"].verdict == "confirmed"
    assert (
        verdicts["25,2 трлн тенге"].official is not None and verdicts["25,2 трлн тенге"].official.year == 2023
    )
    assert verdicts["40%"].verdict == "contradicted"
    assert "21.0%" in verdicts["40%"].why  # 25.23 / 120 trillion


def test_the_shipped_dataset_loads_in_the_store(db_url: str) -> None:
    with Database(db_url) as store:
        observed = [v for p in shipped_dataset() for v in read_official(p)]
        done = store.import_official(observed)
        store.import_official(derive(observed))
        assert done.added == len(observed)
        rows = store.diversification("Almaty", 2015)
        assert len(rows) == 1 and rows[0].top3[0][0] == "G"
        assert store.official(series="grp_share", region="Almaty", year=2022)[0].formula


def test_cli_import_verify_and_diversification(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "cli.db")
    bad = tmp_path / "broken.csv"
    bad.write_bytes(b"\x00\xff" * 50)
    res = runner.invoke(main, ["official", "import", str(_table(tmp_path)), str(bad), "--db", db])
    assert res.exit_code == 1
    errors = [line for line in res.stderr.splitlines() if line.startswith("sandar:")]
    assert len(errors) == 1 and "broken.csv" in errors[0]
    assert "4 added" in res.stderr
    res = runner.invoke(main, ["official", "import", str(_table(tmp_path)), "--db", db])
    assert res.exit_code == 0 and "0 added, 0 revised, 4 unchanged" in res.stderr
    doc = tmp_path / "almaty.txt"
    doc.write_text(TEXT, encoding="utf-8")
    assert runner.invoke(main, ["ingest", str(doc), "--db", db]).exit_code == 0
    res = runner.invoke(
        main, ["verify", "--db", db, "--format", "jsonl", "--explain", "--verdict", "contradicted"]
    )
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["quote"] for r in rows] == ["40%"] and rows[0]["series"] == "grp_share"
    assert "grp[Almaty, 2023] / grp[Kazakhstan, 2023]" in rows[0]["formula"]
    res = runner.invoke(main, ["official", "show", "--db", db, "--series", "grp_share", "--format", "csv"])
    assert res.stdout.splitlines()[0].startswith("series,region,year,value")
    assert len(res.stdout.splitlines()) == 3


def test_cli_diversification_of_the_shipped_data(runner: CliRunner, tmp_path: Path) -> None:
    db = str(tmp_path / "d.db")
    assert runner.invoke(main, ["official", "import", "--shipped", "--db", db]).exit_code == 0
    res = runner.invoke(main, ["diversification", "--db", db, "--region", "Almaty", "--format", "jsonl"])
    rows = [json.loads(line) for line in res.stdout.splitlines()]
    assert [r["year"] for r in rows] == list(range(2010, 2026))
    assert all(0 < r["hhi"] < 1 for r in rows)
    assert all(r["top3"].startswith("G ") for r in rows if r["year"] >= 2014)  # trade leads
    res = runner.invoke(main, ["diversification", "--db", db, "--format", "csv"])
    lines = res.stdout.splitlines()
    assert len(lines) == 1 + 21  # 20 regions and the country, latest year
    table = {r["region"]: r for r in csv.DictReader(lines)}
    assert table["Atyrau Region"]["single_industry"] == "True"
    assert table["Almaty"]["single_industry"] == "False"
    assert int(table["Almaty"]["n_sectors"]) > 15
    assert runner.invoke(main, ["official", "import", "--db", db]).exit_code == 2  # nothing named


def test_concentration_statements_from_sector_shares() -> None:
    from sandar.reconcile.concentration import statements

    base = {"unit": "%", "measure": "share", "kind": "fact", "region": "Almaty", "doc": "d", "id": 1}
    facts = [
        {
            **base,
            "value": 70,
            "qualifier": "~",
            "indicator": "investment",
            "sector": ["real_estate", "trade"],
        },
        {**base, "value": 60, "qualifier": "=", "indicator": "industrial_output", "sector": "metallurgy"},
        {**base, "value": 20, "qualifier": "=", "indicator": "gdp", "sector": None},  # no sector named
        {**base, "value": 5, "qualifier": "=", "indicator": "gdp", "sector": "it", "kind": "target"},
        {**base, "value": 40, "qualifier": "=", "indicator": "gdp", "sector": "it", "region": "World"},
    ]
    found = statements(facts)
    assert [s.text() for s in found] == [
        "about 70% of investment in 2 sectors (real_estate, trade), d",
        "60% of industrial_output in metallurgy, d",
    ]
