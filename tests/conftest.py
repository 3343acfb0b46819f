"""Shared fixtures: the development corpus in ../shared (absent on some checkouts) and the CLI runner."""

from __future__ import annotations

from pathlib import Path

import pytest
from click.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV = SHARED / "corpus" / "dev"
SCORER = SHARED / "eval" / "score.py"
EXAMPLES = ROOT / "examples" / "corpus"


@pytest.fixture(scope="session")
def dev_corpus() -> Path:
    """The development corpus folder; tests that need it are skipped where ../shared is absent."""
    if not (DEV / "gold.jsonl").is_file() or not SCORER.is_file():
        pytest.skip("../shared/corpus/dev is not beside this checkout")
    return DEV


@pytest.fixture()
def runner() -> CliRunner:
    return CliRunner()
