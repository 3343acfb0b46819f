"""Function words per language (``lang/<code>/grammar.yaml``) compiled into the small patterns the
rules use: range and movement prepositions, list links, clause conjunctions, pronouns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from sandar import lang as lexicons
from sandar.extract.patterns import BLANK, alternation


@dataclass(frozen=True)
class Grammar:
    range_from: re.Pattern[str]  # "от " right before a number
    range_to: re.Pattern[str]  # only "до" between two numbers
    move_from: re.Pattern[str]  # "с " right before a number
    range_end: re.Pattern[str]  # "дейін" right after a number
    list_sep: re.Pattern[str]  # only a list link between two numbers
    pair_next: re.Pattern[str]  # a link and a second number: "до 29", "бен 29"
    clause_end: re.Pattern[str]  # where a clause ends after a number
    np_preposition: re.Pattern[str]  # a preposition governing the phrase after it
    pronoun: re.Pattern[str]
    results: re.Pattern[str]  # "по итогам", "за" before a year
    phrase_end: re.Pattern[str]  # where an organisation's name ends
    region_noun: re.Pattern[str]  # "области", "өңірдің": the region of the article
    event_before: re.Pattern[str]  # "на сессии" right before an organisation: a place, not a speaker
    event_after: re.Pattern[str]  # "сессиясында" right after one
    superlative: re.Pattern[str]  # "крупнейших", "ең ірі": the world named only as a comparison
    respectively: re.Pattern[str]  # "соответственно", "тиісінше": the figures follow the places in order
    place_link: re.Pattern[str]  # fullmatch: only a link between two places ("и", "мен")
    conjunction: re.Pattern[str]  # fullmatch: one word joining two phrases
    comment: re.Pattern[str]  # ", бұл", ", что": a clause commenting on the figure before
    elided_place: re.Pattern[str]  # " – в ": a dash for the verb, then where
    move_gap: re.Pattern[str]  # fullmatch: between the two ends of one figure's movement


def _words(forms: list[str]) -> str:
    return alternation(forms) if forms else "(?!)"


@cache
def grammar(lang: str) -> Grammar:
    """The compiled function words of ``lang``."""
    g = lexicons.load(lang, "grammar")
    links = [w for w in g.get("list_links") or [] if w.strip(",;")]
    marks = "".join(re.escape(w) for w in g.get("list_links") or [] if not w.strip(",;"))
    list_alt = "|".join(x for x in ([f"[{marks}]"] if marks else []) + ([_words(links)] if links else []))
    return Grammar(
        range_from=re.compile(_words(g.get("range_from") or []) + BLANK + r"+\Z"),
        range_to=re.compile(BLANK + "*" + _words(g.get("range_to") or []) + BLANK + r"*\Z"),
        move_from=re.compile(_words(g.get("move_from") or []) + BLANK + r"+\Z"),
        range_end=re.compile(BLANK + "*" + _words(g.get("range_end") or [])),
        list_sep=re.compile(BLANK + f"*(?:{list_alt or '(?!)'})" + BLANK + r"*\Z"),
        pair_next=re.compile(
            BLANK
            + f"*(?:{_words(g.get('pair_links') or [])}|[-–])"
            + BLANK
            + r"*\d+(?:-?\w{1,3})?"
            + BLANK
            + "*"
        ),
        clause_end=re.compile(
            r"[;:()]|[.!?»]\s|,\s" + _words(g.get("clause_conjunctions") or []) + r"\s|\s[–—-]\s"
        ),
        np_preposition=re.compile(_words(g.get("np_prepositions") or []) + r"\s"),
        pronoun=re.compile(_words(g.get("pronouns") or [])),
        results=re.compile(_words(g.get("results_words") or []) + BLANK + "*"),
        phrase_end=re.compile(r"[,.;:«»\"()]|" + BLANK + _words(g.get("phrase_stops") or [])),
        region_noun=re.compile(_words(g.get("region_nouns") or [])),
        event_before=re.compile(_words(g.get("events_before") or []) + BLANK + r"+(?:\w+" + BLANK + r"+)?\Z"),
        superlative=re.compile(_words(g.get("superlatives") or [])),
        respectively=re.compile(_words(g.get("respectively") or [])),
        place_link=re.compile(BLANK + "*" + _words(g.get("place_links") or []) + BLANK + "*"),
        conjunction=re.compile(_words(g.get("conjunctions") or []) + "|,"),
        comment=re.compile(r"[,;]\s+" + _words(g.get("comment_openers") or []) + r"\s"),
        elided_place=re.compile(
            BLANK + "+[–—-]" + BLANK + "+" + _words(g.get("locative_prepositions") or []) + BLANK + "+"
        ),
        move_gap=re.compile(r"\s*(?:" + _words(g.get("move_links") or []) + r")?\s*"),
        event_after=re.compile(r"\w*" + BLANK + "+" + _words(g.get("events_after") or [])),
    )
