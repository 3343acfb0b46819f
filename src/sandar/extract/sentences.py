"""Sentences and paragraphs of a text, with offsets and the language of each sentence.

Lines are paragraphs; a line is split into sentences by ``razdel`` (only lines that need it: a line
with no number is kept whole, which keeps this stage cheap on long texts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from razdel import sentenize

from sandar.extract.language import kazakh_positions

_NEEDS_SPLIT = re.compile(r"[.!?…].*\S")
_DIGIT = re.compile(r"\d")
_NOT_LETTER = re.compile(r"[\W\d_]+")


@dataclass(frozen=True, slots=True)
class Sentence:
    start: int
    end: int
    paragraph: int  # the line
    lang: str
    block: int = 0  # lines between blank lines


def split_sentences(text: str, default_lang: str, with_numbers: bool = True) -> list[Sentence]:
    """Sentences in text order. ``default_lang`` decides sentences too short to judge."""
    out: list[Sentence] = []
    pos = 0
    block = 0
    for n, line in enumerate(text.split("\n")):
        if not line.strip():
            block += 1
        if line.strip():
            if with_numbers and _DIGIT.search(line) and _NEEDS_SPLIT.search(line):
                parts = [(pos + s.start, pos + s.stop) for s in sentenize(line)]
            else:
                parts = [(pos, pos + len(line))]
            for a, b in parts:
                out.append(Sentence(a, b, n, _language(text[a:b], default_lang), block))
        pos += len(line) + 1
    return out


def _language(s: str, default: str) -> str:
    letters = len(_NOT_LETTER.sub("", s))
    if letters < 25:
        return default
    kk = kazakh_positions(s.lower())
    if not kk and default == "kk":
        return "ru" if letters >= 60 else default  # a Russian quote inside a Kazakh article
    return "kk" if len(kk) / letters >= 0.025 else "ru"  # a Kazakh name alone leaves it Russian
