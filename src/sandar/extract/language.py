"""Which language a text, or a stretch of it, is in: Russian or Kazakh.

Kazakh Cyrillic has nine letters Russian lacks (ә ғ қ ң ө ұ ү һ і); their density decides. A Russian
quote inside a Kazakh article has none, so the language is also judged locally, around a position.
"""

from __future__ import annotations

import bisect
import re

_KAZAKH = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")
_WINDOW = 120


def detect_language(text: str) -> str:
    """ "kk" when Kazakh letters make up at least 1% of the Cyrillic letters, else "ru"."""
    sample = text[:4000]
    kk = len(_KAZAKH.findall(sample))
    if not kk:
        return "ru"
    cyr = len(_CYRILLIC.findall(sample))
    return "kk" if cyr and kk / cyr >= 0.01 else "ru"


def language_of_positions(kk_positions: list[int], length: int) -> str:
    """The language of a whole text from its Kazakh letters (see ``kazakh_positions``)."""
    return "kk" if length and len(kk_positions) / length >= 0.006 else "ru"


def kazakh_positions(low: str) -> list[int]:
    """Offsets of the Kazakh letters of a (lower-cased) text, for ``language_at``."""
    return [m.start() for m in _KAZAKH.finditer(low)]


def language_at(kk_positions: list[int], pos: int, default: str) -> str:
    """The language around ``pos``: Kazakh letters within the window make it "kk"."""
    if not kk_positions:
        return "ru"
    lo = bisect.bisect_left(kk_positions, pos - _WINDOW)
    hi = bisect.bisect_right(kk_positions, pos + _WINDOW)
    n = hi - lo
    if n >= 2:
        return "kk"
    if n == 0:
        return "ru"
    return default
