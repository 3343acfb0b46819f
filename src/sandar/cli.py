"""The ``sandar`` command line: thin wrappers over the library; each docstring is the command's help."""

from __future__ import annotations

import contextlib
import csv
import json
import os
import sys
from collections import Counter
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from sandar import __version__
from sandar.extract import extract_quantities
from sandar.extract.extractor import extract
from sandar.io.text import ReadError, decode, read_text
from sandar.models import Document, Fact

FACT_COLUMNS = (
    "doc",
    "span",
    "quote",
    "value",
    "value_max",
    "unit",
    "qualifier",
    "measure",
    "indicator",
    "sector",
    "region",
    "period",
    "kind",
    "speaker",
    "lang",
)
LANG = click.Choice(["ru", "kk"])


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sandar")
def main() -> None:
    """sandar: economic figures in Russian and Kazakh texts, as verifiable facts."""


@main.command()
@click.argument("text", required=False, default="-")
@click.option("--lang", type=LANG, default=None, help="Language of the text (default: detected).")
def quantities(text: str, lang: str | None) -> None:
    """Print every number expression of TEXT as JSON Lines.

    TEXT is the text itself, a file name, or "-" (the default) for standard input.
    """
    try:
        if text == "-":
            body = decode(sys.stdin.buffer.read(), "<stdin>")
        elif "\n" not in text and len(text) < 4096 and Path(text).is_file():
            body = read_text(text)
        else:
            body = text
    except ReadError as exc:
        raise click.ClickException(str(exc)) from None
    for q in extract_quantities(body, lang):
        click.echo(json.dumps(q.to_dict(), ensure_ascii=False))


@main.command("extract")
@click.argument("paths", nargs=-1, required=True, type=click.Path(path_type=Path))
@click.option(
    "--format",
    "fmt",
    type=click.Choice(["jsonl", "csv", "table"]),
    default="jsonl",
    show_default=True,
    help="Output format.",
)
@click.option("--lang", type=LANG, default=None, help="Language of every text (default: detected).")
@click.option("--explain", is_flag=True, help="Add, per fact, the cues that decided each field.")
def extract_cmd(paths: tuple[Path, ...], fmt: str, lang: str | None, explain: bool) -> None:
    """Print the economic facts of text files (spec/FACTS.md), doc = file name without .txt.

    PATHS are .txt files, folders (searched recursively for *.txt) or - for standard input (doc
    "stdin"). A file that cannot be read is reported on standard error in one line and the rest go
    on; the exit status is 1 if any failed.
    """
    files = list(_expand(paths))
    failed = 0
    writer = _writer(fmt, explain)
    show_progress = len(files) > 20 and sys.stderr.isatty()
    for n, path in enumerate(files, 1):
        try:
            text = sys.stdin.read() if str(path) == "-" else read_text(path)
        except ReadError as exc:
            click.echo(f"sandar: {exc}", err=True)
            failed += 1
            continue
        doc = "stdin" if str(path) == "-" else path.name.removesuffix(".txt")
        writer.write(extract(text, lang, doc))
        if show_progress and (n % 50 == 0 or n == len(files)):
            click.echo(f"\r{n}/{len(files)} files", err=True, nl=n == len(files))
    writer.close()
    if failed:
        click.echo(f"sandar: {failed} of {len(files)} inputs failed", err=True)
        sys.exit(1)


def _expand(paths: Iterable[Path]) -> Iterator[Path]:
    for p in paths:
        if p.is_dir():
            yield from sorted(x for x in p.rglob("*.txt") if x.is_file())
        else:
            yield p


class _Writer:
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
                self.csv.writerow([_cell(d.get(k)) for k in FACT_COLUMNS])
            else:
                self.rows.append(d)

    def close(self) -> None:
        if self.fmt == "table":
            _print_table(self.rows)
        elif self.fmt == "csv" and self.csv is None:
            csv.writer(sys.stdout).writerow(FACT_COLUMNS)


def _writer(fmt: str, explain: bool) -> _Writer:
    return _Writer(fmt, explain)


def _cell(v: Any) -> str:
    if v is None:
        return ""
    if isinstance(v, list | tuple):
        return ";".join(str(x) for x in v)
    return str(v)


def _print_table(rows: list[dict[str, Any]]) -> None:
    cols = ("doc", "value", "unit", "qualifier", "measure", "indicator", "region", "kind", "quote")
    table = [[_cell(r.get(c)) for c in cols] for r in rows]
    widths = [min(40, max([len(c)] + [len(row[i]) for row in table])) for i, c in enumerate(cols)]
    click.echo("  ".join(c.ljust(w) for c, w in zip(cols, widths, strict=True)))
    for row in table:
        click.echo("  ".join(v[:w].ljust(w) for v, w in zip(row, widths, strict=True)))


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


def _filters(f: Any) -> Any:
    for name in ("until", "since", "doc", "lang", "speaker", "kind", "sector", "indicator", "region"):
        f = click.option(f"--{name}", default=None, help=f"Only facts with this {name}.")(f)
    return f


@main.command()
@_filters
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
        _write_parquet(rows, output)
        return
    if fmt == "table":
        _rich_table(rows)
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
                w.writerow([_cell(r.get(k)) for k in (*FACT_COLUMNS, "url", "published")])
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
@click.option("--db", default="sandar-demo.db", show_default=True, help="The SQLite file to (re)create.")
@click.option("--serve/--no-serve", default=True, show_default=True, help="Then serve the dashboard.")
@click.option("--port", default=8080, show_default=True, type=int)
def demo(db: str, serve: bool, port: int) -> None:
    """Ingest the built-in example corpus into a fresh SQLite file with the shipped official statistics,
    show what was found and how it compares with the official figures, and serve the dashboard on
    http://127.0.0.1:8080 (Ctrl-C stops it)."""
    from sandar.ingest import IngestError, read_sources
    from sandar.store import Database

    corpus = Path(__file__).resolve().parent.parent.parent / "examples" / "corpus"
    if not corpus.is_dir():
        raise click.ClickException(f"{corpus}: the example corpus is not there (run from a checkout)")
    path = Path(db)
    for suffix in ("", "-wal", "-shm"):
        Path(str(path) + suffix).unlink(missing_ok=True)
    with Database(str(path)) as store:
        for item in read_sources([str(corpus)]):
            if isinstance(item, Document):
                store.add(item)
            elif isinstance(item, IngestError):
                click.echo(f"sandar: {item}", err=True)
        from sandar.official import read_official, shipped_dataset

        store.import_official(v for p in shipped_dataset() for v in read_official(p))
        _derive_official(store)
        s = store.stats()
        rows = store.facts()
        checked = Counter(v.verdict for v in store.verify())
    click.echo(f"{path}: {s['documents']} documents, {s['facts']} facts")
    _rich_table(rows)
    click.echo(
        "official statistics (BNS): "
        + ", ".join(f"{n} {k}" for k, n in checked.items())
        + " (sandar verify --explain says why)"
    )
    if serve:
        import uvicorn

        from sandar.web.api import create_app

        click.echo(f"dashboard: http://127.0.0.1:{port}/  (Ctrl-C to stop)", err=True)
        uvicorn.run(create_app(str(path)), host="127.0.0.1", port=port, log_level="warning")


def _rich_table(rows: list[dict[str, Any]]) -> None:
    from rich.console import Console
    from rich.table import Table

    table = Table("doc", "value", "unit", "q", "measure", "indicator", "region", "period", "kind", "quote")
    for r in rows:
        table.add_row(
            str(r.get("doc")),
            _cell(r.get("value")),
            str(r.get("unit")),
            str(r.get("qualifier")),
            str(r.get("measure")),
            str(r.get("indicator")),
            str(r.get("region")),
            _cell(r.get("period")),
            str(r.get("kind")),
            str(r.get("quote")),
        )
    Console(width=200).print(table)


def _write_parquet(rows: list[dict[str, Any]], output: Path, cols: tuple[str, ...] | None = None) -> None:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise click.ClickException("parquet output needs pyarrow: pip install 'sandar[parquet]'") from None
    cols = cols or (*FACT_COLUMNS, "url", "published")
    nested = ("span", "sector", "evidence", "verdicts")
    table = pa.table({c: [_cell(r.get(c)) if c in nested else r.get(c) for r in rows] for c in cols})
    pq.write_table(table, output)


def _reconcile_options(f: Any) -> Any:
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
    return _filters(f)


@main.command()
@_reconcile_options
@DB
def claims(fmt: str, explain: bool, output: Path | None, db: str | None, **filters: str | None) -> None:
    """Claims: reported facts stating the same indicator, measure, sector, region and period."""
    from sandar.store import Database

    with Database(db) as store:
        found = [c for c in store.claims(**filters) if len(c.facts) > 1]
    rows = []
    for c in found:
        row = c.describe()
        if explain:
            row["verdicts"] = [
                f"{v.verdict}: {v.a.get('quote')!r} ({v.a.get('doc')}) vs {v.b.get('quote')!r} "
                f"({v.b.get('doc')}): {v.why}"
                for v in c.verdicts
            ]
        rows.append(row)
    _emit(
        rows,
        fmt,
        ("status", "indicator", "measure", "sector", "region", "unit", "facts", "documents"),
        output,
    )


@main.command()
@_reconcile_options
@DB
def conflicts(fmt: str, explain: bool, output: Path | None, db: str | None, **filters: str | None) -> None:
    """Pairs of facts from different documents that cannot both be true."""
    from sandar.store import Database

    with Database(db) as store:
        found = store.conflicts(**filters)
    rows = []
    for v in found:
        a, b = v.a, v.b
        row = {
            "indicator": a.get("indicator"),
            "region": a.get("region"),
            "a": a.get("quote"),
            "a_doc": a.get("doc"),
            "a_lang": a.get("lang"),
            "a_date": a.get("published"),
            "a_speaker": a.get("speaker"),
            "b": b.get("quote"),
            "b_doc": b.get("doc"),
            "b_lang": b.get("lang"),
            "b_date": b.get("published"),
            "b_speaker": b.get("speaker"),
        }
        if explain:
            row["why"] = v.why
        rows.append(row)
    _emit(
        rows, fmt, ("indicator", "region", "a", "a_doc", "b", "b_doc", *(("why",) if explain else ())), output
    )


@main.command()
@_reconcile_options
@DB
def targets(fmt: str, explain: bool, output: Path | None, db: str | None, **filters: str | None) -> None:
    """Targets with their status: met, on track, behind, missed, not yet due or no data."""
    from sandar.store import Database

    with Database(db) as store:
        found = store.targets(**filters)
    rows = [t.describe() for t in found]
    if not explain:
        for r in rows:
            r.pop("why", None)
    cols = ("status", "indicator", "region", "period", "quote", "doc", *(("why",) if explain else ()))
    _emit(rows, fmt, cols, output)


def _emit(rows: list[dict[str, Any]], fmt: str, cols: tuple[str, ...], output: Path | None = None) -> None:
    if fmt == "parquet":
        if output is None:
            raise click.UsageError("--format parquet needs --output FILE")
        _write_parquet(rows, output, tuple(rows[0]) if rows else cols)
        return
    if output is not None:
        with output.open("w", encoding="utf-8") as fh, contextlib.redirect_stdout(fh):
            _emit(rows, fmt, cols)
        return
    if fmt == "jsonl":
        for r in rows:
            click.echo(json.dumps(r, ensure_ascii=False, default=str))
        return
    if fmt == "csv":
        w = csv.writer(sys.stdout)
        w.writerow(cols)
        for r in rows:
            w.writerow([_cell(r.get(c)) for c in cols])
        return
    from rich.console import Console
    from rich.table import Table

    table = Table(*cols)
    for r in rows:
        table.add_row(*(_cell(r.get(c)) for c in cols))
    Console(width=220).print(table)


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", default=8080, show_default=True, type=int)
@DB
def serve(host: str, port: int, db: str | None) -> None:
    """Serve the JSON API (and its OpenAPI description at /docs) over the store.

    Read-only unless SANDAR_TOKEN is set, which POST /api/ingest then requires.
    """
    import uvicorn

    from sandar.web.api import create_app

    uvicorn.run(create_app(db), host=host, port=port, log_level="warning")


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
        derived = _derive_official(store)
    if counts is not None:
        click.echo(
            f"{counts.added} added, {counts.revised} revised, {counts.unchanged} unchanged; "
            f"{derived.added + derived.revised} derived values updated; {failed} files failed",
            err=True,
        )
    if failed:
        sys.exit(1)


def _derive_official(store: Any) -> Any:
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
    _emit(rows, fmt, cols, output)


@main.command()
@_reconcile_options
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
    _emit(rows, fmt, cols, output)
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
    )
    if explain:
        cols = (*cols, "lq", "text")
    _emit(rows, fmt, cols, output)


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
