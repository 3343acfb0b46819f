"""Targets tracked: each target is linked to the later reported facts of the same indicator, region,
sector and unit, and given a status with the figures that decided it.

- met: a reported figure in the horizon reaches the target (a level; the sum of reported jobs or
  projects; or the average of reported growth rates for "рост 5% в год");
- missed: the deadline has passed (a later figure or document is dated after it) and it was not met;
- on track / behind: before the deadline, a growth rate at or below its goal so far, or a sum of
  jobs or projects at or below a straight-line pace to the goal;
- not yet due: before the deadline with no figure yet; no data: no deadline and no later figure.
"The present" is the newest document date in the store, never the clock, so results are repeatable.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sandar.reconcile.claims import claim_key

SUMMED = frozenset({"jobs", "projects", "companies", "housing", "infrastructure"})
LOWER_IS_BETTER = frozenset({"inflation", "unemployment", "interest_rate"})
EVIDENCE = 5  # the latest figures kept as evidence


@dataclass
class Tracked:
    target: dict[str, Any]
    status: str
    why: str
    evidence: list[dict[str, Any]] = field(default_factory=list)
    revises: dict[str, Any] | None = None  # an earlier target this one restates

    def describe(self) -> dict[str, Any]:
        t = self.target
        return {
            "doc": t.get("doc"),
            "quote": t.get("quote"),
            "value": t.get("value"),
            "unit": t.get("unit"),
            "indicator": t.get("indicator"),
            "region": t.get("region"),
            "period": t.get("period"),
            "status": self.status,
            "why": self.why,
            "evidence": [e.get("quote") for e in self.evidence],
            "revises": None if self.revises is None else self.revises.get("quote"),
        }


def _year(value: Any) -> int | None:
    text = str(value or "")
    return int(text[:4]) if text[:4].isdigit() else None


def _deadline(t: dict[str, Any]) -> int | None:
    period = t.get("period")
    return _year(str(period).split("/")[-1]) if period else None


def _when(f: dict[str, Any]) -> int | None:
    """The year a reported figure is about: its period's end, else its document's date."""
    return _deadline(f) or _year(f.get("published"))


@dataclass
class _Series:
    """The reported facts of one key, in time order, with prefix sums for windows."""

    facts: list[dict[str, Any]]
    years: list[int]
    sums: list[float]
    by_doc: dict[Any, list[int]] = field(default_factory=dict)

    @classmethod
    def of(cls, facts: list[dict[str, Any]]) -> _Series:
        keyed = sorted(((_when(f) or 0, str(f.get("published") or ""), i) for i, f in enumerate(facts)))
        ordered = [facts[i] for _, _, i in keyed]
        sums = [0.0]
        by_doc: dict[Any, list[int]] = {}
        for i, f in enumerate(ordered):
            sums.append(sums[-1] + float(f["value"]))
            by_doc.setdefault(f.get("doc"), []).append(i)
        return cls(ordered, [k[0] for k in keyed], sums, by_doc)

    def window(self, start: int, end: int | None) -> tuple[int, int]:
        lo = bisect.bisect_left(self.years, start)
        hi = len(self.years) if end is None else bisect.bisect_right(self.years, end)
        return lo, hi


def track_targets(facts: Iterable[dict[str, Any]]) -> list[Tracked]:
    """Every target with its status, newest restatements marked as revisions of older ones.

    Linear in the facts plus a binary search per target: each key's reported facts are sorted once.
    """
    rows = list(facts)
    now = max((_year(f.get("published")) or 0 for f in rows), default=0)
    grouped: dict[tuple[str, ...], list[dict[str, Any]]] = {}
    for f in rows:
        if f.get("kind") == "fact":
            grouped.setdefault(claim_key(f), []).append(f)
    reported = {k: _Series.of(v) for k, v in grouped.items()}
    targets = sorted(
        (f for f in rows if f.get("kind") == "target"), key=lambda f: str(f.get("published") or "")
    )
    out: list[Tracked] = []
    latest_by_key: dict[tuple[str, ...], dict[str, Any]] = {}
    for t in targets:
        key = claim_key(t)
        result = _status(t, reported.get(key), now)
        earlier = latest_by_key.get(key)
        if earlier is not None and earlier.get("doc") != t.get("doc"):
            result.revises = earlier
        latest_by_key[key] = t
        out.append(result)
    return out


def _status(t: dict[str, Any], series: _Series | None, now: int) -> Tracked:
    start = _year(t.get("published")) or 0
    deadline = _deadline(t)
    goal = float(t["value"])
    # "снизить инфляцию до 5%", "сократить на 10%": met at or under the goal
    below = t.get("indicator") in LOWER_IS_BETTER or goal < 0
    due = deadline is not None and now > deadline
    lo, hi = series.window(start, deadline) if series is not None else (0, 0)
    # the figures reported from the target's year to its deadline, by other documents
    own = [i for i in series.by_doc.get(t.get("doc"), ()) if lo <= i < hi] if series is not None else []
    count = hi - lo - len(own)
    if series is None or count <= 0:
        if deadline is None or due:
            return Tracked(t, "no data", "no later figure of the same indicator and region")
        return Tracked(t, "not yet due", f"deadline {deadline}, no figure reported yet")
    total = series.sums[hi] - series.sums[lo] - sum(float(series.facts[i]["value"]) for i in own)
    later = [f for f in series.facts[max(lo, hi - EVIDENCE) : hi] if f.get("doc") != t.get("doc")]
    if t.get("measure") == "change" and t.get("unit") == "%":
        got = total / count
        how = f"average of {count} reported growth rates {got:.3g}% against {goal:.3g}%"
    elif t.get("indicator") in SUMMED and t.get("measure") == "level" and t.get("unit") == "count":
        got = total
        how = f"sum of {count} reported figures {got:,.0f} against {goal:,.0f}"
    else:
        got = float(later[-1]["value"]) if later else total / count
        how = f"latest reported {got:,.6g} against {goal:,.6g}"
    reached = got <= goal if below else got >= goal
    rate = t.get("measure") == "change" and t.get("unit") == "%"
    if rate and deadline is not None and not due:  # "рост 5% в год до 2025": judged at the end
        return Tracked(t, "on track" if reached else "behind", how, later)
    if reached:
        return Tracked(t, "met", how, later)
    if due:
        return Tracked(t, "missed", how, later)
    if t.get("indicator") in SUMMED and deadline is not None and deadline > start:
        latest = max((_when(f) or start) for f in later) if later else start
        pace = goal * min(1.0, (latest - start + 1) / (deadline - start + 1))
        if got >= pace:  # "20 тысяч рабочих мест к 2025 году": enough so far for the years gone by
            return Tracked(t, "on track", f"{how}; {pace:,.0f} expected by {latest}", later)
    return Tracked(t, "behind", how, later)
