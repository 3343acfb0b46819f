"""Series derived from official values, each with its formula written out with its inputs.

- ``grp_share``, ``investment_share``: a region's share of the national total (%);
- ``gva_share``: a section's share of the region's GRP (%);
- ``grp_per_capita``: GRP per person of the average population. The Bureau recalculated population to
  the 2021 borders for every year, so a region with its old borders is divided by the population of
  itself and the region later split off it (named in the formula);
- ``grp_nominal_growth``, ``investment_nominal_growth``: year-over-year change of the levels (%), only
  between years with the same borders;
- ``grp_real_growth``, ``investment_real_growth``: the volume index minus 100 (%): what "the economy
  grew by X%" and "investment grew by X%" mean.

Historical South Kazakhstan Region is never added to Shymkent and Turkistan Region, and the GVA totals
(IND, GDP, NET_TAXES, FISIM) are never added to the sections.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from sandar.official.tables import CURRENT, OfficialValue, bns

NATIONAL = "Kazakhstan"


def derive(values: Iterable[OfficialValue]) -> list[OfficialValue]:
    """Every derived value the given observed values allow."""
    observed = [v for v in values if v.formula is None]
    by: dict[tuple[str, str, str, int], OfficialValue] = {}
    for v in observed:
        by[(v.series, v.item_code, v.region, v.year)] = v
    out: list[OfficialValue] = []
    out += _shares(observed, by, "grp", "grp_share")
    out += _shares(observed, by, "investment", "investment_share")
    out += _gva_shares(observed, by)
    out += _per_capita(observed, by)
    out += _growth(observed, by, "grp", "grp_nominal_growth")
    out += _growth(observed, by, "investment", "investment_nominal_growth")
    out += _real(observed, "grp_volume_index", "grp_real_growth")
    out += _real(observed, "investment_volume_index", "investment_real_growth")
    return out


def _ref(v: OfficialValue) -> str:
    item = "" if v.item_code in ("GDP", "TOTAL", "ALL") else f", {v.item_code}"
    return f"{v.series}[{v.region}, {v.year}{item}]"


def _shares(
    observed: list[OfficialValue], by: dict[tuple[str, str, str, int], OfficialValue], series: str, name: str
) -> list[OfficialValue]:
    out = []
    for v in observed:
        if v.series != series or v.region == NATIONAL:
            continue
        total = by.get((series, v.item_code, NATIONAL, v.year))
        if total is None or total.value == 0:
            continue
        out.append(
            replace(
                v,
                series=name,
                measure="share",
                unit="%",
                value=v.value / total.value * 100,
                formula=f"{_ref(v)} / {_ref(total)} × 100",
            )
        )
    return out


def _gva_shares(
    observed: list[OfficialValue], by: dict[tuple[str, str, str, int], OfficialValue]
) -> list[OfficialValue]:
    aggregates = set(bns()["aggregates"])
    out = []
    for v in observed:
        if v.series != "gva" or v.item_code in aggregates:
            continue
        total = by.get(("gva", "GDP", v.region, v.year)) or by.get(("grp", "GDP", v.region, v.year))
        if total is None or total.value == 0:
            continue
        out.append(
            replace(
                v,
                series="gva_share",
                measure="share",
                unit="%",
                value=v.value / total.value * 100,
                formula=f"{_ref(v)} / {_ref(total)} × 100",
            )
        )
    return out


def _per_capita(
    observed: list[OfficialValue], by: dict[tuple[str, str, str, int], OfficialValue]
) -> list[OfficialValue]:
    regions: dict[str, str] = bns()["regions"]
    successor_of = {regions[a]: regions[b] for a, b in bns()["split_off"].items()}
    out = []
    for v in observed:
        if v.series != "grp":
            continue
        people = [by.get(("population", "ALL", v.region, v.year))]
        if v.borders != CURRENT:
            if v.region not in successor_of:  # South Kazakhstan: no population of its own borders
                continue
            people.append(by.get(("population", "ALL", successor_of[v.region], v.year)))
        if any(p is None for p in people):
            continue
        found = [p for p in people if p is not None]
        total = sum(p.value for p in found)
        if total <= 0:
            continue
        refs = " + ".join(_ref(p) for p in found)
        out.append(
            replace(
                v,
                series="grp_per_capita",
                value=v.value / total,
                formula=f"{_ref(v)} / ({refs})" if len(found) > 1 else f"{_ref(v)} / {refs}",
            )
        )
    return out


def _growth(
    observed: list[OfficialValue], by: dict[tuple[str, str, str, int], OfficialValue], series: str, name: str
) -> list[OfficialValue]:
    out = []
    for v in observed:
        if v.series != series:
            continue
        before = by.get((series, v.item_code, v.region, v.year - 1))
        if before is None or before.value == 0 or before.borders != v.borders:
            continue
        out.append(
            replace(
                v,
                series=name,
                measure="change",
                unit="%",
                value=(v.value / before.value - 1) * 100,
                formula=f"({_ref(v)} / {_ref(before)} − 1) × 100",
            )
        )
    return out


def _real(observed: list[OfficialValue], series: str, name: str) -> list[OfficialValue]:
    return [
        replace(v, series=name, measure="change", value=v.value - 100, formula=f"{_ref(v)} − 100")
        for v in observed
        if v.series == series
    ]
