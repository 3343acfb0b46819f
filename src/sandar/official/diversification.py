"""How diversified a region's economy is, from its gross value added by OKED section.

Shares are each section's part of the sum of the sections (totals and adjustments excluded; before
2014 the Bureau gives services I, K and M–S as one item, which then counts as one sector). With
shares s_i (fractions summing to 1) over the n sections with value above zero:

- Herfindahl–Hirschman index HHI = Σ s_i² (1/n when even, 1 for one sector; ×10 000 in ``hhi_points``);
- Shannon entropy H = −Σ s_i ln s_i, and H / ln n (1 when even, 0 for one sector);
- the top-3 sectors' share, in %;
- Krugman specialisation index K = Σ |s_i − S_i| against the national shares S_i (0 = the national
  structure, 2 = nothing in common);
- location quotients LQ_i = s_i / S_i (above 1: more specialised in i than the country);
- single-industry: the largest section holds more than half the value added.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sandar.official.tables import OfficialValue, bns

NATIONAL = "Kazakhstan"
SINGLE_INDUSTRY = 0.5


COARSE_ITEMS = frozenset({"OTHER_SERVICES"})
"""Items that lump several OKED sections together (the tables before 2014)."""


@dataclass(frozen=True)
class Diversification:
    region: str
    year: int
    borders: str
    shares: dict[str, float]  # section code -> share of value added (0..1)
    hhi: float
    entropy: float
    entropy_norm: float
    top3: list[tuple[str, str, float]]  # (code, English name, share 0..1)
    top3_share: float  # %
    largest: str
    largest_share: float  # %
    single_industry: bool
    n_sectors: int
    krugman: float | None = None
    lq: dict[str, float] = field(default_factory=dict)
    national: dict[str, float] = field(default_factory=dict)

    @property
    def hhi_points(self) -> float:
        return self.hhi * 10_000

    @property
    def breakdown(self) -> str:
        """Whether the measures compare with other years: before 2014 the Bureau published I, K and
        M–S as one item, which makes a structure look more concentrated than it is."""
        if any(code in COARSE_ITEMS for code in self.shares):
            return "coarse: I, K, M–S as one item (before 2014); not comparable with later years"
        return "sections A–T"

    def to_dict(self) -> dict[str, Any]:
        names = _names()
        return {
            "region": self.region,
            "year": self.year,
            "borders": self.borders,
            "hhi": round(self.hhi, 4),
            "hhi_points": round(self.hhi_points),
            "entropy": round(self.entropy, 4),
            "entropy_norm": round(self.entropy_norm, 4),
            "top3_share": round(self.top3_share, 1),
            "top3": [{"section": c, "name": n, "share": round(s * 100, 1)} for c, n, s in self.top3],
            "largest": self.largest,
            "largest_share": round(self.largest_share, 1),
            "single_industry": self.single_industry,
            "n_sectors": self.n_sectors,
            "breakdown": self.breakdown,
            "krugman": None if self.krugman is None else round(self.krugman, 4),
            "sectors": [
                {
                    "section": c,
                    "name": names.get(c, c),
                    "share": round(s * 100, 2),
                    "national": None if c not in self.national else round(self.national[c] * 100, 2),
                    "lq": None if c not in self.lq else round(self.lq[c], 3),
                }
                for c, s in sorted(self.shares.items(), key=lambda kv: -kv[1])
            ],
        }


def measures(shares: dict[str, float], national: dict[str, float] | None = None) -> dict[str, Any]:
    """The measures of one structure (values of any scale; zero and negative parts left out)."""
    positive = {k: v for k, v in shares.items() if v > 0}
    total = sum(positive.values())
    if total <= 0:
        raise ValueError("no sector has a value above zero")
    s = {k: v / total for k, v in positive.items()}
    n = len(s)
    entropy = -sum(x * math.log(x) for x in s.values())
    ranked = sorted(s.items(), key=lambda kv: (-kv[1], kv[0]))
    out: dict[str, Any] = {
        "shares": s,
        "hhi": sum(x * x for x in s.values()),
        "entropy": entropy,
        "entropy_norm": entropy / math.log(n) if n > 1 else 0.0,
        "ranked": ranked,
        "top3_share": sum(x for _, x in ranked[:3]) * 100,
        "n": n,
    }
    if national:
        nat_total = sum(v for v in national.values() if v > 0)
        nat = {k: v / nat_total for k, v in national.items() if v > 0}
        keys = set(s) | set(nat)
        out["krugman"] = sum(abs(s.get(k, 0.0) - nat.get(k, 0.0)) for k in keys)
        out["lq"] = {k: s[k] / nat[k] for k in s if nat.get(k)}
        out["national"] = nat
    return out


def _names() -> dict[str, str]:
    return {code: str(spec["en"]) for code, spec in bns()["sections"].items()}


def _structures(values: Iterable[OfficialValue]) -> dict[tuple[str, int], tuple[str, dict[str, float]]]:
    sections = set(bns()["sections"])
    out: dict[tuple[str, int], tuple[str, dict[str, float]]] = {}
    parts: dict[tuple[str, int], dict[str, float]] = defaultdict(dict)
    borders: dict[tuple[str, int], str] = {}
    for v in values:
        if v.series == "gva" and v.formula is None and v.item_code in sections:
            parts[(v.region, v.year)][v.item_code] = v.value
            borders[(v.region, v.year)] = v.borders
    for key, shares in parts.items():
        out[key] = (borders[key], shares)
    return out


def _build(
    region: str, year: int, borders: str, shares: dict[str, float], national: dict[str, float] | None
) -> Diversification | None:
    try:
        m = measures(shares, national if region != NATIONAL else None)
    except ValueError:
        return None
    names = _names()
    ranked: list[tuple[str, float]] = m["ranked"]
    code, top = ranked[0]
    return Diversification(
        region=region,
        year=year,
        borders=borders,
        shares=m["shares"],
        hhi=m["hhi"],
        entropy=m["entropy"],
        entropy_norm=m["entropy_norm"],
        top3=[(c, names.get(c, c), x) for c, x in ranked[:3]],
        top3_share=m["top3_share"],
        largest=code,
        largest_share=top * 100,
        single_industry=top > SINGLE_INDUSTRY,
        n_sectors=m["n"],
        krugman=m.get("krugman"),
        lq=m.get("lq", {}),
        national=m.get("national", {}),
    )


def diversification(values: Iterable[OfficialValue], region: str, year: int) -> Diversification | None:
    """The measures of one region and year (None when the table has no value added for them)."""
    found = [d for d in diversification_table(values) if d.region == region and d.year == year]
    return found[0] if found else None


def diversification_table(values: Iterable[OfficialValue]) -> list[Diversification]:
    """The measures of every region and year of the value added table, national structure included."""
    structures = _structures(values)
    out = []
    for (region, year), (borders, shares) in sorted(structures.items(), key=lambda kv: (kv[0][0], kv[0][1])):
        national = structures.get((NATIONAL, year))
        built = _build(region, year, borders, shares, national[1] if national else None)
        if built is not None:
            out.append(built)
    return out
