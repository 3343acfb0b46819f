"""The words around a number, per language: units, qualifiers, change cues and non-quantity context.

``cues(lang)`` compiles ``lang/<code>/{units,qualifiers,changes,context}.yaml`` once into the
patterns the quantity rules use. No words are written here.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache
from typing import Any

from sandar import lang as lexicons
from sandar.extract.patterns import BLANK, alternation, compile_forms


@dataclass(frozen=True)
class Cues:
    """Compiled cue patterns of one language (all match lower-cased text)."""

    lang: str
    unit: Any  # match at a position: a unit word
    unit_words: dict[str, str]  # exact form (blanks folded) -> unit
    unit_stems: tuple[tuple[re.Pattern[str], str], ...]  # forms with "*": (pattern, unit)
    prefix_unit: Any  # "$" before a number
    prefix_codes: dict[str, str]
    qual_before: Any  # search in a window ending at the number
    qual_before_map: dict[str, str]
    qual_after: Any  # match after the number
    qual_after_map: dict[str, str]
    after_case: dict[str, str]
    case_of: dict[str, str]  # ending -> case name
    noun_in: dict[str, re.Pattern[str]]  # case name -> a word in that case and the blanks after it
    upper_bound: frozenset[str]
    reach_after: Any  # "жеткізу" after "50 пайызға дейін": the level to reach
    change: Any  # groups "inc" and "dec"
    by_word: Any  # "на" right before (window ending at the number)
    level_phrase: Any  # "на уровне" right before
    change_adverbs: frozenset[str]  # "ещё" between "сократиться" and "на 5 тысяч"
    growth_before: Any  # "рост составил" before (window end)
    growth_after: Any  # "өсім" right after
    decrease_noun: Any
    index_cue: Any  # search in the sentence before
    comparison: Any  # search in the sentence before
    year_after: Any
    duration_after: Any
    short_duration_after: Any
    month_after: Any
    not_amount_after: Any  # year, month or duration words in one pattern
    number_sign_before: Any
    address_before: Any  # "проспект Абая, ", "Абай даңғылы, ": a house number follows
    street_words: tuple[str, ...]  # for a cheap test before ``address_before``


def _map(groups: dict[str, list[str]]) -> tuple[Any, dict[str, str]]:
    """Phrases grouped by a label -> (one pattern capturing the phrase, phrase -> label)."""
    table: dict[str, str] = {}
    for label, phrases in (groups or {}).items():
        for p in phrases or []:
            table[" ".join(p.lower().split())] = str(label)
    return alternation(table), table


def unit_of(c: Cues, matched: str) -> tuple[str, str]:
    """The unit of a matched unit word, and the ending after its stem ("теңгеден" -> KZT, "ден")."""
    word = " ".join(matched.split())
    code = c.unit_words.get(word)
    if code is not None:
        return code, ""
    for pattern, code in c.unit_stems:
        m = pattern.fullmatch(word)
        if m is not None:
            return code, m.group(1)
    raise LookupError(f"no unit for {matched!r}")


def _address(lang: str, streets: list[str]) -> str:
    """A street and its name right before a number: Russian names the street first and puts a comma
    before the house ("ул. Ленина, 5"), Kazakh names it first ("Абай даңғылы, 185")."""
    if not streets:
        return "(?!)"
    street, name = alternation(streets), r"[^\W\d_][\w\-]*"
    if lang == "kk":
        return rf"{name}{BLANK}+{street},?{BLANK}*\Z"
    return rf"{street}(?:(?:{BLANK}+{name}){{1,3}},|\.?){BLANK}*\Z"


@cache
def cues(lang: str) -> Cues:
    """The compiled cues of ``lang`` ("ru" or "kk")."""
    units = lexicons.load(lang, "units")
    quals = lexicons.load(lang, "qualifiers")
    changes = lexicons.load(lang, "changes")
    context = lexicons.load(lang, "context")

    words: dict[str, str] = {}
    stems: list[tuple[re.Pattern[str], str]] = []
    every = [(f.lower(), str(code)) for code, forms in units["units"].items() for f in forms]
    every.sort(key=lambda fc: -len(fc[0]))
    for form, code in every:
        if "*" in form:
            body = form.rstrip("*")
            pattern = re.escape(" ".join(body.split())).replace(r"\*", r"\w*")
            ending = r"(\w*)" if form.endswith("*") else "()"
            stems.append((re.compile(pattern + ending), code))
        else:
            words[" ".join(form.split())] = code
    prefix_codes = {
        f.lower(): str(code) for code, forms in (units.get("prefix_units") or {}).items() for f in forms
    }

    qb_alt, qb_map = _map(quals.get("before") or {})
    qa_alt, qa_map = _map(quals.get("after") or {})
    links = "|".join(re.escape(w) for w in quals.get("links") or [])
    link_part = f"(?:{BLANK}+(?:{links}))*" if links else ""
    case_of = {end: case for case, ends in (quals.get("cases") or {}).items() for end in ends}

    inc = alternation(changes.get("increase") or [])
    dec = alternation(changes.get("decrease") or [])
    by = alternation(changes.get("by_words") or [])
    # a qualifier may stand between "на" and the number: "на почти 5%"
    return Cues(
        lang=lang,
        unit=compile_forms(f for f, _ in every),
        unit_words=words,
        unit_stems=tuple(stems),
        prefix_unit=re.compile(alternation(prefix_codes)),
        prefix_codes=prefix_codes,
        qual_before=re.compile(f"(?P<q>{qb_alt}){link_part}{BLANK}*\\Z"),
        qual_before_map=qb_map,
        qual_after=re.compile(f"(?P<q>{qa_alt})"),
        qual_after_map=qa_map,
        after_case={" ".join(k.lower().split()): v for k, v in (quals.get("after_case") or {}).items()},
        case_of=case_of,
        noun_in={
            case: re.compile(
                r"\w+(?:" + "|".join(sorted(set(ends), key=len, reverse=True)) + ")" + BLANK + "+"
            )
            for case, ends in (quals.get("cases") or {}).items()
        },
        upper_bound=frozenset(quals.get("upper_bound_words") or []),
        reach_after=compile_forms(quals.get("reach_after") or []),
        change=re.compile(f"(?P<inc>{inc})|(?P<dec>{dec})"),
        by_word=re.compile(f"{by}(?:{BLANK}+{qb_alt})?{BLANK}*\\Z"),
        change_adverbs=frozenset(str(w).lower() for w in changes.get("change_adverbs") or []),
        level_phrase=re.compile(alternation(changes.get("level_phrases") or []) + f"{BLANK}*\\Z"),
        growth_before=re.compile(  # "рост составил 38%", within one clause
            alternation(changes.get("growth_nouns") or []) + r"(?:[^\w,;.]+\w+){0,8}[^\w,;.]*\Z"
        ),
        growth_after=re.compile(alternation(changes.get("growth_nouns") or [])),
        decrease_noun=compile_forms(changes.get("decrease_nouns") or []),
        index_cue=compile_forms(changes.get("index_cues") or []),
        comparison=compile_forms(changes.get("comparison") or []),
        year_after=re.compile(alternation(context.get("year_words") or [])),
        duration_after=re.compile(alternation(context.get("duration_words") or [])),
        short_duration_after=re.compile(alternation(context.get("short_duration_words") or [])),
        month_after=re.compile(alternation(context.get("months") or [])),
        not_amount_after=re.compile(
            alternation(
                [
                    *(context.get("year_words") or []),
                    *(context.get("months") or []),
                    *(context.get("duration_words") or []),
                ]
            )
        ),
        number_sign_before=re.compile(alternation(context.get("number_signs") or []) + f":?{BLANK}*\\Z"),
        address_before=re.compile(_address(lang, context.get("street_words") or [])),
        street_words=tuple(str(w).lower() for w in context.get("street_words") or []),
    )
