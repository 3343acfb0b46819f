"""What a stated figure allows: the interval of true values it is compatible with.

A figure is read as the interval its words and digits imply: ">40%" is (40, 100] for a share; "около
70%" is 70 within ±10%; "пятую часть" is 20 within the rounding a word fraction implies (±12% of the
value); "1,5 млн" is 1.5 million within half of its last written digit; "от 2 до 7%" is [2, 7]. Two
intervals then give a verdict: agree, compatible (they overlap but the values differ), or conflict.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

APPROX = 0.10  # "около", "порядка", "шамамен": ±10% of the value
WORD_FRACTION = 0.12  # "пятую часть", "треть": a word fraction is that rough
WORD_NUMBER = 0.05  # "двадцать", "полтора": rounder than digits
_DIGITS = re.compile(r"\d[\d\s\u00a0\u2009\u202f]*(?:[.,](\d+))?")
_FRACTION_WORDS = re.compile(r"[^\W\d_]")


@dataclass(frozen=True)
class Interval:
    low: float
    high: float
    low_open: bool = False
    high_open: bool = False
    exact: float | None = None  # the value as written, when the figure names one
    rounded: tuple[float, float] | None = None  # the value within the rounding of its writing

    def overlaps(self, other: Interval) -> bool:
        if self.high < other.low or other.high < self.low:
            return False
        if self.high == other.low and (self.high_open or other.low_open):
            return False
        return not (other.high == self.low and (other.high_open or self.low_open))

    def contains(self, x: float) -> bool:
        above = x > self.low or (x == self.low and not self.low_open)
        below = x < self.high or (x == self.high and not self.high_open)
        return above and below

    def __str__(self) -> str:
        lo = "(" if self.low_open else "["
        hi = ")" if self.high_open else "]"
        return f"{lo}{_fmt(self.low)}, {_fmt(self.high)}{hi}"


def rounding(quote: str, value: float, unit: str) -> float:
    """Half the step of the last written digit, in the value's own scale ("1,5 млн" -> 0.05 million)."""
    m = _DIGITS.search(quote)
    if m is None:  # a word fraction or number
        return float(abs(value) * (WORD_FRACTION if unit == "%" else WORD_NUMBER))
    written = m.group(0)
    decimals = len(m.group(1)) if m.group(1) else 0
    digits = re.sub(r"[^\d.,]", "", written).replace(",", ".")
    try:
        number = float(digits)
    except ValueError:
        return 0.0
    if number == 0:
        return float(0.5 * 10**-decimals)
    scale = abs(value) / number  # "млн": 1e6
    return float(0.5 * 10**-decimals * scale)


def interval(fact: dict[str, Any]) -> Interval:
    """The interval a fact (a record with value, value_max, unit, qualifier, quote, measure) allows."""
    value = float(fact["value"])
    unit = str(fact.get("unit"))
    qualifier = str(fact.get("qualifier") or "=")
    quote = str(fact.get("quote") or "")
    share = fact.get("measure") == "share" and unit == "%"
    ceiling = 100.0 if share else float("inf")
    floor = 0.0 if share or (unit not in ("%", "pp", "times") and value >= 0) else float("-inf")
    pad = rounding(quote, value, unit)
    rounded = (value - pad, value + pad)
    if fact.get("value_max") is not None:
        return Interval(value - pad, float(fact["value_max"]) + pad, True, True)
    if qualifier == ">":
        return Interval(value, ceiling, low_open=True)
    if qualifier == "<":
        return Interval(floor, value, high_open=True)
    if qualifier == "~":
        pad = max(pad, abs(value) * APPROX)
        return Interval(max(floor, value - pad), min(ceiling, value + pad), exact=value, rounded=rounded)
    # "20 тысяч" is what rounds to 20 thousand: (19.5, 20.5) thousand, open at both ends, so that
    # "20 тысяч" and "21 тысяча" cannot both be true
    return Interval(
        max(floor, value - pad),
        min(ceiling, value + pad),
        value - pad > floor,
        value + pad < ceiling,
        exact=value,
        rounded=rounded,
    )


def verdict(a: dict[str, Any], b: dict[str, Any]) -> tuple[str, str]:
    """ "agree", "compatible" or "conflict", with the reason in words."""
    ia, ib = interval(a), interval(b)
    if not ia.overlaps(ib):
        return "conflict", f"{ia} and {ib} cannot both hold"
    if ia.exact is not None and ib.exact is not None and (_within(ia, ib.exact) or _within(ib, ia.exact)):
        return "agree", f"{_fmt(ia.exact)} and {_fmt(ib.exact)} are the same within their rounding"
    return "compatible", f"{ia} and {ib} overlap but do not say the same"


def _within(i: Interval, x: float) -> bool:
    """ "1 трлн" is "976,8 млрд" rounded: the coarser figure's rounding holds the finer value."""
    return i.rounded is not None and i.rounded[0] <= x <= i.rounded[1]


def _fmt(x: float) -> str:
    if x in (float("inf"), float("-inf")):
        return "∞" if x > 0 else "-∞"
    return f"{x:.6g}"
