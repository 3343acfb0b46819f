"""The dashboard: ``serve``, and ``demo`` which fills a store with the example corpus first."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

import click

from sandar.cli.app import (
    DB,
    main,
    rich_table,
)
from sandar.cli.official import derive_official
from sandar.models import Document


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

    corpus = Path(__file__).resolve().parents[3] / "examples" / "corpus"
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
        derive_official(store)
        s = store.stats()
        rows = store.facts()
        checked = Counter(v.verdict for v in store.verify())
    click.echo(f"{path}: {s['documents']} documents, {s['facts']} facts")
    rich_table(rows)
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
