"""Claims: facts that state the same thing (indicator, measure, sector, region, unit and an overlapping
or unstated period), and the verdict on every pair of them from different documents.

Grouping is one pass over the facts with a dictionary (linear); pairs are compared only inside a
claim, and a claim larger than ``MAX_PAIRS_FROM`` is compared against its most common value only.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sandar.reconcile.intervals import verdict

MAX_PAIRS_FROM = 60


@dataclass
class Verdict:
    verdict: str  # agree, compatible, conflict
    why: str
    a: dict[str, Any]
    b: dict[str, Any]


@dataclass
class Claim:
    key: tuple[str, ...]  # indicator, measure, sector, region, unit
    facts: list[dict[str, Any]] = field(default_factory=list)
    verdicts: list[Verdict] = field(default_factory=list)

    @property
    def status(self) -> str:
        kinds = {v.verdict for v in self.verdicts}
        for k in ("conflict", "compatible", "agree"):
            if k in kinds:
                return k
        return "single"

    def describe(self) -> dict[str, Any]:
        indicator, measure, sector, region, unit = self.key
        return {
            "indicator": indicator,
            "measure": measure,
            "sector": sector or None,
            "region": region,
            "unit": unit,
            "facts": len(self.facts),
            "status": self.status,
            "documents": len({f.get("doc") for f in self.facts}),
        }


def claim_key(f: dict[str, Any]) -> tuple[str, ...]:
    sector = f.get("sector")
    sector_text = ";".join(sorted(sector)) if isinstance(sector, list) else (sector or "")
    return (
        str(f.get("indicator")),
        str(f.get("measure")),
        sector_text,
        str(f.get("region")),
        str(f.get("unit")),
    )


def _periods_meet(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Overlapping periods; a fact that states none is about the year of its document."""
    pa = a.get("period") or (str(a["published"])[:4] if a.get("published") else None)
    pb = b.get("period") or (str(b["published"])[:4] if b.get("published") else None)
    if not pa or not pb:
        return True
    ya = (str(pa)[:4], str(pa).split("/")[-1][:4])
    yb = (str(pb)[:4], str(pb).split("/")[-1][:4])
    return ya[0] <= yb[1] and yb[0] <= ya[1]


def build_claims(facts: Iterable[dict[str, Any]], kinds: tuple[str, ...] = ("fact",)) -> list[Claim]:
    """Group reported facts (not targets or forecasts) into claims and judge their pairs."""
    groups: dict[tuple[str, ...], Claim] = {}
    for f in facts:
        if f.get("kind") not in kinds or f.get("indicator") == "other":
            continue
        key = claim_key(f)
        groups.setdefault(key, Claim(key)).facts.append(f)
    claims = list(groups.values())
    for claim in claims:
        _judge(claim)
    return claims


def _judge(claim: Claim) -> None:
    facts = claim.facts
    if len(facts) < 2:
        return
    if len(facts) <= MAX_PAIRS_FROM:
        pairs = [(a, b) for i, a in enumerate(facts) for b in facts[i + 1 :]]
    else:  # a large claim: each fact against the most common value
        counts: dict[float, int] = defaultdict(int)
        for f in facts:
            counts[float(f["value"])] += 1
        mode = max(counts, key=lambda v: counts[v])
        anchor = next(f for f in facts if float(f["value"]) == mode)
        pairs = [(anchor, f) for f in facts if f is not anchor]
    for a, b in pairs:
        if a.get("doc") == b.get("doc") or not _periods_meet(a, b):
            continue
        v, why = verdict(a, b)
        claim.verdicts.append(Verdict(v, why, a, b))
