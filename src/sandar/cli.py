"""The ``sandar`` command line: thin wrappers over the library; each docstring is the command's help."""

from __future__ import annotations

import csv
import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import click

from sandar import __version__
from sandar.extract import extract_quantities
from sandar.extract.extractor import extract
from sandar.io.text import ReadError, decode, read_text
from sandar.models import Fact

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

    PATHS are .txt files or folders (searched recursively for *.txt). A file that cannot be read is
    reported on standard error in one line and the rest go on; the exit status is 1 if any failed.
    """
    files = list(_expand(paths))
    failed = 0
    writer = _writer(fmt, explain)
    show_progress = len(files) > 20 and sys.stderr.isatty()
    for n, path in enumerate(files, 1):
        try:
            text = read_text(path)
        except ReadError as exc:
            click.echo(f"sandar: {exc}", err=True)
            failed += 1
            continue
        doc = path.name[:-4] if path.name.endswith(".txt") else path.name
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
