"""The store and ingest: documents kept once with their facts, bad input reported, nothing lost."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import pytest
from click.testing import CliRunner

import sandar
from sandar.cli import main
from sandar.ingest import IngestError, read_sources
from sandar.models import Document
from sandar.store import Database, schema

RU = "Инвестиции в основной капитал Павлодарской области выросли на 12,4% и составили 1,3 трлн тенге."
KK = "Қарағанды облысында биыл 30 мыңнан астам жұмыс орны ашылды, деді облыс әкімі."
HTML = f"""<html><head><title>Павлодар: итоги года</title>
<meta property="article:published_time" content="2024-02-03"></head>
<body><nav>Главная | Новости | Курс доллара 450,12</nav><article><h1>Павлодар: итоги года</h1>
<p>{RU}</p><p>Кроме того, в регионе открыто 40 новых школ и создано более 5 тысяч рабочих мест.</p>
</article><footer>© 2024, просмотров: 1523</footer></body></html>"""


@pytest.fixture()
def db(db_url: str) -> Iterator[Database]:
    """The same tests against SQLite and PostgreSQL."""
    store = Database(db_url)
    yield store
    store.close()


def _corpus(folder: Path) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "ru.txt").write_text(RU, encoding="utf-8")
    (folder / "kk.txt").write_bytes(KK.encode("utf-8"))
    (folder / "page.html").write_text(HTML, encoding="utf-8")
    rows = [
        {"text": RU + " Ещё 2 проекта.", "url": "https://example.kz/a", "title": "A", "date": "2024-05-01"},
        {"text": KK, "url": "https://example.kz/b"},
    ]
    (folder / "feed.jsonl").write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), "utf-8")
    return folder


def test_ingest_every_kind_of_file_once(db: Database, tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "in")
    items = list(read_sources([str(folder)]))
    assert all(isinstance(x, Document) for x in items), items
    results = [db.add(x) for x in items if isinstance(x, Document)]
    # kk.txt and the second JSON Lines row are the same text: stored once
    assert [r.status for r in results].count("stored") == 4
    assert [r.status for r in results].count("duplicate") == 1
    page = next(d for d in db.docs() if d["name"] == "page")
    assert page["title"] == "Павлодар: итоги года" and page["published"] == "2024-02-03"
    page_facts = db.facts(doc="page")
    assert {f["quote"] for f in page_facts} >= {"12,4%", "1,3 трлн тенге"}
    assert not any("450" in f["quote"] or "1523" in f["quote"] for f in page_facts)  # page furniture
    jsonl = next(d for d in db.docs() if d["url"] == "https://example.kz/a")
    assert jsonl["published"] == "2024-05-01" and jsonl["title"] == "A"


def test_reingest_changes_nothing(db: Database, tmp_path: Path) -> None:
    folder = _corpus(tmp_path / "in")
    for _ in range(2):
        for x in read_sources([str(folder)]):
            if isinstance(x, Document):
                db.add(x)
    first = (db.stats()["documents"], db.stats()["facts"], db.facts())
    for x in read_sources([str(folder)]):
        if isinstance(x, Document):
            assert db.add(x).status == "duplicate"
    assert (db.stats()["documents"], db.stats()["facts"], db.facts()) == first


def test_whitespace_changes_are_the_same_document(db: Database) -> None:
    assert db.add(Document("a", RU)).status == "stored"
    assert db.add(Document("b", "  " + RU.replace(" ", "\n  ") + "\n")).status == "duplicate"


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty text"),
        ("blank.txt", b"   \n\t ", "empty text"),
        ("photo.txt", bytes(range(256)) * 8, "binary"),
        ("broken.jsonl", b'{"text": "ok"\n', "not JSON"),
        ("notext.jsonl", b'{"title": "x"}\n', "no 'text' field"),
        ("empty.html", b"<html><body><script>var x=1;</script></body></html>", "no main text"),
    ],
)
def test_bad_input_is_named_and_skipped(tmp_path: Path, name: str, data: bytes, message: str) -> None:
    p = tmp_path / name
    p.write_bytes(data)
    out = list(read_sources([str(p)]))
    assert len(out) == 1 and isinstance(out[0], IngestError)
    assert name in str(out[0]) and message in str(out[0])
    assert "\n" not in str(out[0])


def test_a_table_that_is_not_documents_is_one_error(tmp_path: Path) -> None:
    """A JSON Lines file of something else (gold facts, a log) is named once, not row by row; in a
    file of documents a row without text is its own error, in order."""
    gold = tmp_path / "gold.jsonl"
    gold.write_text("".join(f'{{"doc": "d{i}", "value": {i}}}\n' for i in range(300)), encoding="utf-8")
    out = list(read_sources([str(gold)]))
    assert [str(e) for e in out] == [f"{gold}: not a file of documents: no 'text' field in its first 20 rows"]
    mixed = tmp_path / "news.jsonl"
    mixed.write_text('{"title": "x"}\n{"text": "Рост ВВП составил 5%."}\n{"url": "u"}\n', encoding="utf-8")
    out = list(read_sources([str(mixed)]))
    assert [type(x).__name__ for x in out] == ["IngestError", "Document", "IngestError"]
    assert str(out[0]).endswith("news.jsonl:1: no 'text' field")
    assert str(out[2]).endswith("news.jsonl:3: no 'text' field")


def test_too_long_text_is_refused(tmp_path: Path) -> None:
    p = tmp_path / "long.txt"
    p.write_text("Рост 5%. " * 100, encoding="utf-8")
    out = list(read_sources([str(p)], max_text=200))
    assert isinstance(out[0], IngestError) and "too long" in str(out[0])


def test_cli_ingest_summary_and_exit_status(tmp_path: Path, db_url: str) -> None:
    folder = _corpus(tmp_path / "in")
    (folder / "bad.jsonl").write_text("{not json}\n", encoding="utf-8")
    dbfile = db_url
    runner = CliRunner()
    res = runner.invoke(main, ["ingest", str(folder), str(tmp_path / "missing.txt"), "--db", dbfile])
    assert res.exit_code == 1
    assert "bad.jsonl:1: not JSON" in res.stderr and "missing.txt: no such file" in res.stderr
    assert (
        res.stderr.strip().splitlines()[-1] == "4 stored (13 facts), 1 duplicates, 2 failed"
        or "4 stored" in res.stderr.strip().splitlines()[-1]
    )
    res = runner.invoke(main, ["facts", "--db", dbfile, "--region", "Pavlodar Region", "--format", "jsonl"])
    rows = [json.loads(x) for x in res.stdout.splitlines()]
    assert rows and all(r["region"] == "Pavlodar Region" for r in rows)
    res = runner.invoke(main, ["facts", "--db", dbfile, "--indicator", "jobs", "--format", "csv"])
    assert res.stdout.splitlines()[0].startswith("doc,span,quote")
    assert len(res.stdout.splitlines()) >= 2
    res = runner.invoke(main, ["stats", "--db", dbfile])
    assert "documents 4" in res.stdout and "Pavlodar Region" in res.stdout
    res = runner.invoke(main, ["docs", "--db", dbfile])
    assert "page" in res.stdout


def test_open_returns_a_store(tmp_path: Path) -> None:
    with sandar.open(str(tmp_path / "api.db")) as store:
        assert store.add(Document("ru", RU)).status == "stored"
        assert store.url.startswith("sqlite:///")


def test_library_api_and_filters(db: Database) -> None:
    with db as store:
        store.add(Document("ru", RU, published="2024-01-10"))
        store.add(Document("kk", KK, published="2025-06-01"))
        assert {f["doc"] for f in store.facts(lang="kk")} == {"kk"}
        assert {f["doc"] for f in store.facts(since="2025-01-01")} == {"kk"}
        assert {f["doc"] for f in store.facts(until="2024-12-31")} == {"ru"}
        assert all(f["kind"] == "fact" for f in store.facts(kind="fact"))
        with pytest.raises(ValueError, match="unknown filter"):
            store.facts(colour="red")


def test_reextract_refreshes_old_versions(db: Database) -> None:
    db.add(Document("ru", RU))
    from sqlalchemy import update

    from sandar.store import schema

    with db.engine.begin() as conn:
        conn.execute(update(schema.documents).values(extractor_version="0.0.0"))
        conn.execute(schema.facts.delete())
    assert db.facts() == []
    assert db.reextract() == 1
    assert len(db.facts()) == 2
    assert db.reextract() == 0


def test_schema_version_recorded_and_reopen_keeps_data(tmp_path: Path) -> None:
    path = str(tmp_path / "v.db")
    with Database(path) as store:
        store.add(Document("ru", RU))
        assert store.version() == schema.SCHEMA_VERSION == 3
    with Database(path) as again:
        assert again.version() == schema.SCHEMA_VERSION and again.stats()["documents"] == 1


def _many_docs(folder: Path, n: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    for i in range(n):
        (folder / f"d{i:05d}.txt").write_text(
            f"{RU} Документ номер {i}: создано {i + 10} рабочих мест.", "utf-8"
        )
    return folder


def test_two_concurrent_ingests_store_each_document_once(tmp_path: Path, db_url: str) -> None:
    folder = _many_docs(tmp_path / "many", 60)
    dbfile = db_url
    Database(dbfile).close()
    cmd = [sys.executable, "-m", "sandar", "ingest", str(folder), "--db", dbfile]
    procs = [subprocess.Popen(cmd, stderr=subprocess.PIPE, text=True) for _ in range(2)]
    for p in procs:
        _, err = p.communicate(timeout=300)
        assert p.returncode == 0, err
    with Database(dbfile) as store:
        s = store.stats()
        assert s["documents"] == 60
        per_doc = {d["name"]: d["facts"] for d in store.docs()}
        assert all(n == 3 for n in per_doc.values()), per_doc


def _running_with(arg: str) -> list[int]:
    """The processes whose command line holds ``arg``."""
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                cmdline = (entry / "cmdline").read_bytes().split(b"\0")
            except OSError:
                continue
            if arg.encode() in cmdline:
                found.append(int(entry.name))
    return found


def test_processes_opening_a_new_store_at_once_all_succeed(tmp_path: Path) -> None:
    """Eight processes create the same new SQLite store together (a watcher, a server, an ingest
    started at once): the schema is made once and none of them fails ("table already exists")."""
    for trial in range(3):
        db = str(tmp_path / f"race{trial}.db")
        code = f"from sandar.store import Database\nwith Database({db!r}) as s: print(s.version())"
        procs = [
            subprocess.Popen(
                [sys.executable, "-c", code], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True
            )
            for _ in range(8)
        ]
        outs = [p.communicate(timeout=120) for p in procs]
        assert [p.returncode for p in procs] == [0] * 8, [err for _, err in outs if err]
        with Database(db) as store:
            assert store.version() == max(int(out) for out, _ in outs)


def test_killed_ingest_leaves_only_complete_documents(tmp_path: Path) -> None:
    folder = _many_docs(tmp_path / "kill", 5000)
    dbfile = tmp_path / "kill.db"
    cmd = [sys.executable, "-m", "sandar", "ingest", str(folder), "--db", str(dbfile), "--workers", "2"]
    proc = subprocess.Popen(cmd, stderr=subprocess.DEVNULL)
    deadline = time.time() + 120
    while time.time() < deadline:
        time.sleep(0.2)
        if dbfile.exists():
            with Database(str(dbfile)) as store:
                if store.stats()["documents"] >= 20:
                    break
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()
    # its worker processes end with it: none is left running on the killed ingest's input
    deadline = time.time() + 10
    while _running_with(str(folder)) and time.time() < deadline:
        time.sleep(0.1)
    assert _running_with(str(folder)) == []
    with Database(str(dbfile)) as store:
        docs = store.docs()
        assert 0 < len(docs) < 5000
        assert all(d["facts"] == 3 for d in docs)  # every stored document has all its facts
    res = subprocess.run(cmd, capture_output=True, text=True, timeout=300)
    assert res.returncode == 0
    with Database(str(dbfile)) as store:
        assert store.stats()["documents"] == 5000


class _Site(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        found = self.pages.get(self.path)
        if found is None:
            self.send_response(404)
            self.end_headers()
            return
        kind, body = found
        self.send_response(200)
        self.send_header("Content-Type", kind)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture()
def site() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), _Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    base = f"http://127.0.0.1:{server.server_address[1]}"
    _Site.pages = {
        "/news/1": ("text/html; charset=utf-8", HTML.encode("utf-8")),
        "/news/2": ("text/html; charset=utf-8", HTML.replace(RU, KK).encode("utf-8")),
        "/rss": (
            "application/rss+xml",
            f"""<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>Новости</title>
<item><title>Первая</title><link>{base}/news/1</link></item>
<item><title>Вторая</title><link>{base}/news/2</link></item>
<item><title>Пропала</title><link>{base}/news/404</link></item>
</channel></rss>""".encode(),
        ),
        "/garbage": ("application/rss+xml", b"<?xml version='1.0'?><rss><<<"),
    }
    yield base
    server.shutdown()


def test_url_and_feed_ingest_from_a_local_server(site: str) -> None:
    page = list(read_sources([f"{site}/news/1"]))
    assert isinstance(page[0], Document) and page[0].url == f"{site}/news/1"
    items = list(read_sources([f"{site}/rss"]))
    docs = [x for x in items if isinstance(x, Document)]
    errors = [str(x) for x in items if isinstance(x, IngestError)]
    assert len(docs) == 2 and docs[0].title == "Павлодар: итоги года"
    assert len(errors) == 1 and "/news/404" in errors[0]
    bad = list(read_sources([f"{site}/garbage", "http://127.0.0.1:9/unreachable"]))
    assert all(isinstance(x, IngestError) for x in bad) and len(bad) == 2


def test_workers_store_the_same_facts_as_one_process(tmp_path: Path) -> None:
    from sandar.ingest.pipeline import ingest

    folder = _many_docs(tmp_path / "w", 40)
    _corpus(folder)
    results = []
    for workers in (1, 2):
        with Database(str(tmp_path / f"w{workers}.db")) as store:
            counts = ingest(store, read_sources([str(folder)]), workers=workers)
            rows = [{k: v for k, v in f.items() if k != "id" and k != "doc_id"} for f in store.facts()]
            results.append((counts.stored, counts.duplicate, counts.facts, sorted(map(str, rows))))
    assert results[0] == results[1]
    assert results[0][0] == 44


def test_facts_as_parquet(tmp_path: Path) -> None:
    import pyarrow.parquet as pq

    dbfile = tmp_path / "p.db"
    runner = CliRunner()
    runner.invoke(main, ["ingest", str(_corpus(tmp_path / "in")), "--db", str(dbfile)])
    out = tmp_path / "facts.parquet"
    res = runner.invoke(main, ["facts", "--db", str(dbfile), "--format", "parquet", "-o", str(out)])
    assert res.exit_code == 0, res.output
    table = pq.read_table(out)
    with Database(str(dbfile)) as store:
        assert table.num_rows == store.stats()["facts"] > 0
    assert {"doc", "quote", "value", "unit", "region", "indicator"} <= set(table.column_names)
    res = runner.invoke(main, ["facts", "--db", str(dbfile), "--format", "parquet"])
    assert res.exit_code != 0 and "--output" in res.output


def test_upgrade_from_version_1_keeps_the_data(tmp_path: Path) -> None:
    from sqlalchemy import delete, text

    from sandar.store import schema

    path = str(tmp_path / "old.db")
    with Database(path) as store:
        store.add(Document("ru", RU))
        with store.engine.begin() as conn:  # make it look like a version-1 store
            conn.execute(text("DROP INDEX facts_region_order"))
            conn.execute(text("DROP TABLE official_values"))
            conn.execute(delete(schema.schema_version).where(schema.schema_version.c.version >= 2))
        assert store.version() == 1
        before = store.facts()
    with Database(path) as upgraded:
        assert upgraded.version() == schema.SCHEMA_VERSION and upgraded.facts() == before
        with upgraded.engine.connect() as conn:
            names = [r[0] for r in conn.execute(text("SELECT name FROM sqlite_master WHERE type='index'"))]
        assert "facts_region_order" in names and "official_region_series" in names


def test_one_process_pool_and_dask_store_the_same_facts(tmp_path: Path) -> None:
    """The same pure extraction on one process, a local pool and a Dask LocalCluster of two workers."""
    from distributed import LocalCluster
    from sqlalchemy import update

    from sandar.ingest.pipeline import ingest, reextract

    folder = _many_docs(tmp_path / "g", 30)
    _corpus(folder)
    results = []
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None) as cluster:
        for name, kwargs in (
            ("one", {}),
            ("pool", {"workers": 2}),
            ("dask", {"dask": cluster.scheduler_address}),
        ):
            with Database(str(tmp_path / f"{name}.db")) as store:
                counts = ingest(store, read_sources([str(folder)]), **kwargs)  # type: ignore[arg-type]
                rows = [{k: v for k, v in f.items() if k not in ("id", "doc_id")} for f in store.facts()]
                results.append((counts.stored, counts.facts, sorted(map(str, rows))))
                # the same engine re-extracts documents marked as read by an old extractor
                with store.engine.begin() as conn:
                    conn.execute(update(schema.documents).values(extractor_version="0.0.1"))
                    conn.execute(schema.facts.delete())
                again = reextract(store, **kwargs)  # type: ignore[arg-type]
                assert (again.stored, again.facts, again.failed) == (counts.stored, counts.facts, 0)
                rows = [{k: v for k, v in f.items() if k not in ("id", "doc_id")} for f in store.facts()]
                assert sorted(map(str, rows)) == results[-1][2]
                assert reextract(store, **kwargs).stored == 0  # type: ignore[arg-type]
    assert results[0] == results[1] == results[2]
    assert results[0][0] == 34 and results[0][1] > 90
