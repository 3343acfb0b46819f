"""Facts: ``extract(text, lang=None, doc="")`` turns every quantity of a text into a fact of
``spec/FACTS.md``. Pure, deterministic, no I/O.

Attribution (indicator, region, period, kind, speaker) is done by ``attribution.py``; this module
joins the stages and decides which quantities are economic figures at all.
"""

from __future__ import annotations

from sandar.extract.quantities import extract_quantities
from sandar.models import UNITS, Fact, Quantity

EXTRACTOR_VERSION = "0.1.0"


def extract(text: str, lang: str | None = None, doc: str = "") -> list[Fact]:
    """The economic facts of ``text`` in text order; ``doc`` is copied into each fact."""
    return [_fact(doc, q) for q in extract_quantities(text, lang) if q.unit in UNITS]


def _fact(doc: str, q: Quantity) -> Fact:
    measure = "change" if q.change else ("share" if q.source == "fraction" else "level")
    return Fact(
        doc=doc,
        span=q.span,
        quote=q.text,
        value=q.value,
        unit=q.unit,
        qualifier=q.qualifier,
        measure=measure,
        lang=q.lang,
        value_max=q.value_max,
    )
