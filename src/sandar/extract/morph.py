"""Russian noun phrases put back in the nominative, with pymorphy3's dictionary.

A source named in another case ("сообщили в региональном управлении экономики", "по данным
пресс-службы акимата") is reported in the nominative, as spec/FACTS.md asks of speakers: the head
noun and the adjectives before it change case, the genitive words after it stay
("региональное управление экономики", "пресс-служба акимата").
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import Any

_OBLIQUE = ("loct", "datv", "ablt", "gent", "accs")
_MODIFIERS = {"ADJF", "PRTF", "NUMR"}


@cache
def _analyzer() -> Any:
    import pymorphy3

    return pymorphy3.MorphAnalyzer()


def nominative_phrase(words: list[str]) -> list[str]:
    """``words`` with its leading adjectives and head noun in the nominative; unchanged when the head
    is already nominative, is not found, or does not inflect."""
    parses = [_parse(w.lower()) for w in words]
    head = next(
        (i for i, ps in enumerate(parses) if any("NOUN" in p.tag for p in ps) and not _modifier_only(ps)),
        None,
    )
    if head is None or head > 3:
        return words
    first = next((p for p in parses[head] if "NOUN" in p.tag), None)
    case = first.tag.case if first is not None else None
    if case not in _OBLIQUE or not all(_with_case(ps, case) for ps in parses[:head]):
        return words  # nominative already, or not a phrase sandar can read
    noun = _with_case(parses[head], case, noun=True)
    if noun is None:
        return words
    number = "plur" if "plur" in noun.tag else "sing"
    new_noun = noun.inflect({"nomn", number})
    if new_noun is None:
        return words
    agree = {"nomn", number} | ({noun.tag.gender} if number == "sing" and noun.tag.gender else set())
    out = list(words)
    out[head] = _like(words[head], new_noun.word)
    for i in range(head):
        adj = _with_case(parses[i], case)
        form = adj.inflect(agree) if adj is not None else None
        if form is None:
            return words
        out[i] = _like(words[i], form.word)
    return out


@lru_cache(maxsize=20_000)
def _parse(word: str) -> Any:
    return _analyzer().parse(word)


def _modifier_only(parses: list[Any]) -> bool:
    return bool(parses) and any(t in parses[0].tag for t in _MODIFIERS)


def _with_case(parses: list[Any], case: str, noun: bool = False) -> Any:
    for p in parses:
        if case in p.tag and (not noun or "NOUN" in p.tag):
            return p
    return None


def _like(original: str, word: str) -> str:
    """``word`` with the capitalisation of ``original``."""
    return word[:1].upper() + word[1:] if original[:1].isupper() else word
