"""Queries scored for every matching paragraph at once, from posting lists held as arrays.

Whoosh scores one posting at a time in Python and stops early by block bounds; a query of
frequent words still walks tens of thousands of postings that way. Here the query tree is
evaluated with numpy over whole posting lists: And, Or, AndNot, Not, coordinated OR,
alternatives, boosts, scored prefixes, phrases (their position-checked match set, scored by
their words) and ranges or field values that only select inside an AND, each with Whoosh's
own formula (`ranking.bm25`, a matcher's sum, Whoosh's SQR coordination), so the ranking is
the exhaustive one, ties by document number as Whoosh breaks them, and the match set comes
with it. Anything else (wildcards, a range in an OR, a phrase too frequent to check in
time) is left to the other paths: `evaluate` returns None.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from whoosh import query as wq

from indexer.whoosh_internals import posting_arrays

from .ranking import Alternatives, CoordinatedOr


@dataclass(frozen=True)
class Postings:
    """A term's postings: document numbers ascending, and each posting's weight."""

    ids: np.ndarray  # int64
    weights: np.ndarray  # float64

    def __len__(self) -> int:
        return len(self.ids)


def postings_key(fieldname: str, btext: bytes) -> tuple:
    """The key of a term's Postings in the generation's PostingCache."""
    return ("a", fieldname, btext)


def read_postings(reader, fieldname: str, btext: bytes) -> Postings:
    """A term's postings from the index, as arrays."""
    ids, weights = posting_arrays(reader, fieldname, btext)
    return Postings(np.frombuffer(ids, dtype=np.uint32).astype(np.int64), np.frombuffer(weights, dtype=np.float64))


@dataclass
class Scored:
    """The documents a query matches, ascending, with their scores."""

    docs: np.ndarray  # int64, ascending
    scores: np.ndarray  # float64

    def within(self, allow: np.ndarray | None) -> Scored:
        """Only the documents of `allow` (a boolean mask over document numbers; None: all)."""
        if allow is None:
            return self
        keep = allow[self.docs]
        return Scored(self.docs[keep], self.scores[keep])

    def above(self, floor: float, most: int) -> list[tuple[float, int]]:
        """Every (score, docnum) scoring at least `floor`, best first (at most `most` of them)."""
        return self.top(min(most, int(np.count_nonzero(self.scores >= floor))))

    def top(self, k: int) -> list[tuple[float, int]]:
        """The k best (score, docnum), best first, ties by document number."""
        n = len(self.docs)
        if n == 0 or k <= 0:
            return []
        if k < n:
            # Everything scoring at least the k-th best, then sorted: ties at the edge are kept.
            kth = np.partition(self.scores, n - k)[n - k]
            sel = np.flatnonzero(self.scores >= kth)
        else:
            sel = np.arange(n)
        order = sel[np.lexsort((self.docs[sel], -self.scores[sel]))][:k]
        return list(zip(self.scores[order].tolist(), self.docs[order].tolist()))


class Evaluator:
    """Scores a query tree over whole posting lists; `postings(field, btext)` reads (and caches)
    one term's; `matches(q)` gives any query's match set (matching.match_set: phrases
    position-checked, ranges expanded)."""

    def __init__(self, searcher, postings, matches=None):
        self.searcher, self.postings, self.matches = searcher, postings, matches
        self.k1 = searcher.weighting.K1
        self.size = searcher.reader().doc_count_all()  # dense work arrays span every document number

    def evaluate(self, q: wq.Query, phrases_as_words: bool = False) -> Scored | None:
        """Every match of q with its score, or None if q holds a query this module does not score.

        `phrases_as_words`: a phrase matches wherever all its words are (a superset whose
        paragraphs the caller checks for the phrase)."""
        self._phrases_as_words = phrases_as_words
        try:
            return self._eval(q)
        except _Unsupported:
            return None

    def _eval(self, q: wq.Query) -> Scored:
        if isinstance(q, wq.Term):
            out = self._term(q)
        elif isinstance(q, CoordinatedOr):
            out = self._coordinated(q)
        elif isinstance(q, (wq.Or, Alternatives)):
            out = self._union([self._eval(c) for c in q.subqueries])
            if getattr(q, "scale", None):
                out = self._sqr(q, out)
        elif isinstance(q, wq.And):
            out = self._and(q)
        elif isinstance(q, wq.AndNot):
            a = self._eval(q.a)
            keep = ~self._mask(self._eval(q.b).docs)[a.docs]
            out = Scored(a.docs[keep], a.scores[keep])
        elif isinstance(q, wq.Phrase) and q.fieldname == "body" and self.matches is not None:
            out = self._phrase(q)
        elif isinstance(q, wq.MultiTerm) and not q.constantscore and self.matches is not None:
            out = self._expanded(q)
        elif isinstance(q, wq.AndMaybe):
            a, b = self._eval(q.a), self._eval(q.b)
            out = Scored(a.docs, self._sum([a, b])[a.docs])
        else:
            raise _Unsupported
        if q.boost != 1 and not isinstance(q, wq.Term):
            out = Scored(out.docs, out.scores * q.boost)
        return out

    def _term(self, q: wq.Term) -> Scored:
        field = self.searcher.schema[q.fieldname] if q.fieldname in self.searcher.schema else None
        if field is None:
            raise _Unsupported
        btext = q.text if isinstance(q.text, bytes) else field.to_bytes(q.text)
        p = self.postings(q.fieldname, btext)
        if field.scorable:
            idf = self.searcher.idf(q.fieldname, btext)
            w = p.weights
            scores = idf * w * (self.k1 + 1) / (w + self.k1)
        else:
            scores = p.weights.copy()  # Whoosh's WeightScorer: the posting weight
        if q.boost != 1:
            scores = scores * q.boost
        return Scored(p.ids, scores)

    def _phrase(self, q: wq.Phrase) -> Scored:
        # The paragraphs holding the phrase, scored by its words (a quoted phrase's verbatim
        # bonus is the engine's, on the best of them: ranking.rescore_exact).
        words = [self._term(wq.Term("body", w)) for w in dict.fromkeys(q.words)]
        if self._phrases_as_words:
            count = np.zeros(self.size, dtype=np.int32)
            for p in words:
                count[p.docs] += 1
            docs = np.flatnonzero(count == len(words))
        else:
            docs = self._matched(q)
        return Scored(docs, self._sum(words)[docs])  # the phrase's boost: _eval's

    def _expanded(self, q: wq.MultiTerm) -> Scored:
        # A scored prefix (language.WordPrefix) is the OR of the words it expands to, as in Whoosh.
        terms = [wq.Term(q.field(), t) for t in q._btexts(self.searcher.reader()) if t]
        if len(terms) > MAX_EXPANSION:
            raise _Unsupported
        if len(terms) == 1:
            # Whoosh runs a lone expansion as that term, leaving the prefix's boost out.
            only = self._term(terms[0])
            return Scored(only.docs, only.scores / q.boost) if q.boost != 1 else only
        return self._union([self._term(t) for t in terms])  # the prefix's boost: _eval's

    def _matched(self, q: wq.Query) -> np.ndarray:
        if self.matches is None:
            raise _Unsupported
        matched = self.matches(q)
        if not matched.exact:
            raise _Unsupported  # too many to position-check in time: the engine's other paths
        return np.sort(np.fromiter(matched.docs, dtype=np.int64, count=len(matched.docs)))

    def _and(self, q: wq.And) -> Scored:
        negative = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
        conditions = [c for c in q.subqueries if _condition(c)]
        positive = [c for c in q.subqueries if not isinstance(c, wq.Not) and c not in conditions]
        if not positive:
            raise _Unsupported
        parts = [self._eval(c) for c in positive]
        count = np.zeros(self.size, dtype=np.int32)
        for p in parts:
            count[p.docs] += 1
        for c in conditions:
            # A range or a field value only selects: it adds one constant to every match, so
            # it is left out of the score (the order is Whoosh's).
            count[self._matched(c)] += 1
        parts_needed = len(parts) + len(conditions)
        for n in negative:
            count[self._eval(n).docs] = -1
        docs = np.flatnonzero(count == parts_needed)
        return Scored(docs, self._sum(parts)[docs])

    def _union(self, parts: list[Scored]) -> Scored:
        held = np.zeros(self.size, dtype=bool)
        for p in parts:
            held[p.docs] = True
        docs = np.flatnonzero(held)
        return Scored(docs, self._sum(parts)[docs])

    def _sum(self, parts: list[Scored]) -> np.ndarray:
        # Scores added in the children's order, as Whoosh's matchers add them.
        total = np.zeros(self.size)
        for p in parts:
            total[p.docs] += p.scores  # a part holds each document once
        return total

    def _mask(self, docs: np.ndarray) -> np.ndarray:
        mask = np.zeros(self.size, dtype=bool)
        mask[docs] = True
        return mask

    def _coordinated(self, q: CoordinatedOr) -> Scored:
        # BM25 of the union times (idf share of the words held) ** power, as _CoordMatcher.
        from .ranking import slot_weight

        subs = q.subqueries
        parts = [self._eval(c) for c in subs]
        weights = [slot_weight(self.searcher, sub) for sub in subs]
        union = self._union(parts)
        total = sum(weights)
        if total <= 0:
            return union
        held = np.zeros(self.size)
        for part, weight in zip(parts, weights):
            held[part.docs] += weight
        return Scored(union.docs, union.scores * (held[union.docs] / total) ** q.power)

    def _sqr(self, q: wq.Or, out: Scored) -> Scored:
        # Whoosh's CoordMatcher (V-Twin's SQR): a bonus per matching term of the tree.
        present = [d for d in (self._term(t).docs for t in q.leaves() if isinstance(t, wq.Term)) if len(d)]
        termcount, scale = len(present), q.scale
        if termcount == 0:
            return out  # Whoosh adds no coordination to a tree without a term in the index
        if termcount == scale:
            return Scored(out.docs, np.zeros(len(out.docs)))
        matching = np.zeros(self.size)
        for docs in present:
            matching[docs] += 1
        matching = matching[out.docs]
        return Scored(out.docs, (out.scores + (matching - 1) / (termcount - scale) ** 2) * ((termcount - 1) / termcount))


class _Unsupported(Exception):
    pass


MAX_EXPANSION = 256  # words a scored prefix may expand to before Whoosh is left to it


def _condition(q: wq.Query) -> bool:
    """A part of an AND that selects without ranking: a range, or a value of a field other than the text."""
    return isinstance(q, (wq.NumericRange, wq.DateRange, wq.TermRange)) or (
        isinstance(q, wq.Term) and q.fieldname not in ("body", "exact"))
