"""Official tables read into typed values, normalised as spec/FACTS.md normalises facts.

Two layouts, told apart by their header:

- the Bureau's tidy layout ``date,region,item_code,item_name,value,transformation`` (region codes as in
  ``bns.yaml``; the series from the file name, e.g. ``grp_nominal_by_region.csv`` is ``grp``);
- a plain tidy CSV ``indicator,region,period,value,unit,source`` for other tables: ``indicator`` a
  series of ``bns.yaml`` or a FACTS.md indicator (then an optional ``measure`` column, default
  ``level``), ``region`` any name of the gazetteer in Russian, Kazakh or English, or an ISO code,
  ``period`` a year, ``unit`` with an optional scale ("million KZT", "млн тенге", "thousand persons").

A region that lost territory in 2021 keeps its old borders, labelled, in the years before the split;
South Kazakhstan Region is kept as itself. Nothing is merged.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import asdict, dataclass
from functools import cache
from importlib import resources
from pathlib import Path
from typing import Any

import yaml

HERE = Path(str(resources.files(__package__)))
DATA = HERE.parent / "data" / "official"
BNS_HEADER = ("date", "region", "item_code", "item_name", "value", "transformation")
PLAIN_HEADER = ("indicator", "region", "period", "value", "unit", "source")
CURRENT = "current"
MAX_BYTES = 50 * 1024 * 1024


class OfficialDataError(ValueError):
    """A table that cannot be read: the message names the file and the row."""


@dataclass(frozen=True, slots=True)
class OfficialValue:
    series: str
    indicator: str
    measure: str  # level, share, change, rate; "index" for a volume index as published (100 = same)
    sector: str | None
    item_code: str
    region: str
    borders: str
    year: int
    value: float
    unit: str
    source: str
    formula: str | None = None
    item_name: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict[str, Any]) -> OfficialValue:
        return cls(
            series=str(data["series"]),
            indicator=str(data["indicator"]),
            measure=str(data["measure"]),
            sector=data.get("sector"),
            item_code=str(data["item_code"]),
            region=str(data["region"]),
            borders=str(data.get("borders") or CURRENT),
            year=int(data["year"]),
            value=float(data["value"]),
            unit=str(data["unit"]),
            source=str(data["source"]),
            formula=data.get("formula"),
            item_name=data.get("item_name"),
        )


@cache
def bns() -> dict[str, Any]:
    """The mapping of the Bureau's codes to sandar's vocabulary (official/bns.yaml)."""
    data: dict[str, Any] = yaml.safe_load((HERE / "bns.yaml").read_text(encoding="utf-8"))
    return data


def shipped_dataset() -> list[Path]:
    """The official tables shipped with sandar (see data/official/PROVENANCE.md)."""
    return sorted(DATA.glob("*.csv"))


def read_official(path: str | Path) -> list[OfficialValue]:
    """Every value of an official table, in either layout."""
    path = Path(path)
    try:
        if path.stat().st_size > MAX_BYTES:
            raise OfficialDataError(f"{path}: over {MAX_BYTES // 2**20} MB, not an official table")
        raw = path.read_bytes()
    except OSError as exc:
        raise OfficialDataError(f"{path}: {exc.strerror or exc}") from None
    if b"\x00" in raw[:4096]:
        raise OfficialDataError(f"{path}: a binary file, not a CSV table")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise OfficialDataError(f"{path}: not UTF-8 text") from None
    rows = list(csv.reader(io.StringIO(text)))
    if not rows:
        raise OfficialDataError(f"{path}: empty")
    header = tuple(c.strip().lower() for c in rows[0])
    if header[: len(BNS_HEADER)] == BNS_HEADER:
        return _read_bns(path, rows)
    if set(PLAIN_HEADER) <= set(header):
        return _read_plain(path, header, rows)
    raise OfficialDataError(
        f"{path}: unknown header {','.join(header)[:120]!r}: expected {','.join(BNS_HEADER)} "
        f"or {','.join(PLAIN_HEADER)}"
    )


def _series_of_file(path: Path) -> str:
    for name, spec in bns()["series"].items():
        if path.stem.startswith(spec["file"]):
            return str(name)
    known = ", ".join(f"{s['file']}*" for s in bns()["series"].values())
    raise OfficialDataError(f"{path}: cannot tell the series from the file name (one of {known})")


def _read_bns(path: Path, rows: list[list[str]]) -> list[OfficialValue]:
    series = _series_of_file(path)
    spec = bns()["series"][series]
    regions: dict[str, str] = bns()["regions"]
    sections: dict[str, dict[str, str]] = bns()["sections"]
    parsed = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) < len(BNS_HEADER):
            raise OfficialDataError(f"{path}, row {n}: {len(row)} columns, expected {len(BNS_HEADER)}")
        date, code, item, name, value = (c.strip() for c in row[:5])
        if code not in regions:
            raise OfficialDataError(f"{path}, row {n}: unknown region code {code!r}")
        parsed.append((n, code, _year(path, n, date), item, name, _number(path, n, value)))
    first_year = {code: min(y for _, c, y, *_ in parsed if c == code) for code in {p[1] for p in parsed}}
    out = []
    for _n, code, year, item, name, number in parsed:
        section = sections.get(item) if series == "gva" else None
        out.append(
            OfficialValue(
                series=series,
                indicator=str(spec["indicator"]),
                measure=str(spec["measure"]),
                sector=section["sector"] if section else None,
                item_code=item,
                region=regions[code],
                borders=_borders(code, year, first_year),
                year=year,
                value=number * float(spec["scale"]),
                unit=str(spec["unit"]),
                source=f"Bureau of National Statistics, {path.name}",
                item_name=name or None,
            )
        )
    return out


def _borders(code: str, year: int, first_year: dict[str, int]) -> str:
    historical: dict[str, str] = bns()["historical"]
    if code in historical:
        return historical[code]
    successor = bns()["split_off"].get(code)
    if successor and successor in first_year and year < first_year[successor]:
        return f"before {first_year[successor]} (incl. {bns()['regions'][successor]})"
    return CURRENT


_SCALES = (
    (re.compile(r"\b(?:thousand|thous\.?|тыс\.?|тысяч\w*|мың)\s*", re.I), 1e3),
    (re.compile(r"\b(?:million|mln\.?|млн\.?|миллион\w*)\s*", re.I), 1e6),
    (re.compile(r"\b(?:billion|bn|млрд\.?|миллиард\w*)\s*", re.I), 1e9),
    (re.compile(r"\b(?:trillion|trn|трлн\.?|триллион\w*)\s*", re.I), 1e12),
)
_UNITS = {
    "kzt": "KZT",
    "тенге": "KZT",
    "теңге": "KZT",
    "tenge": "KZT",
    "usd": "USD",
    "%": "%",
    "percent": "%",
    "count": "count",
    "persons": "count",
    "people": "count",
    "человек": "count",
    "адам": "count",
    "": "count",
}


def _unit(path: Path, n: int, text: str) -> tuple[str, float]:
    scale = 1.0
    rest = text.strip()
    for pattern, factor in _SCALES:
        if pattern.search(rest):
            scale = factor
            rest = pattern.sub("", rest).strip()
    unit = _UNITS.get(rest.lower())
    if unit is None:
        raise OfficialDataError(f"{path}, row {n}: unknown unit {text!r}")
    return unit, scale


def _read_plain(path: Path, header: tuple[str, ...], rows: list[list[str]]) -> list[OfficialValue]:
    from sandar.extract.places import resolve_region_name

    col = {name: i for i, name in enumerate(header)}
    known: dict[str, dict[str, Any]] = bns()["series"]
    out = []
    for n, row in enumerate(rows[1:], start=2):
        if not any(c.strip() for c in row):
            continue
        if len(row) < len(header):
            raise OfficialDataError(f"{path}, row {n}: {len(row)} columns, expected {len(header)}")

        def cell(name: str, row: list[str] = row) -> str:
            return row[col[name]].strip() if name in col else ""

        indicator = cell("indicator")
        spec = known.get(indicator)
        region = resolve_region_name(cell("region"))
        if region is None:
            raise OfficialDataError(f"{path}, row {n}: unknown region {cell('region')!r}")
        unit, scale = _unit(path, n, cell("unit"))
        out.append(
            OfficialValue(
                series=indicator,
                indicator=str(spec["indicator"]) if spec else indicator,
                measure=cell("measure") or (str(spec["measure"]) if spec else "level"),
                sector=cell("sector") or None,
                item_code=cell("item_code") or "TOTAL",
                region=region,
                borders=cell("borders") or CURRENT,
                year=_year(path, n, cell("period")),
                value=_number(path, n, cell("value")) * scale,
                unit=unit,
                source=cell("source") or path.name,
            )
        )
    return out


def _year(path: Path, n: int, text: str) -> int:
    if len(text) >= 4 and text[:4].isdigit() and 1900 <= int(text[:4]) <= 2200:
        return int(text[:4])
    raise OfficialDataError(f"{path}, row {n}: {text!r} is not a year or a date")


def _number(path: Path, n: int, text: str) -> float:
    try:
        value = float(text.replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        raise OfficialDataError(f"{path}, row {n}: {text!r} is not a number") from None
    if value != value or value in (float("inf"), float("-inf")):
        raise OfficialDataError(f"{path}, row {n}: {text!r} is not a finite number")
    return value
