"""Decode a file into text: UTF-8 (with or without BOM), UTF-16 with BOM, or cp1251; refuse binary.

Every refusal is a ``ReadError`` whose message names the input and says why in one line.
"""

from __future__ import annotations

import codecs
from pathlib import Path

MAX_BYTES = 20 * 1024 * 1024
"""Files larger than this are refused (news articles are kilobytes)."""


class ReadError(Exception):
    """An input that cannot be read as text; ``str(err)`` is the one-line message."""


def decode(data: bytes, name: str = "<input>") -> str:
    """Bytes -> text, trying UTF-8, UTF-16 (BOM) and cp1251, in that order."""
    if data.startswith(codecs.BOM_UTF8):
        data = data[len(codecs.BOM_UTF8) :]
    elif data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as exc:
            raise ReadError(f"{name}: broken UTF-16 text ({exc.reason})") from None
    if b"\x00" in data[:8192]:
        raise ReadError(f"{name}: binary file (NUL bytes), not text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        text = data.decode("cp1251")
    except UnicodeDecodeError:
        raise ReadError(f"{name}: not UTF-8, UTF-16 or cp1251 text") from None
    if not _looks_like_text(text):
        raise ReadError(f"{name}: not UTF-8, UTF-16 or cp1251 text (looks binary)")
    return text


def _looks_like_text(text: str) -> bool:
    """Decoded cp1251 of random bytes is full of control characters and rare symbols."""
    sample = text[:8192]
    if not sample:
        return True
    odd = sum(1 for ch in sample if (ord(ch) < 32 and ch not in "\t\n\r\f") or ch in "ЂЃѓЉЊЌЋЏђ™љњќћџ")
    return odd / len(sample) < 0.02


def read_text(path: str | Path) -> str:
    """The text of a file (see ``decode``); raises ``ReadError`` naming the file."""
    p = Path(path)
    try:
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise ReadError(f"{p}: too large ({size // 1024 // 1024} MB > {MAX_BYTES // 1024 // 1024} MB)")
        data = p.read_bytes()
    except FileNotFoundError:
        raise ReadError(f"{p}: no such file") from None
    except IsADirectoryError:
        raise ReadError(f"{p}: is a directory") from None
    except PermissionError:
        raise ReadError(f"{p}: permission denied") from None
    except OSError as exc:
        raise ReadError(f"{p}: cannot read ({exc.strerror})") from None
    return decode(data, str(p))
