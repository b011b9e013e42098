"""The engine against brute force: for random queries over the seeds and a generated corpus,
the total is the true count of matching paragraphs, paging visits every match exactly once,
facets add up to the total, the block-skipping top 10 is the exhaustive BM25 top 10, and the
CLI, the web API and the library return the same hits in the same order."""

from __future__ import annotations

import random
import re
import sys


import pytest
from whoosh import query as wq

from conftest import ROOT, jsonl
from indexer import build
from indexer import symbols
from indexer.analysis import exact_pairs, exact_words, fold, index_terms, is_common_word
from indexer.schema import fold_value
from query import BadQuery, Engine, Filters, NotFound, SearchRequest
from query.execution import has_phrase
from query.language import read
from query.engine import WORDING_REACH
from query.ranking import TITLE_BONUS, WORDING_BONUS, Alternatives, CoordinatedOr, ExactPhrase, rank_query
from query.similarity import stems

sys.path.insert(0, str(ROOT / "bench"))
import generate  # noqa: E402  (bench/generate.py)

QUERIES = 200


@pytest.fixture(scope="module")
def corpus_index(tmp_path_factory):
    """Seeds plus ~1,500 generated paragraphs, indexed once."""
    root = tmp_path_factory.mktemp("engine")
    corpus = root / "corpus"
    generate.generate(corpus / "generated", paragraphs=1500, seed=7, jobs=1)
    (corpus / "seeds").mkdir()
    for seed in (ROOT / "corpus").glob("*.txt"):
        (corpus / "seeds" / seed.name).write_bytes(seed.read_bytes())
    build(corpus, index=root / "index", procs=1)
    engine = Engine(root / "index")
    yield engine
    engine.close()


@pytest.fixture(scope="module")
def docs(corpus_index):
    """Every paragraph's stored fields and analyzed terms, for the brute-force oracle."""
    out = {}
    with corpus_index.reading() as (searcher, _):
        for docnum, stored in searcher.iter_docs():
            terms = {t for t, _ in index_terms(stored["body"])[0]}
            out[docnum] = (stored, terms)
    return out


def exact_positions(stored: dict) -> list[set[str]]:
    """The exact field's terms at each position of a paragraph (see ExactAnalyzer)."""
    words = exact_words(stored["body"])
    out = [{w, "~" + fold(w)} for w in words]
    for i, (a, b) in enumerate(zip(words, words[1:])):
        if is_common_word(a) and is_common_word(b):
            out[i].update(exact_pairs(a, b))
    return out


def exact_at(q: wq.Query, positions: list[set[str]], i: int) -> bool:
    if isinstance(q, wq.Or):
        return any(exact_at(c, positions, i) for c in q.subqueries)
    return i < len(positions) and q.text in positions[i]


def matches(q: wq.Query, stored: dict, terms: set[str]) -> bool:
    """Brute force: does this paragraph satisfy the parsed (and ranked) query?"""
    if isinstance(q, wq.And):
        return all(matches(c, stored, terms) for c in q.subqueries)
    if isinstance(q, (wq.Or, CoordinatedOr, Alternatives)):
        return any(matches(c, stored, terms) for c in q.subqueries)
    if isinstance(q, wq.AndMaybe):
        return matches(q.a, stored, terms)
    if isinstance(q, ExactPhrase):
        return matches(q.exact, stored, terms)
    if isinstance(q, (wq.Sequence, wq.Phrase, wq.Term)) and q.field() == "exact":
        parts = q.subqueries if isinstance(q, wq.Sequence) else [wq.Term("exact", w) for w in getattr(q, "words", [])] or [q]
        positions = exact_positions(stored)
        return any(all(exact_at(p, positions, start + k) for k, p in enumerate(parts)) for start in range(len(positions)))
    if isinstance(q, wq.AndNot):
        return matches(q.a, stored, terms) and not matches(q.b, stored, terms)
    if isinstance(q, wq.Not):
        return not matches(q.query, stored, terms)
    if isinstance(q, wq.Phrase):
        return has_phrase(stored["body"], q.words)
    if isinstance(q, wq.Prefix):
        return any(t.startswith(q.text) and "+" not in t for t in terms)
    if isinstance(q, wq.NumericRange):
        v = stored.get(q.fieldname)
        return v is not None and (q.start is None or v > q.start or (v == q.start and not q.startexcl)) and (
            q.end is None or v < q.end or (v == q.end and not q.endexcl))
    if isinstance(q, wq.Term):
        if q.fieldname == "body":
            return q.text in terms
        if q.fieldname == "symbol":
            return q.text in {symbols.key(v) for v in (stored.get("symbol") or "").split("|") if v}
        if q.fieldname in ("verb", "organ"):
            return fold_value(stored.get(q.fieldname) or "") == q.text
        if q.fieldname == "kind":
            return stored["kind"] == q.text
        if q.fieldname == "session":
            from indexer.schema import make_schema

            return stored.get("session") is not None and make_schema()["session"].to_bytes(stored["session"]) == q.text
    raise AssertionError(f"oracle cannot evaluate {q!r}")


def random_query(rng: random.Random, words: list[str]) -> tuple[str, dict]:
    w = lambda: rng.choice(words)  # noqa: E731
    shape = rng.randrange(9)
    text = {
        0: lambda: w(),
        1: lambda: f"{w()} {w()}",
        2: lambda: f"{w()} AND NOT {w()}",
        3: lambda: f"{w()} OR {w()}",
        4: lambda: f'"{w()} {w()}"' if rng.random() < 0.3 else f'"{rng.choice(PHRASES)}"',
        5: lambda: f"{w()[:4]}*",
        6: lambda: f"({w()} OR {w()}) {w()}",
        7: lambda: f"{w()} {w()} {w()}",
        8: lambda: f"NOT {w()} {w()}",
    }[shape]()
    filters = {}
    if rng.random() < 0.3:
        filters[rng.choice(["verb", "kind", "session"])] = rng.choice(
            {"verb": ["prie", "Réaffirme", "Rappelant", "décide"], "kind": ["operative", "préambule"],
             "session": [53, 65, 68, "60"]}[list(filters)[0] if filters else "kind"]) if False else None
        name = rng.choice(["verb", "kind", "session"])
        filters = {name: rng.choice({"verb": ["prie", "Réaffirme", "Rappelant", "décide"],
                                     "kind": ["operative", "préambule"], "session": [53, 65, 68, 60]}[name])}
    return text, filters


PHRASES = ["droits de l’homme", "coopération internationale", "coopération Sud-Sud", "Secrétaire général",
           "Haut-Commissaire des Nations Unies", "dans le domaine des droits"]


def _vocabulary(docs) -> list[str]:
    rng = random.Random(3)
    words = set()
    for stored, _ in rng.sample(list(docs.values()), 200):
        words.update(w for w in re.findall(r"[A-Za-zÀ-ÿ’-]{4,}", stored["body"]))
    return sorted(words)


def test_totals_paging_and_facets_agree_with_brute_force(corpus_index, docs):
    rng = random.Random(11)
    words = _vocabulary(docs)
    checked = 0
    for _ in range(QUERIES):
        text, filters = random_query(rng, words)
        try:
            parsed = read(text)
        except BadQuery:
            continue
        request = SearchRequest(text=text, filters=Filters.from_values(filters), limit=7, fold=False, facets=True)
        results = corpus_index.search(request)
        with corpus_index.reading() as (searcher, _):
            q = rank_query(parsed.query, parsed.source, searcher.reader()).query
        truth = {d for d, (stored, terms) in docs.items()
                 if matches(q, stored, terms) and _filters_hold(filters, stored)}
        assert results.exact_total, text
        assert results.total == len(truth), (text, filters)
        assert sum(n for _, n in results.facets["kind"]) == results.total
        seen = []
        for page in range(1, results.pages + 1):
            got = corpus_index.search(SearchRequest(text=text, filters=Filters.from_values(filters), limit=7,
                                                    page=page, fold=False))
            assert got.hits or results.total == 0, (text, page)
            seen += [(h.path, h.position) for h in got.hits]
        assert len(seen) == len(set(seen)) == results.total, text
        truth_keys = {(docs[d][0]["file"], docs[d][0]["position"]) for d in truth}
        assert set(seen) == truth_keys, text
        checked += 1
    assert checked >= QUERIES * 0.8


def _filters_hold(filters: dict, stored: dict) -> bool:
    for name, value in filters.items():
        if name == "verb" and fold_value(stored.get("verb") or "") != fold_value(value):
            return False
        if name == "kind" and stored["kind"] != {"préambule": "preambular"}.get(value, value):
            return False
        if name == "session" and stored.get("session") != int(value):
            return False
    return True


def test_top_ten_equals_exhaustive_bm25_with_words_side_by_side_rewarded(corpus_index, docs):
    rng = random.Random(5)
    words = _vocabulary(docs)
    compared = 0
    for _ in range(120):
        text = " ".join(rng.choice(words) for _ in range(rng.randrange(1, 5)))
        try:
            results = corpus_index.search(SearchRequest(text=text, limit=10, fold=False))
        except BadQuery:
            continue  # only stop words
        if any(n.key != "some_words" for n in results.notes):
            continue  # typo alternatives, long passages: not plain coordinated BM25
        parsed = read(text)
        with corpus_index.reading() as (searcher, _):
            ranked = rank_query(parsed.query, parsed.source, searcher.reader()).query
            everything = searcher.search(ranked, limit=None, optimize=False)
            # The best WORDING_REACH × (1 + WORDING_BONUS × share of the typed word pairs held)
            # × (1 + TITLE_BONUS × share of the typed words in the title), the rest as scored.
            typed = stems(parsed.source)
            wanted = set(zip(typed, typed[1:]))

            def boosted(h):
                body, title = stems(h["body"]), set(stems(h.get("title") or ""))
                pairs = len(wanted & set(zip(body, body[1:]))) / len(wanted) if wanted else 0
                return h.score * (1 + WORDING_BONUS * pairs) * (1 + TITLE_BONUS * len(set(typed) & title) / len(set(typed)))

            best = sorted(everything, key=lambda h: (-h.score, h.docnum))
            head = [boosted(h) for h in best[:WORDING_REACH]]
            exhaustive = (sorted((round(x, 3) for x in head), reverse=True) + [round(h.score, 3) for h in best[WORDING_REACH:]])[:10]
        assert [h.score for h in results.hits] == pytest.approx(exhaustive, abs=2e-3), text
        compared += bool(results.hits)
    assert compared > 20


def test_last_page_is_never_empty_and_past_it_is_immediate(corpus_index):
    first = corpus_index.search(SearchRequest(text="coopération", limit=10, fold=False))
    last = corpus_index.search(SearchRequest(text="coopération", limit=10, page=first.pages, fold=False))
    assert last.hits and not last.more
    past = corpus_index.search(SearchRequest(text="coopération", limit=10, page=first.pages + 1, fold=False))
    assert not past.hits and any("past the last page" in str(n) for n in past.notes)
    with pytest.raises(BadQuery, match="first 10,000 hits"):
        SearchRequest(text="coopération", limit=100, page=1000)


def test_folded_pages_show_each_paragraph_once(corpus_index):
    seen = []
    page = 1
    while True:
        got = corpus_index.search(SearchRequest(text="coopération Sud-Sud", limit=5, page=page))
        seen += [(h.path, h.position) for h in got.hits] + [(c.path, c.position) for h in got.hits for c in h.also_in]
        if not got.more:
            break
        page += 1
    assert len(seen) == len(set(seen)) == got.total


@pytest.mark.parametrize("text", ["prie le secrétaire général", '"droits de l’homme" coopération', "verb:prie",
                                  "coopération AND NOT sud-sud", "68/160"])
def test_cli_web_and_library_agree(corpus_index, run_cli, text):
    from starlette.testclient import TestClient

    from query.web import create_app

    library = corpus_index.search(SearchRequest(text=text, limit=10))
    cli = jsonl(run_cli("query", text, "--index", corpus_index.path, "--json").stdout)
    with TestClient(create_app(corpus_index)) as client:
        api = client.get("/api/search", params={"q": text, "limit": 10}).json()
    as_json = [h.to_dict() for h in library.hits]
    assert cli == as_json == api["hits"]
    assert api["total"] == library.total


@pytest.mark.parametrize("form", ["68/160", "A/RES/68/160", "a/res/68/160", "A/RES/68/160 ", "résolution 68/160"])
def test_every_symbol_form_finds_the_resolution(corpus_index, run_cli, form):
    results = corpus_index.search(SearchRequest(text=form, limit=5))
    assert results.hits and all(h.symbol == "A/RES/68/160" for h in results.hits[:5])
    filtered = corpus_index.search(SearchRequest(filters=Filters(symbol=form), limit=50))
    assert filtered.total == 23 and not filtered.ranked
    assert corpus_index.resolution(form)[0][0].symbol == "A/RES/68/160"
    assert run_cli("show", form, "--index", corpus_index.path).exit_code == 0
    shown = run_cli("query", form, "--index", corpus_index.path)
    assert 'ressearch show "A/RES/68/160"' in shown.stdout  # how to read it whole
    assert "A/RES/68/160 itself is in the corpus: 23 paragraphs" in shown.stderr


@pytest.mark.parametrize("filters, message", [
    ({"session": "abc"}, "a session is a number"),
    ({"kind": "foo"}, "unknown paragraph kind"),
    ({"colour": "red"}, "unknown filter colour"),
])
def test_bad_filter_values_are_typed_errors(corpus_index, filters, message):
    with pytest.raises(BadQuery, match=message):
        corpus_index.search(SearchRequest(text="droits", filters=Filters.from_values(filters)))


@pytest.mark.parametrize("value", ['prie" OR body:terrorisme OR verb:"x', 'a"b', "nothing' OR kind:'operative"])
def test_filter_values_are_values_never_syntax(corpus_index, run_cli, value):
    got = corpus_index.search(SearchRequest(text="droits", filters=Filters(verb=value)))
    assert got.total == 0 and not got.hits
    r = run_cli("query", "droits", "--verb", value, "--index", corpus_index.path)
    assert r.exit_code == 0 and "no paragraph matches" in r.stdout


def test_kind_accepts_french_and_english(corpus_index):
    totals = {word: corpus_index.search(SearchRequest(text="coopération", filters=Filters.from_values({"kind": word})))
              .total for word in ("dispositif", "operatif", "operative", "préambule", "preambular")}
    assert totals["dispositif"] == totals["operatif"] == totals["operative"] > 0
    assert totals["préambule"] == totals["preambular"] > 0


def test_errors_map_to_exit_codes_and_http_status(corpus_index, run_cli):
    from starlette.testclient import TestClient

    from query.web import create_app

    assert run_cli("query", "droits", "--session", "abc", "--index", corpus_index.path).exit_code == 2
    assert run_cli("show", "A/RES/99/999", "--index", corpus_index.path).exit_code == 3
    with pytest.raises(NotFound):
        corpus_index.resolution("99/999")
    with TestClient(create_app(corpus_index)) as client:
        assert client.get("/api/search", params={"q": "droits", "kind": "foo"}).status_code == 400
        assert client.get("/r/A/RES/99/999").status_code == 404
        assert client.get("/r/A/RES/68/160").status_code == 200


@pytest.fixture(scope="module")
def eras(tmp_path_factory):
    """The fixtures of every era and organ, indexed."""
    root = tmp_path_factory.mktemp("eras")
    corpus = root / "corpus"
    for folder in ("eras", "data"):
        (corpus / folder).mkdir(parents=True)
        for f in (ROOT / "tests" / folder).iterdir():
            if f.suffix in (".txt", ".html") :
                (corpus / folder / f.name).write_bytes(f.read_bytes())
    build(corpus, index=root / "index", procs=1)
    engine = Engine(root / "index")
    yield engine
    engine.close()


@pytest.mark.parametrize("form, canonical", [
    ("S/RES/220 (1966)", "S/RES/220 (1966)"), ("220 (1966)", "S/RES/220 (1966)"),
    ("Résolution 220 (1966)", "S/RES/220 (1966)"), ("s/res/2394(2017)", "S/RES/2394 (2017)"),
    ("3212 (XXIX)", "A/RES/3212 (XXIX)"), ("A/RES/3212 (XXIX)", "A/RES/3212 (XXIX)"),
    ("E/RES/2019/12", "E/RES/2019/12"), ("2019/12", "E/RES/2019/12"), ("1235 (XLII)", "E/RES/1235 (XLII)"),
    ("A/HRC/RES/53/4", "A/HRC/RES/53/4"), ("A/HRC/53/L.5", "A/HRC/53/L.5"), ("A/C.3/68/L.46", "A/C.3/68/L.46"),
    ("ES-10/14", "A/RES/ES-10/14"), ("A/RES/ES-10/14", "A/RES/ES-10/14"), ("72/298", "A/RES/72/298"),
])
def test_every_printed_form_of_every_scheme(eras, form, canonical):
    own = eras.resolution(form)[0]
    assert own[0].symbol == canonical
    results = eras.search(SearchRequest(text=form, limit=50, fold=False))
    assert results.resolution == canonical, form  # named, to be read whole
    ranked = [h.symbol for h in results.hits]
    assert ranked.count(canonical) == len(own), form  # every paragraph of its own
    # ...after the paragraphs citing it: agreed language is found where it is quoted
    cited = symbols.key(symbols.parse(canonical).number)
    before = results.hits[:ranked.index(canonical)]
    assert all(cited in {t for t, _ in index_terms(h.text)[0]} for h in before), form
    assert eras.search(SearchRequest(filters=Filters(symbol=form))).total == len(own)


def test_a_resolution_cited_nowhere_shows_all_its_own_paragraphs_before_other_words(corpus_index):
    # `résolution` is in many paragraphs of other resolutions; 65/218 is cited by none
    own = len(corpus_index.resolution("65/218")[0])
    hits = corpus_index.search(SearchRequest(text="résolution 65/218", limit=own + 5, fold=False)).hits
    assert [h.symbol for h in hits[:own]] == ["A/RES/65/218"] * own
    assert "A/RES/65/218" not in [h.symbol for h in hits[own:]]


def test_a_resolution_cited_and_held_comes_after_its_citations_and_is_named(eras):
    results = eras.search(SearchRequest(text="220 (1966)", limit=20))
    assert results.hits[0].symbol != "S/RES/220 (1966)" and "220 (1966)" in results.hits[0].text
    assert "S/RES/220 (1966)" in [h.symbol for h in results.hits]
    own = len(eras.resolution("220 (1966)")[0])
    assert str(results.notes[0]) == f"S/RES/220 (1966) itself is in the corpus: {own} paragraphs"
    assert results.to_dict()["resolution"] == "S/RES/220 (1966)"


def _vector_query(rng: random.Random, words: list[str], passages: list[str]) -> str:
    w = lambda: rng.choice(words)  # noqa: E731
    return rng.choice([
        lambda: random_query(rng, words)[0],
        lambda: f"{w()} {w()[:-1]}x{w()[-1:]}",  # a typo: alternatives
        lambda: f"session:[60 TO 70] {w()}",
        lambda: f"kind:operative {w()} {w()}",
        lambda: f"{w()} AND {w()} AND NOT {w()}",
        lambda: f"{w()}^2 OR {w()[:4]}*^3 OR \"{w()} {w()}\"^1.5",  # boosts on every kind of node
        lambda: " ".join(rng.choice(passages).split()[:rng.randrange(8, 30)]),  # a pasted passage
    ])()


def test_vector_scores_equal_whoosh_exhaustive_scores(corpus_index, docs):
    """query/vectors.py against brute force for the paragraphs matched, and against Whoosh
    scoring every match one by one for the scores (the same up to one constant where a range
    or field value only selects). Whoosh itself is no oracle for which paragraphs match: its
    AndNot matcher lets through some paragraphs holding the excluded word."""
    rng = random.Random(17)
    words = _vocabulary(docs)
    passages = [stored["body"] for stored, _ in rng.sample(list(docs.values()), 50)]
    compared = skipped = 0
    for _ in range(150):
        text = _vector_query(rng, words, passages)
        try:
            parsed = read(text)
        except BadQuery:
            continue
        with corpus_index.reading() as (searcher, gen):
            q = rank_query(parsed.query, parsed.source, searcher.reader()).query
            scored = corpus_index._evaluator(searcher, gen, {}).evaluate(q)
            if scored is None:
                skipped += 1
                continue
            whoosh = {h.docnum: h.score for h in searcher.search(q, limit=None, optimize=False)}
            if getattr(q, "scale", None):
                whoosh = _sqr_oracle(q, searcher)
        truth = sorted(d for d, (stored, terms) in docs.items() if matches(q, stored, terms))
        assert scored.docs.tolist() == truth, text
        gaps = [s - whoosh[d] for d, s in zip(scored.docs.tolist(), scored.scores.tolist()) if d in whoosh]
        if gaps and not any(isinstance(n, wq.Phrase) for n in q.leaves()):
            assert max(gaps) - min(gaps) == pytest.approx(0, abs=1e-9), text
        compared += 1
    assert compared > 100 and skipped < compared / 5


def _sqr_oracle(q, searcher) -> dict[int, float]:
    # Whoosh's coordination bonus for a pasted passage (V-Twin's SQR), computed per paragraph
    # from the plain sum and the number of the passage's words it holds. (Whoosh's own
    # matcher recounts the words as its sub-trees run out, so late paragraphs get another.)
    plain = {h.docnum: h.score for h in searcher.search(wq.Or(q.subqueries), limit=None, optimize=False)}
    present = [set(searcher.docs_for_query(t)) for t in q.leaves() if isinstance(t, wq.Term)]
    present = [d for d in present if d]
    count, scale = len(present), q.scale
    return {d: (s + (sum(d in p for p in present) - 1) / (count - scale) ** 2) * ((count - 1) / count)
            for d, s in plain.items()}


def test_vector_top_k_breaks_ties_by_document_number():
    import numpy as np

    from query.vectors import Scored

    rng = np.random.default_rng(3)
    for n, k in ((1, 1), (50, 10), (500, 37), (40, 100)):
        docs = np.sort(rng.choice(10_000, size=n, replace=False))
        scores = rng.integers(0, 6, size=n).astype(float)  # many ties
        truth = sorted(zip(scores.tolist(), docs.tolist()), key=lambda p: (-p[0], p[1]))[:k]
        assert Scored(docs, scores).top(k) == truth
