"""The ranking building blocks of query/ranking.py, on a small index of realistic resolutions
(tests/topics and a few fixtures) and, for coordinated OR, against a brute-force oracle."""

from __future__ import annotations

import random
import shutil
from collections import Counter
from pathlib import Path

import pytest
from whoosh import qparser, query as wq

from indexer import build, store
from indexer.analysis import index_terms, normalize, protect_references
from indexer.schema import make_schema
from query import search
from query.ranking import (
    COORD_POWER, CoordGroup, PrenormalizedBM25, coordinated_or, edit_distance, exact_phrase,
    fuzzy_alternatives, looks_misspelt, max_edits, rank_query,
)
from query.searching import close_all

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ["data/ga_a_res_72_298.txt", "data/sc_2394.txt", "data/ga_markdown.md", "data/truncated.txt",
            "data/ecosoc_2019_12.txt", "layouts/hrc_res_53_4.txt"]


@pytest.fixture(scope="module")
def topics_index(tmp_path_factory):
    docs = tmp_path_factory.mktemp("docs")
    for f in sorted((ROOT / "tests" / "topics").glob("*.txt")):
        shutil.copy(f, docs / f.name)
    for name in FIXTURES:
        shutil.copy(ROOT / "tests" / name, docs / Path(name).name)
    index = tmp_path_factory.mktemp("index")
    build(docs, index=index, procs=1)
    yield index
    close_all()


@pytest.fixture(scope="module")
def searcher(topics_index):
    s = store.open_for_search(topics_index).searcher(weighting=PrenormalizedBM25())
    yield s
    s.close()


PARSER = qparser.QueryParser("body", make_schema(), group=CoordGroup)


def ranked(searcher, text: str):
    text = protect_references(text)
    return rank_query(PARSER.parse(text), text, searcher.reader())


def hits(searcher, text: str, limit: int = 10) -> list[tuple[str, str]]:
    """(file name, first words) of the best paragraphs for `text`."""
    results = searcher.search(ranked(searcher, text).query, limit=limit)
    return [(Path(h["file"]).name, " ".join(h["body"].split()[:6])) for h in results]


# --- coordinated OR -----------------------------------------------------------------

WORDS = "paix securite climat refugies vaccins femmes enfants commerce energie ocean forets migrations".split()


@pytest.fixture(scope="module")
def generated(tmp_path_factory):
    """2,000 generated paragraphs, word frequencies Zipf-like, so some words are frequent."""
    rng = random.Random(9)
    weights = [1 / (i + 1) for i in range(len(WORDS))]
    path = tmp_path_factory.mktemp("generated")
    ix = store.open_for_write(path, create=True)
    texts = []
    with ix.writer() as w:
        for i in range(2000):
            text = " ".join(rng.choices(WORDS, weights, k=rng.randint(3, 40)))
            texts.append(text)
            w.add_document(body=text, kind="operative", position=i, file=f"gen{i}")
    s = ix.searcher(weighting=PrenormalizedBM25())
    yield s, texts
    s.close()


def oracle(searcher, text: str, query_terms: list[str], power: float = COORD_POWER) -> float:
    """BM25 over length-normalized weights, times the idf share of the query terms present."""
    emitted, norm = index_terms(text)
    tf = Counter(t for t, _ in emitted)
    k1 = searcher.weighting.K1
    idf = {t: searcher.idf("body", t) for t in query_terms}
    bm25 = sum(idf[t] * (tf[t] * norm * (k1 + 1)) / (tf[t] * norm + k1) for t in query_terms if tf[t])
    share = sum(idf[t] for t in query_terms if tf[t]) / sum(idf.values())
    return bm25 * share ** power


@pytest.mark.parametrize("words", [("paix", "ocean", "migrations"), ("paix", "securite"), ("forets", "climat", "energie", "vaccins")])
def test_coordinated_or_scores_match_a_brute_force_oracle(generated, words):
    s, texts = generated
    stems = [normalize(w)[0] for w in words]
    q = coordinated_or([wq.Term("body", t) for t in stems])
    results = s.search(q, limit=None)
    found = {int(h["file"][3:]): h.score for h in results}
    expected = {i: oracle(s, t, stems) for i, t in enumerate(texts) if set(stems) & {x for x, _ in index_terms(t)[0]}}
    assert found.keys() == expected.keys()
    for i, score in found.items():
        assert score == pytest.approx(expected[i], rel=1e-4)


def test_coordinated_or_top_k_with_block_skipping_equals_full_ranking(generated):
    s, texts = generated
    stems = [normalize(w)[0] for w in ("paix", "securite", "migrations")]
    q = coordinated_or([wq.Term("body", t) for t in stems])
    top = [h.score for h in s.search(q, limit=5)]
    full = sorted((h.score for h in s.search(q, limit=None)), reverse=True)[:5]
    assert top == pytest.approx(full)


def test_paragraphs_with_every_word_come_first_and_a_rare_word_is_not_drowned(searcher):
    found = hits(searcher, "harcèlement sexuel coopération")
    # Every paragraph on sexual harassment comes before those about cooperation only.
    harassment = [i for i, (f, _) in enumerate(found) if f == "ga_markdown.md"]
    assert harassment and harassment == list(range(len(harassment)))


def test_explicit_operators_and_fields_keep_their_meaning(searcher):
    assert all(f != "ga_res_74_274_covid.txt" for f, _ in hits(searcher, "vaccins NOT médicaments"))
    results = searcher.search(ranked(searcher, "kind:operative vaccins").query, limit=None)
    assert len(results) > 0 and all(h["kind"] == "operative" for h in results)


# --- exact phrases ------------------------------------------------------------------

def test_a_quoted_phrase_matches_unstemmed_words(searcher):
    results = searcher.search(ranked(searcher, '"prie le secrétaire général"').query, limit=None)
    assert len(results) > 5 and all("prie le secrétaire général" in h["body"].lower() for h in results)
    found = hits(searcher, '"prie le secrétaire général"', limit=50)
    # "dans laquelle il a prié le Secrétaire général" (E/RES/2021/25) is not that phrase.
    assert not any(words.startswith("Rappelant également sa résolution 2020/22") for _, words in found)
    assert ("ecosoc_res_2021_25_science.txt", "Rappelant également sa résolution 2020/22 du") in hits(
        searcher, '"a prié le secrétaire général"')


def test_a_phrase_typed_without_accents_still_matches(searcher):
    assert hits(searcher, '"prie le secretaire general"', 50) == hits(searcher, '"prie le secrétaire général"', 50)
    assert hits(searcher, '"cooperation sud-sud et triangulaire"')


def test_exact_phrase_keeps_the_typed_form_when_it_is_the_usual_one(searcher):
    q = exact_phrase(searcher.reader(), "prie le secretaire")
    terms = {t for _, t in q.iter_all_terms()}
    assert "prie" in terms and "~prie" not in terms and "~secretaire" in terms


OLD_VOLUME = """\
                                        Assemblée générale — Vingtième session                                   12

{n} (XX). Assistance technique

L'Assemblée générale,

Rappelant sa résolution 1710 (XVI) du 19 décembre 1961,

1. Invite les Etats Membres à fournir une assistance technique aux pays en voie de développement ;

2. Prie le Secrétaire général de faire rapport à sa vingt et unième session.

                                                              1400e séance plénière
                                                              20 décembre 1965
"""


@pytest.fixture(scope="module")
def old_typography(tmp_path_factory):
    """Volumes printed with unaccented capitals (`Etats`), more of them than modern texts."""
    docs = tmp_path_factory.mktemp("old_docs")
    for n in range(2100, 2106):
        (docs / f"ga_{n}_xx.txt").write_text(OLD_VOLUME.format(n=n), encoding="utf-8")
    for name in ("data/truncated.txt", "data/ga_a_res_72_298.txt", "topics/ecosoc_res_2021_25_science.txt"):
        shutil.copy(ROOT / "tests" / name, docs / Path(name).name)
    index = tmp_path_factory.mktemp("old_index")
    build(docs, index=index, procs=1)
    s = store.open_for_search(index).searcher(weighting=PrenormalizedBM25())
    yield s
    s.close()


@pytest.mark.parametrize("typed", ['"États Membres"', '"etats membres"'])
def test_a_quoted_word_matches_both_spellings_where_old_typography_prints_more_without_accents(
        old_typography, typed):
    results = old_typography.search(ranked(old_typography, typed).query, limit=None)
    files = {Path(h["file"]).name for h in results}
    assert {f"ga_{n}_xx.txt" for n in range(2100, 2106)} <= files
    assert {"truncated.txt", "ga_a_res_72_298.txt"} & files


def test_a_phrase_count_cut_by_the_time_budget_is_estimated_from_either_spelling(old_typography):
    from query.matching import PostingCache, match_set
    from query.ranking import exact_phrase

    q = exact_phrase(old_typography.reader(), "etats membres")
    assert isinstance(q, wq.Sequence)  # `etats` or `~etats`, then `membres`: positions checked
    full = match_set(q, old_typography, PostingCache())
    cut = match_set(q, old_typography, PostingCache(), budget=0)  # cut after the first match
    assert full.exact and len(full) >= 7 and not cut.exact
    # A paragraph holds one spelling or the other, never both: the estimate counts either.
    assert len(full) / 2 <= cut.total <= 2 * len(full)


def test_a_quoted_word_is_not_a_far_more_frequent_unaccented_word(old_typography):
    # `prié` appears once a resolution, `Prie` (the verb) in every resolution's operative part.
    results = old_typography.search(ranked(old_typography, '"prié"').query, limit=None)
    assert len(results) and all("prié" in h["body"] for h in results)


# --- typos --------------------------------------------------------------------------

@pytest.mark.parametrize("a, b, d", [("vacins", "vaccins", 1), ("internationnale", "internationale", 1),
                                     ("harcelemnt", "harcelement", 1), ("recieve", "receive", 1), ("abc", "abc", 0),
                                     ("changemens", "changements", 1), ("kitten", "sitting", 3)])
def test_edit_distance(a, b, d):
    assert edit_distance(a, b) == d == edit_distance(b, a)


def test_edit_distance_against_brute_force_on_generated_words():
    rng = random.Random(4)

    def brute(a: str, b: str) -> int:
        # Breadth-first search over single edits (the definition itself).
        alphabet = set(a + b)
        seen, frontier, d = {a}, {a}, 0
        while b not in frontier:
            nxt = set()
            for w in frontier:
                for i in range(len(w) + 1):
                    nxt |= {w[:i] + c + w[i:] for c in alphabet}
                    if i < len(w):
                        nxt |= {w[:i] + w[i + 1:]} | {w[:i] + c + w[i + 1:] for c in alphabet}
                    if i < len(w) - 1:
                        nxt.add(w[:i] + w[i + 1] + w[i] + w[i + 2:])
            frontier, d = nxt - seen, d + 1
            seen |= nxt
        return d

    for _ in range(60):
        a = "".join(rng.choices("abc", k=rng.randint(0, 4)))
        b = "".join(rng.choices("abc", k=rng.randint(0, 4)))
        assert edit_distance(a, b) == brute(a, b), (a, b)


def test_fuzziness_scales_with_length_like_lucene_auto():
    assert [max_edits(w) for w in ("de", "paix", "vaccin", "internationale")] == [0, 1, 2, 2]


def test_fuzzy_alternatives_suggest_index_words(searcher):
    reader = searcher.reader()
    assert fuzzy_alternatives(reader, "vacins")[0].word == "vaccins"
    assert "harcelement" in [s.word for s in fuzzy_alternatives(reader, "harcelemnt")]
    assert fuzzy_alternatives(reader, "de") == []
    assert looks_misspelt(reader, normalize("vacins")[0], fuzzy_alternatives(reader, "vacins"))
    assert not looks_misspelt(reader, normalize("vaccins")[0], fuzzy_alternatives(reader, "vaccins"))


@pytest.mark.parametrize("typed, meant", [("droit à l'alimentasion", "droit à l'alimentation"),
                                           ("droit a l’alimentasion", "droit à l’alimentation")])
def test_an_elided_misspelt_word_gets_its_alternatives_too(searcher, typed, meant):
    # The article is not part of the word looked up in the vocabulary.
    r = ranked(searcher, typed)
    assert r.suggestions == {"alimentasion": ["alimentation"]}
    found = [h["body"] for h in searcher.search(r.query, limit=3)]
    assert found == [h["body"] for h in searcher.search(ranked(searcher, meant).query, limit=3)]


def test_a_misspelt_word_finds_the_right_paragraphs_below_exact_ones_and_says_so(searcher):
    r = ranked(searcher, "vacins")
    assert r.suggestions == {"vacins": ["vaccins"]}
    misspelt = searcher.search(r.query, limit=5)
    exact = searcher.search(ranked(searcher, "vaccins").query, limit=5)
    assert [h["body"] for h in misspelt] == [h["body"] for h in exact]
    assert misspelt[0].score < exact[0].score
    assert ranked(searcher, "vaccins").suggestions == {}


# --- references, compounds ----------------------------------------------------------

@pytest.mark.parametrize("typed", ["résolution 242 (1967)", "resolution 242", "242(1967)", "S/RES/242 (1967)"])
def test_a_cited_resolution_finds_the_paragraphs_citing_it(searcher, typed):
    found = hits(searcher, typed, limit=4)
    assert {f for f, _ in found} == {"sc_res_2334_territoires.txt", "ga_res_77_25_palestine.txt"}


def test_a_reference_with_another_session_or_year_does_not_match(searcher):
    assert hits(searcher, "181 (II)", 5) == [("ga_res_77_25_palestine.txt", "Rappelant ses résolutions pertinentes, notamment la")]
    assert hits(searcher, "181 (1963)", 5) == [("sc_res_418_embargo.txt", "Rappelant ses résolutions 392 (1976) du")]
    assert hits(searcher, "3212 (XXIX)", 5) == [("sc_res_2674_chypre.txt", "Rappelant sa résolution 186 (1964) du")]


def test_a_reference_also_finds_that_resolutions_own_paragraphs(searcher):
    found = hits(searcher, "A/RES/74/274", limit=10)
    assert found[0][0] == "hrc_res_46_14_vaccins.txt"  # cites it
    assert sum(f == "ga_res_74_274_covid.txt" for f, _ in found) == 8  # all of its own paragraphs


@pytest.mark.parametrize("a, b", [("coopération Sud-Sud", "cooperation sud sud"), ("COVID-19", "covid 19")])
def test_compounds_with_and_without_hyphen_find_the_same_paragraphs(searcher, a, b):
    first, second = hits(searcher, a), hits(searcher, b)
    assert set(first) == set(second) and len(first) == 10
    assert str(ranked(searcher, a).query) == str(ranked(searcher, b).query)  # read as one query


# --- pasted passages ----------------------------------------------------------------

def test_a_pasted_passage_counts_its_most_frequent_words_only_where_they_keep_its_wording(topics_index):
    """`États`, `tous` (in over a tenth of the paragraphs) used in other wording do not outrank
    the passage's rarer words: `vaccination … contre la COVID-19` before `Demande à tous les États : a)`."""
    pasted = ("demande aux Etats de promouvoir un acces equitable et universel aux vaccins contre la COVID-19 "
              "pour tous les pays")
    found = [h.text for h in search(pasted, index=topics_index, limit=10, fold=False).hits]
    assert found[0].startswith("Demande aux États de promouvoir l’accès équitable")  # its source, verbatim or nearly
    on_topic = next(i for i, t in enumerate(found) if t.startswith("Souligne que la vaccination à grande échelle"))
    elsewhere = [i for i, t in enumerate(found) if t.startswith("Demande à tous les États : a) De garantir")]
    assert elsewhere and on_topic < elsewhere[0]


def test_a_passages_wording_counts_inside_a_quoted_title():
    """A paragraph citing « Transformer notre monde : le Programme de développement durable à
    l’horizon 2030 » holds those words side by side: a passage pasted with that title shares them
    (the clause history leaves quoted titles out; a search must not)."""
    from query.ranking import passage_wording

    citing = ("Rappelant sa résolution 70/1 du 25 septembre 2015, intitulée « Transformer notre monde : "
              "le Programme de développement durable à l’horizon 2030 »,")
    held = passage_wording("Réaffirmant le Programme de développement durable à l’horizon 2030")(citing)
    assert {normalize(w)[0] for w in ("programme", "développement", "durable", "horizon")} <= held


@pytest.mark.parametrize("text, long", [
    ("règlement pacifique de la question de Palestine", False),  # seven words, four of them content words
    ("Programme de développement durable à l’horizon 2030", False),
    ("Invite tous les États Membres à s’abstenir de toute action qui risquerait d’aggraver la situation", True),
])
def test_a_pasted_passage_is_told_by_its_content_words_not_its_stop_words(text, long):
    from query.language import read

    assert read(text).long is long


def test_whether_words_are_a_paste_is_the_query_readers_call(searcher):
    """query.language decides what a paste is (by content words); rank_query follows it, and
    decides by its own count only when not told."""
    from query.language import read
    from query.ranking import CoordinatedOr

    for text in ("cooperation sud sud renforcement capacites pays developpement transfert technologies",
                 "coopération Sud-Sud"):
        parsed = read(text)
        told = rank_query(parsed.query, parsed.source, searcher.reader(), passage=parsed.long).query
        assert isinstance(told, CoordinatedOr) is (not parsed.long)
    parsed = read("cooperation sud sud renforcement capacites pays developpement transfert technologies")
    assert parsed.long  # eight content words typed, `sud sud` among them
    forced = rank_query(parsed.query, parsed.source, searcher.reader(), passage=False).query
    assert isinstance(forced, CoordinatedOr)
