"""Quantities: every number expression of a Russian or Kazakh text, with unit, qualifier and change.

``extract_quantities(text, lang=None)`` is pure and deterministic. It scans the lower-cased text for
anchors (a digit or the start of a number word), reads the number (``numbers.py``), then looks right
for the unit and Kazakh case ending and left for the qualifier, drops what is not an amount (years,
dates, durations, ordinals, document numbers, phone numbers, names, page furniture), and finally
joins ranges and lets the items of a list share their unit.
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, replace

from sandar.extract.cues import Cues, cues, unit_of
from sandar.extract.grammar import grammar
from sandar.extract.language import kazakh_positions, language_at, language_of_positions
from sandar.extract.numbers import Amount, NumberReader, reader, skip_blanks
from sandar.extract.patterns import BLANK
from sandar.models import Quantity

# not amounts, tried where a number runs into ".", ":", "/" or "-" and another number, or starts a phone
_NOT_AMOUNT = re.compile(
    r"\d{1,2}[./]\d{1,2}[./]\d{2,4}\b|\d{4}-\d{2}-\d{2}\b|\d+\.\d+\.\d+\b"  # dates, sections
    r"|\d{1,2}:\d{2}(?::\d{2})?\b(?:" + BLANK + r"+\d+\b)?"  # a clock time (and a view counter)
    r"|(?:[$€₽₸]?\d+[.,]\d\d\s+){2,}[$€₽₸]?\d+[.,]\d\d\b"  # exchange-rate tickers
)
_PHONE = re.compile(
    r"(?:\+7|8)" + BLANK + r"?\(?\d{3}\)?" + BLANK + r"?\d{3}[ \-\u00a0]?\d{2}"
    r"[ \-\u00a0]?\d{2}\b"
    # a landline: an area code of 4-5 digits in brackets and the rest in groups, "8 (7292) 30-15-47"
    r"|(?:\+7|8)" + BLANK + r"?\(\d{4,5}\)" + BLANK + r"?\d{1,3}(?:[ \-\u00a0]\d{2}){1,2}\b"
)
_TICKER_START = re.compile(r"\d+[.,]\d\d\s")
_SENTENCE_END = re.compile(r"[.!?…]+[\"»”)]*(?=\s+[«\"“(]?[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ\d])|\n")
_RANGE_DASH = re.compile(BLANK + r"?[–—-]" + BLANK + r"?(?=\d)")
_LETTER = re.compile(r"[^\W\d_]")

_QUOTE_CLOSE = frozenset('»"”')


@dataclass
class _Draft:
    """A quantity being built (mutable; frozen into a ``Quantity`` at the end)."""

    start: int
    end: int
    value: float
    unit: str | None
    source: str
    lang: str
    scaled: bool
    scale: float
    suffix: str = ""
    qualifier: str = "="
    qual_start: int = -1
    upper_bound: bool = False  # qualified by "до"/"дейін", which may instead end a movement
    change: bool = False
    sign: int = 0  # an explicit + or − before the number
    value_max: float | None = None
    group: int = -1  # items of one list ("на 1,6, 1,9 и 2,4%") share a group and their change


def extract_quantities(text: str, lang: str | None = None) -> list[Quantity]:
    """Every number expression in ``text``, in text order (``lang``: "ru", "kk" or None to detect)."""
    low = text.lower()
    if len(low) != len(text):  # a few characters lower-case into two; keep offsets aligned
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    kk_at = kazakh_positions(low)
    doc_lang = lang or language_of_positions(kk_at, len(low))
    bounds = [m.end() for m in _SENTENCE_END.finditer(text)]
    nr = reader()
    by_lang = {code: cues(code) for code in ("ru", "kk")}
    drafts: list[_Draft] = []
    pos = 0
    for m in nr.anchor.finditer(low):
        p = m.start()
        if p < pos:
            continue
        if low[p].isdigit():
            skip_to = _not_amount(low, p, m.end())
            if skip_to:
                pos = skip_to
                continue
        here = lang or language_at(kk_at, p, doc_lang)
        amount = nr.read(low, p, here)
        if amount is None:
            if low[p].isdigit():
                pos = _token_end(low, p)
            continue
        draft = _build(text, low, amount, by_lang[here], nr, drafts)
        pos = max(amount.end, draft.end if draft else amount.end)
        if draft is None and low[pos : pos + 1] == "/" and low[pos + 1 : pos + 2].isdigit():
            pos = _token_end(low, pos + 1)  # "№ 47/312-VIII": one document number
        if draft is not None:
            drafts.append(draft)
    drafts = _join_ranges(low, drafts)
    _share_list_units(low, drafts, bounds)
    for i, d in enumerate(drafts):
        _decide_change(text, low, d, cues(d.lang), bounds, drafts[i - 1] if i else None)
    _spread_change(drafts)
    return [_freeze(text, d) for d in drafts]


def _not_amount(low: str, p: int, digits_end: int) -> int:
    """The end of a date, time, phone number or ticker starting at ``p``, or 0."""
    nxt = low[digits_end : digits_end + 2]
    m = None
    if len(nxt) == 2 and nxt[0] in ".:/-" and nxt[1].isdigit():
        m = _NOT_AMOUNT.match(low, p)
    elif (p and low[p - 1] == "+") or (low[p] == "8" and digits_end == p + 1):
        m = _PHONE.match(low, p - 1 if p and low[p - 1] == "+" else p)
    if m is None and nxt[:1] in ".," and _TICKER_START.match(low, p):
        m = _NOT_AMOUNT.match(low, p)
    return m.end() if m else 0


def _token_end(low: str, p: int) -> int:
    while p < len(low) and (low[p].isalnum() or low[p] in ".,-"):
        p += 1
    return p


def _build(text: str, low: str, a: Amount, c: Cues, nr: NumberReader, before: list[_Draft]) -> _Draft | None:
    """Unit, ending, qualifier and the not-a-quantity filters around one number."""
    start, end = a.start, a.end
    sign = 0
    prev = low[start - 1] if start else " "
    if a.source == "digits":
        if prev.isalnum() or prev == "_" or (prev == "(" and start >= 2 and low[start - 2].isalnum()):
            return None  # glued to a word: "A320", "COVID19", "alert(1)"
        if prev == "•" or low[max(0, start - 2) : start] == "• ":
            return None  # a list bullet before a counter
        if c.number_sign_before.search(low, max(0, start - 24), start):
            return None  # "№ 124", "статья 5"
        if (
            prev == "," or low[start - 2 : start] == ", " or low.endswith(c.street_words, 0, start - 1)
        ) and c.address_before.search(low, max(0, start - 50), start):
            return None  # a house number: "проспект Абая, 185", "Абай даңғылы, 12"
        if prev in "−+" or (prev in "-–" and (start < 2 or low[start - 2] in " (\n\t\u00a0")):
            sign = 1 if prev == "+" else -1
            start -= 1
    if a.source != "digits" and prev in '«“"':
        return None  # «Четыре звезды», «Бес жұлдыз»: a word number opening a name
    name_dash = a.source == "digits" and prev == "-" and start >= 2 and low[start - 2].isalpha()

    value, value_max, scaled, scale = a.value, None, a.scaled, a.scale
    # a dash range "2–7%", "20-30 тысяч"
    r = _RANGE_DASH.match(low, end) if a.source == "digits" else None
    if r is not None:
        b = nr.read(low, r.end(), a.lang)
        if b is not None and b.source == "digits":
            if a.year_like and b.year_like:
                return None  # "2021–2024 годы"
            if b.scaled and not a.scaled:
                value *= b.scale
            value_max, end, scaled = b.value, b.end, scaled or b.scaled
            a = replace(a, suffix=b.suffix, year_like=False)

    unit: str | None = None
    suffix = a.suffix
    if a.source == "fraction":
        unit = "%"
        j = skip_blanks(low, end)
        if c.year_after.match(low, j) or c.duration_after.match(low, j) or low[j : j + 1].isdigit():
            return None  # "в первой половине года", "четверть века": a period
    elif a.source == "multiplier":
        unit = "times"
    else:
        j = skip_blanks(low, end)
        u = c.unit.match(low, j)
        if u is not None:
            unit, suffix = unit_of(c, u.group())
            end = u.end()
        if unit is None and start > 0:
            pm = c.prefix_unit.search(low, max(0, start - 2), start)
            if pm is not None and pm.end() == start:
                unit = c.prefix_codes[pm.group()]
                start = pm.start()
        # a case ending glued after the unit: "40%-дан", "5,2% – ға"
        e = nr.ending.match(low, skip_blanks(low, end) if unit == "%" else end)
        if e is not None and unit is not None:
            end, suffix = e.end(), e.group(1)

    if unit is None:
        if a.lone_one or a.year_like or name_dash:
            return None
        nxt = low[end : end + 1]
        if a.source == "digits" and nxt and _LETTER.match(nxt):
            return None  # "4G", "3D"
        if nxt in _QUOTE_CLOSE or (nxt == " " and low[end + 1 : end + 2] in _QUOTE_CLOSE):
            return None  # «Хабар 24»
        j = skip_blanks(low, end)
        if low[j : j + 1] == "-":
            j += 1
        if c.not_amount_after.match(low, j):
            return None
        pair = grammar(a.lang).pair_next.match(low, end)  # "от 18 до 29 лет", "18 бен 29 жас": both are ages
        if pair is not None and c.not_amount_after.match(low, pair.end()):
            return None
        if value < 10 and c.short_duration_after.match(low, j):
            return None
    if a.lone_one and not a.scaled:
        return None
    if unit is None and scaled and value >= 1e9:
        unit = "KZT"  # spec/FACTS.md: a scale word without a unit is money, tenge unless stated

    d = _Draft(
        start, end, value, unit, a.source, a.lang, scaled, scale, suffix, sign=sign, value_max=value_max
    )
    _qualify(low, d, c, a.start)
    if a.needs_qualifier and d.qual_start < 0 and unit is None:
        return None
    return d


def _qualify(low: str, d: _Draft, c: Cues, num_start: int) -> None:
    """The qualifier before ("более", "шамамен") or, in Kazakh, after ("астам", "-ге жуық")."""
    q = c.qual_before.search(low, max(0, num_start - 40), d.start)
    if q is not None:
        phrase = " ".join(q.group("q").split())
        d.qualifier = c.qual_before_map.get(phrase, "=")
        d.qual_start = q.start()
        d.upper_bound = phrase in c.upper_bound
        if d.upper_bound and (_ends_with_change(low, c, q.start()) or _change_in_clause(low, c, q.start())):
            d.qualifier, d.upper_bound = "=", False  # "вырос до 870 млрд", "довести долю ... до 15%"
        return
    j = skip_blanks(low, d.end)
    q = c.qual_after.match(low, j)
    case = c.case_of.get(d.suffix)
    if q is None and "ablative" in c.noun_in:
        noun = c.noun_in["ablative"].match(low, j)  # "1,9 млн бастан аса"
        if noun is not None:
            q = c.qual_after.match(low, noun.end())
            case = "ablative" if q is not None else case
    if q is not None:
        phrase = " ".join(q.group("q").split())
        need = c.after_case.get(phrase)
        if need is None or case == need:
            d.qualifier = c.qual_after_map.get(phrase, "=")
            d.upper_bound = phrase in c.upper_bound
            d.qual_start = d.start
            after = skip_blanks(low, q.end())
            if d.upper_bound and (c.change.match(low, after) or c.reach_after.match(low, after)):
                d.qualifier, d.upper_bound = "=", False  # "870 млрд теңгеге дейін өсті"


_CLAUSE_BREAK = re.compile(r"[,;:.!?()]")


def _change_in_clause(low: str, c: Cues, pos: int) -> bool:
    """A change verb earlier in the clause before ``pos`` ("довести долю промышленности в ВРП до"):
    "до" then gives the level to be reached, not an upper bound."""
    lo = max(0, pos - 80)
    for m in _CLAUSE_BREAK.finditer(low, lo, pos):
        lo = m.end()
    return c.change.search(low, lo, pos) is not None


def _ends_with_change(low: str, c: Cues, pos: int) -> bool:
    """Whether the word before ``pos`` is a change verb ("вырос", "сократилось"), an adverb allowed
    between ("сократиться ещё на 5 тысяч", "увеличившись за год на 94 млрд")."""
    for _ in range(4):
        k = pos
        while k > 0 and low[k - 1] in " \t\u00a0\u2009\u202f":
            k -= 1
        w = k
        while w > 0 and low[w - 1].isalpha():
            w -= 1
        if w < k and c.change.fullmatch(low, w, k) is not None:
            return True
        if low[w:k] not in c.change_adverbs:
            return False
        pos = w
    return False


def _join_ranges(low: str, drafts: list[_Draft]) -> list[_Draft]:
    """ "от 2 до 7%" and "2%-дан 7%-ға дейін" are one range; "с 5 до 9" stays two levels."""
    out: list[_Draft] = []
    i = 0
    while i < len(drafts):
        d = drafts[i]
        n = drafts[i + 1] if i + 1 < len(drafts) else None
        if n is not None and _is_range(low, d, n):
            value = d.value * n.scale if n.scaled and not d.scaled else d.value
            out.append(
                _Draft(
                    d.start,
                    n.end,
                    value,
                    n.unit or d.unit,
                    d.source,
                    d.lang,
                    d.scaled or n.scaled,
                    n.scale,
                    n.suffix,
                    qualifier="=",
                    value_max=n.value,
                )
            )
            i += 2
            continue
        if n is not None and n.upper_bound and n.qual_start >= 0 and n.qual_start - d.end < 25:
            n.qualifier, n.upper_bound = "=", False  # "на 4,6% до 1,052 трлн": where it moved to
        if d.upper_bound and d.lang == "kk" and out and d.start - out[-1].end < 25:
            d.qualifier, d.upper_bound = "=", False
        out.append(d)
        i += 1
    return out


def _is_range(low: str, d: _Draft, n: _Draft) -> bool:
    between = low[d.end : n.start]
    if (
        between in ("-", "–", "—")
        and d.source == n.source == "words"
        and d.unit in (None, "count")
        and not d.scaled
        and d.value < n.value
    ):
        return True  # "екі-үш есе", "полтора-два раза": word numbers joined by a hyphen
    g = grammar(d.lang)
    if g.range_to.fullmatch(between):
        return g.range_from.search(low, max(0, d.start - 4), d.start) is not None
    c = cues(d.lang)
    if between.strip() or c.case_of.get(d.suffix) != "ablative" or c.case_of.get(n.suffix) != "dative":
        return False
    after = g.range_end.match(low, n.end)
    if after is None:
        return False
    rest = low[after.end() : after.end() + 40]
    return c.change.match(rest.lstrip()) is None


def _share_list_units(low: str, drafts: list[_Draft], bounds: list[int]) -> None:
    """Items of a list share the unit and scale of the item that carries them ("1,6, 1,9 и 2,4%",
    "620, 540 и 710 тыс. га"), and so do the ends of a movement ("с 5 до 9 млрд тенге")."""
    for i in range(len(drafts) - 2, -1, -1):
        d, n = drafts[i], drafts[i + 1]
        if d.source != "digits" or (d.unit is not None and d.unit != n.unit):
            continue
        if _sentence_of(bounds, d.start) != _sentence_of(bounds, n.start):
            continue
        between = low[d.end : n.start]
        pure_list = grammar(d.lang).list_sep.fullmatch(between) is not None
        p = drafts[i - 1] if i > 0 else None
        framed = (
            p is not None
            and n.unit not in (None, "count")
            and p.unit == n.unit
            and between.lstrip().startswith(",")
            and _sentence_of(bounds, p.start) == _sentence_of(bounds, d.start)
            and len(between) < 40
            and d.start - p.end < 40
        )
        moving = _is_movement(low, d, n, between)
        if not (pure_list or framed or moving):
            continue
        if d.unit is None and n.unit is not None:
            d.unit = n.unit
            if not moving:
                d.suffix = n.suffix
        if n.scaled and not d.scaled:
            d.value *= n.scale
            d.scaled, d.scale = True, n.scale
        if not moving and d.unit is not None:
            if n.group < 0:
                n.group = i + 1
            d.group = n.group


def _is_movement(low: str, d: _Draft, n: _Draft, between: str) -> bool:
    """ "с 5 до 9 млрд", "21 мыңнан 17 мың адамға": one figure, from one level to another."""
    g = grammar(d.lang)
    if g.range_to.fullmatch(between):
        return g.move_from.search(low, max(0, d.start - 4), d.start) is not None
    c = cues(d.lang)
    return (
        not between.strip() and c.case_of.get(d.suffix) == "ablative" and c.case_of.get(n.suffix) == "dative"
    )


def _spread_change(drafts: list[_Draft]) -> None:
    """A change said once for a list applies to each item: "выросли на 1,6, 1,9 и 2,4%"."""
    deciders: dict[int, _Draft] = {}
    for d in drafts:
        if d.group >= 0 and d.change and d.group not in deciders:
            deciders[d.group] = d
    for d in drafts:
        lead = deciders.get(d.group)
        if lead is not None and not d.change and d.unit == lead.unit:
            d.change = True
            d.value = -abs(d.value) if lead.value < 0 else abs(d.value)


def _sentence_of(bounds: list[int], pos: int) -> int:
    return bisect.bisect_right(bounds, pos)


def _sentence_span(text: str, bounds: list[int], pos: int) -> tuple[int, int]:
    k = bisect.bisect_right(bounds, pos)
    return (bounds[k - 1] if k else 0), (bounds[k] if k < len(bounds) else len(text))


def _decide_change(text: str, low: str, d: _Draft, c: Cues, bounds: list[int], prev: _Draft | None) -> None:
    """Whether the number is a change, and its sign: "на 4,6%", "в 2 раза", "өсті", "индекс 112%"."""
    s0, s1 = _sentence_span(text, bounds, d.start)
    left = max(s0, d.start - 300)
    if d.unit is None:
        d.unit = "count"
    if d.unit == "times":
        d.change = True
        if _polarity(low, d, c, s0, s1) < 0 and d.value > 0:
            d.value = 1 / d.value
            d.qualifier = {">": "<", "<": ">"}.get(d.qualifier, d.qualifier)
        return
    if d.sign:
        d.change = True
        d.value = d.sign * abs(d.value)
        return
    is_change = False
    index = False
    qpos = d.qual_start if d.qual_start >= 0 and d.qual_start < d.start else d.start
    near = max(s0, qpos - 30)  # patterns anchored at the number look only this far back
    by = c.by_word.search(low, max(s0, d.start - 30), d.start) or c.by_word.search(low, near, qpos)
    if d.unit in ("%", "pp"):
        level = c.level_phrase.search(low, near, qpos)
        reached = d.qual_start >= 0 and low[d.qual_start : d.qual_start + 2] == "до"
        if (by is not None and not level) or (
            not reached and c.growth_before.search(low, max(s0, qpos - 120), qpos)
        ):
            is_change = True  # "рост составил 38%"; but "должна вырасти до 40%" is the level reached
        elif c.growth_after.match(low, skip_blanks(low, d.end)):
            is_change = True
            index = d.value > 100
        elif (
            c.case_of.get(d.suffix) == "dative"
            and c.change.search(low, d.end, _comment_start(low, d.lang, d.end, s1))
            and not d.upper_bound
            and not grammar(d.lang).range_end.match(low, d.end)
        ):
            is_change = True  # "18 пайызға өсті"; but "4,7 пайызға дейін төмендеді" is a level
        elif 50 < d.value < 200 and d.value != 100 and c.index_cue.search(low, left, d.start):
            is_change = index = True
    else:
        nxt = c.change.match(low, skip_blanks(low, d.end))
        if by is not None and (nxt is not None or _ends_with_change(low, c, by.start())):
            is_change = True  # "на 217 млрд тенге больше", "сократились на 12,5 млрд тенге"
        elif _dative_then_change(low, d, c) and not (
            prev is not None and prev.change and prev.unit == "%" and prev.end >= s0
        ):
            # "12,5 млрд теңгеге қысқарды", "8 мың адамға көбейді"; but after "8,3%-ға төмендеп",
            # "4,2 млн тоннаға түсті" is the level it fell to
            is_change = True
        elif (
            (d.unit != "count" or d.scaled)
            and c.comparison.search(low, s0, d.start)
            and c.change.search(low, d.end, s1)
        ):
            is_change = True  # "былтырға қарағанда 8,3 млрд теңге кем"
    if not is_change:
        return
    d.change = True
    if index:
        d.value -= 100
        return
    if _polarity(low, d, c, s0, s1) < 0:
        d.value = -abs(d.value)


def _comment_start(low: str, lang: str, pos: int, end: int) -> int:
    """Where a clause commenting on the figure begins (", бұл ... жоғары"), or ``end``."""
    m = grammar(lang).comment.search(low, pos, end)
    return m.start() if m else end


def _dative_then_change(low: str, d: _Draft, c: Cues) -> bool:
    """A Kazakh amount in the dative (on itself or on the noun after it) followed by a change verb."""
    j = skip_blanks(low, d.end)
    if c.case_of.get(d.suffix) != "dative":
        noun = c.noun_in["dative"].match(low, j) if "dative" in c.noun_in else None
        if noun is None:
            return False
        j = noun.end()
    return c.change.match(low, j) is not None


def _polarity(low: str, d: _Draft, c: Cues, s0: int, s1: int) -> int:
    """+1 or −1 from the nearest change cue in the sentence (before first in Russian)."""
    stop = d.qual_start if 0 <= d.qual_start < d.start else d.start  # "не ниже 5%" is no fall
    before = list(c.change.finditer(low, max(s0, d.start - 200), stop))
    # the qualifier after the number is no change cue ("6 пайыздан кем емес": not a fall)
    qual = c.qual_after.match(low, skip_blanks(low, d.end)) if d.qual_start == d.start else None
    after = c.change.search(low, qual.end() if qual else d.end, min(s1, d.end + 200))
    ordered = ([before[-1]] if before else []) + ([after] if after else [])
    if d.lang == "kk":
        ordered.reverse()
    for m in ordered:
        return -1 if m.group("dec") else 1
    return 1


def _freeze(text: str, d: _Draft) -> Quantity:
    return Quantity(
        start=d.start,
        end=d.end,
        text=text[d.start : d.end],
        value=float(f"{d.value:.12g}"),  # 117,9% - 100 is 17.9, not 17.900000000000006
        unit=d.unit or "count",
        qualifier=d.qualifier,
        change=d.change,
        value_max=d.value_max,
        source=d.source,
        lang=d.lang,
    )
