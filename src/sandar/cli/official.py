"""Official statistics: ``official import|show``, ``verify``, ``diversification``."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

import click

from sandar.cli.app import (
    DB,
    emit,
    main,
    reconcile_options,
)


@main.group()
def official() -> None:
    """Official statistics: import tables of the Bureau of National Statistics, list the series."""


@official.command("import")
@click.argument("files", nargs=-1, type=click.Path(path_type=Path))
@click.option("--shipped", is_flag=True, help="Import the official dataset shipped with sandar.")
@DB
def official_import(files: tuple[Path, ...], shipped: bool, db: str | None) -> None:
    """Load official tables (FILES: BNS tidy CSV or indicator,region,period,value,unit,source CSV).

    Derived series (shares of national GRP, per capita, nominal and real growth) are computed again
    from everything stored. Re-importing changes nothing; a bad file gets one line and the rest go on.
    """
    from sandar.official import OfficialDataError, read_official, shipped_dataset
    from sandar.store import Database

    paths = [*(shipped_dataset() if shipped else []), *files]
    if not paths:
        raise click.UsageError("name the files to import, or --shipped")
    failed = 0
    with Database(db) as store:
        counts = None
        for path in paths:
            try:
                values = read_official(path)
            except (OfficialDataError, OSError, UnicodeDecodeError) as exc:
                click.echo(
                    f"sandar: {path}: {exc}" if str(path) not in str(exc) else f"sandar: {exc}", err=True
                )
                failed += 1
                continue
            done = store.import_official(values)
            counts = done if counts is None else counts + done
        derived = derive_official(store)
    if counts is not None:
        click.echo(
            f"{counts.added} added, {counts.revised} revised, {counts.unchanged} unchanged; "
            f"{derived.added + derived.revised} derived values updated; {failed} files failed",
            err=True,
        )
    if failed:
        sys.exit(1)


def derive_official(store: Any) -> Any:
    from sandar.official import derive

    observed = [v for v in store.official() if v.formula is None]
    return store.import_official(derive(observed))


def _official_options(f: Any) -> Any:
    for name in ("year", "sector", "indicator", "region", "series"):
        f = click.option(
            f"--{name}", default=None, type=int if name == "year" else str, help=f"Only this {name}."
        )(f)
    return f


@official.command("show")
@_official_options
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "parquet"]), default="table")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None)
@DB
def official_show(fmt: str, output: Path | None, db: str | None, **filters: Any) -> None:
    """Print stored official values (--series grp_share --region Almaty --year 2020 ...)."""
    from sandar.store import Database

    with Database(db) as store:
        rows = [v.to_dict() for v in store.official(**filters)]
    cols = ("series", "region", "year", "value", "unit", "sector", "item_code", "borders", "formula")
    emit(rows, fmt, cols, output)


@main.command()
@reconcile_options
@click.option(
    "--verdict",
    type=click.Choice(["confirmed", "close", "contradicted", "no official figure"]),
    default=None,
    help="Only facts with this verdict.",
)
@DB
def verify(
    fmt: str, explain: bool, output: Path | None, verdict: str | None, db: str | None, **filters: str | None
) -> None:
    """Check stored facts against official statistics: confirmed, close, contradicted or no official
    figure, with the official value and the series it came from (--explain says why)."""
    from sandar.store import Database

    with Database(db) as store:
        if not store.official(series="grp"):
            click.echo(
                "sandar: no official statistics stored: run `sandar official import --shipped`", err=True
            )
        found = store.verify(**filters)
    rows = [v.describe() for v in found if verdict is None or v.verdict == verdict]
    cols: tuple[str, ...] = (
        "verdict",
        "indicator",
        "measure",
        "region",
        "period",
        "quote",
        "doc",
        "official_value",
        "official_year",
    )
    if explain:
        cols = (*cols, "series", "why", "source", "formula")
    counts: dict[str, int] = {}
    for r in rows:
        counts[r["verdict"]] = counts.get(r["verdict"], 0) + 1
    emit(rows, fmt, cols, output)
    click.echo(", ".join(f"{n} {k}" for k, n in counts.items()) or "no facts", err=True)


@main.command()
@click.option("--region", default=None, help="Only this region (every year).")
@click.option("--year", type=int, default=None, help="Only this year (every region).")
@click.option("--explain", is_flag=True, help="Add location quotients and the statements found in texts.")
@click.option("--format", "fmt", type=click.Choice(["table", "csv", "jsonl", "parquet"]), default="table")
@click.option("--output", "-o", type=click.Path(path_type=Path), default=None)
@DB
def diversification(
    region: str | None, year: int | None, explain: bool, fmt: str, output: Path | None, db: str | None
) -> None:
    """How diversified each region's economy is, from official value added by sector: HHI, Shannon
    entropy, top-3 share, Krugman index, location quotients; a region whose largest sector holds
    more than half its value added is flagged single-industry. Without --region or --year: every
    region in the latest year."""
    from sandar.store import Database

    with Database(db) as store:
        found = store.diversification(region, year)
        if region is None and year is None and found:
            latest = max(d.year for d in found)
            found = [d for d in found if d.year == latest]
        statements = store.concentration_statements(region=region) if explain else []
    rows = _diversification_rows(found, statements, explain)
    cols: tuple[str, ...] = (
        "region",
        "year",
        "hhi",
        "entropy_norm",
        "top3_share",
        "top3",
        "krugman",
        "largest",
        "single_industry",
        "n_sectors",
    )
    if explain:
        cols = (*cols, "breakdown", "lq", "text")
    emit(rows, fmt, cols, output)


def _diversification_rows(found: list[Any], statements: list[Any], explain: bool) -> list[dict[str, Any]]:
    rows = []
    for d in found:
        row = d.to_dict()
        row["top3"] = ", ".join(f"{t['section']} {t['share']}%" for t in row["top3"])
        row["largest"] = f"{row['largest']} {row['largest_share']}%"
        if explain:
            row["lq"] = ", ".join(f"{s['section']} {s['lq']}" for s in row["sectors"] if s["lq"] is not None)
            row["text"] = "; ".join(s.text() for s in statements if s.region == d.region)
        rows.append(row)
    return rows
