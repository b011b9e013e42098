"""How a query is run: the ranking strategies, each returning one typed `Ranking`.

Whoosh ranks top-k with block skipping (BM25 bounds per block), which is what makes a
query fast; some queries are rewritten first so that it still applies:
`a AND NOT b` as AndNot, pasted passages by their rarest words then rescored on all,
phrases checked on the best candidates, and ANDs of only very common words under a time
budget. Every strategy also names the query whose matches it ranks (`counted`), so that
the total, the facets and the pages are counted over exactly those paragraphs.
"""

from __future__ import annotations

import heapq
from collections import Counter
from dataclasses import dataclass

from whoosh import collectors, query as wq

from indexer.analysis import index_terms

from .ranking import CoordinatedOr, ExactPhrase, rescore_exact

# In pasted passages, words found in more than this share of paragraphs only add to the
# scores of paragraphs found by the rarer words (Lucene's "common terms" query).
COMMON_SHARE = 0.1
RESCORE_CANDIDATES = 200  # best paragraphs by the rare words, re-ranked on all the words
SELECT_WORDS = 8  # at most this many of the rarest words select those candidates
TIME_BUDGET = 0.1  # seconds, for ANDs made only of words found in most paragraphs
# A query of plain words is ranked by scoring every match from cached postings (exact, and
# cheaper than Whoosh intersecting posting lists in Python) up to this many matches; a
# single word's top k is cheaper by Whoosh's block-max skipping past a smaller set.
SCORE_ALL = 150_000
SCORE_ALL_ONE_WORD = 20_000


def score_all_pays(words: int, matches: int) -> bool:
    """Whether scoring every match beats Whoosh's top-k for this many words and matches."""
    return matches <= (SCORE_ALL if words > 1 else SCORE_ALL_ONE_WORD)


@dataclass
class Ranking:
    """The best paragraphs found, best first, and the query whose matches were ranked."""

    ranked: list[tuple[float, int]]  # (score, docnum)
    counted: wq.Query  # the paragraphs this ranking draws from (before the filters)
    complete: bool  # every match could have been ranked (False: stopped by the time budget)
    exhausted: bool  # fewer matches than were asked for: there are no more to rank


def rank(q: wq.Query, allow: set[int] | None, searcher, wanted: int) -> Ranking:
    """The `wanted` best paragraphs for q among the documents `allow` (None: all).

    Filters are document sets checked as hits are collected (Whoosh's FilterCollector):
    the threshold of the top k rises with allowed hits only, so block skipping stays exact.
    """
    phrased = _phrase_first(q, allow, searcher, wanted)
    if phrased is not None:
        return phrased
    select, rescore, budget = _plan(q, searcher)
    full = select
    if budget:
        top = searcher.collector(limit=wanted)
        if allow is not None:
            top = collectors.FilterCollector(top, allow=allow)
        collector = collectors.TimeLimitCollector(top, TIME_BUDGET, use_alarm=False)
        try:
            searcher.search_with_collector(full, collector)
            complete = True
        except collectors.TimeLimit:
            complete = False
        ranked = [(hit.score, hit.docnum) for hit in collector.results()]
        return Ranking(ranked, full, complete, complete and len(ranked) < wanted)
    if not rescore:
        # Not search_page(): it counts every match up front, the slowest part of a query.
        results = searcher.search(full, limit=wanted, filter=allow)
        ranked = [(hit.score, hit.docnum) for hit in results]
        return Ranking(ranked, full, True, len(ranked) < wanted)
    results = searcher.search(full, limit=max(wanted, RESCORE_CANDIDATES), filter=allow)
    ranked = _rescore(results, rescore, searcher)
    return Ranking(ranked, full, True, len(ranked) < max(wanted, RESCORE_CANDIDATES))


def scored_terms(q: wq.Query) -> list[tuple[str, float]] | None:
    """The (word, boost) pairs that score q, if q is words joined by AND, OR (no coordination
    bonus), AND NOT and phrases; None for anything else (fields, prefixes, coordination)."""
    if isinstance(q, wq.Term):
        return [(q.text, q.boost)] if q.fieldname == "body" and isinstance(q.text, str) else None
    if isinstance(q, wq.Phrase):
        # A quoted phrase (ExactPhrase) scores on the exact field, not on its body words.
        return [(w, 1.0) for w in dict.fromkeys(q.words)] if q.fieldname == "body" and not isinstance(q, ExactPhrase) else None
    if isinstance(q, wq.AndNot):
        return scored_terms(q.a)
    if isinstance(q, wq.Not):
        return []
    if isinstance(q, (wq.And, wq.Or)) and not getattr(q, "scale", None) and q.boost == 1:
        out = []
        for child in q.subqueries:
            if isinstance(q, wq.And) and _condition(child):
                continue  # a field condition adds the same constant to every match: order unchanged
            terms = scored_terms(child)
            if terms is None:
                return None
            out += terms
        words = [w for w, _ in out]
        return out if len(words) == len(set(words)) else None
    return None


def _condition(q: wq.Query) -> bool:
    return (isinstance(q, (wq.Term, wq.NumericRange, wq.DateRange, wq.TermRange)) and q.fieldname != "body")


def score_all(terms: list[tuple[str, float]], docs, searcher, weights) -> list[tuple[float, int]]:
    """Every document of `docs` scored by BM25 over `terms`, best first (ties by document number).

    `weights(word)` gives the word's {docnum: posting weight}. The sum is Whoosh's own for
    these queries (And and Or add their children's scores), so the order is the same as an
    exhaustive Whoosh search.
    """
    from .ranking import bm25

    k1 = searcher.weighting.K1
    parts = [(weights(word), searcher.idf("body", word), boost) for word, boost in terms]
    scored = []
    for doc in docs:
        score = 0.0
        for postings, idf, boost in parts:
            w = postings.get(doc)
            if w is not None:
                score += bm25(idf, w, k1) * boost
        scored.append((score, doc))
    scored.sort(key=lambda pair: (-pair[0], pair[1]))
    return scored


def coordinated_words(q: wq.Query) -> list[str] | None:
    """The words of a coordinated OR of plain words (`etats membres`), else None."""
    from .ranking import CoordinatedOr

    if not isinstance(q, CoordinatedOr) or q.boost != 1 or not 1 < len(q.subqueries) <= MAX_COORDINATED:
        return None
    words = [s.text for s in q.subqueries if isinstance(s, wq.Term) and s.fieldname == "body"
             and isinstance(s.text, str) and s.boost == 1]
    return words if len(words) == len(q.subqueries) == len(set(words)) else None


MAX_COORDINATED = 8  # words; 2**8 word subsets at most
# When more paragraphs than this hold every word, scoring them in Python costs more than
# Whoosh's block-max top k over the OR: leave the query to Whoosh. (Whoosh's top k is
# cheaper there but not always exact under coordination: measured on `droits homme`, its
# best score 4.56 where exhaustive scoring finds 4.67.)
COORDINATED_ALL_WORDS = 100_000


def coordinated_top(words: list[str], k: int, searcher, docs, weights, power: float,
                    allow: set[int] | None = None) -> tuple[list[tuple[float, int]], bool] | None:
    """The exact top k of a coordinated OR (BM25 × (idf share held) ** power), best first,
    and whether every match was scored.

    Paragraphs are scored by the set of words they hold, from the sets most promising to
    least: a set's bound (its coordination times its words' best scores) only falls as
    words are dropped, so once the k-th best score beats the next set's bound, no paragraph
    left can enter the top k. Ties are broken by document number, as Whoosh does. None when
    too many paragraphs hold every word for this to pay (COORDINATED_ALL_WORDS).
    """
    from itertools import combinations

    from .ranking import bm25

    k1 = searcher.weighting.K1
    # A word missing from the index weighs nothing in the coordination (as in CoordinatedOr).
    idf = {w: searcher.idf("body", w) if searcher.doc_frequency("body", w) else 0.0 for w in words}
    total = sum(idf.values()) or 1.0
    postings = {w: weights(w) for w in words}  # fetched once: the loop below is per paragraph
    best = {w: bm25(idf[w], max(postings[w].values(), default=0.0), k1) for w in words}
    subsets = [c for n in range(len(words), 0, -1) for c in combinations(words, n)]
    bound = {c: (sum(idf[w] for w in c) / total) ** power * sum(best[w] for w in c) for c in subsets}
    subsets.sort(key=lambda c: -bound[c])
    scored: dict[int, float] = {}
    kth = None
    complete = True
    for c in subsets:
        if kth is not None and bound[c] < kth:
            complete = False
            break
        sets = sorted((docs(w) for w in c), key=len)
        candidates = set(sets[0]).intersection(*sets[1:]) if len(sets) > 1 else set(sets[0])
        candidates.difference_update(scored)
        if allow is not None:
            candidates &= allow
        if len(c) == len(words) and len(candidates) > COORDINATED_ALL_WORDS:
            return None
        for d in candidates:
            held = [w for w in words if d in postings[w]]
            share = (sum(idf[w] for w in held) / total) ** power
            scored[d] = share * sum(bm25(idf[w], postings[w][d], k1) for w in held)
        if len(scored) >= k:
            kth = heapq.nlargest(k, scored.values())[-1]
    ranked = heapq.nsmallest(k, ((-sc, d) for d, sc in scored.items()))
    return [(-neg, d) for neg, d in ranked], complete


def _phrase_first(q: wq.Query, allow, searcher, wanted: int) -> Ranking | None:
    """Phrases checked on the best candidates instead of position-checking every match.

    Whoosh verifies a phrase by decoding positions in every paragraph holding all its
    words. Instead: the best paragraphs holding the words (block skipping applies), then
    the phrase checked in their stored text. Used when that settles the page; else None.
    """
    subs = q.subqueries if isinstance(q, wq.And) else [q]
    phrases = [s for s in subs if isinstance(s, wq.Phrase) and s.fieldname == "body" and len(s.words) > 1]
    if not phrases or not all(isinstance(s, (wq.Phrase, wq.Term)) for s in subs):
        return None
    words = [wq.Term("body", w) for p in phrases for w in dict.fromkeys(p.words)]
    select = wq.And(words + [s for s in subs if not isinstance(s, wq.Phrase)])
    limit = wanted * 4 + 20
    results = searcher.search(select, limit=limit, filter=allow)
    ranked = [(hit.score, hit.docnum) for hit in results
              if all(p.holds(hit["body"]) if isinstance(p, ExactPhrase) else has_phrase(hit["body"], p.words)
                     for p in phrases)]
    ranked = rescore_exact(phrases, ranked, searcher)
    checked = results.scored_length()
    if checked < limit:
        return Ranking(ranked, q, True, True)
    if len(ranked) < wanted:
        return None  # too few of the candidates hold the phrase: let Whoosh check them all
    return Ranking(ranked[:wanted], q, True, False)


def has_phrase(text: str, words: list[str]) -> bool:
    """Whether the analyzed text holds these analyzed words at consecutive positions."""
    positions: dict[str, set[int]] = {}
    for term, pos in index_terms(text)[0]:
        positions.setdefault(term, set()).add(pos)
    first = positions.get(words[0], ())
    return any(all(start + i in positions.get(w, ()) for i, w in enumerate(words)) for start in first)


def _plan(q: wq.Query, searcher) -> tuple[wq.Query, list[str], bool]:
    """(select, rescore terms, time budget): rewrites of what Whoosh would run slowly."""
    if isinstance(q, wq.And) and any(isinstance(c, wq.Not) for c in q.subqueries):
        # Whoosh scans every document for a Not inside an And; AndNot skips along `a`.
        positive = [c for c in q.subqueries if not isinstance(c, wq.Not)]
        negative = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
        if positive:
            q = wq.AndNot(wq.And(positive) if len(positive) > 1 else positive[0],
                          wq.Or(negative) if len(negative) > 1 else negative[0])
        return q, [], False
    if isinstance(q, (wq.And, CoordinatedOr)) and _all_common(q.subqueries, searcher):
        # Every word is in most paragraphs: an exact top 10 means scoring nearly the whole
        # index; stop after a time budget with the best paragraphs found (and say so).
        return q, [], True
    if not isinstance(q, wq.Or) or len(q.subqueries) <= 2:
        return q, [], False
    terms = [s for s in q.subqueries if isinstance(s, wq.Term) and s.fieldname == "body" and isinstance(s.text, str)]
    others = [s for s in q.subqueries if s not in terms]
    terms.sort(key=lambda t: searcher.doc_frequency("body", t.text))
    total = max(1, searcher.doc_count())
    # The rarest words select the candidates; the rest only add to their scores.
    select = [t for t in terms[:SELECT_WORDS] if searcher.doc_frequency("body", t.text) / total <= COMMON_SHARE]
    rest = [t.text for t in terms if t not in select]
    if not (select or others) or not rest:
        return q, [], False
    return wq.Or(select + others, scale=q.scale), rest, False


def _all_common(subqueries, searcher) -> bool:
    total = max(1, searcher.doc_count())
    terms = [s for s in subqueries if isinstance(s, wq.Term) and s.fieldname == "body"]
    return len(terms) == len(subqueries) > 1 and all(
        searcher.doc_frequency("body", t.text) / total > COMMON_SHARE for t in terms)


def _rescore(results, terms: list[str], searcher) -> list[tuple[float, int]]:
    # Score the candidates on the common words too, from their stored text: the same
    # BM25 (B=0 over length-normalized weights) as the index would give.
    from .ranking import bm25

    k1 = searcher.weighting.K1
    idf = {t: searcher.idf("body", t) for t in terms}
    out = []
    for hit in results:
        emitted, norm = index_terms(hit["body"])
        tf = Counter(t for t, _ in emitted if t in idf)
        extra = sum(bm25(idf[t], n * norm, k1) for t, n in tf.items())
        out.append((hit.score + extra, hit.docnum))
    out.sort(key=lambda pair: (-pair[0], pair[1]))
    return out
