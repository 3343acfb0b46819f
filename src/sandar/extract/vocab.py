"""A labelled vocabulary: forms grouped under labels ("jobs": ["рабоч* мест*", ...]) compiled into one
trie-shaped pattern; each match tells its label.

Used for indicators, sectors, measures, kinds and speaker cues, in every language.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field

from sandar.extract.patterns import alternation


@dataclass(frozen=True, slots=True)
class Hit:
    start: int
    end: int
    label: str


@dataclass
class Vocabulary:
    """Forms under labels; ``find`` yields the labelled matches in a stretch of lower-cased text."""

    pattern: re.Pattern[str]
    exact: dict[str, str]
    stems: list[tuple[re.Pattern[str], str]] = field(default_factory=list)
    by_prefix: dict[str, list[tuple[re.Pattern[str], str]]] = field(default_factory=dict)
    _labels: dict[str, str] = field(default_factory=dict)  # matched text -> label, as found

    @classmethod
    def build(cls, groups: Mapping[str, Iterable[str]]) -> Vocabulary:
        exact: dict[str, str] = {}
        stems: list[tuple[re.Pattern[str], str]] = []
        forms: list[str] = []
        for label, items in groups.items():
            for f in items or []:
                form = " ".join(str(f).lower().split())
                if not form:
                    continue
                forms.append(form)
                if "*" in form:
                    body = re.escape(form).replace(r"\*", r"\w*").replace(r"\ ", r"\s+")
                    stems.append((re.compile(body), str(label)))
                else:
                    exact.setdefault(form, str(label))
        stems.sort(key=lambda sl: -len(sl[0].pattern))
        by_prefix: dict[str, list[tuple[re.Pattern[str], str]]] = {}
        for pattern, label in stems:
            literal = re.sub(r"\\(.)", r"\1", pattern.pattern.split("\\w*", 1)[0].split("\\s+", 1)[0])
            by_prefix.setdefault(literal, []).append((pattern, label))
        return cls(re.compile(alternation(forms)), exact, stems, by_prefix)

    def label(self, matched: str) -> str:
        """The label of a matched form."""
        known = self._labels.get(matched)
        if known is None:
            known = self._labels[matched] = self._label(matched)
        return known

    def _label(self, matched: str) -> str:
        word = " ".join(matched.split())
        hit = self.exact.get(word)
        if hit is not None:
            return hit
        # the stems whose literal start is a start of the word, longest first
        for n in range(len(word), 0, -1):
            for pattern, label in self.by_prefix.get(word[:n], ()):
                if pattern.fullmatch(word):
                    return label
        return ""

    def find(self, low: str, start: int = 0, end: int | None = None) -> Iterator[Hit]:
        """The matches in ``low[start:end]``, in text order."""
        stop = len(low) if end is None else end
        for m in self.pattern.finditer(low, start, stop):
            yield Hit(m.start(), m.end(), self.label(m.group()))

    def match(self, low: str, pos: int) -> Hit | None:
        """A match starting exactly at ``pos``."""
        m = self.pattern.match(low, pos)
        return Hit(m.start(), m.end(), self.label(m.group())) if m else None
