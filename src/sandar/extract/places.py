"""Territories named in a text, from the gazetteer ``lang/regions.yaml``.

``find_places(text, low)`` returns every mention (longest match first, whole words) with the
territory's canonical English name and kind. Forms marked case-sensitive ("Семей", "Рудный") are
matched only as written.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sandar import lang as lexicons
from sandar.extract.patterns import alternation


def _month_words() -> str:
    forms: list[str] = []
    for code in lexicons.LANGS:
        months = lexicons.load(code, "attribution")["period"].get("months") or {}
        forms += [f for fs in months.values() for f in fs]
    return alternation(forms)


_DAY_MONTH = r"\d{1,2}\s+" + _month_words() + r"|\d{1,2}\.\d{1,2}\.\d{2,4}"
# what may stand beside the place on a dateline: a date, a year, a time, separators
_DATE_ONLY = re.compile(
    r"[\s,.;:|/–—-]*(?:(?:" + _DAY_MONTH + r")(?:\s+\d{4})?(?:\s*(?:года|г\.|ж\.|жыл\w*))?"
    r"(?:[\s,]+\d{1,2}:\d{2})?)?[\s,.;:|/–—-]*",
    re.IGNORECASE,
)
_DATE_AFTER = re.compile(r"\s*[,.]?\s*(?:" + _DAY_MONTH + r")", re.IGNORECASE)


@dataclass(frozen=True, slots=True)
class Place:
    start: int
    end: int
    id: str
    kind: str  # region, city, town, district, country, world, historical_region


@dataclass(frozen=True)
class Gazetteer:
    pattern: re.Pattern[str]  # lower-cased forms
    exact: re.Pattern[str]  # case-sensitive forms
    by_form: dict[str, str]
    kinds: dict[str, str]
    parents: dict[str, str | None]
    namesakes: frozenset[str] = frozenset()  # towns named like their region: "Ақтөбе", "Ақтөбе облысы"


@cache
def gazetteer() -> Gazetteer:
    """The compiled gazetteer (built once)."""
    data: dict[str, Any] = lexicons.load_shared("regions")
    by_form: dict[str, str] = {}
    exact: dict[str, str] = {}
    kinds: dict[str, str] = {}
    parents: dict[str, str | None] = {}
    names: dict[str, list[str]] = {}
    for t in data["territories"]:
        tid = t["id"]
        names[tid] = [str(n).lower() for ns in (t.get("names") or {}).values() for n in ns]
        kinds[tid] = t["kind"]
        parents[tid] = t.get("parent")
        sensitive = {f for fs in (t.get("case_sensitive") or {}).values() for f in fs}
        for forms in (t.get("forms") or {}).values():
            for f in forms:
                if f in sensitive:
                    exact[" ".join(f.split())] = tid
                else:
                    by_form[" ".join(f.lower().split())] = tid
    return Gazetteer(
        pattern=re.compile(alternation(by_form)),
        exact=re.compile(  # one look-behind for all forms: per branch it cost 4x the whole gazetteer
            r"(?<!\w)(?:" + "|".join(re.escape(f) for f in sorted(exact, key=len, reverse=True)) + r")(?!\w)"
            if exact
            else "(?!)"
        ),
        by_form={**by_form, **exact},
        kinds=kinds,
        parents=parents,
        namesakes=frozenset(
            tid
            for tid, kind in kinds.items()
            if kind == "town"
            and any(r.startswith(n + " ") for n in names[tid] for r in names.get(parents[tid] or "", []))
        ),
    )


def find_places(text: str, low: str, datelines: bool = False) -> list[Place]:
    """Every territory mention of ``text`` (``low`` is its lower-cased copy), in text order; with
    ``datelines``, only the places of publication ("Уральск, 3 ноября 2025 года"), left out otherwise."""
    g = gazetteer()
    found = [_place(g, m.start(), m.end(), m.group()) for m in g.pattern.finditer(low)]
    found += [_place(g, m.start(), m.end(), m.group()) for m in g.exact.finditer(text)]
    found.sort(key=lambda p: (p.start, -p.end))
    out: list[Place] = []
    for p in found:
        if out and p.start < out[-1].end:
            continue
        if _is_dateline(text, p) != datelines:
            continue
        out.append(p)
    return out


def _is_dateline(text: str, p: Place) -> bool:
    """The place of publication, not the subject: "АСТАНА. KAZINFORM —", "Уральск, 3 ноября 2025
    года", "15 октября 2025 года, Актау", "Орал, 12.03.2025"."""
    word = text[p.start : p.end]
    if len(word) > 3 and word.isupper() and text[p.end : p.end + 1] in ".,":
        return True
    line_start = text.rfind("\n", 0, p.start) + 1
    if text[line_start : p.start].strip() and not _DATE_ONLY.fullmatch(text, line_start, p.start):
        return False  # the place does not open its line, nor follow a date alone
    line_end = text.find("\n", p.end)
    line_end = len(text) if line_end < 0 else line_end
    if _DATE_ONLY.fullmatch(text, line_start, p.start) and text[line_start : p.start].strip():
        return _DATE_ONLY.fullmatch(text, p.end, line_end) is not None  # "15 октября 2025 года, Актау"
    return _DATE_AFTER.match(text, p.end) is not None


def _place(g: Gazetteer, start: int, end: int, form: str) -> Place:
    tid = g.by_form.get(" ".join(form.lower().split())) or g.by_form.get(" ".join(form.split()), "")
    return Place(start, end, tid, g.kinds.get(tid, "region"))


@cache
def _names() -> dict[str, str]:
    data: dict[str, Any] = lexicons.load_shared("regions")
    out: dict[str, str] = {}
    for t in data["territories"]:
        tid = t["id"]
        names = [tid, t.get("iso") or ""]
        names += [n for ns in (t.get("names") or {}).values() for n in ns]
        names += [f for fs in (t.get("forms") or {}).values() for f in fs]
        for n in names:
            if n:
                out.setdefault(" ".join(str(n).lower().split()), tid)
    return out


def resolve_region_name(name: str) -> str | None:
    """The canonical id of a territory named in any language, by a form of the gazetteer or its ISO
    code ("Алматы", "Almaty", "KZ-75" -> "Almaty"); None when unknown."""
    return _names().get(" ".join(name.lower().split()))
