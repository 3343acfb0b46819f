"""Decoding input files: the encodings we accept and the one-line refusals."""

from __future__ import annotations

from pathlib import Path

import pytest

from sandar.io.text import MAX_BYTES, ReadError, decode, read_text

TEXT = "Доля обрабатывающей промышленности — 12,5%. Өңдеу өнеркәсібінің үлесі өсті."

CASES = [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8 with BOM", b"\xef\xbb\xbf" + TEXT.encode("utf-8")),
    ("utf-16 le", TEXT.encode("utf-16")),
    ("utf-16 be", b"\xfe\xff" + TEXT.encode("utf-16-be")),
]


@pytest.mark.parametrize(("name", "data"), CASES, ids=[c[0] for c in CASES])
def test_decodes(name: str, data: bytes) -> None:
    assert decode(data) == TEXT


def test_cp1251_russian() -> None:
    ru = "Инвестиции выросли на 17,2% до 971,2 млрд тенге"
    assert decode(ru.encode("cp1251")) == ru


@pytest.mark.parametrize(
    "data", [b"\x00\x01\x02PK\x03\x04" * 100, bytes(range(256)) * 10, b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"]
)
def test_binary_is_refused(data: bytes) -> None:
    with pytest.raises(ReadError, match=r"x\.bin"):
        decode(data, "x.bin")


def test_read_text_errors_name_the_file(tmp_path: Path) -> None:
    with pytest.raises(ReadError, match=r"nope\.txt: no such file"):
        read_text(tmp_path / "nope.txt")
    with pytest.raises(ReadError, match="is a directory"):
        read_text(tmp_path)
    big = tmp_path / "big.txt"
    with big.open("wb") as fh:
        fh.truncate(MAX_BYTES + 1)
    with pytest.raises(ReadError, match="too large"):
        read_text(big)
