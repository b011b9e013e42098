"""Shared fixtures: paths to the seed corpus and test data, a CLI runner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"
SEEDS = sorted(CORPUS.glob("*.txt"))


@pytest.fixture
def run_cli():
    """Run `ressearch ARGS…` in-process; returns the click Result (stdout, stderr, exit_code)."""
    from query.cli import app

    runner = CliRunner()

    def run(*args: str, env: dict | None = None):
        return runner.invoke(app, [str(a) for a in args], env=env, catch_exceptions=False)

    return run


def jsonl(text: str) -> list[dict]:
    """Parse JSON Lines output."""
    return [json.loads(line) for line in text.splitlines() if line.strip()]


@pytest.fixture(scope="session")
def families_index(tmp_path_factory):
    """The seeds and tests/families indexed together (bench/trace_quality.py's corpus), once."""
    import sys

    from query.searching import close_all

    sys.path.insert(0, str(ROOT / "bench"))
    import trace_quality

    tmp = tmp_path_factory.mktemp("families")
    trace_quality.build_index(tmp / "index", tmp)
    yield tmp / "index"
    close_all()
