"""Eleven more layouts and five broken files (tests/data/, see its README), field by field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from indexer import ParseError, parse_file

DATA = Path(__file__).resolve().parent / "data"
EXPECTED = json.loads((DATA / "expected.json").read_text(encoding="utf-8"))
RESOLUTIONS = sorted(n for n, e in EXPECTED.items() if not e.get("error"))
BROKEN = sorted(n for n, e in EXPECTED.items() if e.get("error"))


def same(a: str, b: str) -> bool:
    return a.replace("'", "’") == b.replace("'", "’")


@pytest.mark.parametrize("name", RESOLUTIONS)
def test_resolution_file(name):
    want = EXPECTED[name]
    res = parse_file(DATA / name)
    for key in ("symbol", "doc_symbol", "organ", "session", "document_type", "adopted", "title"):
        assert getattr(res, key) == want[key], key
    kinds = [p.kind for p in res.paragraphs]
    assert {"preambular": kinds.count("preambular"), "operative": kinds.count("operative")} == want["counts"]
    assert [p.verb for p in res.paragraphs] == want["verbs"]
    assert [p.number for p in res.paragraphs] == want["numbers"]
    for p, first, last in zip(res.paragraphs, want["first_words"], want["last_words"]):
        words = p.text.split()
        assert same(" ".join(words[: len(first.split())]), first)
        assert same(" ".join(words[-len(last.split()):]), last)
    for index, fragments in want.get("contains", {}).items():
        for fragment in [fragments] if isinstance(fragments, str) else fragments:
            assert fragment.replace("'", "’") in res.paragraphs[int(index)].text.replace("'", "’")
    assert any("truncated" in w for w in res.warnings) == bool(want.get("truncated"))


@pytest.mark.parametrize("name", BROKEN)
def test_broken_file_is_refused_with_a_reason(name):
    with pytest.raises(ParseError) as e:
        parse_file(DATA / name)
    assert str(e.value) and "\n" not in str(e.value)


def test_every_data_file_has_an_expectation():
    files = {p.name for p in DATA.iterdir() if p.suffix in (".txt", ".md")}
    assert files == set(EXPECTED)
