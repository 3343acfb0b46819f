"""Facts against official statistics: the verdicts on small official tables written here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sandar.official import OfficialValue
from sandar.reconcile.verify import VERDICTS, OfficialIndex, verify, verify_one

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "verify.yaml").read_text(encoding="utf-8"))
SOURCE = "tests: a table written by hand"


def _ov(
    series: str,
    indicator: str,
    measure: str,
    region: str,
    year: int,
    value: float,
    unit: str,
    sector: str | None = None,
    borders: str = "current",
) -> OfficialValue:
    return OfficialValue(
        series=series,
        indicator=indicator,
        measure=measure,
        sector=sector,
        item_code=sector or "TOTAL",
        region=region,
        borders=borders,
        year=year,
        value=value,
        unit=unit,
        source=SOURCE,
    )


SHARES = {2018: 19.6, 2019: 19.8, 2020: 19.1, 2021: 19.0, 2022: 18.5, 2023: 20.4, 2024: 22.9, 2025: 22.0}
OFFICIAL = [
    *(_ov("grp_share", "gdp", "share", "Almaty", y, v, "%") for y, v in SHARES.items()),
    _ov("investment", "investment", "level", "Almaty", 2020, 976.8e9, "KZT"),
    _ov("investment", "investment", "level", "Almaty", 2021, 1.1e12, "KZT"),
    _ov("investment_real_growth", "investment", "change", "Almaty", 2020, 17.9, "%"),
    _ov("investment_nominal_growth", "investment", "change", "Almaty", 2020, 25.0, "%"),
    _ov("grp_real_growth", "gdp", "change", "Almaty", 2021, 3.9, "%"),
    _ov("grp_real_growth", "gdp", "change", "Kazakhstan", 2021, 4.1, "%"),
    _ov(
        "grp",
        "gdp",
        "level",
        "Almaty Region",
        2019,
        2.5e12,
        "KZT",
        borders="before 2021 (incl. Zhetisu Region)",
    ),
    _ov("gva_share", "gdp", "share", "Almaty Region", 2019, 12.0, "%", sector="manufacturing"),
    _ov("gva_share", "gdp", "share", "Almaty Region", 2019, 3.0, "%", sector="other"),
]
INDEX = OfficialIndex(OFFICIAL)


def _fact(given: dict[str, Any]) -> dict[str, Any]:
    return {"qualifier": "=", "kind": "fact", "value_max": None, "period": None, "published": None, **given}


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_verdicts(case: dict[str, Any]) -> None:
    result = verify_one(_fact(case["fact"]), INDEX)
    assert result.verdict == case["verdict"], result.why
    for word in case.get("why") or []:
        assert word in result.why, result.why


def test_the_official_value_and_its_series_are_given() -> None:
    (result,) = verify([_fact(CASES[1]["fact"])], OFFICIAL)
    row = result.describe()
    assert row["official_value"] == 976.8e9
    assert row["official_year"] == 2020
    assert row["series"] == "investment"
    assert row["source"] == SOURCE
    assert row["verdict"] in VERDICTS


def test_an_undated_fact_names_every_year_it_was_compared_with() -> None:
    result = verify_one(_fact(CASES[0]["fact"]), INDEX)
    assert [v.year for v in result.compared] == list(range(2019, 2026))
    assert result.official is not None and result.official.year in range(2019, 2026)


def test_other_is_never_a_series() -> None:
    fact = _fact({"quote": "3%", "value": 3, "unit": "%", "measure": "share", "indicator": "gdp"})
    fact.update(sector="other", region="Almaty Region", period="2019")
    assert verify_one(fact, INDEX).verdict == "no official figure"


def test_every_verdict_is_one_of_four() -> None:
    results = verify([_fact(c["fact"]) for c in CASES], INDEX)
    assert {r.verdict for r in results} == set(VERDICTS)
