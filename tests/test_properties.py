"""Properties: no text makes the extractor raise, and numbers written the Russian or Kazakh way
read back to the same value."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sandar import extract, extract_quantities

CHARS = '0123456789 ,.-–−+%№:/$₸()«»"\n\xa0\u2009абвгдежзийклмнопрстуфхцчшщъыьэюяёәғқңөұүһіАБВЁӘҚ'
PIECES = [
    "млн",
    "млрд",
    "тыс.",
    "мың",
    "тенге",
    "теңге",
    "%-ға",
    "-дан",
    " астам",
    "более ",
    "на ",
    "в ",
    " раза",
    " есе",
    "пятую часть",
    "үштен бірі",
    "двадцати",
    "бір жарым",
    "2020 года",
    "12:45",
    "+7 727 244 55 66",
    "№ 5",
]
ALPHABET = st.sampled_from([*CHARS, *PIECES])


@settings(max_examples=300, deadline=None)
@given(st.lists(ALPHABET, max_size=60).map("".join))
def test_never_raises(text: str) -> None:
    for lang in (None, "ru", "kk"):
        for q in extract_quantities(text, lang):
            assert 0 <= q.start < q.end <= len(text)
            assert q.text == text[q.start : q.end]
        extract(text, lang)


@settings(max_examples=200, deadline=None)
@given(
    st.integers(min_value=0, max_value=10**9),
    st.integers(min_value=0, max_value=9),
    st.sampled_from(["\u0020", "\u00a0", "\u2009", "\u202f"]),
    st.sampled_from(
        [
            ("ru", "составил {} тенге"),
            ("kk", "{} теңге болды"),
            ("ru", "выросли на {}%"),
            ("kk", "{} пайызға өсті"),
        ]
    ),
)
def test_formatted_number_reads_back(whole: int, tenth: int, sep: str, frame: tuple[str, str]) -> None:
    lang, template = frame
    digits = f"{whole:,}".replace(",", sep)
    written = f"{digits},{tenth}" if tenth else digits
    if whole and 1900 <= whole <= 2100 and not tenth:
        written = f"{written},0"  # a bare 1900-2100 is a year by design
    found = extract_quantities(template.format(written), lang)
    expected = whole + tenth / 10
    assert len(found) == 1, found
    assert abs(found[0].value - expected) <= 1e-9 * max(1.0, expected)


@settings(max_examples=100, deadline=None)
@given(
    st.integers(min_value=1, max_value=999),
    st.sampled_from(
        [
            ("ru", "млн", 10**6),
            ("ru", "миллиардов", 10**9),
            ("ru", "тыс.", 10**3),
            ("kk", "мың", 10**3),
            ("kk", "миллиард", 10**9),
            ("kk", "трлн", 10**12),
        ]
    ),
)
def test_scales_multiply(n: int, scale: tuple[str, str, int]) -> None:
    lang, word, factor = scale
    unit = "тенге" if lang == "ru" else "теңге"
    found = extract_quantities(f"{n} {word} {unit}", lang)
    assert [q.value for q in found] == [n * factor]
    assert found[0].unit == "KZT"
