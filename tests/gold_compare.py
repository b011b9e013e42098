"""Compare parses of the seed texts with the gold file, field by field (shared by tests)."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

from unidecode import unidecode

ROOT = Path(__file__).resolve().parent.parent
GOLD = json.loads((ROOT / "tests" / "gold" / "seeds.json").read_text(encoding="utf-8"))
OCR_FILES = {"000_11bf369c9702862e.txt"}


def norm_word(word: str) -> str:
    """Gold comparison form: accents folded, lower case, one apostrophe."""
    return unidecode(word.replace("’", "'")).lower()


def words_match(got: list[str], want: list[str], ocr: bool) -> bool:
    if len(got) != len(want):
        return False
    for g, w in zip(got, want):
        g, w = norm_word(g), norm_word(w)
        if g == w:
            continue
        if not ocr or difflib.SequenceMatcher(None, g, w).ratio() < 0.6:
            return False
    return True


def differences(name: str, record: dict) -> list[str]:
    """Every way `record` (parse --json output) departs from the gold for seed `name`."""
    gold = GOLD[name]
    ocr = name in OCR_FILES
    out = []
    for key in ("symbol", "organ", "session", "document_type", "adopted", "title"):
        if key == "title":
            if not words_match((record[key] or "").split(), gold[key].split(), ocr):
                out.append(f"title: {record[key]!r} != {gold[key]!r}")
        elif record[key] != gold[key]:
            out.append(f"{key}: {record[key]!r} != {gold[key]!r}")
    paras = record["paragraphs"]
    gp = gold["paragraphs"]
    counts = {k: sum(p["kind"] == k for p in paras) for k in ("preambular", "operative")}
    if counts != gold["counts"]:
        out.append(f"counts: {counts} != {gold['counts']}")
    for i, (p, g) in enumerate(zip(paras, gp)):
        where = f"paragraph {i + 1} ({g['kind']} {g['number']})"
        for key in ("kind", "number", "verb"):
            if p[key] != g[key]:
                out.append(f"{where} {key}: {p[key]!r} != {g[key]!r}")
        words = p["text"].split()
        if not words_match(words[:8], g["first_words"].split(), ocr):
            out.append(f"{where} first words: {' '.join(words[:8])!r} != {g['first_words']!r}")
        if not words_match(words[-6:], g["last_words"].split(), ocr):
            out.append(f"{where} last words: {' '.join(words[-6:])!r} != {g['last_words']!r}")
    return out
