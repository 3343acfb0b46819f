"""Commands that fill and read the store: ``ingest``, ``facts``, ``docs``, ``stats``, ``reextract``,
``watch``."""

from __future__ import annotations

import csv
import json
import sys
from pathlib import Path
from typing import Any

import click

from sandar.cli.app import (
    DASK,
    DB,
    FACT_COLUMNS,
    WORKERS,
    cell,
    filter_options,
    main,
    rich_table,
    write_parquet,
)


@main.command()
@click.argument("sources", nargs=-1, required=True)
@WORKERS
@DASK
@click.option(
    "--to",
    "to",
    nargs=2,
    type=(click.Choice(["parquet"]), click.Path(path_type=Path)),
    default=None,
    metavar="parquet DIR",
    help="Write the facts to a Parquet dataset in DIR, partitioned by region and year, not to --db.",
)
@DB
def ingest(
    sources: tuple[str, ...], workers: int, dask: str | None, to: tuple[str, Path] | None, db: str | None
) -> None:
    """Read SOURCES (files, folders, .jsonl, .parquet, .html, URLs, RSS/Atom feeds) into the store.

    Each document is stored once with its facts; a bad input gets one line on standard error and
    the rest go on. Ends with a summary; the exit status is 1 if any input failed.
    """
    from rich.progress import Progress

    from sandar.ingest import read_sources
    from sandar.ingest.pipeline import Counts
    from sandar.ingest.pipeline import ingest as run_ingest
    from sandar.store import Database
    from sandar.store.parquet import ParquetStore

    def run_into(store: Any) -> Counts:
        with Progress(transient=True, disable=not sys.stderr.isatty()) as progress:
            task = progress.add_task("ingesting", total=None)
            return run_ingest(
                store,
                read_sources(sources),
                workers=workers,
                dask=dask,
                on_error=lambda msg: click.echo(f"sandar: {msg}", err=True),
                on_document=lambda: progress.advance(task),
            )

    if to is not None:
        try:
            sink = ParquetStore(to[1])
        except RuntimeError as exc:
            raise click.ClickException(str(exc)) from None
        with sink:
            counts = run_into(sink)
    else:
        with Database(db) as store:
            run = store.start_run("ingest")
            counts = run_into(store)
            store.finish_run(run, counts.stored, counts.duplicate, counts.failed)
    click.echo(
        f"{counts.stored} stored ({counts.facts} facts), {counts.duplicate} duplicates, "
        f"{counts.failed} failed",
        err=True,
    )
    if counts.failed:
        sys.exit(1)


@main.command()
@filter_options
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["table", "csv", "jsonl", "parquet"]),
    default="table",
    show_default=True,
)
@click.option(
    "--output",
    "-o",
    type=click.Path(path_type=Path),
    default=None,
    help="Write to this file (required for parquet).",
)
@click.option("--limit", type=int, default=None, help="At most this many facts.")
@DB
def facts(fmt: str, output: Path | None, limit: int | None, db: str | None, **filters: str | None) -> None:
    """Print the stored facts, filtered (--region Almaty --indicator investment --kind target ...)."""
    from sandar.store import Database

    with Database(db) as store:
        try:
            rows = store.facts(limit, 0, **filters)
        except ValueError as exc:
            raise click.UsageError(str(exc)) from None
    if fmt == "parquet":
        if output is None:
            raise click.UsageError("--format parquet needs --output FILE")
        write_parquet(rows, output)
        return
    if fmt == "table":
        rich_table(rows)
        return
    out = output.open("w", encoding="utf-8", newline="") if output else sys.stdout
    try:
        if fmt == "jsonl":
            for r in rows:
                out.write(
                    json.dumps(
                        {k: r.get(k) for k in (*FACT_COLUMNS, "url", "title", "published")},
                        ensure_ascii=False,
                        default=str,
                    )
                    + "\n"
                )
        else:
            w = csv.writer(out)
            w.writerow((*FACT_COLUMNS, "url", "published"))
            for r in rows:
                w.writerow([cell(r.get(k)) for k in (*FACT_COLUMNS, "url", "published")])
    finally:
        if output:
            out.close()


@main.command()
@click.option("--limit", type=int, default=None)
@DB
def docs(limit: int | None, db: str | None) -> None:
    """List the stored documents with their fact counts."""
    from rich.console import Console
    from rich.table import Table

    from sandar.store import Database

    with Database(db) as store:
        rows = store.docs(limit=limit)
    table = Table("id", "name", "published", "lang", "facts", "title")
    for r in rows:
        table.add_row(
            str(r["id"]),
            r["name"],
            r["published"] or "",
            r["lang"] or "",
            str(r["facts"]),
            (r["title"] or "")[:60],
        )
    Console().print(table)


@main.command()
@DB
def stats(db: str | None) -> None:
    """Counts of documents and facts, by region, indicator, kind and language."""
    from sandar.store import Database

    with Database(db) as store:
        s = store.stats()
    click.echo(f"documents {s['documents']}, facts {s['facts']}")
    for key in ("by_region", "by_indicator", "by_kind", "by_lang"):
        click.echo(f"{key[3:]}: " + ", ".join(f"{k} {n}" for k, n in s[key].items()))


@main.command()
@click.option("--all", "force", is_flag=True, help="Re-extract every document, not only outdated ones.")
@WORKERS
@DASK
@DB
def reextract(force: bool, workers: int, dask: str | None, db: str | None) -> None:
    """Re-extract the facts of documents read by an older extractor version."""
    from sandar.ingest.pipeline import reextract as run_reextract
    from sandar.store import Database

    with Database(db) as store:
        counts = run_reextract(
            store,
            force=force,
            workers=workers,
            dask=dask,
            on_error=lambda msg: click.echo(f"sandar: {msg}", err=True),
        )
    summary = f"re-extracted {counts.stored} documents ({counts.facts} facts), {counts.failed} failed"
    click.echo(summary, err=True)
    if counts.failed:
        sys.exit(1)


@main.command()
@click.argument("urls", nargs=-1, required=True)
@click.option("--every", default="15m", show_default=True, help="Time between polls: 30s, 15m, 1h.")
@click.option("--per-host", default=1.0, show_default=True, help="Seconds between requests to one host.")
@DB
def watch(urls: tuple[str, ...], every: str, per_host: float, db: str | None) -> None:
    """Poll RSS/Atom feeds and pages, ingesting only new documents, until SIGINT or SIGTERM.

    Conditional requests (ETag, Last-Modified), a per-host pause, and a doubling wait after a
    source fails; one line per poll on standard error.
    """
    import signal

    from sandar.ingest.watch import Watcher
    from sandar.store import Database

    seconds = _duration(every)
    with Database(db) as store:
        watcher = Watcher(
            store, list(urls), seconds, per_host=per_host, log=lambda line: click.echo(line, err=True)
        )
        for sig in (signal.SIGINT, signal.SIGTERM):
            signal.signal(sig, lambda *_: watcher.stop.set())
        watcher.run()
    click.echo("sandar: watch stopped", err=True)


def _duration(text: str) -> float:
    units = {"s": 1, "m": 60, "h": 3600}
    try:
        if text[-1:] in units:
            return float(text[:-1]) * units[text[-1]]
        return float(text)
    except ValueError:
        raise click.BadParameter(f"{text!r}: write a duration like 30s, 15m or 1h") from None
