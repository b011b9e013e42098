"""Apostrophes of elisions lost by web pages, put back (indexer/elision.py)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from indexer import elision
from indexer.decode import decode
from indexer.parse import parse_file

TESTS = Path(__file__).resolve().parent
# Texts that print their apostrophes (the seeds, from which the built-in word list was made, are left out).
SOURCES = sorted(p for d in ("data", "layouts", "eras") for p in (TESTS / d).iterdir()
                 if p.suffix in (".txt", ".md") and p.stat().st_size > 100
                 and p.name not in ("binary.txt", "bad_utf8.txt", "README.md", "ga_34_30_web_flat.txt"))
_ELIDED = re.compile(r"(?<![\w’])((?:[jJ]usqu|[lL]orsqu|[pP]uisqu|[qQ]u|[lLdDnNsSjJmMtTcC]))’(?=\w)")


def test_apostrophes_taken_out_come_back_and_none_is_invented():
    """Oracle: the text as printed. Drop every elision's apostrophe, restore, compare word by word."""
    total = restored = 0
    for path in SOURCES:
        text = decode(path.read_bytes())[0]
        back = elision.restore(_ELIDED.sub(r"\1", text))
        for got, want in zip(back.split(), text.split()):
            assert got == want or "’" not in got, (path.name, got, want)  # never a wrong apostrophe
        total += len(_ELIDED.findall(text))
        restored += len(_ELIDED.findall(back))
    assert total > 300 and restored / total >= 0.7


@pytest.mark.parametrize("damaged,repaired", [
    ("LAssemblée générale", "L’Assemblée générale"),
    ("le retrait dIsraël", "le retrait d’Israël"),
    ("quil soit et dun État", "qu’il soit et d’un État"),
    ("jusquà la fin", "jusqu’à la fin"),
    # Words that look elided but are words: left alone.
    ("dont les membres sont", "dont les membres sont"),
    ("quelle que soit lors de", "quelle que soit lors de"),
    ("LES DÉCISIONS DU CONSEIL", "LES DÉCISIONS DU CONSEIL"),
])
def test_certain_readings_only(damaged, repaired):
    assert elision.restore(damaged) == repaired


def test_only_damaged_texts_are_repaired():
    for path in SOURCES:
        text = decode(path.read_bytes())[0]
        if "’" in text:
            assert not elision.needs_repair(text), path.name
    flat = (TESTS / "eras" / "ga_34_30_web_flat.txt").read_text(encoding="utf-8")
    assert elision.needs_repair(decode(flat.encode())[0])


def test_a_page_without_apostrophes_is_searchable_by_its_words():
    res = parse_file(TESTS / "eras" / "ga_34_30_web_flat.txt")
    text = " ".join(p.text for p in res.paragraphs)
    assert "l’inadmissibilité de l’acquisition" in text and "d’urgence" in text and "lindépendance" not in text
