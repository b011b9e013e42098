"""`ressearch parse --json` on the four seed texts matches the gold, field by field."""

from __future__ import annotations

import pytest

from conftest import SEEDS, jsonl
from gold_compare import GOLD, differences


def test_corpus_holds_the_gold_seeds():
    assert sorted(p.name for p in SEEDS) == sorted(GOLD)


def test_parse_json_matches_gold(run_cli):
    result = run_cli("parse", *SEEDS, "--json")
    assert result.exit_code == 0, result.stderr
    records = jsonl(result.stdout)
    assert len(records) == 4
    for record in records:
        name = record["file"].rsplit("/", 1)[-1]
        assert differences(name, record) == [], name


@pytest.mark.parametrize("seed", SEEDS, ids=lambda p: p.name[:3])
def test_json_has_exactly_the_documented_keys(run_cli, seed):
    record = jsonl(run_cli("parse", seed, "--json").stdout)[0]
    for key in ("file", "symbol", "organ", "session", "document_type", "adopted", "title", "paragraphs"):
        assert key in record
    assert isinstance(record["session"], int)
    for p in record["paragraphs"]:
        assert set(p) >= {"kind", "number", "verb", "text"}
        assert "\n" not in p["text"] and "  " not in p["text"]


def test_gold_check_catches_a_wrong_parse(run_cli):
    # The comparison itself must fail on a damaged record, or the gold test proves nothing.
    record = jsonl(run_cli("parse", SEEDS[2], "--json").stdout)[0]
    record["paragraphs"][3]["verb"] = "Rappelant"
    record["paragraphs"].pop()
    assert any("verb" in d for d in differences(SEEDS[2].name, record))
    assert any("counts" in d for d in differences(SEEDS[2].name, record))


def test_human_output_lists_metadata_and_paragraphs(run_cli):
    out = run_cli("parse", SEEDS[2]).stdout
    assert "68/160" in out and "Assemblée générale" in out and "2013-12-18" in out
    assert "pre 3" in out and "op 13" in out and "Prie" in out
