"""Numbers: digits, word numbers, fractions and scales -> one value (no unit, no qualifier).

``NumberReader.read(low, pos)`` reads the longest number expression that starts at ``pos`` of the
lower-cased text: "1 052,3", "474 млрд 662,7 млн", "двадцати трёх", "тысяча двести",
"три с половиной миллиона", "тоғыз миллиард екі жүз миллион", "бес бүтін оннан тоғыз",
"пятую часть", "үштен бірі", "вдвое". The words come from ``lang/<code>/numbers.yaml``.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from functools import cache

from sandar import lang as lexicons
from sandar.extract.patterns import BLANK, alternation

DIGITS = re.compile(
    r"\d{1,3}(?:\.\d{3}){2,}(?![\d.]\d)"  # 1.052.300
    r"|\d{1,3}(?:" + BLANK + r"\d{3})+(?:,\d+)?(?!\d)"  # 1 052,3 / 329 182
    r"|\d+(?:[.,]\d+)?"  # 17,2 / 441.66 / 2020
)
_BLANKS = re.compile(BLANK + "+")
_WORD = re.compile(r"[^\W\d_]+")
_SPACED_DECIMAL = re.compile("," + BLANK + r"(\d)(?!\d)")
_BLANK_CHARS = frozenset(" \t\u00a0\u2009\u202f")  # one character each; "" is not in it
_BLANK_RUN = re.compile(BLANK + "*")
_DASHES = frozenset("-–")  # what a glued case ending starts with ("40%-дан", "2020-шы")
_SCALE_ABBREVIATIONS = {"тыс", "млн", "млрд", "трлн"}


@dataclass(frozen=True, slots=True)
class Word:
    """A number word of the lexicon: what it does and what it is worth."""

    kind: str  # card, hundred, scale, fraction, mult, half, and_half, whole, part
    value: float
    lang: str  # "ru", "kk" or "*" when both languages have it
    suffix: str = ""  # the Kazakh case ending it carries ("мыңнан" -> "нан")
    base: str = ""  # the lexicon form without that ending


@dataclass(slots=True)  # not frozen: one is made per number, and frozen init costs 3x
class Amount:
    """A number read from text, before its unit."""

    start: int
    end: int
    value: float
    source: str  # digits | words | fraction | multiplier
    scaled: bool = False  # a scale word multiplied it
    scale: float = 1.0  # the smallest scale applied ("474 млрд 662,7 млн" -> 1e6)
    suffix: str = ""  # Kazakh case ending on its last word
    lone_one: bool = False  # the word "один"/"бір" alone: an article, not a number
    needs_qualifier: bool = False  # "тысячи" alone counts only as "более тысячи"
    year_like: bool = False  # four digits 1900-2100 with nothing else
    lang: str = "*"
    words: int = 0  # number words used


def parse_digits(s: str) -> float:
    """ "1 052,3" -> 1052.3, "1.052.300" -> 1052300, "441.66" -> 441.66."""
    if s.isdigit():
        return float(s)
    s = _BLANKS.sub("", s)
    if s.count(".") > 1:
        s = s.replace(".", "")
    return float(s.replace(",", "."))


class NumberReader:
    """Reads numbers in both languages, with the words of every ``lang/*/numbers.yaml``."""

    def __init__(self) -> None:
        self.words: dict[str, Word] = {}
        self._endings: set[str] = set()
        self._ordinals: set[str] = set()
        self._bare: set[str] = set()
        self._bare_q: set[str] = set()
        self.decimal_of: dict[str, float] = {}
        for code in lexicons.LANGS:
            self._add_language(code)
        firsts = {
            f.split()[0]
            for f, w in self.words.items()
            if w.kind in ("card", "hundred", "scale", "fraction", "mult", "half")
        }
        # multi-word forms ("пятую часть", "с половиной"), by their first word, longest first
        self.phrases: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        for f in sorted((f for f in self.words if " " in f), key=len, reverse=True):
            self.phrases.setdefault(f.split()[0], []).append((re.compile(_phrase(f) + r"(?!\w)"), f))
        endings = sorted(self._endings | self._ordinals, key=len, reverse=True)
        self.ending = re.compile(
            r"[-–]" + BLANK + "?(" + "|".join(re.escape(e) for e in endings) + r")(?!\w)"
        )
        self._initials = frozenset(f[0] for f in self.words)
        self.anchor = re.compile(r"\d+|" + alternation(firsts))

    def _add_language(self, code: str) -> None:
        data = lexicons.load(code, "numbers")
        suffixes = ["", *list(data.get("word_suffixes") or [])]
        blocked = set(data.get("not_numbers") or [])

        def add(form: str, kind: str, value: float, inflect: bool = True) -> None:
            for suf in suffixes if inflect else [""]:
                key = " ".join((form + suf).lower().split())
                if key in blocked:
                    continue
                old = self.words.get(key)
                if old is not None and old.kind == kind and old.value == value:
                    if old.lang != code:
                        self.words[key] = Word(kind, value, "*", old.suffix, old.base)
                    continue
                if old is None or not suf:
                    self.words[key] = Word(kind, value, code, suf, form.lower())

        for value, forms in (data.get("fractions") or {}).items():
            for f in forms:
                add(f, "fraction", float(value))
        for value, forms in (data.get("cardinals") or {}).items():
            for f in forms:
                add(f, "card", float(value))
        for f in data.get("hundred") or []:
            add(f, "hundred", 100.0)
        for f in data.get("half") or []:
            add(f, "half", 0.5)
        for f in data.get("one_and_half") or []:
            add(f, "card", 1.5)
        for f in data.get("and_half") or []:
            add(f, "and_half", 0.5)
        for f in data.get("decimal_whole") or []:
            add(f, "whole", 0.0, inflect=False)
        for denom, forms in (data.get("decimal_parts") or {}).items():
            for f in forms:
                add(f, "part", float(denom), inflect=False)
        for denom, forms in (data.get("decimal_of") or {}).items():
            for f in forms:  # looked up only after "бүтін": "оннан" is also "from ten"
                self.decimal_of[f.lower()] = float(denom)
        for scale, forms in (data.get("scales") or {}).items():
            for f in forms:
                add(f, "scale", float(scale), inflect=f not in _SCALE_ABBREVIATIONS)
        for value, forms in (data.get("multiplier_words") or {}).items():
            for f in forms:
                add(f, "mult", float(value))
        self._endings |= set(data.get("digit_case_endings") or [])
        self._ordinals |= set(data.get("digit_ordinal_endings") or [])
        self._bare |= set(data.get("bare_scales") or [])
        self._bare_q |= set(data.get("bare_scales_after_qualifier") or [])

    def word_at(self, low: str, pos: int) -> tuple[Word, int, str] | None:
        """The number word (or phrase) at ``pos``: (word, end, form)."""
        if low[pos : pos + 1] not in self._initials:
            return None
        m = _WORD.match(low, pos)
        if m is None:
            return None
        form = m.group()
        for pattern, phrase in self.phrases.get(form, ()):
            pm = pattern.match(low, pos)
            if pm is not None:
                return self.words[phrase], pm.end(), phrase
        w = self.words.get(form)
        if w is None:
            return None
        end = m.end()
        if form in _SCALE_ABBREVIATIONS and low[end : end + 1] == ".":
            end += 1
        return w, end, form

    def read(self, low: str, pos: int, lang: str) -> Amount | None:
        """The longest number expression starting at ``pos`` in language ``lang`` (or None)."""
        total = 0.0
        cur: float | None = None
        last_scale = math.inf
        min_scale = 1.0
        end = pos
        source = ""
        suffix = ""
        words = 0
        prev = ""  # kind of the previous token
        scaled = False
        first_form = ""
        i = pos
        while True:
            m = DIGITS.match(low, i) if low[i : i + 1].isdigit() else None
            if m:
                if prev in ("digits", "card", "hundred") or (
                    prev == "scale" and not self._smaller_scale_follows(low, m.end(), last_scale, lang)
                ):
                    break
                cur = parse_digits(m.group())
                end, prev = m.end(), "digits"
                after = low[end : end + 1]
                typo = _SPACED_DECIMAL.match(low, end) if after == "," and m.group().isdigit() else None
                if typo and self._smaller_scale_follows(low, typo.end(), math.inf, lang):
                    cur += int(typo.group(1)) / 10  # "87, 7 миллиарда": a stray blank after the comma
                    end = typo.end()
                source = source or "digits"
                suffix = ""
                e = self.ending.match(low, end) if after in _DASHES else None
                if e:
                    if e.group(1) in self._ordinals:
                        return None  # "4-ші", "3-й", "50-летие": an ordinal or an anniversary
                    end, suffix = e.end(), e.group(1)
            else:
                found = self.word_at(low, i)
                if found is None:
                    break
                w, w_end, form = found
                if w.lang not in ("*", lang):
                    break
                if not source:
                    first_form = form
                if w.kind in ("fraction", "mult", "half") and prev:
                    break
                if w.kind == "fraction":
                    return Amount(pos, w_end, w.value, "fraction", suffix=w.suffix, lang=lang, words=1)
                if w.kind == "mult":
                    return Amount(pos, w_end, w.value, "multiplier", lang=lang, words=1)
                if w.kind == "card":
                    if prev == "digits" or (prev == "card" and not _can_add(cur, w.value)):
                        break
                    if prev == "scale" and w.value >= last_scale:
                        break
                    cur = (cur or 0.0) + w.value
                elif w.kind == "hundred":
                    if prev not in ("", "card"):
                        break
                    cur = (cur or 1.0) * 100.0
                elif w.kind == "half":
                    cur = 0.5
                elif w.kind == "scale":
                    if w.value >= last_scale or prev in ("whole", "of"):
                        break
                    if not prev and w.base not in self._bare:
                        return None
                    total += (1.0 if cur is None else cur) * w.value
                    cur = None
                    last_scale = min_scale = w.value
                    scaled = True
                elif w.kind == "and_half":
                    if prev not in ("card", "digits"):
                        break
                    cur = (cur or 0.0) + 0.5
                elif w.kind == "whole":
                    if prev not in ("card", "digits"):
                        break
                    dec = self._read_decimal(low, w_end, lang)
                    if dec is None:
                        break
                    frac, w_end = dec
                    cur = (cur or 0.0) + frac
                else:
                    break
                end, prev = w_end, w.kind
                source = source or "words"
                suffix = w.suffix
                words += 1
            # the next token: after blanks, or glued when it is a scale ("680,1млн")
            j = skip_blanks(low, end)
            if j == end and not (prev == "digits" and low[j : j + 1].isalpha()):
                break
            i = j
        if not source:
            return None
        value = total + (cur or 0.0)
        lone_one = source == "words" and words == 1 and value == 1.0 and not scaled
        digits_only = source == "digits" and not scaled
        text = low[pos:end]
        year_like = digits_only and len(text) == 4 and text.isdigit() and 1900 <= value <= 2100
        needs_q = source == "words" and words == 1 and scaled and first_form in self._bare_q
        return Amount(
            pos,
            end,
            value,
            source,
            scaled=scaled,
            scale=min_scale,
            suffix=suffix,
            lone_one=lone_one,
            needs_qualifier=needs_q,
            year_like=year_like,
            lang=lang,
            words=words,
        )

    def _smaller_scale_follows(self, low: str, pos: int, last_scale: float, lang: str) -> bool:
        """After "474 млрд", does the next number carry a smaller scale ("662,7 млн")?"""
        j = skip_blanks(low, pos)
        found = self.word_at(low, j)
        if found is None:
            return False
        w = found[0]
        return w.kind == "scale" and w.value < last_scale

    def _read_decimal(self, low: str, pos: int, lang: str) -> tuple[float, int] | None:
        """After "целых"/"бүтін": "пять десятых" -> 0.5, "оннан тоғыз" -> 0.9."""
        i = skip_blanks(low, pos)
        found = self.word_at(low, i)
        if found is None:
            return None
        _w, end, form = found
        denom = self.decimal_of.get(form)
        if denom is not None:  # Kazakh: the denominator first, "оннан тоғыз"
            num = self._read_cards(low, skip_blanks(low, end), lang)
            if num is None:
                return None
            return num[0] / denom, num[1]
        num = self._read_cards(low, i, lang)
        if num is None:
            return None
        found = self.word_at(low, skip_blanks(low, num[1]))
        if found is None or found[0].kind != "part":
            return None
        return num[0] / found[0].value, found[1]

    def _read_cards(self, low: str, pos: int, lang: str) -> tuple[float, int] | None:
        total, end, prev = 0.0, pos, 0.0
        i = pos
        while True:
            found = self.word_at(low, i)
            if found is None or found[0].kind not in ("card", "hundred"):
                break
            w, w_end, _ = found
            if w.kind == "hundred":
                total = (total or 1.0) * 100
            elif prev and not _can_add(total, w.value):
                break
            else:
                total += w.value
            prev, end = w.value, w_end
            i = skip_blanks(low, w_end)
        return (total, end) if end > pos else None


def _can_add(cur: float | None, value: float) -> bool:
    """ "двадцать" + "три" is one number; "три" + "пять" is not."""
    if cur is None:
        return True
    if cur >= 100 and cur % 100 == 0:
        return value < 100
    return cur % 10 == 0 and cur >= 10 and value < 10


def skip_blanks(low: str, pos: int) -> int:
    """The first position at or after ``pos`` that is not a blank inside a line."""
    if low[pos : pos + 1] not in _BLANK_CHARS:
        return pos
    return _BLANK_RUN.match(low, pos).end()  # type: ignore[union-attr]


def _phrase(form: str) -> str:
    return BLANK.join(re.escape(part) for part in form.split(" ")).replace(BLANK, BLANK + "+")


@cache
def reader() -> NumberReader:
    """The shared reader (built once: compiling the word patterns takes a few milliseconds)."""
    return NumberReader()
