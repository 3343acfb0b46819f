"""The command group and what its commands share: options, tables, writers."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from pathlib import Path
from typing import Any

import click

from sandar import __version__
from sandar.models import FACT_FIELDS, Fact

FACT_COLUMNS = FACT_FIELDS
LANG = click.Choice(["ru", "kk"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sandar")
def main() -> None:
    """sandar: economic figures in Russian and Kazakh texts, as verifiable facts."""


DB = click.option(
    "--db",
    envvar="SANDAR_DB",
    default=None,
    metavar="URL|FILE",
    help="Store: a SQLAlchemy URL or an SQLite file (default ./sandar.db, or SANDAR_DB).",
)


WORKERS = click.option(
    "--workers",
    type=click.IntRange(min=1),
    default=os.cpu_count() or 1,
    show_default="all cores",
    help="Processes extracting facts (the store is written by one).",
)
DASK = click.option(
    "--dask",
    default=None,
    metavar="ADDRESS",
    help="Extract on a running Dask scheduler (tcp://host:8786) instead of locally.",
)


def filter_options(f: Any) -> Any:
    for name in ("until", "since", "doc", "lang", "speaker", "kind", "sector", "indicator", "region"):
        f = click.option(f"--{name}", default=None, help=f"Only facts with this {name}.")(f)
    return f


def cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list | tuple):
        return ";".join(str(x) for x in v)
    return str(v)


def print_table(rows: list[dict[str, Any]]) -> None:
    cols = ("doc", "value", "unit", "qualifier", "measure", "indicator", "region", "kind", "quote")
    table = [[cell(r.get(c)) for c in cols] for r in rows]
    widths = [min(40, max([len(c)] + [len(row[i]) for row in table])) for i, c in enumerate(cols)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)))
    for row in table:
        click.echo("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)))


def rich_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("doc", "value", "unit", "q", "measure", "indicator", "region", "period", "kind", "quote")
    for r in rows:
        table.add_row(
            str(r.get("doc")),
            cell(r.get("value")),
            str(r.get("unit")),
            str(r.get("qualifier")),
            str(r.get("measure")),
            str(r.get("indicator")),
            str(r.get("region")),
            cell(r.get("period")),
            str(r.get("kind")),
            str(r.get("quote")),
        )
    Console(width=200).print(table)


def write_parquet(rows: list[dict[str, Any]], output: Path, cols: tuple[str, ...] | None = None) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise click.ClickException("parquet output needs pyarrow: pip install 'sandar[parquet]'") from None
    cols = cols or (*FACT_COLUMNS, "url", "published")
    nested = ("span", "sector", "evidence", "verdicts")
    table = pa.table({c: [cell(r.get(c)) if c in nested else r.get(c) for r in rows] for c in cols})
    pq.write_table(table, output)


def emit(rows: list[dict[str, Any]], fmt: str, cols: tuple[str, ...], output: Path | None = None) -> None:
    if fmt == "parquet":
        if output is None:
            raise click.UsageError("--format parquet needs --output FILE")
        write_parquet(rows, output, tuple(rows[0]) if rows else cols)
        return
    if output is not None:
        with output.open("w", encoding="utf-8") as fh, contextlib.redirect_stdout(fh):
            emit(rows, fmt, cols)
        return
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        for r in rows:
            w.writerow([cell(r.get(c)) for c in cols])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*cols)
    for r in rows:
        table.add_row(*(cell(r.get(c)) for c in cols))
    Console(width=220).print(table)


class FactWriter:
    def __init__(self, fmt: str, explain: bool) -> None:
        self.fmt, self.explain = fmt, explain
        self.csv: Any = None
        self.rows: list[dict[str, Any]] = []

    def write(self, facts: list[Fact]) -> None:
        for f in facts:
            d = f.to_dict(explain=self.explain)
            if self.fmt == "jsonl":
                click.echo(json.dumps(d, ensure_ascii=False))
            elif self.fmt == "csv":
                if self.csv is None:
                    self.csv = csv.writer(sys.stdout)
                    self.csv.writerow(FACT_COLUMNS)
                self.csv.writerow([cell(d.get(k)) for k in FACT_COLUMNS])
            else:
                self.rows.append(d)

    def close(self) -> None:
        if self.fmt == "table":
            print_table(self.rows)
        elif self.fmt == "csv" and self.csv is None:
            csv.writer(sys.stdout).writerow(FACT_COLUMNS)


def fact_writer(fmt: str, explain: bool) -> FactWriter:
    return FactWriter(fmt, explain)


def reconcile_options(f: Any) -> Any:
    f = click.option(
        "--output",
        "-o",
        type=click.Path(path_type=Path),
        default=None,
        help="Write to this file (required for parquet).",
    )(f)
    f = click.option("--explain", is_flag=True, help="Say why each verdict or status was given.")(f)
    f = click.option(
        "--format",
        "fmt",
        type=click.Choice(["table", "csv", "jsonl", "parquet"]),
        default="table",
        show_default=True,
    )(f)
    return filter_options(f)
