"""The search engine object: an opened index, its searchers and caches, and every question
asked of it (search, a resolution, a paragraph, trace). The CLI, the web app and the
library functions are thin adapters over it.

Whoosh searchers hold file positions, so one searcher serves one request at a time: the
engine keeps a small pool of them per index generation. Each request takes a searcher of
the newest generation (a commit or a `--rebuild` swap is seen by the next request), and a
generation's caches (posting sets, facet columns) go with it.
"""

from __future__ import annotations

import os
import queue
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whoosh import query as wq

from indexer import manifest, store
from indexer.clean import as_indexed

from . import facets as facet_counts
from .messages import msg
from .errors import BadQuery, IndexUnavailable, NotFound
from .execution import RESCORE_CANDIDATES, Ranking, common_words, has_phrase, passage_idf, rank, rescore_common
from .folding import file_cleanliness, fold
from .hits import Copy, Hit, Results
from .language import ReadQuery, read, walk
from .matching import MatchSet, PostingCache, match_set
from .ranking import (EXACT_BONUS_MAX, PASSAGE_BONUS, ExactPhrase, PrenormalizedBM25, all_words_query,
                      WORDING_BONUS, did_you_mean, passage_wording, rank_query, rescore_exact,
                      rescore_wording)
from .request import MAX_LIMIT, SearchRequest, date_of, filter_query
from .sanitize import stored_text
from .snippets import query_terms, snippet
from .stats import IndexStats, index_stats
from .tracing import Paragraph, Trace, find_paragraph, resolution_copies, trace_in
from .vectors import Evaluator, Scored, postings_key, read_postings

POOL = 4  # searchers per generation: concurrent requests served at once
RESCORE_REACH = 4  # times the paragraphs asked for: at most this many get a quoted phrase's verbatim bonus
WORDING_REACH = 50  # the best paragraphs for typed words reordered by the words found side by side


@dataclass
class Generation:
    """One committed state of the index with its searchers and caches."""

    key: tuple
    index: object
    pool_size: int = POOL
    postings: PostingCache = field(default_factory=PostingCache)
    cache: dict = field(default_factory=dict)  # facet columns, corpus root, file cleanliness, stats
    _idle: queue.LifoQueue = field(default_factory=queue.LifoQueue)
    _opened: int = 0
    _retired: bool = False
    _lock: threading.Lock = field(default_factory=threading.Lock)

    def checkout(self):
        try:
            return self._idle.get_nowait()
        except queue.Empty:
            pass
        with self._lock:
            if self._opened < self.pool_size:
                self._opened += 1
                return self.index.searcher(weighting=PrenormalizedBM25())
        return self._idle.get()

    def checkin(self, searcher) -> None:
        if self._retired:
            searcher.close()
        else:
            self._idle.put(searcher)

    def retire(self) -> None:
        """Close idle searchers now and busy ones when they are given back."""
        self._retired = True
        while True:
            try:
                self._idle.get_nowait().close()
            except queue.Empty:
                return


class Engine:
    """A ressearch index opened for searching; safe to share between threads."""

    def __init__(self, index: str | os.PathLike | None = None, pool_size: int = POOL):
        self.path = store.resolve(index)
        self.pool_size = pool_size
        self._generation: Generation | None = None
        self._lock = threading.Lock()
        self._current()  # fail now, with a clear message, if there is no usable index

    # -- generations ---------------------------------------------------------------

    def _current(self) -> Generation:
        try:
            key = store.generation_key(self.path)
        except store.IndexUnavailable as e:
            raise IndexUnavailable(msg("index_unavailable", reason=str(e))) from None
        with self._lock:
            gen = self._generation
            if gen is None or gen.key != key:
                try:
                    ix = store.open_for_search(self.path)
                except store.IndexUnavailable as e:
                    raise IndexUnavailable(msg("index_unavailable", reason=str(e))) from None
                if ix.doc_count() == 0:
                    raise IndexUnavailable(msg("index_empty", path=str(self.path)))
                if gen is not None:
                    gen.retire()
                gen = self._generation = Generation(key, ix, self.pool_size)
            return gen

    @contextmanager
    def reading(self):
        """(searcher, generation) of the newest index generation, for one request."""
        gen = self._current()
        searcher = gen.checkout()
        try:
            yield searcher, gen
        finally:
            gen.checkin(searcher)

    def close(self) -> None:
        """Close every searcher."""
        with self._lock:
            if self._generation is not None:
                self._generation.retire()
                self._generation = None

    # -- search --------------------------------------------------------------------

    def search(self, request: SearchRequest) -> Results:
        """Ranked paragraphs for a request, with the exact count of all that match."""
        fq = filter_query(request.filters)
        parsed = read(request.text) if request.text and request.text.strip() else None
        if parsed is None and fq is None:
            raise BadQuery(msg("empty_query"))
        with self.reading() as (searcher, gen):
            if parsed is None or _conditions_only(parsed.query):
                return self._conditions(request, parsed, fq, searcher, gen)
            results = self._ranked(request, parsed, fq, searcher, gen)
            if parsed.symbol:
                _name_resolution(results, parsed.symbol, searcher)
            return results

    def _conditions(self, request, parsed: ReadQuery | None, fq, searcher, gen) -> Results:
        # Only field conditions: every match is as good as the next; index order.
        q = fq if parsed is None else _with(parsed.query, fq)
        matched = match_set(q, searcher, gen.postings)
        docs = sorted(matched.docs)
        notes = list(parsed.notes) if parsed else []
        ranked = [(None, d) for d in docs[: request.wanted + (request.limit if request.fold else 0) + 1]]
        return self._page(request, ranked, matched, q, notes, searcher, gen, set(), ranked_results=False,
                          exhausted=len(docs) <= len(ranked))

    def _ranked(self, request, parsed: ReadQuery, fq, searcher, gen) -> Results:
        notes = list(parsed.notes)
        # Coordinated OR, exact phrases, typo alternatives (query.ranking).
        ranked_query = rank_query(parsed.query, parsed.source, searcher.reader(), named=parsed.symbol,
                                  passage=parsed.long)
        parsed.query = ranked_query.query
        if ranked_query.suggestions:
            notes.append(msg("did_you_mean", words=did_you_mean(ranked_query.suggestions)))
        if parsed.long:
            notes.append(msg("long_passage"))
        wanted = request.wanted + 1
        fetch = wanted + 5 if request.fold else wanted
        allow = None
        if fq is not None:
            allow = set(match_set(fq, searcher, gen.postings).docs)
        memo: dict = {}  # position checks cut by the time budget, shared by this request's counts
        evaluator = self._evaluator(searcher, gen, memo)
        common: list[str] = []
        if parsed.long:
            # A pasted passage: its words found in most paragraphs select nothing and only add
            # to the scores of the best candidates (Lucene's common terms query); reading
            # their posting lists would cost more than the rest of the query.
            parsed.query, common = common_words(parsed.query, searcher)
        scored = evaluator.evaluate(parsed.query)
        if scored is not None:
            return self._exhaustive(request, parsed, fq, scored, allow, notes, searcher, gen, evaluator, common)
        phrases = [n for n in walk(parsed.query) if isinstance(n, wq.Phrase) and n.fieldname == "body"]
        candidates = evaluator.evaluate(parsed.query, phrases_as_words=True) if phrases else None
        if candidates is not None:
            return self._checked(request, parsed, fq, candidates, phrases, allow, memo, notes, searcher, gen)
        while True:
            ranking = rank(parsed.query, allow, searcher, fetch) if allow != set() else Ranking([], parsed.query, True, True)
            groups = fold(searcher, ranking.ranked, request.limit, wanted, _file_clean(searcher, gen)) if request.fold else None
            enough = len(groups) >= wanted if groups is not None else len(ranking.ranked) >= wanted
            if enough or ranking.exhausted or not ranking.complete or fetch >= 4 * request.wanted + 1000:
                break
            fetch *= 2
        if not ranking.complete:
            notes.append(msg("common_words_budget"))
        matched = _matched(ranking.counted, allow, searcher, gen)
        self._note_some_words(parsed, matched, allow, notes, searcher, gen)
        return self._page(request, ranking.ranked, matched, _with(ranking.counted, fq), notes, searcher, gen,
                          query_terms(parsed.body_terms()), groups=groups, exhausted=ranking.exhausted)

    @staticmethod
    def _note_some_words(parsed, matched, allow, notes, searcher, gen, evaluator: Evaluator | None = None,
                         allowed=None) -> None:
        # Ranked by coordination: say so when no paragraph holds every word.
        every = all_words_query(parsed.query) if len(matched) and not parsed.long else None
        if every is None:
            return
        held = evaluator.evaluate(every) if evaluator is not None else None
        if held is not None:
            found = bool(len(held.docs)) if allowed is None else bool(allowed[held.docs].any())
        else:
            found = bool(match_set(every, searcher, gen.postings).docs & (allow or matched.docs))
        if not found:
            notes.insert(0, msg("some_words"))

    def _exhaustive(self, request, parsed: ReadQuery, fq, scored: Scored, allow, notes, searcher, gen,
                    evaluator: Evaluator, common: list[str] = ()) -> Results:
        # Every match scored at once (query.vectors): the exact ranking and the match set together.
        allowed = _allowed(fq, allow, searcher, gen)
        scored = scored.within(allowed)
        k = 2 * request.wanted + request.limit + 10 if request.fold else request.wanted + 1
        phrases = [n for n in walk(parsed.query) if isinstance(n, ExactPhrase)]
        if phrases:
            ranked = _rescored(scored, k, EXACT_BONUS_MAX ** len(phrases),
                               lambda reach: rescore_exact(phrases, reach, searcher))
        elif parsed.long:
            # The common words' scores are added to the best candidates (the most frequent
            # only where they sit in the passage's wording), then the wording is rewarded:
            # both among the paragraphs within reach of the top k.
            reach = scored.top(max(k, RESCORE_CANDIDATES))
            texts = {d: searcher.stored_fields(d)["body"] for _, d in reach}  # read once for both
            wording = passage_wording(parsed.source)
            with_common = rescore_common(list(common), reach, searcher, texts.__getitem__, lambda d: wording(texts[d]))
            ranked = rescore_wording(parsed.source, with_common, texts.__getitem__, PASSAGE_BONUS,
                                     idf=passage_idf(searcher))[:k]
        elif parsed.plain:
            # Words typed side by side: paragraphs holding them side by side come first (a
            # sloppy-phrase rescore, as Elasticsearch's match_phrase rescoring does), and those
            # of a resolution whose title names them (a title field, as in BM25F).
            def wording(head):
                stored = {d: searcher.stored_fields(d) for _, d in head}  # read once for text and title
                return rescore_wording(parsed.source, head, lambda d: stored[d]["body"], WORDING_BONUS,
                                       lambda d: stored[d].get("title"))

            ranked = _head_rescored(scored, k, wording)
        else:
            ranked = scored.top(k)
        matched = MatchSet(array=scored.docs)
        self._note_some_words(parsed, matched, allow, notes, searcher, gen, evaluator, allowed)
        return self._page(request, ranked, matched, _with(parsed.query, fq), notes, searcher, gen,
                          query_terms(parsed.body_terms()), exhausted=len(scored.docs) <= k)

    @staticmethod
    def _evaluator(searcher, gen, memo: dict) -> Evaluator:
        return Evaluator(searcher, _postings(searcher, gen), lambda q: match_set(q, searcher, gen.postings, memo=memo))

    def _checked(self, request, parsed: ReadQuery, fq, candidates: Scored, phrases, allow, memo, notes,
                 searcher, gen) -> Results:
        # Too many phrase matches to position-check them all in time: the paragraphs holding
        # every word, best first, have the phrase checked in their stored text only as far as
        # the page needs (the total stays an estimate, and says so).
        if allow is not None:
            candidates = candidates.within(_allowed(fq, allow, searcher, gen))
        need = 2 * request.wanted + request.limit + 10  # folding may merge some
        checked: list[tuple[float, int]] = []
        seen, reach = 0, 4 * need
        while len(checked) < need and seen < len(candidates.docs):
            for score, doc in candidates.top(reach)[seen:]:
                body = searcher.stored_fields(doc)["body"]
                if all(p.holds(body) if isinstance(p, ExactPhrase) else has_phrase(body, p.words) for p in phrases):
                    checked.append((score, doc))
            seen, reach = reach, 4 * reach
        exhausted = seen >= len(candidates.docs)
        matched = _matched(parsed.query, allow, searcher, gen, memo)
        self._note_some_words(parsed, matched, allow, notes, searcher, gen)
        ranked = rescore_exact([p for p in phrases if isinstance(p, ExactPhrase)], checked, searcher)
        return self._page(request, ranked, matched, _with(parsed.query, fq), notes, searcher, gen,
                          query_terms(parsed.body_terms()), exhausted=exhausted)

    def _page(self, request, ranked, matched: MatchSet, q, notes, searcher, gen, terms, *, groups=None,
              ranked_results=True, exhausted=False) -> Results:
        if request.fold and groups is None:
            groups = fold(searcher, ranked, request.limit, request.wanted + 1, _file_clean(searcher, gen))
        if groups is None:
            groups = [(score, doc, []) for score, doc in ranked]
        start = (request.page - 1) * request.limit
        shown = groups[start: start + request.limit]
        if not shown and request.page > 1 and matched.total:
            notes.append(msg("past_last_page", page=request.page))
        hits = [self._hit(searcher, gen, doc, score, terms, request.mark, copies) for score, doc, copies in shown]
        covered = sum(1 + len(c) for _, _, c in groups[: start + request.limit])
        more = len(groups) > start + request.limit or (not exhausted and covered < matched.total)
        facets = facet_counts.count(searcher, gen.cache, matched.array if matched.array is not None else matched.docs) \
            if request.facets else {}
        if not matched.exact:
            notes.append(msg("estimated_total"))
        return Results(hits=hits, total=matched.total, exact_total=matched.exact, page=request.page,
                       limit=request.limit, query=str(q), notes=notes, facets=facets, more=more,
                       ranked=ranked_results)

    def _hit(self, searcher, gen, docnum: int, score, terms, mark, copies) -> Hit:
        stored = stored_text(searcher.stored_fields(docnum))
        text = stored["body"]
        root = corpus_root(searcher, gen)
        return Hit(
            file=relative(stored["file"], root), path=stored["file"], symbol=stored.get("symbol"), organ=stored.get("organ"),
            session=stored.get("session"), adopted=date_of(stored.get("adopted")),
            document_type=stored.get("document_type"), title=stored.get("title"), kind=stored["kind"],
            number=stored.get("number"), position=stored["position"], verb=stored.get("verb"),
            score=None if score is None else round(float(score), 3),
            snippet=snippet(text, terms, mark), text=text,
            also_in=[_copy(stored_text(searcher.stored_fields(d)), root) for d in copies], ordinal=stored.get("ordinal"),
            opening=stored.get("opening"), annex=stored.get("annex"), addressees=stored["addressee"].split("|") if stored.get("addressee") else [],
        )


    # -- resolutions, paragraphs, trace -----------------------------------------------

    def resolution(self, symbol: str) -> list[list[Paragraph]]:
        """Every indexed copy of a resolution (any printed form of its symbol), the cleanest first."""
        with self.reading() as (searcher, gen):
            copies = resolution_copies(searcher, symbol)
            return [[_relative_paragraph(p, corpus_root(searcher, gen)) for p in copy] for copy in copies]

    def paragraph(self, ref: str) -> Paragraph:
        """The indexed paragraph named by `68/160:op1`, `65/218:pre3` or `FILE#POSITION`."""
        with self.reading() as (searcher, gen):
            return _relative_paragraph(find_paragraph(searcher, ref, corpus_root(searcher, gen)),
                                       corpus_root(searcher, gen))

    def trace(self, ref: str | None = None, *, text: str | None = None, limit: int = 20, by: str = "similarity",
              min_similarity: float | None = None) -> Trace:
        """Paragraphs carrying the language of a reference paragraph or a passage."""
        if not 1 <= limit <= MAX_LIMIT:
            raise BadQuery(msg("trace_limit", max=MAX_LIMIT, value=limit))
        extra = {} if min_similarity is None else {"min_similarity": min_similarity}
        with self.reading() as (searcher, gen):
            root = corpus_root(searcher, gen)
            text = as_indexed(text) if text else text
            arrays = _postings(searcher, gen)
            result = trace_in(searcher, ref, text=text, limit=limit, by=by,
                              postings=lambda word: arrays("body", word.encode()), root=root, **extra)
            for p in result.hits + ([result.reference] if result.reference else []):
                _relative_paragraph(p, root)
            if result.history is not None:
                for v in result.history.versions:
                    v.file = relative(v.file, root)
                    v.files = [relative(f, root) for f in v.files]
            return result

    def stats(self) -> IndexStats:
        """What the index holds (paragraphs, resolutions, organs, sessions, years), once per generation."""
        with self.reading() as (searcher, gen):
            return index_stats(searcher, gen.cache)


def _matched(q: wq.Query, allow: set[int] | None, searcher, gen, memo: dict | None = None) -> MatchSet:
    """The paragraphs q matches, within the filters' documents `allow` (None: all)."""
    matched = match_set(q, searcher, gen.postings, memo=memo)
    if allow is not None:
        matched.docs &= allow
    return matched


def _postings(searcher, gen):
    """A term's postings as arrays (query.vectors), read once per index generation."""
    def postings(fieldname: str, btext: bytes):
        return gen.postings.get(postings_key(fieldname, btext), lambda: read_postings(searcher.reader(), fieldname, btext))

    return postings


def _rescored(scored: Scored, k: int, most: float, rescore) -> list[tuple[float, int]]:
    """The top k after `rescore` multiplies scores by at most `most`: it can lift a paragraph
    from below the k-th by that factor, so every paragraph within that reach is rescored."""
    reach = scored.top(k)
    if len(reach) == k:
        reach = scored.above(reach[-1][0] / most, RESCORE_REACH * k)
    return rescore(reach)[:k]


def _head_rescored(scored: Scored, k: int, rescore) -> list[tuple[float, int]]:
    """The top k, the best WORDING_REACH paragraphs reordered by `rescore`, the rest in score
    order: the same order whatever page is asked (a reach growing with k would move
    paragraphs between pages), at the cost of reading WORDING_REACH texts."""
    head = rescore(scored.top(WORDING_REACH))
    return head[:k] if k <= len(head) else head + scored.top(k)[len(head):]


def _allowed(fq, allow: set[int] | None, searcher, gen):
    """The filters' documents `allow` as a boolean array over document numbers (None: no
    filter), kept per index generation like the filters' sets."""
    if allow is None:
        return None

    def mask():
        import numpy as np

        out = np.zeros(searcher.reader().doc_count_all(), dtype=bool)
        out[np.fromiter(allow, dtype=np.int64, count=len(allow))] = True
        return out

    return gen.postings.get(("mask", repr(fq)), mask)


def _with(q: wq.Query, fq: wq.Query | None) -> wq.Query:
    """q and the filters, as the query shown with the results."""
    return q if fq is None else wq.And([q, fq])


def _copy(stored: dict, root: str) -> Copy:
    return Copy(file=relative(stored["file"], root), path=stored["file"], symbol=stored.get("symbol"), kind=stored["kind"], number=stored.get("number"),
                position=stored["position"], ordinal=stored.get("ordinal"))


def _file_clean(searcher, gen):
    return lambda file: file_cleanliness(searcher, gen.cache, file)


def _name_resolution(results: Results, symbol: str, searcher) -> None:
    """When the query names a resolution the corpus holds, say so: its own paragraphs rank
    after those citing it, so the reader may not see them on the first page."""
    try:
        copy = resolution_copies(searcher, symbol)[0]  # the one `show` prints, when several files hold it
    except NotFound:
        return
    results.resolution = copy[0].symbol or symbol
    results.notes.insert(0, msg("named_resolution", symbol=results.resolution, n=len(copy)))


def corpus_root(searcher, gen) -> str:
    """The folder holding every indexed file (file names are shown relative to it)."""
    if "root" not in gen.cache:
        # The generation's record of its files is one small read; the index's own list of
        # file terms would be walked whole (tens of thousands at a million paragraphs).
        files = manifest.read(Path(gen.index.storage.folder), gen.key[2]) or {
            t.decode("utf-8", "surrogateescape"): None for t in searcher.reader().lexicon("file")}
        try:
            # Sorted names: what the first and the last share, all share.
            root = os.path.commonpath([min(files), max(files)]) if files else ""
        except ValueError:  # relative and absolute names mixed
            root = ""
        if len(files) == 1 or (root in files):
            root = os.path.dirname(root)
        gen.cache["root"] = root
    return gen.cache["root"]


def relative(file: str, root: str) -> str:
    """A file name relative to the corpus folder (unchanged outside it)."""
    if root and file.startswith(root.rstrip(os.sep) + os.sep):
        return file[len(root.rstrip(os.sep)) + 1:]
    return file


def _relative_paragraph(p: Paragraph, root: str) -> Paragraph:
    if p.path is None:
        p.path, p.file = p.file, relative(p.file, root)
    return p


def _conditions_only(q: wq.Query) -> bool:
    """Whether the query has no words to rank by (and no NOT, which needs a positive part)."""
    return not any(getattr(n, "fieldname", None) == "body" or isinstance(n, wq.Not) for n in walk(q))
