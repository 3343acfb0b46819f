"""Facts: ``extract(text, lang=None, doc="")`` turns every economic quantity of a text into a fact
of spec/FACTS.md. Pure, deterministic, no I/O.

Quantities come from ``quantities.py``; those outside the fact units of the spec (MW, m³, Gcal) are
dropped; ``attribution.py`` gives each the rest of its fields.
"""

from __future__ import annotations

from sandar.extract.attribution import attribute
from sandar.extract.language import kazakh_positions, language_of_positions
from sandar.extract.quantities import extract_quantities
from sandar.models import UNITS, Fact

EXTRACTOR_VERSION = "0.5.0"


def extract(text: str, lang: str | None = None, doc: str = "") -> list[Fact]:
    """The economic facts of ``text`` in text order; ``doc`` is copied into each fact."""
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    doc_lang = lang or language_of_positions(kazakh_positions(low), len(low))
    quantities = [q for q in extract_quantities(text, lang) if q.unit in UNITS]
    return attribute(text, low, quantities, doc_lang, doc)
