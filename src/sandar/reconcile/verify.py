"""Facts checked against official statistics.

Each reported fact whose indicator, measure, sector, region and unit match an official series gets a
verdict against the official value of its year:

- confirmed: the official value lies in the interval the text allows (its rounding, its qualifier:
  "пятую часть" is 20 ± 12%, "971,2 млрд" is 971.15–971.25 bn, "более 40%" is above 40);
- close: it lies outside, but within ``TOLERANCE`` of it (a preliminary figure later revised: the
  press quotes preliminary figures, the Bureau publishes revised ones);
- contradicted: farther than that;
- no official figure: no series matches, with the reason (a town, a part of a year, a target…).

Which year: the fact's period when it names one whole year; a fact without a period takes the year of
its document (and the year before, whose figures a document of that year usually quotes); a fact of
an undated document is compared with the latest ``UNDATED_YEARS`` years of the series, and says so.
"Investment grew X%" is compared with the volume index (real growth), never the nominal change.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sandar.official import OfficialValue
from sandar.reconcile.intervals import Interval, interval

TOLERANCE = {"level": 0.03, "share": 1.0, "change": 1.0, "rate": 0.5}
"""How far outside the text's interval an official value may lie and still be close: a relative
part of the value for levels (3%), percentage points for shares, changes and rates."""
LEVEL_RANGE = (0.5, 2.0)
"""A level further than this from the official total (as a ratio) is a part of it (one project,
one sector) or a sum over several years: not comparable with the annual figure."""
UNDATED_YEARS = 7
SERIES_PREFERENCE = (
    "grp",
    "grp_real_growth",
    "grp_share",
    "gva_share",
    "investment",
    "investment_real_growth",
    "investment_share",
    "population",
)
"""When several series fit a fact, the first of these wins: for a change, real growth (the volume
index) before the nominal change."""
VERDICTS = ("confirmed", "close", "contradicted", "no official figure")

Key = tuple[str, str, str, str, str]  # indicator, measure, sector, region, unit


@dataclass
class Verification:
    fact: dict[str, Any]
    verdict: str
    why: str
    official: OfficialValue | None = None
    compared: list[OfficialValue] = field(default_factory=list)

    def describe(self) -> dict[str, Any]:
        f, o = self.fact, self.official
        return {
            "id": f.get("id"),
            "doc": f.get("doc"),
            "quote": f.get("quote"),
            "value": f.get("value"),
            "unit": f.get("unit"),
            "qualifier": f.get("qualifier"),
            "measure": f.get("measure"),
            "indicator": f.get("indicator"),
            "sector": f.get("sector"),
            "region": f.get("region"),
            "period": f.get("period"),
            "published": f.get("published"),
            "verdict": self.verdict,
            "why": self.why,
            "official_value": None if o is None else _clean(o.value),
            "official_year": None if o is None else o.year,
            "series": None if o is None else o.series,
            "borders": None if o is None else o.borders,
            "source": None if o is None else o.source,
            "formula": None if o is None else o.formula,
            "compared": [{"year": v.year, "value": _clean(v.value)} for v in self.compared],
        }


class OfficialIndex:
    """Official values by (indicator, measure, sector, region, unit), then by year."""

    def __init__(self, values: Iterable[OfficialValue]) -> None:
        grouped: dict[Key, dict[str, dict[int, list[OfficialValue]]]] = defaultdict(
            lambda: defaultdict(lambda: defaultdict(list))
        )
        for v in values:
            if v.sector == "other":  # several sections share it: no one series is "other"
                continue
            grouped[_key(v.indicator, v.measure, v.sector, v.region, v.unit)][v.series][v.year].append(v)
        self._series: dict[Key, dict[int, OfficialValue]] = {}
        for key, by_series in grouped.items():
            for name in sorted(by_series, key=_preference):
                years = {y: vs[0] for y, vs in by_series[name].items() if len(vs) == 1}
                if years:  # the preferred series with unambiguous values
                    self._series[key] = years
                    break

    def __len__(self) -> int:
        return len(self._series)

    def series(self, fact: dict[str, Any]) -> dict[int, OfficialValue] | None:
        sector = fact.get("sector")
        if isinstance(sector, list):
            return None
        key = _key(fact.get("indicator"), fact.get("measure"), sector, fact.get("region"), fact.get("unit"))
        return self._series.get(key)

    def regions(self) -> set[str]:
        return {k[3] for k in self._series}


def verify(
    facts: Iterable[dict[str, Any]], official: OfficialIndex | Iterable[OfficialValue]
) -> list[Verification]:
    """A verdict for every fact (records as the store returns them)."""
    index = official if isinstance(official, OfficialIndex) else OfficialIndex(official)
    regions = index.regions()
    return [verify_one(f, index, regions) for f in facts]


def verify_one(fact: dict[str, Any], index: OfficialIndex, regions: set[str] | None = None) -> Verification:
    if fact.get("kind", "fact") != "fact":
        return Verification(fact, "no official figure", f"a {fact.get('kind')}, not a reported figure")
    series = index.series(fact)
    if series is None:
        return Verification(fact, "no official figure", _why_no_series(fact, regions or index.regions()))
    years, how = _years(fact, series)
    if not years:
        return Verification(fact, "no official figure", how)
    candidates = [series[y] for y in years]
    stated = interval(fact)
    if fact.get("measure") == "level":
        ratio = float(fact["value"]) / max(abs(candidates[-1].value), 1e-9)
        if not LEVEL_RANGE[0] <= ratio <= LEVEL_RANGE[1]:
            return Verification(
                fact,
                "no official figure",
                f"{ratio:.0%} of the official total ({_fmt(candidates[-1])}): a part of it or a sum "
                "over years, not the annual figure",
                candidates[-1],
                candidates,
            )
    best = min(candidates, key=lambda v: (_distance(stated, v.value), -v.year))
    gap = _distance(stated, best.value)
    allowed = _tolerance(fact, best.value)
    span = _span(candidates)
    if gap == 0:
        verdict = "confirmed"
        why = f"official {_fmt(best)} lies within {stated}"
    elif gap <= allowed:
        verdict = "close"
        why = f"official {_fmt(best)} is {_gap(fact, gap, best.value)} outside {stated}"
        why += f" (tolerance {_allowed(fact)})"
    else:
        verdict = "contradicted"
        why = f"official {_fmt(best)} is {_gap(fact, gap, best.value)} outside {stated}"
    if len(candidates) > 1:
        why += f"; {how}: {span}"
    elif how:
        why += f"; {how}"
    if best.borders != "current":
        why += f"; borders {best.borders}"
    return Verification(fact, verdict, why, best, candidates)


def _years(fact: dict[str, Any], series: dict[int, OfficialValue]) -> tuple[list[int], str]:
    """The official years a fact may refer to, and how they were chosen."""
    period = fact.get("period")
    if period:
        text = str(period)
        if "-" in text:  # months: only a whole year is comparable
            start, _, end = text.partition("/")
            if start[5:7] == "01" and end[5:7] == "12" and start[:4] == end[:4]:
                text = start[:4]
            else:
                return [], f"the period {period} is part of a year; official figures are annual"
        if "/" in text:
            return [], f"the period {period} spans several years; official figures are annual"
        year = int(text[:4])
        if year not in series:
            return [], f"no official figure for {year} (the series has {min(series)}–{max(series)})"
        return [year], ""
    published = str(fact.get("published") or "")[:4]
    if published.isdigit():
        year = int(published)
        years = [y for y in (year - 1, year) if y in series]
        if not years:
            return [], f"no official figure for {year} or {year - 1}, the document's years"
        return years, f"no period stated: the document's year {year} and the year before"
    latest = sorted(series)[-UNDATED_YEARS:]
    return latest, f"document undated, no period stated: compared with {latest[0]}–{latest[-1]}"


def _why_no_series(fact: dict[str, Any], regions: set[str]) -> str:
    region = fact.get("region")
    if isinstance(region, list) or not region:
        return "no single region"
    if region not in regions:
        return f"no official regional series for {region}"
    if isinstance(fact.get("sector"), list):
        return "several sectors together"
    what = f"{fact.get('indicator')} {fact.get('measure')}"
    if fact.get("sector"):
        what += f" of {fact.get('sector')}"
    return f"no official series of {what} in {fact.get('unit')} for {region}"


def _distance(i: Interval, x: float) -> float:
    if i.contains(x):
        return 0.0
    return i.low - x if x <= i.low else x - i.high


def _tolerance(fact: dict[str, Any], official: float) -> float:
    measure = str(fact.get("measure"))
    part = TOLERANCE.get(measure, TOLERANCE["level"])
    return part * abs(official) if measure == "level" else part


def _allowed(fact: dict[str, Any]) -> str:
    measure = str(fact.get("measure"))
    part = TOLERANCE.get(measure, TOLERANCE["level"])
    return f"{part:.0%}" if measure == "level" else f"{part:g} pp"


def _gap(fact: dict[str, Any], gap: float, official: float) -> str:
    if fact.get("measure") == "level":
        return f"{gap / max(abs(official), 1e-9):.1%}"
    return f"{gap:.2g} pp"


def _fmt(v: OfficialValue) -> str:
    return f"{_human(v.value, v.unit)} ({v.series}, {v.year})"


def _span(values: list[OfficialValue]) -> str:
    low = min(values, key=lambda v: v.value)
    high = max(values, key=lambda v: v.value)
    return (
        f"{_human(low.value, low.unit)}–{_human(high.value, high.unit)} in {values[0].year}–{values[-1].year}"
    )


def _human(x: float, unit: str) -> str:
    if unit == "%":
        return f"{x:.1f}%"
    for scale, word in ((1e12, "trn"), (1e9, "bn"), (1e6, "mn")):
        if abs(x) >= scale:
            return f"{x / scale:.4g} {word} {unit}"
    return f"{x:,.0f} {unit}".replace(",", " ")


def _clean(x: float) -> float | int:
    return int(x) if float(x).is_integer() else round(x, 6)


def _key(indicator: Any, measure: Any, sector: Any, region: Any, unit: Any) -> Key:
    return (str(indicator), str(measure), str(sector or ""), str(region), str(unit))


def _preference(series: str) -> int:
    return SERIES_PREFERENCE.index(series) if series in SERIES_PREFERENCE else len(SERIES_PREFERENCE)
