"""The exact set of paragraphs a query matches, by set algebra over posting lists.

Ranking stops early (block skipping); counting cannot. Totals, facets and paging all come
from this one set, so they agree with each other and with the hits. Term posting lists are
read whole, block by block, and cached per index generation; And/Or/Not are set
operations in C. Phrases and other position-checked queries are enumerated by Whoosh under
a time budget; past it the count is an estimate and says so.
"""

from __future__ import annotations

import bisect
import threading
import time
from collections import OrderedDict

import numpy as np
from whoosh import query as wq

from indexer.whoosh_internals import posting_ids

from .ranking import Alternatives, CoordinatedOr, ExactPhrase
from .vectors import Postings, postings_key

COUNT_BUDGET = 0.025  # seconds spent position-checking phrase matches before estimating the rest
CACHE_IDS = 20_000_000  # posting ids kept in memory per index generation (about 1 GB at most)


class MatchSet:
    """Document numbers matching a query; `exact` is False when a budget cut the enumeration.

    Held as a set, or as a sorted array (query.vectors) turned into a set only if asked:
    building a set of a million numbers costs more than the scoring that found them."""

    def __init__(self, docs: set[int] | None = None, exact: bool = True, estimate: int | None = None,
                 array=None):
        self._docs, self.array, self.exact = docs, array, exact
        self.estimate = estimate  # the estimated total when not exact

    @property
    def docs(self) -> set[int]:
        """The documents as a set."""
        if self._docs is None:
            self._docs = set(self.array.tolist())
        return self._docs

    @docs.setter
    def docs(self, value: set[int]) -> None:
        self._docs, self.array = value, None

    def __len__(self) -> int:
        return len(self.array) if self._docs is None else len(self._docs)

    @property
    def total(self) -> int:
        """How many paragraphs match (estimated when not exact)."""
        return len(self) if self.exact else max(len(self), self.estimate or 0)


class PostingCache:
    """Posting lists as sets, least recently used out, bounded by the number of ids held."""

    def __init__(self, capacity: int = CACHE_IDS):
        self.capacity = capacity
        self._held = 0
        self._sets: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def peek(self, key):
        """The cached value for key, or None."""
        with self._lock:
            found = self._sets.get(key)
            if found is not None:
                self._sets.move_to_end(key)
            return found

    def get(self, key, compute):
        """The cached set for key, computed (outside the lock) on a miss."""
        with self._lock:
            found = self._sets.get(key)
            if found is not None:
                self._sets.move_to_end(key)
                return found
        value = compute()
        value = value if isinstance(value, (dict, frozenset, Postings, np.ndarray)) else frozenset(value)
        with self._lock:
            if key not in self._sets:
                self._sets[key] = value
                self._held += len(value) + 1
                while self._held > self.capacity and len(self._sets) > 1:
                    _, old = self._sets.popitem(last=False)
                    self._held -= len(old) + 1
        return value


def match_set(q: wq.Query, searcher, cache: PostingCache, budget: float = COUNT_BUDGET,
              memo: dict | None = None) -> MatchSet:
    """Every live document matching q (exact unless a position check ran out of time).

    `memo` (one per request) keeps position checks cut by the budget, so that asking again
    within a request costs nothing and gives the same estimate."""
    counter = _Counter(searcher, cache, time.perf_counter() + budget, memo)
    docs = counter.docs(q)
    return MatchSet(docs=set(docs), exact=counter.exact, estimate=counter.estimate(len(docs)))


class _Counter:
    def __init__(self, searcher, cache: PostingCache, deadline: float, memo: dict | None = None):
        self.searcher, self.cache, self.deadline = searcher, cache, deadline
        self.memo = memo if memo is not None else {}
        self.exact = True
        self._scale = 1.0  # how much the enumerated share under-counts, when cut

    def estimate(self, found: int) -> int | None:
        return None if self.exact else round(found * self._scale)

    def all_docs(self) -> frozenset:
        reader = self.searcher.reader()
        return self.cache.get(("*all*",), lambda: (d for d in range(reader.doc_count_all())
                                                    if not reader.is_deleted(d)))

    def docs(self, q: wq.Query) -> frozenset | set:
        if isinstance(q, wq.Term):
            return self._term(q.fieldname, q.text)
        if isinstance(q, wq.And):
            parts = sorted((self.docs(c) for c in q.subqueries), key=len)
            out = set(parts[0]) if parts else set()
            for p in parts[1:]:
                out &= p
            return out
        if isinstance(q, (wq.Or, wq.DisjunctionMax, CoordinatedOr, Alternatives)):
            out: set[int] = set()
            for c in q.subqueries:
                out |= self.docs(c)
            return out
        if isinstance(q, wq.AndNot):
            return set(self.docs(q.a)) - self.docs(q.b)
        if isinstance(q, wq.AndMaybe):
            return self.docs(q.a)
        if isinstance(q, wq.Not):
            return set(self.all_docs()) - self.docs(q.query)
        if isinstance(q, wq.Every):
            return self.all_docs()
        if q is wq.NullQuery or isinstance(q, type(wq.NullQuery)):
            return set()
        if isinstance(q, ExactPhrase):
            return self.docs(q.exact)  # a pair term of the exact field needs no position check
        if isinstance(q, (wq.Phrase, wq.Ordered, wq.Sequence)):
            key = ("phrase", repr(q))
            found = self.cache.peek(key)
            if found is not None:
                return found
            if key not in self.memo:
                docs, scale = self._enumerate(q)
                if scale is None:
                    # A complete enumeration is kept like a posting list: paging and facet clicks ask again.
                    return self.cache.get(key, lambda: docs)
                self.memo[key] = (docs, scale)  # cut by the budget: not checked again in this request
            docs, scale = self.memo[key]
            self.exact, self._scale = False, max(self._scale, scale)
            return docs
        if isinstance(q, wq.WrappingQuery):
            return self.docs(q.child)  # constant score, weighting
        # Ranges, prefixes, wildcards: few distinct terms or small sets; Whoosh expands them.
        return self.cache.get(("q", repr(q)), lambda: q.docs(self.searcher))

    def _term(self, fieldname: str, text) -> frozenset:
        field = self.searcher.schema[fieldname]
        btext = text if isinstance(text, bytes) else field.to_bytes(text)
        return self.cache.get((fieldname, btext), lambda: self._ids(fieldname, btext))

    def _ids(self, fieldname: str, btext: bytes):
        # Scoring may have read the term already (query.vectors): no second read from disk.
        scored = self.cache.peek(postings_key(fieldname, btext))
        return scored.ids.tolist() if scored is not None else posting_ids(self.searcher.reader(), fieldname, btext)

    def _enumerate(self, q: wq.Query) -> tuple[set[int], float | None]:
        # Position checks: Whoosh enumerates, restricted to the documents holding all the words.
        # Returns the matches found and, when the budget cut the enumeration, how much the
        # share enumerated under-counts (None when complete).
        # The documents holding every part: a Sequence's part may be alternatives (`etats` or
        # `~etats`), which a document holds with either, not both.
        if isinstance(q, (wq.Sequence, wq.Ordered)):
            parts = list(q.subqueries)
        else:
            parts = [wq.Term(f, t) for f, t in q.iter_all_terms()] if hasattr(q, "iter_all_terms") else []
        candidates = sorted(self.docs(wq.And(parts))) if parts else None
        out: set[int] = set()
        last = -1
        for i, d in enumerate(q.docs(self.searcher)):
            out.add(d)
            last = d
            if not i % 256 and time.perf_counter() > self.deadline:
                seen = bisect.bisect_right(candidates, last) if candidates else 0
                return out, (len(candidates) / max(1, seen) if candidates else 1.0)
        return out, None
