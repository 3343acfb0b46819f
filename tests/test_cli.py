"""The command line, driven through click's runner: output formats, bad input, exit status."""

from __future__ import annotations

import csv
import io
import json
from pathlib import Path

from click.testing import CliRunner

from sandar.cli import main

RU = "Инвестиции в основной капитал Павлодарской области выросли на 12,4% и составили 1,3 трлн тенге."
KK = "Қарағанды облысында 30 мыңнан астам жұмыс орны ашылды."


def test_quantities_from_an_argument(runner: CliRunner) -> None:
    res = runner.invoke(main, ["quantities", RU])
    assert res.exit_code == 0, res.output
    rows = [json.loads(x) for x in res.output.splitlines()]
    assert [(r["value"], r["unit"], r["change"]) for r in rows] == [
        (12.4, "%", True),
        (1_300_000_000_000, "KZT", False),
    ]
    assert rows[0]["quote"] == "12,4%"


def test_quantities_from_an_argument_longer_than_a_file_name(runner: CliRunner) -> None:
    """A sentence of over 255 bytes on one line is text, not a file name the system refuses."""
    text = " ".join([RU] * 3)
    assert len(text.encode("utf-8")) > 255
    res = runner.invoke(main, ["quantities", text])
    assert res.exit_code == 0, res.output
    assert [json.loads(x)["value"] for x in res.output.splitlines()].count(12.4) == 3


def test_quantities_from_stdin_and_file(runner: CliRunner, tmp_path: Path) -> None:
    res = runner.invoke(main, ["quantities", "-"], input=KK.encode("utf-8"))
    assert res.exit_code == 0
    row = json.loads(res.output)
    assert (row["value"], row["qualifier"], row["lang"]) == (30000, ">", "kk")
    f = tmp_path / "a.txt"
    f.write_bytes(RU.encode("cp1251"))
    res = runner.invoke(main, ["quantities", str(f)])
    assert len(res.output.splitlines()) == 2


def _write(folder: Path, name: str, data: bytes) -> Path:
    p = folder / name
    p.write_bytes(data)
    return p


def test_extract_jsonl_names_docs_and_goes_on_after_bad_files(runner: CliRunner, tmp_path: Path) -> None:
    good = _write(tmp_path, "good_ru.txt", RU.encode("utf-8"))
    kk = _write(tmp_path, "kk.txt", KK.encode("utf-8"))
    binary = _write(tmp_path, "photo.txt", bytes(range(256)) * 4)
    missing = tmp_path / "missing.txt"
    res = runner.invoke(main, ["extract", str(binary), str(good), str(missing), str(kk)])
    assert res.exit_code == 1
    facts = [json.loads(x) for x in res.stdout.splitlines()]
    assert {f["doc"] for f in facts} == {"good_ru", "kk"}
    errors = res.stderr.splitlines()
    assert any("photo.txt" in e and "binary" in e for e in errors)
    assert any("missing.txt" in e for e in errors)
    assert errors[-1] == "sandar: 2 of 4 inputs failed"
    first = facts[0]
    for key in (
        "doc",
        "span",
        "quote",
        "value",
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
    ):
        assert key in first


def test_extract_reads_folders_and_encodings(runner: CliRunner, tmp_path: Path) -> None:
    sub = tmp_path / "nested"
    sub.mkdir()
    _write(sub, "cp.txt", RU.encode("cp1251"))
    _write(tmp_path, "u16.txt", RU.encode("utf-16"))
    _write(tmp_path, "bom.txt", b"\xef\xbb\xbf" + KK.encode("utf-8"))
    res = runner.invoke(main, ["extract", str(tmp_path)])
    assert res.exit_code == 0, res.stderr
    docs = [json.loads(x)["doc"] for x in res.stdout.splitlines()]
    assert sorted(set(docs)) == ["bom", "cp", "u16"]


def test_extract_csv_and_table(runner: CliRunner, tmp_path: Path) -> None:
    f = _write(tmp_path, "a.txt", RU.encode("utf-8"))
    res = runner.invoke(main, ["extract", str(f), "--format", "csv"])
    rows = list(csv.DictReader(io.StringIO(res.stdout)))
    assert [r["value"] for r in rows] == ["12.4", "1300000000000"]
    res = runner.invoke(main, ["extract", str(f), "--format", "table"])
    assert res.exit_code == 0
    assert "1,3 трлн тенге" in res.stdout and res.stdout.splitlines()[0].startswith("doc")


def test_empty_file_gives_no_facts_and_no_error(runner: CliRunner, tmp_path: Path) -> None:
    f = _write(tmp_path, "empty.txt", b"")
    res = runner.invoke(main, ["extract", str(f)])
    assert res.exit_code == 0 and res.stdout == ""


def test_help_lists_commands(runner: CliRunner) -> None:
    res = runner.invoke(main, ["--help"])
    assert "extract" in res.output and "quantities" in res.output


def test_extract_explain_says_why(runner: CliRunner, tmp_path: Path) -> None:
    f = _write(tmp_path, "a.txt", RU.encode("utf-8"))
    res = runner.invoke(main, ["extract", str(f), "--explain"])
    facts = [json.loads(x) for x in res.stdout.splitlines()]
    assert facts and all({"indicator", "region", "measure", "period"} <= set(x["explain"]) for x in facts)
    assert facts[0]["indicator"] == "investment" and "инвестиции" in facts[0]["explain"]["indicator"]
    assert facts[1]["region"] == "Pavlodar Region"
