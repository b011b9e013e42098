"""Each step of the French analyzer alone, then the chain as index and query see it."""

from __future__ import annotations

import pytest

from indexer.analysis import COMMON, elide, fold, french_analyzer, is_stop, normalize, stem


def terms(text: str, mode: str = "index") -> list[str]:
    return [t.text for t in french_analyzer()(text, mode=mode)]


@pytest.mark.parametrize("word, expected", [
    ("l’homme", "homme"), ("l'homme", "homme"), ("d’encourager", "encourager"), ("qu’il", "il"),
    ("jusqu’à", "à"), ("lorsqu’elle", "elle"), ("puisqu’il", "il"), ("s’acquitter", "acquitter"),
    ("n’est", "est"), ("j’ai", "ai"), ("c’est", "est"), ("L’Assemblée", "Assemblée"),
    ("aujourd’hui", "aujourd’hui"), ("homme", "homme"),
])
def test_elide(word, expected):
    assert elide(word) == expected


@pytest.mark.parametrize("word, expected", [
    ("Coopération", "cooperation"), ("COOPÉRATION", "cooperation"), ("œuvre", "oeuvre"),
    ("États", "etats"), ("Sud-Sud", "sud-sud"),
])
def test_fold(word, expected):
    assert fold(word) == expected


def test_stop_words_are_folded_like_tokens():
    # Whoosh's list is accented: an accentless "ete" must be a stop word too.
    assert is_stop("ete") and is_stop("les") and is_stop("de")
    assert not is_stop("cooperation")


def test_stemmer_relates_verb_and_noun_without_touching_symbols():
    assert stem("cooperer") == stem("cooperation") == stem("cooperative")
    assert stem("droits") == stem("droit")
    assert stem("60/251") == "60/251"


def test_normalize_emits_compound_and_parts():
    assert normalize("Sud-Sud") == ("sud-sud", ("sud", "sud"))
    assert normalize("Haut-Commissaire")[1] == ("haut", "commissair")
    assert normalize("de") == (None, ())


def test_accentless_and_uppercase_text_index_the_same_terms():
    assert terms("coopération Sud-Sud") == terms("cooperation sud-sud") == terms("COOPERATION SUD-SUD")


def test_symbols_and_references_stay_whole():
    found = terms("voir A/HRC/53/L.5 et la résolution 60/251 et S/RES/2394")
    assert "a/hrc/53/l.5" in found and "60/251" in found and "s/res/2394" in found


def test_common_pairs_are_indexed_as_one_term():
    found = terms("des droits de l’homme")
    assert {"droit", "homm", "droit+homm"} <= set(found)
    assert "droit" in COMMON and "homm" in COMMON


def test_phrase_of_common_words_becomes_pairs_at_query_time():
    assert terms("droits de l'homme", "query") == ["droit+homm"]
    assert terms("promotion des droits de l’homme", "query") == ["promot+droit", "droit+homm"]
    # A rare word keeps the ordinary phrase: its short posting list drives the match.
    assert terms("coopération sud-sud", "query") == ["cooper", "sud", "sud"]


def test_lone_compound_query_asks_for_the_compound():
    assert terms("Sud-Sud", "query") == ["sud-sud"]


def test_positions_skip_stop_words():
    a = french_analyzer()
    positions = [(t.text, t.pos) for t in a("les droits de l’homme", positions=True) if "+" not in t.text]
    assert positions == [("droit", 0), ("homm", 1)]


def test_fused_index_path_equals_the_filter_chain():
    from conftest import SEEDS
    from indexer import parse_file
    from indexer.analysis import FrenchAnalyzer

    analyzer = FrenchAnalyzer()
    for seed in SEEDS:
        for p in parse_file(seed).paragraphs:
            fast = sorted((t.text, t.pos) for t in analyzer(p.text, positions=True))
            chain = sorted((t.text, t.pos) for t in analyzer.chain(p.text, positions=True))
            assert fast == chain, p.text[:60]


# --- cited resolutions, the exact field, stop-word-only queries ---

from indexer.analysis import exact_analyzer, exact_words, protect_references, reference  # noqa: E402


@pytest.mark.parametrize("typed, term", [
    ("242 (1967)", "242(1967)"), ("242(1967)", "242(1967)"), ("S/RES/242 (1967)", "242(1967)"),
    ("3212 (XXIX)", "3212(xxix)"), ("3212 (xxix)", "3212(xxix)"), ("181 (II)", "181(ii)"),
    ("60/251", "60/251"), ("A/RES/60/251", "60/251"), ("A/HRC/RES/53/4", "53/4"), ("E/RES/2019/12", "2019/12"),
])
def test_a_reference_is_one_term_however_printed(typed, term):
    assert reference(typed)[0] == term
    assert terms(typed, "query") == [term]


def test_a_reference_with_its_year_is_also_indexed_by_its_bare_number():
    found = [(t.text, t.pos) for t in french_analyzer()("rappelant sa résolution 242 (1967) et 338 (1973)", positions=True)]
    assert ("242(1967)", 2) in found and ("242", 2) in found and ("338(1973)", 3) in found and ("338", 3) in found
    assert terms("résolution 242", "query") == ["resolu", "242"]


def test_organ_and_year_tell_references_apart():
    assert reference("181 (II)")[0] != reference("181 (1963)")[0]
    assert reference("3212 (XXIX)")[0] != reference("3212 (1974)")[0]


@pytest.mark.parametrize("text", ["A/HRC/53/L.5", "S/2017/1024", "paragraphe 5 (c)", "coopération", "1,5"])
def test_drafts_documents_and_list_items_are_not_references(text):
    assert all(reference(m) is None for m in text.split())
    assert not any("(" in t for t in terms(text))


def test_protect_references_quotes_them_for_the_query_parser():
    assert protect_references("résolution 242 (1967), puis 3212 (XXIX)") == "résolution  '242 (1967)' , puis  '3212 (XXIX)' "
    assert protect_references('"sa résolution 242 (1967)"') == '"sa résolution 242 (1967)"'
    assert protect_references("droits de l'homme") == "droits de l'homme"


def test_fused_index_path_equals_the_chain_with_references():
    from indexer.analysis import FrenchAnalyzer

    text = "Réaffirmant ses résolutions 242 (1967), 338 (1973) et A/RES/60/251, la coopération Sud-Sud"
    analyzer = FrenchAnalyzer()
    fast = sorted((t.text, t.pos) for t in analyzer(text, positions=True))
    chain = sorted((t.text, t.pos) for t in analyzer.chain(text, positions=True))
    assert fast == chain


def test_exact_words_keep_accents_and_drop_stop_words():
    assert exact_words("L’Assemblée générale a prié le Secrétaire général") == [
        "assemblée", "générale", "prié", "secrétaire", "général"]
    assert exact_words("coopération Sud-Sud") == ["coopération", "sud-sud"]
    assert exact_words("Prie le Secrétaire général") != exact_words("a prié le Secrétaire général")


def test_exact_analyzer_indexes_accented_words_folded_beside_them():
    tokens = [(t.text, t.pos) for t in exact_analyzer()("a prié le Secrétaire", positions=True)]
    assert tokens == [("prié", 0), ("~prie", 0), ("secrétaire", 1), ("~secretaire", 1)]
    assert [t.text for t in exact_analyzer()("a prié", mode="query")] == ["prié"]


def test_split_references_takes_them_out_of_the_query_text():
    from indexer.analysis import split_references

    assert split_references("résolution 242 (1967), puis 3212 (XXIX)") == ("résolution , puis", ["242(1967)", "3212(xxix)"])
    assert split_references('"sa résolution 242 (1967)" paix') == ('"sa résolution 242 (1967)" paix', [])
    assert split_references("droits de l'homme (a OR b)") == ("droits de l'homme (a OR b)", [])


@pytest.mark.parametrize("forms", [
    ("privé", "privée", "privés", "privées", "privee"),
    ("réfugié", "réfugiée", "réfugiés", "réfugiées", "refugiees"),
    ("financier", "financière", "financiers", "financières", "financiere"),
    ("premier", "première", "premiere"),
    ("intégré", "intégrée", "integrees"),
])
def test_feminine_and_masculine_forms_share_a_stem_with_or_without_accents(forms):
    assert len({normalize(f)[0] for f in forms}) == 1, [normalize(f)[0] for f in forms]
