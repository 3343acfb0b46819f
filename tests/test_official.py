"""Official statistics: the readers, the derived series, the diversification measures (against values
computed by hand), and the shipped dataset end to end (the checks its provenance states)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml

from sandar.official import (
    OfficialDataError,
    derive,
    diversification,
    diversification_table,
    read_official,
    shipped_dataset,
)
from sandar.official.diversification import measures

CASES = yaml.safe_load((Path(__file__).parent / "cases" / "diversification.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("case", CASES, ids=[c["name"] for c in CASES])
def test_measures_against_hand_computed_values(case: dict[str, Any]) -> None:
    m = measures({k: float(v) for k, v in case["shares"].items()}, case.get("national"))
    assert m["hhi"] == pytest.approx(case["hhi"], abs=1e-6)
    assert m["entropy"] == pytest.approx(case["entropy"], abs=1e-6)
    assert m["entropy_norm"] == pytest.approx(case["entropy_norm"], abs=1e-6)
    assert m["top3_share"] == pytest.approx(case["top3_share"], abs=1e-6)
    assert (m["ranked"][0][1] > 0.5) is case["single_industry"]
    if "krugman" in case:
        assert m["krugman"] == pytest.approx(case["krugman"], abs=1e-9)
        assert m["lq"] == pytest.approx(case["lq"])


def test_no_positive_value_is_an_error() -> None:
    with pytest.raises(ValueError, match="above zero"):
        measures({"A": 0.0, "B": -1.0})


def _write(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


BNS = """date,region,item_code,item_name,value,transformation
2020-12-31,ALM,A,Сельское хозяйство,300.0,level
2020-12-31,ALM,C,Обрабатывающая промышленность,100.0,level
2020-12-31,ALM,GDP,ВРП,450.0,level
2021-12-31,ALM,A,Сельское хозяйство,200.0,level
2021-12-31,ALM,C,Обрабатывающая промышленность,100.0,level
2021-12-31,ALM,GDP,ВРП,330.0,level
2021-12-31,ZHT,A,Сельское хозяйство,150.0,level
2021-12-31,ZHT,GDP,ВРП,160.0,level
2021-12-31,national,A,Сельское хозяйство,350.0,level
2021-12-31,national,C,Обрабатывающая промышленность,350.0,level
2021-12-31,national,GDP,ВРП,800.0,level
2016-12-31,YKO,A,Сельское хозяйство,90.0,level
"""


def test_bns_layout_normalised_with_borders_kept(tmp_path: Path) -> None:
    values = read_official(_write(tmp_path, "gva_nominal_by_region_section.csv", BNS))
    by = {(v.region, v.year, v.item_code): v for v in values}
    old, new = by[("Almaty Region", 2020, "A")], by[("Almaty Region", 2021, "A")]
    assert old.value == 300e6 and old.unit == "KZT" and old.sector == "agriculture"
    assert old.borders == "before 2021 (incl. Zhetisu Region)" and new.borders == "current"
    assert by[("South Kazakhstan Region", 2016, "A")].borders.startswith("until 2018")
    assert by[("Kazakhstan", 2021, "GDP")].sector is None
    assert {v.series for v in values} == {"gva"}


def test_diversification_of_a_small_table(tmp_path: Path) -> None:
    values = read_official(_write(tmp_path, "gva_nominal_by_region_section.csv", BNS))
    d = diversification(values, "Almaty Region", 2021)
    assert d is not None
    assert d.shares == pytest.approx({"A": 2 / 3, "C": 1 / 3})  # GDP, a total, is not a sector
    assert d.hhi == pytest.approx(5 / 9)
    assert d.krugman == pytest.approx(2 * abs(2 / 3 - 0.5))
    assert d.lq["A"] == pytest.approx((2 / 3) / 0.5)
    assert d.single_industry and d.largest == "A"
    assert diversification(values, "Almaty Region", 1999) is None
    assert {(x.region, x.year) for x in diversification_table(values)} >= {
        ("Almaty Region", 2020),
        ("Zhetisu Region", 2021),
        ("Kazakhstan", 2021),
    }


def test_derived_shares_and_growth_carry_their_formulas(tmp_path: Path) -> None:
    grp = """date,region,item_code,item_name,value,transformation
2020-12-31,ALA,GDP,ВРП,200.0,level
2021-12-31,ALA,GDP,ВРП,250.0,level
2020-12-31,national,GDP,ВРП,1000.0,level
2021-12-31,national,GDP,ВРП,1250.0,level
"""
    pop = """date,region,item_code,item_name,value,transformation
2021-12-31,ALA,ALL,ALL,2000000,level
"""
    index = """date,region,item_code,item_name,value,transformation
2021-12-31,ALA,GDP,ВРП,104.5,level
"""
    values = [
        *read_official(_write(tmp_path, "grp_nominal_by_region.csv", grp)),
        *read_official(_write(tmp_path, "population_avg_by_region.csv", pop)),
        *read_official(_write(tmp_path, "grp_volume_index_by_region.csv", index)),
    ]
    derived = {(v.series, v.region, v.year): v for v in derive(values)}
    share = derived[("grp_share", "Almaty", 2021)]
    assert share.value == pytest.approx(20.0) and share.unit == "%" and share.measure == "share"
    assert share.formula == "grp[Almaty, 2021] / grp[Kazakhstan, 2021] × 100"
    assert derived[("grp_nominal_growth", "Almaty", 2021)].value == pytest.approx(25.0)
    real = derived[("grp_real_growth", "Almaty", 2021)]
    assert real.value == pytest.approx(4.5) and real.measure == "change"
    per_capita = derived[("grp_per_capita", "Almaty", 2021)]
    assert per_capita.value == pytest.approx(250e6 / 2e6)
    assert ("grp_per_capita", "Almaty", 2020) not in derived  # no population that year


def test_plain_layout_with_names_in_any_language_and_scaled_units(tmp_path: Path) -> None:
    text = """indicator,region,period,value,unit,source
investment,Алматы,2020,976.8,млрд тенге,пресс-релиз
population,KZ-79,2023,1.2,million persons,BNS
unemployment,Қарағанды облысы,2022,4.9,%,BNS
"""
    values = read_official(_write(tmp_path, "mine.csv", text))
    assert [(v.region, v.value, v.unit) for v in values] == [
        ("Almaty", 976.8e9, "KZT"),
        ("Shymkent", 1.2e6, "count"),
        ("Karaganda Region", 4.9, "%"),
    ]
    assert values[0].indicator == "investment" and values[2].indicator == "unemployment"
    assert values[0].source == "пресс-релиз"


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.csv", "a,b,c\n1,2,3\n", "unknown header"),
        ("x.csv", "", "empty"),
        (
            "grp_nominal_by_region.csv",
            "date,region,item_code,item_name,value,transformation\n2020-12-31,ATL,GDP,ВРП,1,level\n",
            "row 2: unknown region code 'ATL'",
        ),
        (
            "grp_nominal_by_region.csv",
            "date,region,item_code,item_name,value,transformation\n"
            "2020-12-31,ALA,GDP,ВРП,1,level\n2021-12-31,ALA,GDP,ВРП,много,level\n",
            "row 3: 'много' is not a number",
        ),
        (
            "grp_nominal_by_region.csv",
            "date,region,item_code,item_name,value,transformation\nвчера,ALA,GDP,ВРП,1,level\n",
            "is not a year",
        ),
        (
            "other_table.csv",
            "date,region,item_code,item_name,value,transformation\n",
            "cannot tell the series",
        ),
        (
            "p.csv",
            "indicator,region,period,value,unit,source\ngdp,Атлантида,2020,1,KZT,x\n",
            "unknown region",
        ),
        ("p.csv", "indicator,region,period,value,unit,source\ngdp,Алматы,2020,1,parsecs,x\n", "unknown unit"),
        ("p.csv", "indicator,region,period,value,unit,source\ngdp,Алматы,2020,nan,KZT,x\n", "not a finite"),
    ],
)
def test_bad_tables_get_one_line_naming_the_file(
    tmp_path: Path, name: str, content: str, message: str
) -> None:
    path = _write(tmp_path, name, content)
    with pytest.raises(OfficialDataError) as err:
        read_official(path)
    assert message in str(err.value) and str(path) in str(err.value) and "\n" not in str(err.value)


def test_binary_and_missing_files(tmp_path: Path) -> None:
    binary = tmp_path / "b.csv"
    binary.write_bytes(b"\x00\x01\x02" * 100)
    with pytest.raises(OfficialDataError, match="binary"):
        read_official(binary)
    with pytest.raises(OfficialDataError, match=r"nothing\.csv"):
        read_official(tmp_path / "nothing.csv")


# -- the shipped dataset -----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def shipped() -> list[Any]:
    paths = shipped_dataset()
    assert len(paths) == 7
    return [v for p in paths for v in read_official(p)]


@pytest.mark.parametrize(
    ("year", "share"), [(2015, 22.3), (2018, 19.6), (2020, 19.1), (2022, 18.5), (2024, 22.9)]
)
def test_almaty_share_of_national_grp(shipped: list[Any], year: int, share: float) -> None:
    found = [
        v for v in derive(shipped) if v.series == "grp_share" and v.region == "Almaty" and v.year == year
    ]
    assert len(found) == 1 and round(found[0].value, 1) == share


def test_almaty_2020_investment_and_its_volume_index(shipped: list[Any]) -> None:
    level = [v for v in shipped if v.series == "investment" and v.region == "Almaty" and v.year == 2020]
    assert round(level[0].value / 1e9, 1) == 976.8
    real = [v for v in derive(shipped) if v.series == "investment_real_growth" and v.region == "Almaty"]
    assert round({v.year: v.value for v in real}[2020], 1) == 17.9


def test_regions_sum_to_the_nation(shipped: list[Any]) -> None:
    grp = [v for v in shipped if v.series == "grp"]
    for year in range(2011, 2026):
        parts = {v.region: v.value for v in grp if v.year == year and v.region != "Kazakhstan"}
        if "Shymkent" in parts:  # South Kazakhstan and its successors are never added together
            parts.pop("South Kazakhstan Region", None)
        national = next(v.value for v in grp if v.year == year and v.region == "Kazakhstan")
        assert sum(parts.values()) == pytest.approx(national, rel=1e-3), year


def test_almaty_diversification_is_computed_for_every_year(shipped: list[Any]) -> None:
    table = [d for d in diversification_table(shipped) if d.region == "Almaty"]
    assert [d.year for d in table] == list(range(2010, 2026))
    for d in table:
        assert sum(d.shares.values()) == pytest.approx(1.0)
        assert 1 / d.n_sectors <= d.hhi <= 1 and 0 <= d.entropy_norm <= 1 and d.krugman is not None
    latest = table[-1]
    assert latest.largest == "G" and not latest.single_industry  # trade leads, far from half
    # before 2014 the Bureau lumped I, K and M–S together: those years are marked as not comparable
    assert [d.year for d in table if d.breakdown.startswith("coarse")] == list(range(2010, 2014))
    oil = [d for d in diversification_table(shipped) if d.region == "Atyrau Region" and d.year == 2011]
    assert oil[0].single_industry and oil[0].largest == "B"  # mining
