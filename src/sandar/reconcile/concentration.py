"""What texts say about how concentrated an economy is: shares held by named sectors.

"около 70% инвестиций приходится на три отрасли" is a fact with measure ``share`` and a list of
sectors; "металлургия даёт 60% промышленности" one with a single sector. Each becomes a statement
shown beside the official diversification measures of its region.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

QUALIFIER_WORDS = {"=": "", ">": "over ", "<": "under ", "~": "about "}


@dataclass(frozen=True)
class Statement:
    region: str
    indicator: str
    sectors: tuple[str, ...]
    share: float
    qualifier: str
    quote: str
    doc: str
    year: int | None
    fact_id: int | None

    def text(self) -> str:
        what = "the economy" if self.indicator == "gdp" else self.indicator
        held = ", ".join(self.sectors)
        n = f"{len(self.sectors)} sectors ({held})" if len(self.sectors) > 1 else held
        when = f" ({self.year})" if self.year else ""
        return (
            f"{QUALIFIER_WORDS.get(self.qualifier, '')}{self.share:.3g}% of {what} in {n}{when}, {self.doc}"
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "region": self.region,
            "indicator": self.indicator,
            "sectors": list(self.sectors),
            "share": self.share,
            "qualifier": self.qualifier,
            "quote": self.quote,
            "doc": self.doc,
            "year": self.year,
            "fact": self.fact_id,
            "text": self.text(),
        }


def statements(facts: Iterable[dict[str, Any]]) -> list[Statement]:
    """Concentration statements from reported sector-share facts about one region."""
    out = []
    for f in facts:
        sector = f.get("sector")
        region = f.get("region")
        if f.get("kind") != "fact" or f.get("measure") != "share" or f.get("unit") != "%":
            continue
        if not sector or not isinstance(region, str) or region == "World":
            continue
        sectors = tuple(sector) if isinstance(sector, list) else (str(sector),)
        period = str(f.get("period") or f.get("published") or "")[:4]
        out.append(
            Statement(
                region=region,
                indicator=str(f.get("indicator")),
                sectors=sectors,
                share=float(f["value"]),
                qualifier=str(f.get("qualifier") or "="),
                quote=str(f.get("quote")),
                doc=str(f.get("doc")),
                year=int(period) if period.isdigit() else None,
                fact_id=f.get("id"),
            )
        )
    return out
