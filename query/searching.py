"""Query text → parsed Whoosh query → ranked paragraph hits with snippets."""

from __future__ import annotations

import os
import re
import threading
import weakref
from collections import Counter
from dataclasses import asdict, dataclass, field
from pathlib import Path

from unidecode import unidecode
from whoosh import collectors, qparser, query as wq
from whoosh.qparser.dateparse import DateParserPlugin

from indexer import store
from indexer.analysis import index_terms
from indexer.schema import make_schema

from .ranking import PrenormalizedBM25
from .similarity import is_copy
from .snippets import query_terms, snippet

# Queries longer than this (pasted passages) rank by how many words match, rather than
# requiring every word: a re-worded paragraph must still be found.
LONG_QUERY = 6
# In such queries, words found in more than this share of paragraphs only add to the score
# of paragraphs found by the rarer words (Lucene's "common terms" query): they would
# otherwise make the engine score most of the index for little change in ranking.
COMMON_SHARE = 0.1
RESCORE_CANDIDATES = 200  # best paragraphs by the rare words, re-ranked on all the words
SELECT_WORDS = 8  # at most this many of the rarest words select those candidates
TIME_BUDGET = 0.1  # seconds, for queries made only of words found in most paragraphs
FILTERS = ("verb", "kind", "session", "organ", "symbol")


class QueryError(Exception):
    """A query that cannot be run; str() is the one-line reason."""


@dataclass
class Hit:
    """One paragraph found, with the fields of `ressearch query --json`."""

    file: str
    symbol: str | None
    organ: str | None
    session: int | None
    kind: str
    number: int | None
    position: int
    verb: str | None
    score: float
    snippet: str
    text: str
    also_in: list[dict] = field(default_factory=list)  # folded copies: file, symbol, kind, number
    title: str | None = None
    adopted: str | None = None

    def to_dict(self) -> dict:
        """The JSON shape of a hit."""
        return asdict(self)


@dataclass
class Results:
    """A page of hits plus what the user should know about how they were found."""

    hits: list[Hit]
    total: int
    exact_total: bool
    page: int
    query: str
    notes: list[str] = field(default_factory=list)
    facets: dict = field(default_factory=dict)  # name → [(value, count)], when asked for
    more: bool = False  # whether a next page has hits

    def __iter__(self):
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)


_lock = threading.Lock()
_open: dict[str, tuple] = {}  # index path → (index, searcher), reused across calls


def open_searcher(path: Path):
    """The searcher of the index at path, opened once and refreshed when the index changes."""
    key = str(path.resolve())
    with _lock:
        cached = _open.get(key)
        if cached is not None:
            ix, searcher = cached
            try:
                if searcher.up_to_date():
                    return searcher
                searcher = searcher.refresh()
            except Exception:  # the index was replaced under us: open it afresh
                cached = None
            else:
                _open[key] = (ix, searcher)
                return searcher
        try:
            ix = store.open_for_search(path)
            searcher = ix.searcher(weighting=PrenormalizedBM25())
        except store.IndexUnavailable as e:
            raise QueryError(str(e)) from None
        if ix.doc_count() == 0:
            raise QueryError(f"the index at {path} is empty; add resolutions with: ressearch index DIR --index {path}")
        _open[key] = (ix, searcher)
        return searcher


def close_all() -> None:
    """Close every cached searcher (tests, and before replacing an index)."""
    with _lock:
        for _, searcher in _open.values():
            searcher.close()
        _open.clear()


def make_parser(group=qparser.AndGroup) -> qparser.QueryParser:
    """Whoosh's query language over the paragraph schema, body as the default field."""
    parser = qparser.QueryParser("body", make_schema(), group=group)
    parser.add_plugin(DateParserPlugin(free=False))
    parser.add_plugin(qparser.GtLtPlugin())
    return parser


_PARSERS: dict = {}


def _parser(group) -> qparser.QueryParser:
    if group not in _PARSERS:
        _PARSERS[group] = make_parser(group)
    return _PARSERS[group]


class WordPrefix(wq.Prefix):
    """A prefix query over words only: the word-pair terms (`cooper+international`) of the
    CommonGrams filter would multiply the terms to read without changing what matches.
    Scored (not constant), so the best paragraphs come first and Whoosh can skip blocks."""

    def _btexts(self, ixreader):
        return (t for t in super()._btexts(ixreader) if b"+" not in t)


def _fold_wildcards(q: wq.Query) -> wq.Query:
    # Wildcard text skips the analyzer; fold it like indexed terms (`Coopé*` → `coope*`).
    if isinstance(q, (wq.Prefix, wq.Wildcard)) and isinstance(q.text, str):
        q.text = unidecode(q.text).lower()
        if type(q) is wq.Prefix and q.fieldname == "body":
            return WordPrefix(q.fieldname, q.text, boost=q.boost, constantscore=False)
    return q


def parse_query(text: str, long_or: bool = True) -> wq.Query:
    """Parse the query language; raise QueryError with what was wrong."""
    if not text or not text.strip():
        raise QueryError("empty query")
    parser = _parser(qparser.AndGroup)
    q = _parse(parser, text)
    words = [t for f, t in _terms(q) if f == "body"]
    if long_or and len(words) > LONG_QUERY and not _has_operators(text):
        q = _parse(_parser(qparser.OrGroup.factory(0.9)), text)
    return q


_SEARCHABLE = ("body", "symbol", "organ", "verb", "kind", "document_type", "session", "number", "adopted", "file")
_FIELD_REF = re.compile(r"(?<![\w/])([A-Za-z_]\w*):(?=[^\s:])")
_BRACKETS = (("(", ")"), ("[", "]"), ("{", "}"))


def check_syntax(text: str) -> None:
    """Raise QueryError on what Whoosh would silently misread: unbalanced marks, unknown fields."""
    if text.count('"') % 2:
        raise QueryError(f"unclosed quote in {text!r}")
    for open_, close in _BRACKETS:
        if text.count(open_) != text.count(close):
            raise QueryError(f"unbalanced {open_}{close} in {text!r}")
    for name in _FIELD_REF.findall(text):
        if name not in _SEARCHABLE:
            hint = " (the title is shown with each hit but not searchable)" if name == "title" else ""
            raise QueryError(f"unknown field {name!r}{hint}; fields: {', '.join(_SEARCHABLE)}")


def _parse(parser, text: str) -> wq.Query:
    check_syntax(text)
    try:
        q = parser.parse(text)
    except Exception as e:
        raise QueryError(f"cannot read the query {text!r}: {e}") from None
    q = q.accept(_fold_wildcards)
    if any(n is wq.NullQuery for n in _walk(q)):
        raise QueryError(f"nothing to search in {text!r}: only stop words, or a value the field cannot hold")
    return q


def _walk(q):
    yield q
    if q.is_leaf():
        return
    for child in q.children():
        yield from _walk(child)


def _terms(q) -> list[tuple[str, str]]:
    try:
        return [(f, t.decode("utf-8") if isinstance(t, bytes) else t) for f, t in q.iter_all_terms()]
    except Exception:
        return []


def _has_operators(text: str) -> bool:
    return any(op in text for op in (" AND ", " OR ", " NOT ", ":", '"', "(", "*"))


def _filter_query(filters: dict) -> wq.Query | None:
    parts = []
    for name in FILTERS:
        value = filters.get(name)
        if value is None or value == "":
            continue
        if name == "session":
            parts.append(f"session:{int(value)}")
        else:
            parts.append(f'{name}:"{value}"')
    unknown = set(filters) - set(FILTERS)
    if unknown:
        raise QueryError(f"unknown filter: {', '.join(sorted(unknown))} (known: {', '.join(FILTERS)})")
    if not parts:
        return None
    return _parse(_parser(qparser.AndGroup), " AND ".join(parts))


def search(
    text: str,
    index: str | os.PathLike | None = None,
    limit: int = 10,
    page: int = 1,
    mark: tuple[str, str] = ("[", "]"),
    fold: bool = True,
    facets: bool = False,
    **filters,
) -> Results:
    """Ranked paragraphs matching `text` (Whoosh query language), best first.

    With `fold`, copies of one paragraph (an OCR'd and a clean file, or the same words
    re-adopted) are one hit whose `also_in` lists the others. With `facets`, `Results.facets`
    counts organ, session, kind and verb over every matching paragraph.
    """
    if limit < 1 or page < 1:
        raise QueryError("--limit and --page must be at least 1")
    path = store.resolve(index)
    searcher = open_searcher(path)
    q = parse_query(text)
    fq = _filter_query(filters)
    notes = []
    results, groups, full = _run_folded(q, fq, searcher, page * limit, fold)
    if results.is_empty() and isinstance(q, wq.And) and _has_no_fields(q):
        # No paragraph has every word: rank those with most of them instead of saying "nothing".
        q = _parse(_parser(qparser.OrGroup.factory(0.9)), text)
        results, groups, full = _run_folded(q, fq, searcher, page * limit, fold)
        if not results.is_empty():
            notes.append("no paragraph has all the words; showing paragraphs with some of them")
    if getattr(results, "timed_out", False):
        notes.append(f"every word of this query is in most paragraphs: these are the best found in {TIME_BUDGET:g} s, "
                     "add a rarer word or a phrase for a complete ranking")
    terms = query_terms(t for f, t in _terms(q) if f == "body")
    hits = [_hit(hit, score, terms, mark, copies) for score, hit, copies in groups[(page - 1) * limit: page * limit]]
    if hasattr(results, "override_total"):
        total, exact = results.override_total
    else:
        exact = results.has_exact_length()
        total = len(results) if exact else results.estimated_length()
    counts = {}
    if facets:
        from .facets import facet_counts

        counts, complete = facet_counts(searcher, full)
        if complete:
            total, exact = sum(n for _, n in counts["kind"]), True
        else:
            notes.append("facet counts cover the first matching paragraphs only (this query matches very many)")
    covered = sum(1 + len(copies) for _, _, copies in groups)
    more = len(groups) > page * limit or covered < total
    return Results(hits=hits, total=total, exact_total=exact, page=page, query=str(full), notes=notes,
                   facets=counts, more=more)


def _run_folded(q: wq.Query, fq, searcher, wanted: int, fold: bool):
    # Folding merges copies, so a page may need more hits than it shows: fetch a few
    # more, and double until the page is full or the matches run out.
    fetch = wanted + 5 if fold else wanted
    while True:
        results, ranked, full = _run(q, fq, searcher, fetch)
        groups = _fold(ranked, wanted) if fold else [(score, hit, []) for score, hit in ranked]
        if len(groups) >= wanted or len(ranked) < fetch:
            return results, groups, full
        fetch *= 2


def _run(q: wq.Query, fq: wq.Query | None, searcher, wanted: int):
    conditions = _conditions_only(q, fq)
    if conditions is not None:
        return _first_docs(searcher, _filter_docs(searcher, conditions), wanted, conditions)
    # With words, conditions stay in the query: Whoosh turns off block skipping when a
    # filter set is given, and skipping along the words is what makes a query fast.
    phrased = _phrase_first(q, fq, searcher, wanted)
    if phrased is not None:
        return phrased
    plan = _plan(q, searcher)
    full = wq.And([plan.select, fq]) if fq is not None else plan.select
    if plan.budget:
        collector = collectors.TimeLimitCollector(searcher.collector(limit=wanted), TIME_BUDGET, use_alarm=False)
        try:
            searcher.search_with_collector(full, collector)
            timed_out = False
        except collectors.TimeLimit:
            timed_out = True
        results = collector.results()
        results.timed_out = timed_out
        return results, [(hit.score, hit) for hit in results], full
    if not plan.rescore:
        # Not search_page(): it counts every match up front, the slowest part of a query.
        results = searcher.search(full, limit=wanted)
        return results, [(hit.score, hit) for hit in results], full
    results = searcher.search(full, limit=max(wanted, RESCORE_CANDIDATES))
    return results, _rescore(results, plan.rescore, searcher), full


def _touches_body(q: wq.Query) -> bool:
    return any(getattr(n, "fieldname", None) == "body" for n in _walk(q))


def _conditions_only(q: wq.Query, fq: wq.Query | None) -> wq.Query | None:
    """The query as field conditions alone (a cached filter), or None if it has words or a NOT."""
    parts = list(q.subqueries) if isinstance(q, wq.And) else [q]
    if any(_touches_body(p) or isinstance(p, wq.Not) for p in parts):
        return None
    parts += [fq] if fq is not None else []
    return parts[0] if len(parts) == 1 else wq.And(parts)


_FILTERS_KEPT = 64
_filter_cache: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _filter_docs(searcher, fq: wq.Query) -> tuple[int, ...]:
    # Field conditions alone (verb, kind, session range…) come back on every facet click
    # and page: their document sets are kept per opened index, like Lucene's filter cache.
    with _lock:
        cache = _filter_cache.setdefault(searcher, {})
        key = repr(fq)
        docs = cache.get(key)
        if docs is None:
            docs = tuple(sorted(fq.docs(searcher)))
            if len(cache) >= _FILTERS_KEPT:
                cache.pop(next(iter(cache)))
            cache[key] = docs
        return docs


class _StoredHit:
    """A hit read by document number (for queries without words: no scores)."""

    def __init__(self, searcher, docnum: int):
        self._fields = searcher.stored_fields(docnum)
        self.score = 0.0

    def fields(self) -> dict:
        return self._fields

    def __getitem__(self, name):
        return self._fields[name]

    def get(self, name, default=None):
        return self._fields.get(name, default)


class _DocsResults:
    """The little of Whoosh's Results that search() reads, for a filter-only query."""

    def __init__(self, count: int):
        self.override_total = (count, True)

    def is_empty(self) -> bool:
        return self.override_total[0] == 0


def _first_docs(searcher, allowed: tuple[int, ...], wanted: int, fq: wq.Query):
    # Only field conditions: every match scores the same; take them in index order.
    docs = allowed[:wanted]
    return _DocsResults(len(allowed)), [(0.0, _StoredHit(searcher, d)) for d in docs], fq


def _phrase_first(q: wq.Query, fq, searcher, wanted: int):
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
    select = wq.And(words + [s for s in subs if not isinstance(s, wq.Phrase)] + ([fq] if fq is not None else []))
    limit = wanted * 4 + 20
    results = searcher.search(select, limit=limit)
    ranked = [(hit.score, hit) for hit in results if all(_has_phrase(hit["body"], p.words) for p in phrases)]
    checked = results.scored_length()
    if len(ranked) < wanted and checked >= limit:
        return None  # too few of the candidates hold the phrase: let Whoosh check them all
    # How many paragraphs hold the phrase: exact if every candidate was checked, else
    # estimated from the share of checked candidates that held it.
    if checked < limit:
        results.override_total = (len(ranked), True)
    else:
        results.override_total = (round(results.estimated_length() * len(ranked) / max(1, checked)), False)
    return results, ranked, select


def _has_phrase(text: str, words: list[str]) -> bool:
    positions: dict[str, set[int]] = {}
    for term, pos in index_terms(text)[0]:
        positions.setdefault(term, set()).add(pos)
    first = positions.get(words[0], ())
    return any(all(start + i in positions.get(w, ()) for i, w in enumerate(words)) for start in first)


@dataclass
class _Plan:
    """How to run a query: `select` finds the candidates; `rescore` terms only add to scores."""

    select: wq.Query
    rescore: list[str] = field(default_factory=list)
    budget: bool = False  # stop collecting after TIME_BUDGET seconds


def _plan(q: wq.Query, searcher) -> _Plan:
    """Rewrite what Whoosh would run slowly: `a AND NOT b`, and ORs of many common words."""
    if isinstance(q, wq.And) and any(isinstance(c, wq.Not) for c in q.subqueries):
        # Whoosh scans every document for a Not inside an And; AndNot skips along `a`.
        positive = [c for c in q.subqueries if not isinstance(c, wq.Not)]
        negative = [c.query for c in q.subqueries if isinstance(c, wq.Not)]
        if positive:
            q = wq.AndNot(wq.And(positive) if len(positive) > 1 else positive[0],
                          wq.Or(negative) if len(negative) > 1 else negative[0])
        return _Plan(q)
    if isinstance(q, wq.And) and _all_common(q.subqueries, searcher):
        # Every word is in most paragraphs: an exact top 10 means scoring nearly the whole
        # index; stop after a time budget with the best paragraphs found (and say so).
        return _Plan(q, budget=True)
    if not isinstance(q, wq.Or) or len(q.subqueries) <= 2:
        return _Plan(q)
    terms = [s for s in q.subqueries if isinstance(s, wq.Term) and s.fieldname == "body" and isinstance(s.text, str)]
    others = [s for s in q.subqueries if s not in terms]
    terms.sort(key=lambda t: searcher.doc_frequency("body", t.text))
    total = max(1, searcher.doc_count())
    # The rarest words select the candidates; the rest only add to their scores.
    select = [t for t in terms[:SELECT_WORDS] if searcher.doc_frequency("body", t.text) / total <= COMMON_SHARE]
    rest = [t.text for t in terms if t not in select]
    if not (select or others) or not rest:
        return _Plan(q)
    return _Plan(wq.Or(select + others, scale=q.scale), rest)


def _all_common(subqueries, searcher) -> bool:
    total = max(1, searcher.doc_count())
    terms = [s for s in subqueries if isinstance(s, wq.Term) and s.fieldname == "body"]
    return len(terms) == len(subqueries) > 1 and all(
        searcher.doc_frequency("body", t.text) / total > COMMON_SHARE for t in terms)


def _rescore(results, terms: list[str], searcher) -> list[tuple[float, object]]:
    # Score the candidates on the common words too, from their stored text: the same
    # BM25 (B=0 over length-normalized weights) as the index would give.
    k1 = searcher.weighting.K1
    idf = {t: searcher.idf("body", t) for t in terms}
    out = []
    for hit in results:
        emitted, norm = index_terms(hit["body"])
        tf = Counter(t for t, _ in emitted if t in idf)
        extra = sum(idf[t] * (n * norm * (k1 + 1)) / (n * norm + k1) for t, n in tf.items())
        out.append((hit.score + extra, hit))
    out.sort(key=lambda pair: -pair[0])
    return out


def _has_no_fields(q: wq.Query) -> bool:
    return all(getattr(n, "fieldname", "body") in ("body", None) for n in _walk(q))


def _fold(ranked: list, wanted: int) -> list[tuple[float, object, list]]:
    """Group hits that are copies of a better-ranked hit under it (rank order kept).

    The cleanest copy (most accented letters: scans lose accents) represents its group.
    Stops once the page is full and one more group is known (so a next page exists).
    """
    groups: list[list] = []
    for score, hit in ranked:
        if len(groups) > wanted:
            break
        text = hit["body"]
        for group in groups:
            other = group[1]["body"]
            if abs(len(text) - len(other)) <= len(other) // 10 + 20 and is_copy(other, text):
                if _accents(text) > _accents(other):
                    group[1], hit = hit, group[1]
                group[2].append(hit)
                break
        else:
            groups.append([score, hit, []])
    return [tuple(g) for g in groups]


def _accents(text: str) -> int:
    return sum(1 for ch in text if ch in "àâäçéèêëîïôöùûüÿœÀÂÇÉÈÊËÎÏÔÙÛŒ")


def _hit(r, score: float, terms: set[str], mark: tuple[str, str], copies: list = ()) -> Hit:
    stored = r.fields()
    text = stored["body"]
    adopted = stored.get("adopted")
    return Hit(
        file=stored["file"],
        symbol=stored.get("symbol"),
        organ=stored.get("organ"),
        session=stored.get("session"),
        kind=stored["kind"],
        number=stored.get("number"),
        position=stored["position"],
        verb=stored.get("verb"),
        score=round(float(score), 3),
        snippet=snippet(text, terms, mark),
        text=text,
        title=stored.get("title"),
        adopted=adopted.date().isoformat() if adopted else None,
        also_in=[{"file": c["file"], "symbol": c.get("symbol"), "kind": c["kind"], "number": c.get("number")}
                 for c in copies],
    )
