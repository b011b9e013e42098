"""The judged relevance set (tests/gold/relevance.json) at small scale: ranking must not
fall below plain BM25 with OR over the same paragraphs (bench/relevance.py prints figures)."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import relevance  # noqa: E402


@dataclass
class Run:
    """Both systems on the judged set: per query (id → class, nDCG, recall, ranking), per class."""

    queries: list[dict]
    ours: dict
    base: dict

    def by_class(self) -> tuple[dict, dict]:
        return relevance.by_class(self.ours), relevance.by_class(self.base)


@pytest.fixture(scope="module")
def scores(tmp_path_factory) -> Run:
    queries, ours, base = relevance.run_all(tmp_path_factory.mktemp("relevance"))
    from query.searching import close_all

    close_all()
    return Run(queries, ours, base)


def test_the_judged_set_is_well_formed(scores):
    queries = scores.queries
    assert len(queries) >= 40
    assert len({q["id"] for q in queries}) == len(queries)
    assert {q["class"] for q in queries} == {"topic", "accentless", "phrase", "verb_topic", "instrument",
                                            "reference", "typo", "paste"}
    assert all(set(q["judged"].values()) <= {0, 1, 2} and max(q["judged"].values()) > 0 for q in queries)


def test_every_paragraph_either_system_ranks_in_a_top_ten_is_judged(scores):
    # An unjudged paragraph counts as irrelevant: a change that brings new ones into a top
    # 10 must have them judged (bench/relevance.py --unjudged lists them) to be measured.
    unjudged = {(q["id"], d) for q in scores.queries for d in scores.ours[q["id"]][3] + scores.base[q["id"]][3]
                if d not in q["judged"] and d[1] >= 0}
    assert not unjudged


def test_ranking_beats_bm25_or_overall(scores):
    ours, base = scores.by_class()
    assert ours["overall"].ndcg >= base["overall"].ndcg + 0.05  # the target


@pytest.mark.parametrize("cls", ["topic", "accentless", "phrase", "verb_topic", "instrument", "reference", "typo", "paste"])
def test_no_query_class_falls_below_bm25_or(scores, cls):
    # The target is "not below"; one paragraph swapped at rank 9 or 10 moves a
    # 10-query class by about 0.004, so a swap is allowed for, not a lost query.
    ours, base = scores.by_class()
    assert ours[cls].ndcg >= base[cls].ndcg - 0.005


def test_the_bootstrap_interval_brackets_the_mean_difference_and_narrows_with_more_queries():
    # Generated per-query nDCGs: ours better by 0.05 on average, with spread.
    import random

    rng = random.Random(7)

    def runs(n):
        base = {f"q{i}": ("topic", rng.uniform(0.5, 0.9), 0.0, []) for i in range(n)}
        ours = {i: (c, min(1.0, b + rng.gauss(0.05, 0.08)), 0.0, []) for i, (c, b, _, _) in base.items()}
        return ours, base

    small, large = runs(10), runs(400)
    widths = []
    for ours, base in (small, large):
        mean = sum(ours[i][1] - base[i][1] for i in ours) / len(ours)
        low, high = relevance.paired_interval(ours, base, "topic")
        assert low < mean < high and (low, high) == relevance.paired_interval(ours, base, "overall")
        widths.append(high - low)
    assert widths[1] < widths[0] / 3
    assert relevance.paired_interval(large[1], large[1], "overall") == (0.0, 0.0)  # a system against itself
