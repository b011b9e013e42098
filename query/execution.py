"""How Whoosh runs a query the engine cannot score whole (query/vectors.py scores most
queries exhaustively; what it leaves, such as wildcards, ranges outside an AND, or a phrase
too frequent to position-check in time, comes here), each strategy returning one typed
`Ranking`.

Whoosh ranks top-k with block skipping (BM25 bounds per block); some queries are rewritten
first so that it still applies:
`a AND NOT b` as AndNot, pasted passages by their rarest words then rescored on all,
phrases checked on the best candidates, and ANDs of only very common words under a time
budget. Every strategy also names the query whose matches it ranks (`counted`), so that
the total, the facets and the pages are counted over exactly those paragraphs.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

from whoosh import collectors, query as wq

from indexer.analysis import index_terms

from .ranking import CoordinatedOr, ExactPhrase, rescore_exact

# In pasted passages, words found in more than this share of paragraphs only add to the
# scores of paragraphs found by the rarer words (Lucene's "common terms" query).
COMMON_SHARE = 0.1
RESCORE_CANDIDATES = 200  # best paragraphs by the rare words, re-ranked on all the words
SELECT_WORDS = 8  # the rarest words select those candidates: this many always...
SELECT_POSTINGS = 1.0  # ...more while all of theirs hold no more postings than this per paragraph of the index
TIME_BUDGET = 0.1  # seconds, for ANDs made only of words found in most paragraphs


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
    ranked = rescore_common(rescore, [(hit.score, hit.docnum) for hit in results], searcher)
    return Ranking(ranked, full, True, len(ranked) < max(wanted, RESCORE_CANDIDATES))


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
    df = {t.text: searcher.doc_frequency("body", t.text) for t in terms}
    # A word no paragraph holds selects nothing: it must not take a rarer word's place.
    terms = sorted((t for t in terms if df[t.text]), key=lambda t: df[t.text])
    # The rarest words select the candidates; the rest only add to their scores. Every word
    # of fewer than COMMON_SHARE paragraphs would select (Lucene's common terms query), but
    # a long paste holds dozens: past the first few, only as many as a bounded number of
    # postings to read allows (a paragraph holding only words of middling frequency, `armes`,
    # `Afrique`, `militaire`, must still be found).
    select, postings = [], 0
    for t in terms:
        if is_common(df[t.text], searcher) or (
                len(select) >= SELECT_WORDS and postings + df[t.text] > SELECT_POSTINGS * searcher.doc_count()):
            break
        select.append(t)
        postings += df[t.text]
    rest = [t.text for t in terms if t not in select]
    if not (select or others) or not rest:
        return q, [], False
    return wq.Or(select + others, scale=q.scale), rest, False


def is_common(df: int, searcher) -> bool:
    """Whether a word of `df` paragraphs is in more than COMMON_SHARE of them: it says little alone."""
    return df > COMMON_SHARE * max(1, searcher.doc_count())


def _all_common(subqueries, searcher) -> bool:
    terms = [s for s in subqueries if isinstance(s, wq.Term) and s.fieldname == "body"]
    return len(terms) == len(subqueries) > 1 and all(
        is_common(searcher.doc_frequency("body", t.text), searcher) for t in terms)


def common_words(q: wq.Query, searcher) -> tuple[wq.Query, list[str]]:
    """A pasted passage's OR split in two: the query of its rarer words, which selects the
    paragraphs, and its words found in most paragraphs, which only add to their scores."""
    select, rest, _ = _plan(q, searcher)
    return select, rest


def passage_idf(searcher):
    """A word's weight in a pasted passage's coverage (query.ranking.rescore_wording): its idf;
    0 for a word no paragraph holds, and for one in more than COMMON_SHARE of paragraphs,
    which says little alone."""
    def weight(stem: str) -> float:
        df = searcher.doc_frequency("body", stem)
        return searcher.idf("body", stem) if df and not is_common(df, searcher) else 0.0

    return weight


def rescore_common(terms: list[str], ranked: list[tuple[float, int]], searcher,
                   text_of=None, wording=None) -> list[tuple[float, int]]:
    """Candidates scored on the common words too, from their text (`text_of(doc)`, else
    the stored text): the same BM25 (B=0 over length-normalized weights) as the index would
    give; best first. With `wording(doc)`, the words a candidate holds beside the same
    neighbour as a pasted passage, a word in more than COMMON_SHARE of paragraphs counts
    only there."""
    from .ranking import bm25

    k1 = searcher.weighting.K1
    idf = {t: searcher.idf("body", t) for t in terms}
    text_of = text_of or (lambda d: searcher.stored_fields(d)["body"])
    # Such a word says little alone (`États`, `tous`): a paragraph using it in other wording
    # would outscore one sharing the passage's rarer words (Lucene's CommonGrams matches such
    # words only as pairs). A compound (`COVID-19`) is a word pair already.
    paired = {t for t in terms
              if wording and "-" not in t and is_common(searcher.doc_frequency("body", t), searcher)}
    out = []
    for score, doc in ranked:
        emitted, norm = index_terms(text_of(doc))
        held = wording(doc) if paired else ()
        tf = Counter(t for t, _ in emitted if t in idf and (t not in paired or t in held))
        extra = sum(bm25(idf[t], n * norm, k1) for t, n in tf.items())
        out.append((score + extra, doc))
    out.sort(key=lambda pair: (-pair[0], pair[1]))
    return out
