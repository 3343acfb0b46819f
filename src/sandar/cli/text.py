"""Commands on texts, without a store: ``quantities`` and ``extract``."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterable, Iterator
from pathlib import Path

import click

from sandar.cli.app import (
    LANG,
    fact_writer,
    main,
)
from sandar.extract import extract_quantities
from sandar.extract.extractor import extract
from sandar.io.text import ReadError, decode, read_text


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
        elif "\n" not in text and len(text) < 4096 and _is_file(text):
            body = read_text(text)
        else:
            body = text
    except ReadError as exc:
        raise click.ClickException(str(exc)) from None
    for q in extract_quantities(body, lang):
        click.echo(json.dumps(q.to_dict(), ensure_ascii=False))


def _is_file(text: str) -> bool:
    """Whether TEXT names a file; a sentence too long for a file name is just text."""
    try:
        return Path(text).is_file()
    except OSError:
        return False


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
    writer = fact_writer(fmt, explain)
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
