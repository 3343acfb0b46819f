"""Turn lexicon forms (``lang/<code>/*.yaml``) into compiled regular expressions.

A form is written as it appears in text, lower case: ``*`` stands for any word ending and a space
for any run of blanks; a form that starts or ends with a letter must start or end a word.
All matching is done on the lower-cased text, whose offsets equal the original's.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

import regex

BLANK = "[ \\t\\u00a0\\u2009\\u202f]"
"""One blank inside a line: space, tab, no-break, thin and narrow no-break spaces."""

LETTERS = "[^\\W\\d_]"


def form_regex(form: str) -> str:
    """One lexicon form as a regex fragment (see the module docstring)."""
    form = form.lower().strip()
    out: list[str] = []
    for ch in form:
        if ch == "*":
            out.append(r"\w*")
        elif ch == " ":
            out.append(BLANK + "+")
        else:
            out.append(regex.escape(ch))
    body = "".join(out)
    if form[:1].isalnum():
        body = r"(?<!\w)" + body
    if form[-1:].isalnum():
        body += r"(?!\w)"
    return body


def alternation(forms: Iterable[str]) -> str:
    """Forms joined longest first, so that "одну пятую часть" wins over "одну"."""
    unique = sorted({f.lower().strip() for f in forms if f and f.strip()},
                    key=lambda f: (-len(f.replace("*", "")), f))
    return "(?:" + "|".join(form_regex(f) for f in unique) + ")" if unique else "(?!)"


def compile_forms(forms: Iterable[str]) -> Any:
    """A compiled alternation of forms (``regex`` module, Unicode, no case folding: text is lowered)."""
    return regex.compile(alternation(forms))


def flatten(values: Iterable[Any]) -> list[str]:
    """All strings of a YAML value that may be a list or a mapping of lists."""
    out: list[str] = []
    for v in values:
        if isinstance(v, str):
            out.append(v)
        elif isinstance(v, dict):
            out.extend(flatten(v.values()))
        elif isinstance(v, list):
            out.extend(flatten(v))
    return out
