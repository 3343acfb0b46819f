"""Periods stated in a sentence: years, spans of years, months, quarters, halves, year-to-date and
horizons ("к 2030 году", "2030 жылға қарай"), normalised as spec/FACTS.md asks: ``YYYY``,
``YYYY/YYYY`` or ``YYYY-MM/YYYY-MM``.

Relative periods ("в прошлом году", "биыл", "с начала года") need the document's date and are left
out without it. A year that is only a comparison base ("по сравнению с 2019 годом") is not a period.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sandar import lang as lexicons
from sandar.extract.grammar import grammar
from sandar.extract.numbers import skip_blanks
from sandar.extract.patterns import BLANK, alternation
from sandar.extract.vocab import Vocabulary

_YEAR = r"(?:19[89]\d|20\d\d)"
_DAY_BEFORE = re.compile(r"(?<!\d)(?:[1-9]|[12]\d|3[01])" + "[ \t\u00a0]+\\Z")  # "3 " before "ноября"
_DASH = BLANK + r"*[-–—]" + BLANK + r"*"


@dataclass(frozen=True, slots=True)
class Period:
    start: int
    end: int
    value: str
    horizon: bool = False  # "к 2030 году": a deadline, typical of targets
    carries: bool = False  # "по итогам 2020 года": the period of the sentences that follow
    date: bool = False  # a day of a month ("3 ноября 2025 года"): a dateline or an "as of" date


@dataclass(frozen=True)
class _Patterns:
    years: re.Pattern[str]
    month_span: re.Pattern[str]
    months: Vocabulary
    quarters: Vocabulary
    halves: Vocabulary
    relative: Vocabulary
    horizon_before: re.Pattern[str]
    horizon_after: re.Pattern[str]
    comparison: re.Pattern[str]
    comparison_after: re.Pattern[str]
    comparison_near: re.Pattern[str]
    comparison_before: re.Pattern[str]
    results: re.Pattern[str]
    count_words: dict[str, int]

    def months_in(self, span: re.Match[str]) -> int:
        """The number of months of a ``month_span`` match ("9 месяцев", "девяти месяцев")."""
        n = span.group("n")
        return int(n) if n else self.count_words[" ".join(span.group("w").split())]


@cache
def _patterns(lang: str) -> _Patterns:
    data: dict[str, Any] = lexicons.load(lang, "attribution")["period"]
    year_words = alternation(data.get("year_words") or [])
    links = alternation([*(data.get("span_links") or []), "—", "-"])
    span_words = alternation(data.get("months_span") or [])
    months = {str(k): v for k, v in (data.get("months") or {}).items()}
    rel = {
        "ytd": data.get("year_to_date") or [],
        "last": data.get("last_year") or [],
        "this": data.get("this_year") or [],
        "next": data.get("next_year") or [],
        "results": data.get("year_results") or [],
        "early": data.get("past_year_early") or [],
    }
    by_words = alternation(data.get("by_year_words") or [])
    # "за девять месяцев", "тоғыз айда": a count of months written as a word
    cards = lexicons.load(lang, "numbers").get("cardinals") or {}
    count_words = {str(f).lower(): int(v) for v, forms in cards.items() if 2 <= int(v) <= 12 for f in forms}
    # in Russian only after "за" ("за девять месяцев"): "в течение трёх месяцев" is a duration
    count_before = "(?<=за )" if lang == "ru" else ""
    comparison = lexicons.load(lang, "changes").get("comparison") or []
    return _Patterns(
        years=re.compile(
            rf"(?<![\d.,])(?P<y1>{_YEAR})(?:(?:{_DASH}|{BLANK}*(?:{links}){BLANK}+)(?P<y2>{_YEAR}))?"
            rf"(?!\d)(?:{BLANK}*(?:{year_words}))?"
        ),
        month_span=re.compile(
            rf"(?:(?<!\d)(?P<n>1[0-2]|[1-9])(?:-?ти|-?и)?|{count_before}(?P<w>{alternation(count_words)}))"
            rf"{BLANK}+(?:{span_words})"
        ),
        count_words=count_words,
        months=Vocabulary.build(months),
        quarters=Vocabulary.build({str(k): v for k, v in (data.get("quarters") or {}).items()}),
        halves=Vocabulary.build({str(k): v for k, v in (data.get("half_year") or {}).items()}),
        relative=Vocabulary.build(rel),
        horizon_before=re.compile(rf"(?:{by_words}){BLANK}*\Z"),
        horizon_after=re.compile(rf"{BLANK}*(?:{by_words})"),
        comparison=re.compile(rf"(?:{alternation(comparison)})(?:{BLANK}+\w+){{0,2}}{BLANK}*\Z"),
        comparison_after=re.compile(rf"{BLANK}*(?:\w+{BLANK}+)?(?:{alternation(comparison)})"),
        comparison_near=re.compile(rf"{BLANK}*(?:\S+{BLANK}+){{0,2}}(?:{alternation(comparison)})"),
        comparison_before=re.compile(rf"(?:{alternation(comparison)})(?:{BLANK}+\S+){{0,3}}{BLANK}*\Z"),
        results=grammar(lang).results,
    )


def find_periods(low: str, start: int, end: int, lang: str, doc_date: tuple[int, int] | None) -> list[Period]:
    """The periods stated in ``low[start:end]``; ``doc_date`` is (year, month) of the document."""
    p = _patterns(lang)
    out: list[Period] = []
    months = [(h.start, h.end, int(h.label)) for h in p.months.find(low, start, end) if h.label.isdigit()]
    for m in p.years.finditer(low, start, end):
        before = low[max(start, m.start() - 40) : m.start()]
        if p.comparison.search(before) or p.comparison_after.match(low, m.end()):
            continue  # "по сравнению с 2019 годом", "2024 жылға қарағанда"
        y1, y2 = m.group("y1"), m.group("y2")
        value = f"{y1}/{y2}" if y2 and y2 > y1 else y1
        near = [x for x in months if x[1] <= m.start() and m.start() - x[1] < 25]
        near = near or [x for x in months if x[0] >= m.end() and x[0] - m.end() < 25]
        span = p.month_span.search(low, max(start, m.start() - 30), m.start()) or p.month_span.match(
            low, skip_blanks(low, m.end())
        )
        q = next(iter(p.quarters.find(low, max(start, m.start() - 30), m.start())), None) or next(
            iter(p.quarters.find(low, m.end(), min(end, m.end() + 30))), None
        )
        h = next(iter(p.halves.find(low, max(start, m.start() - 30), m.start())), None) or next(
            iter(p.halves.find(low, m.end(), min(end, m.end() + 30))), None
        )
        date = len(near) == 1 and _DAY_BEFORE.search(low, max(start, near[0][0] - 4), near[0][0]) is not None
        if near and not y2:
            first = min(x[2] for x in near)
            last = max(x[2] for x in near)
            value = (
                f"{y1}-{first:02d}/{y1}-{last:02d}" if len(near) > 1 else f"{y1}-{first:02d}/{y1}-{first:02d}"
            )
        elif span is not None and not y2:
            value = f"{y1}-01/{y1}-{p.months_in(span):02d}"
        elif q is not None and not y2:
            k = int(q.label)
            value = f"{y1}-{3 * k - 2:02d}/{y1}-{3 * k:02d}"
        elif h is not None and not y2:
            value = f"{y1}-01/{y1}-06" if h.label == "first" else f"{y1}-07/{y1}-12"
        horizon = bool(p.horizon_before.search(low, max(start, m.start() - 12), m.start())) or bool(
            p.horizon_after.match(low, m.end())
        )
        carries = not date and (
            bool(p.results.search(low, max(start, m.start() - 14), m.start()))
            or bool(p.results.match(low, m.end() + 1))
            or "-" in value
        )
        out.append(Period(m.start(), m.end(), value, horizon, carries, date))
    if doc_date is not None:
        year, month = doc_date
        explicit = list(out)  # periods with a year written out
        bases: list[tuple[int, int]] = []  # "былтырғы 12 айдың көрсеткішінен": a comparison base
        for r in p.relative.find(low, start, end):
            if any(x.start <= r.start < x.end + 15 for x in out):
                continue
            base = p.comparison_near.match(low, r.end)
            if base is not None or p.comparison_before.search(low[max(start, r.start - 40) : r.start]):
                bases.append((max(start, r.start - 40), base.end() if base else r.end))
                continue
            if r.label == "early" and month > 4:
                continue  # "цены выросли за год" in July: the last twelve months, no calendar year
            value = {
                "early": str(year - 1),
                "ytd": f"{year}-01/{year}-{month:02d}",
                "last": str(year - 1),
                "this": str(year),
                "next": str(year + 1),
                "results": str(year - 1 if month <= 6 else year),
            }[r.label]
            out.append(Period(r.start, r.end, value))
        for s in p.month_span.finditer(low, start, end):
            if any(a <= s.start() < b for a, b in bases):
                continue
            if not any(x.start - 40 <= s.start() <= x.end + 10 for x in out):
                out.append(Period(s.start(), s.end(), f"{year}-01/{year}-{p.months_in(s):02d}"))
        # "в апреле" without a year: the year of a relative period beside it ("по итогам года: в
        # апреле"), else the last April up to the document's date
        for a, b, n in months:
            near_year = any(x.start - 25 <= a <= x.end + 25 for x in explicit)
            if near_year or any(a0 <= a < b0 for a0, b0 in bases):
                continue
            beside = [x for x in out if x.start - 25 <= a <= x.end + 25 and x.value.isdigit()]
            y = int(beside[-1].value) if beside else (year if n <= month else year - 1)
            day = _DAY_BEFORE.search(low, max(start, a - 4), a) is not None
            out.append(Period(a, b, f"{y}-{n:02d}/{y}-{n:02d}", date=day))
        # "бірінші жартыжылдық қорытындысы бойынша", "во втором квартале": the document's year
        for h in p.halves.find(low, start, end):
            if not any(x.start - 30 <= h.start <= x.end + 30 for x in out):
                value = f"{year}-01/{year}-06" if h.label == "first" else f"{year}-07/{year}-12"
                out.append(Period(h.start, h.end, value, carries=True))
        for q in p.quarters.find(low, start, end):
            if not any(x.start - 30 <= q.start <= x.end + 30 for x in out):
                k = int(q.label)
                out.append(Period(q.start, q.end, f"{year}-{3 * k - 2:02d}/{year}-{3 * k:02d}", carries=True))
    out.sort(key=lambda x: x.start)
    return out


_DATE_LINE = re.compile(r"(?:^|\n)\s*date\s+(\d{4})-(\d{2})-(\d{2})")
_NUMERIC_DATE = re.compile(r"(?<!\d)(\d{1,2})\.(\d{1,2})\.(\d{4})(?!\d)")


def document_date(text: str, lang: str) -> tuple[int, int] | None:
    """(year, month) of the document from a ``date YYYY-MM-DD`` line or a date near the top."""
    head = text[:400]
    m = _DATE_LINE.search(head)
    if m:
        return int(m.group(1)), int(m.group(2))
    m = _NUMERIC_DATE.search(head)
    if m and 1 <= int(m.group(2)) <= 12:
        return int(m.group(3)), int(m.group(2))
    low = head.lower()
    p = _patterns(lang)
    for hit in p.months.find(low):
        if not hit.label.isdigit():
            continue
        y = _YEAR_AFTER.match(low, hit.end) or _YEAR_BEFORE.search(low, max(0, hit.start - 20), hit.start)
        if y:
            return int(y.group(1)), int(hit.label)
    return None


_YEAR_AFTER = re.compile(BLANK + r"*(" + _YEAR + r")")  # "30 ноября 2023", "30 Қараша 2023"
_YEAR_BEFORE = re.compile(  # Kazakh puts the year first: "2025 жылғы 3 қыркүйек"
    r"(" + _YEAR + r")" + BLANK + r"*(?:ж\.|жылғы)?" + BLANK + r"*\d{1,2}" + BLANK + r"*\Z"
)
