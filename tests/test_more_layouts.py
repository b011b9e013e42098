"""Other organs and layouts (tests/layouts/, written after real UN documents)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer import parse_file

LAYOUTS = Path(__file__).resolve().parent / "layouts"
EXPECTED = json.loads((LAYOUTS / "expected.json").read_text(encoding="utf-8"))


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_layout_parses_as_expected(name):
    want = EXPECTED[name]
    res = parse_file(LAYOUTS / name)
    for key in ("symbol", "doc_symbol", "organ", "session", "document_type", "adopted", "title"):
        assert getattr(res, key) == want[key], key
    assert [p.verb for p in res.paragraphs] == want["verbs"]
    assert [p.number for p in res.paragraphs] == want["numbers"]
    for index, fragment in want["contains"].items():
        assert fragment in res.paragraphs[int(index)].text
    for p in res.paragraphs:
        # Page furniture never leaks into a paragraph.
        assert not any(junk in p.text for junk in ("17-23011", "1723011", "GE.23", "2/4", "État non membre"))


def test_one_expectation_per_layout_file():
    assert sorted(EXPECTED) == sorted(p.name for p in LAYOUTS.glob("*.txt"))
