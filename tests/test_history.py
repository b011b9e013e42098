"""Clause history (query/history.py): versions in date order, copies folded, step diffs."""

from __future__ import annotations

import json
import random
import re

import pytest

from query.history import history
from query.similarity import is_copy
from indexer import symbols as grammar
from query.searching import engine_for
from query.tracing import TraceHit, trace


@pytest.fixture
def index(families_index):
    return families_index


def clause_history(ref, index):
    result = trace(ref, index=index, by="date")
    return history(result.text, result.hits, result.reference)


def short(symbol: str) -> str:
    """The number as the gold writes it: `A/RES/65/218` → `65/218`."""
    parsed = grammar.parse(symbol)
    return parsed.number if parsed else symbol


def words(text: str) -> list[str]:
    # word_diff compares words without their punctuation ("filles," = "filles")
    return re.sub(r"[^\w\s]", "", text).split()


def apply(segments, side):
    """The old or new text a diff was made from, as its words."""
    keep = {"old": ("equal", "delete"), "new": ("equal", "insert")}[side]
    return words(" ".join(text for op, text in segments if op in keep))


def test_seed_clause_folds_the_ocr_and_clean_drafts_and_reads_in_date_order(index):
    h = clause_history("68/160:op13", index)
    symbols = [short(v.symbol) for v in h.versions]
    assert symbols == ["65/218", "68/160", "53/..."]
    assert [v.adopted for v in h.versions] == ["2010-12-21", "2013-12-18", None]
    draft = h.versions[-1]
    assert sorted(f.rsplit("/", 1)[-1] for f in draft.files) == ["000_11bf369c9702862e.txt", "002_0d3b84d2626458c8.txt"]
    assert h.versions[1].is_reference and h.versions[0].diff_previous is None
    assert h.summary.changes == 2
    assert h.summary.line() == "first adopted in A/RES/65/218 (2010), changed 2 times, last in 53/... (session 53)"
    assert h.summary.line("fr").endswith("modifié 2 fois, la dernière dans 53/... (53e session)")
    data = json.loads(json.dumps(h.to_dict()))
    assert short(data["summary"]["first"]) == "65/218" and len(data["versions"]) == 3
    assert data["versions"][1]["diff_previous"][0][0] in ("equal", "delete", "insert")


def test_step_diff_shows_what_changed_at_that_step_and_reference_diff_is_kept(index):
    h = clause_history("67/164:op6", index)
    assert [short(v.symbol) for v in h.versions] == ["67/164", "69/183"]
    second = h.versions[1]
    assert [short(x) for x in second.also_in] == ["71/186"]  # re-adopted word for word in 2016
    inserted = " ".join(t for op, t in second.diff_previous if op == "insert")
    assert "instamment" in inserted and "personnes handicapées" in inserted
    assert apply(second.diff_previous, "old") == words(h.versions[0].text)
    assert apply(second.diff_previous, "new") == words(second.text)
    assert apply(second.diff_reference, "old") == words(engine_for(index).paragraph("67/164:op6").text)
    assert h.summary.line() == "first adopted in A/RES/67/164 (2012), changed once, last in A/RES/69/183 (2014)"
    assert h.summary.line("fr") == ("adopté pour la première fois dans A/RES/67/164 (2012), modifié une fois, "
                                    "dans A/RES/69/183 (2014)")


def test_a_human_rights_council_paragraph_taken_up_by_the_general_assembly(index):
    h = clause_history("28/10:op4", index)
    assert [(short(v.symbol), v.organ) for v in h.versions] == [
        ("28/10", "Conseil des droits de l’homme"), ("70/154", "Assemblée générale"),
        ("31/10", "Conseil des droits de l’homme")]
    # the GA reworded it; the HRC's next resolution went back to its own text
    assert any(op == "insert" and "Considère" in t for op, t in h.versions[1].diff_previous)
    unchanged = clause_history("28/10:op1", index)
    assert len(unchanged.versions) == 1 and [short(x) for x in unchanged.versions[0].also_in] == ["70/154", "31/10"]
    assert unchanged.summary.line() == "first adopted in A/HRC/RES/28/10 (2015), unchanged since"
    assert unchanged.summary.line("fr") == "adopté pour la première fois dans A/HRC/RES/28/10 (2015), inchangé depuis"


BASE = ("Demande aux États de redoubler d’efforts pour éliminer l’extrême pauvreté, en particulier en adoptant des "
        "stratégies nationales de réduction de la pauvreté qui tiennent compte des besoins des femmes").split()
EXTRA = "instamment vivement notamment durables inclusives rurales handicapées autochtones âgées migrantes".split()


def wordings(rng: random.Random, n: int) -> list[str]:
    """n wordings of one clause, each differing from every other by whole words (never copies)."""
    out: list[str] = []
    while len(out) < n:
        words = BASE[:]
        for w in rng.sample(EXTRA, 3):
            words.insert(rng.randrange(1, len(words)), w)
        text = " ".join(words)
        if all(not is_copy(text, o) for o in out):
            out.append(text)
    return out


@pytest.mark.parametrize("seed", range(30))
def test_versions_are_the_runs_of_wordings_in_date_order(seed):
    rng = random.Random(seed)
    texts = wordings(rng, 4)
    n = rng.randrange(1, 12)
    years = sorted(rng.sample(range(1995, 2025), n))
    chosen = [rng.randrange(4) for _ in range(n)]
    hits = [TraceHit(file=f"f{i}.txt", symbol=f"{y - 1945}/{100 + i}", organ=None, session=y - 1945,
                     adopted=f"{y}-12-18", kind="operative", number=3, position=10 + i, verb="Demande",
                     text=texts[c], similarity=0.5) for i, (y, c) in enumerate(zip(years, chosen))]
    rng.shuffle(hits)
    h = history(texts[0], hits)
    # oracle: one version per run of equal wordings, in year order
    runs = [c for i, c in enumerate(chosen) if i == 0 or chosen[i - 1] != c]
    assert [v.text for v in h.versions] == [texts[c] for c in runs]
    assert sum(len(v.files) for v in h.versions) == n
    assert [v.adopted for v in h.versions] == sorted(v.adopted for v in h.versions)
    assert h.summary.changes == len(runs) - 1
    for prev, v in zip(h.versions, h.versions[1:]):
        assert apply(v.diff_previous, "old") == words(prev.text) and apply(v.diff_previous, "new") == words(v.text)


def test_empty_history():
    h = history("Prie le Secrétaire général de lui présenter un rapport ;", [])
    assert h.versions == [] and h.summary.line() == "no version"


def test_a_security_council_renewal_changes_at_every_step(index):
    h = clause_history("2450 (2018):op6", index)
    assert [short(v.symbol) for v in h.versions] == ["2426 (2018)", "2450 (2018)", "2503 (2019)"]
    changed = [[t for op, t in v.diff_previous if op != "equal"] for v in h.versions[1:]]
    assert changed == [["31 décembre 2018,", "30 juin 2019,"], ["2019,", "2020,"]]
    assert h.summary.line() == "first adopted in S/RES/2426 (2018), changed 2 times, last in S/RES/2503 (2019)"


def test_cli_trace_by_date_reads_as_a_clause_history(index, run_cli):
    from conftest import jsonl

    out = run_cli("trace", "68/160:op13", "--by", "date", "--index", index).stdout
    assert out.startswith("first adopted in A/RES/65/218 (2010), changed 2 times")
    assert out.index("1. A/RES/65/218") < out.index("2. A/RES/68/160  2013") < out.index("3. 53/...")
    assert "(reference)" in out and "{+" in out
    rows = jsonl(run_cli("trace", "68/160:op13", "--by", "date", "--json", "--index", index).stdout)
    assert [short(r["symbol"]) for r in rows] == ["65/218", "68/160", "53/..."]
    assert rows[0]["diff_previous"] is None and rows[1]["diff_previous"]
    # the draft's clean copy represents it, the OCR'd one is listed as a file
    assert rows[2]["file"].endswith("002_0d3b84d2626458c8.txt") and len(rows[2]["files"]) == 2
