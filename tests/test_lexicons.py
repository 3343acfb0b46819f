"""Language data integrity: ru and kk have the same files and keys, and every form compiles."""

from __future__ import annotations

from importlib import resources

import pytest

from sandar import lang
from sandar.extract.cues import cues
from sandar.extract.numbers import reader


def _files(code: str) -> set[str]:
    folder = resources.files("sandar.lang").joinpath(code)
    return {p.name for p in folder.iterdir() if p.name.endswith(".yaml")}


def test_same_files_in_every_language() -> None:
    assert _files("ru") == _files("kk")
    assert {f"{name}.yaml" for name in lang.FILES} <= _files("ru")


@pytest.mark.parametrize("name", sorted(_files("ru")))
def test_same_keys_in_every_language(name: str) -> None:
    stem = name.removesuffix(".yaml")
    ru, kk = lang.load("ru", stem), lang.load("kk", stem)
    assert set(ru) == set(kk), f"{name}: top-level keys differ: {set(ru) ^ set(kk)}"
    for key, value in ru.items():  # named sub-tables (not tables keyed by numbers or unit codes)
        other = kk[key]
        named = [value, other]
        if all(isinstance(t, dict) and t and all(str(k).isidentifier() for k in t) for t in named):
            assert set(value) == set(other), f"{name}: keys of {key} differ"


@pytest.mark.parametrize("code", lang.LANGS)
def test_cues_compile(code: str) -> None:
    c = cues(code)
    assert c.unit.match("%")
    assert c.qual_before.pattern


def test_number_words_of_both_languages_are_loaded() -> None:
    words = reader().words
    assert words["двадцати"].value == 20
    assert words["тоғыз"].value == 9
    assert words["пятую часть"].kind == "fraction"
    assert "оның" not in words  # "its", not "ten" + ending


def test_unknown_language_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown language"):
        lang.load("en", "numbers")
