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
