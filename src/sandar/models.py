"""Typed records that flow through sandar: quantities found in text and the facts built from them.

Both round-trip through plain dicts (``to_dict`` / ``from_dict``) so they can be written as JSON Lines
and read back without loss. Field names and vocabularies follow ``spec/FACTS.md``.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field, fields
from typing import Any, Literal

Unit = Literal["%", "pp", "KZT", "USD", "EUR", "RUB", "count", "m2", "ha", "km", "t", "kWh", "times"]
Qualifier = Literal["=", ">", "<", "~"]
Measure = Literal["level", "share", "change", "rate"]
Kind = Literal["fact", "target", "forecast"]

UNITS: tuple[str, ...] = (
    "%",
    "pp",
    "KZT",
    "USD",
    "EUR",
    "RUB",
    "count",
    "m2",
    "ha",
    "km",
    "t",
    "kWh",
    "times",
)
QUALIFIERS: tuple[str, ...] = ("=", ">", "<", "~")


@dataclass(frozen=True, slots=True)
class Quantity:
    """One number expression: where it is, what it says, and how it is qualified.

    ``value`` is normalised (scales multiplied, fractions as percent, decreases negative, an index
    of 112.6% as a change of 12.6). ``value_max`` is the high end of a range. ``change`` is true for
    a change ("на 4,6%", "в 1,5 раза"). ``source`` says how the number was written: ``digits``,
    ``words`` or ``fraction`` (a word fraction is rounder than its digits suggest).
    """

    start: int
    end: int
    text: str
    value: float
    unit: str
    qualifier: str = "="
    change: bool = False
    value_max: float | None = None
    source: str = "digits"
    lang: str = "ru"

    @property
    def span(self) -> tuple[int, int]:
        return (self.start, self.end)

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready dict: span, quote, value, value_max, unit, qualifier, change, source, lang."""
        return {
            "span": [self.start, self.end],
            "quote": self.text,
            "value": _clean_number(self.value),
            "value_max": None if self.value_max is None else _clean_number(self.value_max),
            "unit": self.unit,
            "qualifier": self.qualifier,
            "change": self.change,
            "source": self.source,
            "lang": self.lang,
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Quantity:
        start, end = data["span"]
        return cls(
            start=int(start),
            end=int(end),
            text=data["quote"],
            value=float(data["value"]),
            unit=data["unit"],
            qualifier=data.get("qualifier", "="),
            change=bool(data.get("change", False)),
            value_max=None if data.get("value_max") is None else float(data["value_max"]),
            source=data.get("source", "digits"),
            lang=data.get("lang", "ru"),
        )


@dataclass(frozen=True, slots=True)
class Fact:
    """An economic fact as defined in ``spec/FACTS.md``: a quantity with its attribution."""

    doc: str
    span: tuple[int, int]
    quote: str
    value: float
    unit: str
    qualifier: str = "="
    measure: str = "level"
    indicator: str = "other"
    sector: str | list[str] | None = None
    region: str | None = None
    period: str | None = None
    kind: str = "fact"
    speaker: str | None = None
    lang: str = "ru"
    value_max: float | None = None
    explain: dict[str, str] = field(default_factory=dict, compare=False)

    def to_dict(self, explain: bool = False) -> dict[str, Any]:
        """A JSON-ready dict in the field order of FACTS.md (``explain`` adds the deciding cues)."""
        out = asdict(self)
        out["span"] = list(self.span)
        out["value"] = _clean_number(self.value)
        if self.value_max is None:
            del out["value_max"]
        else:
            out["value_max"] = _clean_number(self.value_max)
        if not explain:
            del out["explain"]
        return out

    def flat(self) -> dict[str, Any]:
        """The fields as one flat row for tables: ``start`` and ``end`` in place of ``span``, no
        ``doc`` and no ``explain`` (the sector as it is: one, several, or None)."""
        return {
            "start": self.span[0],
            "end": self.span[1],
            **{name: getattr(self, name) for name in FLAT_FIELDS[2:]},
        }

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> Fact:
        names = {f.name for f in fields(cls)}
        kwargs = {k: v for k, v in data.items() if k in names}
        kwargs["span"] = tuple(data["span"])
        return cls(**kwargs)


FACT_FIELDS = (
    "doc",
    "span",
    "quote",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "measure",
    "indicator",
    "sector",
    "region",
    "period",
    "kind",
    "speaker",
    "lang",
)
"""The fields of a fact in the order of spec/FACTS.md."""

FLAT_FIELDS = ("start", "end", *FACT_FIELDS[2:])
"""A fact's fields as stored in tables: the span as two columns, the document apart."""


def _clean_number(x: float) -> float | int:
    """Whole numbers as int (1052000000000, not 1.052e12), others rounded to 6 significant places."""
    if x == int(x) and abs(x) < 1e18:
        return int(x)
    return float(f"{x:.6g}") if abs(x) < 1e6 else round(x, 3)


@dataclass(frozen=True, slots=True)
class Document:
    """A text to store, with what is known of where it came from."""

    name: str
    text: str
    url: str | None = None
    title: str | None = None
    source: str | None = None
    published: str | None = None  # YYYY-MM-DD
    lang: str | None = None
