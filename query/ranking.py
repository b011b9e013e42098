"""BM25 over postings whose weights already carry the length normalization.

The index stores tf / (1 - B + B * words / AVG_WORDS) as each posting's weight
(indexer.analysis.LENGTH_B), so scoring needs neither the paragraph's length nor a second
lookup per posting, and the per-block maximum weight bounds a block's best score exactly.
"""

from __future__ import annotations

from whoosh import scoring


def bm25(idf: float, weight: float, k1: float) -> float:
    """BM25 of one term, its length normalization already in `weight` (the one formula)."""
    return idf * weight * (k1 + 1) / (weight + k1)


class PrenormalizedBM25(scoring.WeightingModel):
    """BM25 (B applied at index time): idf * w * (K1 + 1) / (w + K1)."""

    def __init__(self, K1: float = 1.2):
        self.K1 = K1

    def supports_block_quality(self) -> bool:
        return True

    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        info = searcher.term_info(fieldname, text)
        return _Scorer(searcher.idf(fieldname, text), self.K1, info.max_weight())


class _Scorer(scoring.BaseScorer):
    def __init__(self, idf: float, k1: float, max_weight: float):
        self.idf, self.k1, self._max_weight = idf, k1, max_weight

    def _score(self, weight: float) -> float:
        return bm25(self.idf, weight, self.k1)

    def supports_block_quality(self) -> bool:
        return True

    def score(self, matcher) -> float:
        return self._score(matcher.weight())

    def max_quality(self) -> float:
        return self._score(self._max_weight)

    def block_quality(self, matcher) -> float:
        return self._score(matcher.block_max_weight())
