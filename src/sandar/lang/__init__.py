"""Language data: one folder per language (``ru``, ``kk``) with the same YAML files and keys.

Rules never hold words; they ask this module for a lexicon by language and file name. A newcomer
adds a synonym by adding one word to a YAML list.
"""

from __future__ import annotations

from functools import cache
from importlib import resources
from typing import Any

import yaml

LANGS: tuple[str, ...] = ("ru", "kk")
FILES: tuple[str, ...] = (
    "numbers",
    "units",
    "qualifiers",
    "changes",
    "context",
    "grammar",
    "indicators",
    "sectors",
    "attribution",
)


@cache
def load(lang: str, name: str) -> dict[str, Any]:
    """The parsed ``lang/<lang>/<name>.yaml`` as a dict (cached; do not mutate)."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; known: {', '.join(LANGS)}")
    path = resources.files(__package__).joinpath(lang, f"{name}.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top")
    return data


@cache
def load_shared(name: str) -> dict[str, Any]:
    """A language-independent data file, ``lang/<name>.yaml`` (e.g. the regions gazetteer)."""
    path = resources.files(__package__).joinpath(f"{name}.yaml")
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise ValueError(f"{path}: expected a mapping at the top")
    return data
