"""Where sources disagree and whether targets were met: ``claims``, ``conflicts``, ``targets``."""

from __future__ import annotations

from pathlib import Path

from sandar.cli.app import (
    DB,
    emit,
    main,
    reconcile_options,
)


@main.command()
@reconcile_options
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
    emit(
        rows,
        fmt,
        ("status", "indicator", "measure", "sector", "region", "unit", "facts", "documents"),
        output,
    )


@main.command()
@reconcile_options
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
    emit(
        rows, fmt, ("indicator", "region", "a", "a_doc", "b", "b_doc", *(("why",) if explain else ())), output
    )


@main.command()
@reconcile_options
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
    emit(rows, fmt, cols, output)
