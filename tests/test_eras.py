"""Resolutions of every era and numbering scheme (tests/eras/, see its README), field by field."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from indexer import ParseError, parse_file, symbols
from indexer.parse import parse_all, parse_resolutions, parse_text

ERAS = Path(__file__).resolve().parent / "eras"
DATA = Path(__file__).resolve().parent / "data"
SEEDS = Path(__file__).resolve().parent.parent / "corpus"
EXPECTED = json.loads((ERAS / "expected.json").read_text(encoding="utf-8"))
FIELDS = ("symbol", "doc_symbol", "organ", "session", "document_type", "adopted", "title")


def same(a: str, b: str) -> bool:
    return a.replace("'", "’") == b.replace("'", "’")


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_every_resolution_of_the_file(name):
    want = EXPECTED[name]
    got = parse_resolutions(ERAS / name)
    assert [r.symbol for r in got] == [w["symbol"] for w in want]
    for res, w in zip(got, want):
        for key in FIELDS:
            assert getattr(res, key) == w[key], (res.symbol, key)
        assert len(res.paragraphs) == len(w["paragraphs"]), res.symbol
        for p, (kind, number, verb, first, last, *annex) in zip(res.paragraphs, w["paragraphs"]):
            assert (p.kind, p.number, p.verb) == (kind, number, verb)
            words = p.text.split()
            assert same(" ".join(words[:5]), first) and same(" ".join(words[-4:]), last)
            assert p.annex == (annex[0] if annex else None)
        # One canonical symbol, and the printed form among its lookup keys.
        parsed = symbols.parse(res.symbol, res.organ)
        assert parsed is not None and parsed.canonical == res.doc_symbol
        assert symbols.key(res.symbol) in symbols.keys(parsed)


def test_every_fixture_has_an_expectation():
    files = {p.name for p in ERAS.iterdir() if p.suffix in (".txt", ".md", ".html", ".htm") and p.name != "README.md"}
    assert files == set(EXPECTED)


def test_parse_file_gives_the_first_resolution_of_a_volume():
    assert parse_file(ERAS / "sc_volume_1966.txt").symbol == "220 (1966)"


def test_volume_footnotes_and_votes_are_not_paragraphs():
    for res in parse_resolutions(ERAS / "sc_volume_1966.txt") + parse_resolutions(ERAS / "sc_volume_1964_ocr.txt"):
        for p in res.paragraphs:
            assert "Voir Documents officiels" not in p.text and "Adoptée" not in p.text
            assert "Décision" not in p.text and "séance, le 15 mars" not in p.text
            assert "Résolutions et décisions" not in p.text  # the volume's running title


def test_wikisource_page_banners_between_pages_are_not_text():
    first = parse_resolutions(ERAS / "sc_volume_1948_flat.txt")[0]
    assert first.paragraphs[1].text.endswith("membres du Conseil de sécurité qui ont des représentants consulaires de carrière à Jérusalem ;")


def test_quoted_appeal_and_lettered_items_stay_inside_their_paragraph():
    first, second = parse_resolutions(ERAS / "sc_volume_1964_ocr.txt")
    op1 = next(p for p in first.paragraphs if p.number == 1)
    assert "« Le Conseil de sécurité m’a autorisé" in op1.text and op1.text.endswith("immédiatement. » ;")
    decide = next(p for p in second.paragraphs if p.number == 1)
    assert "a) De prolonger" in decide.text and "b) Que le Secrétaire général" in decide.text


def test_web_page_menu_and_footer_stay_out():
    res = parse_file(ERAS / "ga_3212_web.txt")
    assert res.paragraphs[-1].text.endswith("population de Chypre.")  # closing quote and footer gone
    assert not any("Résolution 186" in p.text or "Copyright" in p.text for p in res.paragraphs)
    html = parse_file(ERAS / "wikisource_sc_186.html")
    assert not any("modifier" in p.text or "Récupérée" in p.text for p in html.paragraphs)


def _interlude(rng: random.Random, n: int) -> str:
    # What an official volume prints between two resolutions.
    return rng.choice([
        f"Adoptée à l’unanimité à la {1200 + n}e séance.\n\n",
        f"Adoptée à la {1200 + n}e séance par 10 voix contre zéro, avec une abstention (France).\n\n",
    ]) + rng.choice([
        "",
        f"Décision\n\nA sa {1201 + n}e séance, le 3 mai 1966, le Conseil a décidé d’inviter le représentant "
        "de Chypre à participer, sans droit de vote, à la discussion de la question.\n\n",
        "1. Voir Documents officiels du Conseil de sécurité, vingt et unième année, document S/7191.\n"
        "2. Ibid., document S/7350.\n\n",
    ]) + rng.choice(["", "LA QUESTION DE CHYPRE\n\n", "12\n\n"])


SINGLES = [SEEDS / "003_367e980c57a681ce.txt", DATA / "sc_2394.txt", DATA / "ecosoc_2019_12.txt",
           DATA / "hrc_res_53_4.txt", DATA / "crlf_bom.txt", DATA / "latin1.txt", ERAS / "ecosoc_1235_xlii.txt",
           ERAS / "ga_es_10_14.txt"]


@pytest.mark.parametrize("seed", range(6))
def test_a_volume_parses_as_its_resolutions_one_by_one(seed):
    """Oracle: resolutions strung together (as in a yearly volume) parse as each does alone."""
    rng = random.Random(seed)
    picked = rng.sample(SINGLES, 3)
    alone = [parse_file(p) for p in picked]
    texts = [_body_of(p) for p in picked]
    volume = "RÉSOLUTIONS ET DÉCISIONS\n\n" + "".join(t + "\n\n" + _interlude(rng, i) for i, t in enumerate(texts))
    got = parse_all(volume, "volume.txt")
    assert [r.symbol for r in got] == [r.symbol for r in alone]
    for res, ref in zip(got, alone):
        assert [(p.kind, p.number, p.verb, p.text) for p in res.paragraphs] == \
            [(p.kind, p.number, p.verb, p.text) for p in ref.paragraphs]
        assert (res.organ, res.session) == (ref.organ, ref.session)


def _body_of(path: Path) -> str:
    from indexer.decode import decode

    text = decode(path.read_bytes())[0]
    # Cut the closing lines: the volume prints its own vote line instead.
    lines = text.split("\n")
    cut = next((i for i, line in enumerate(lines) if "séance plénière" in line or line.strip().startswith("41e séance")), len(lines))
    return "\n".join(lines[:cut]).rstrip()


@pytest.mark.parametrize("name", ["ga_es_10_14.txt", "ecosoc_1235_xlii.txt", "ga_annex_guidelines.txt", "sc_volume_1964_ocr.txt"])
def test_flattened_onto_one_line_reads_the_same(name):
    text = (ERAS / name).read_text(encoding="utf-8")
    ref = parse_all(text, name)
    flat = parse_all(" ".join(text.split()), name)
    assert [r.symbol for r in flat] == [r.symbol for r in ref]
    for a, b in zip(flat, ref):
        assert [(p.kind, p.number, p.verb) for p in a.paragraphs if p.kind != "annex"] == \
            [(p.kind, p.number, p.verb) for p in b.paragraphs if p.kind != "annex"]


@pytest.mark.parametrize("formula", ["Le Conseil de sécurité,", "I.e Conseil de sécurité,", "La Conseil de sécurité,",
                                     "« Le Conseil de sécurité,", "LAssemblée générale", "Le Conseil de sécurité"])
def test_opening_formula_variants(formula):
    text = (f"Résolution 240 (1967)\ndu 25 octobre 1967\n\n{formula}\n\nSérieusement préoccupé par les récentes "
            "activités militaires,\n\nAyant entendu les déclarations des parties,\n\n1. Condamne les violations du "
            "cessez-le-feu ;\n\n2. Demande aux parties de s’y conformer.\n")
    res = parse_text(text, "x.txt")
    assert [(p.kind, p.number) for p in res.paragraphs] == [("preambular", None)] * 2 + [("operative", 1), ("operative", 2)]
    assert res.adopted == "1967-10-25"


def test_inline_preambles_and_operatives():
    text = ("Résolution 220 (1966) du 16 mars 1966 Le Conseil de sécurité, Notant que la présence de la Force demeure "
            "nécessaire, Notant en outre que le problème demeure sans solution. Rappelant ses résolutions antérieures, "
            "1. Réaffirme ses résolutions ; 2. Prie instamment les parties de faire preuve de modération. "
            "3. Prolonge le stationnement de la Force.")
    res = parse_text(text, "inline.txt")
    assert res.symbol == "220 (1966)" and res.doc_symbol == "S/RES/220 (1966)" and res.adopted == "1966-03-16"
    assert [p.verb for p in res.paragraphs] == ["Notant", "Notant", "Rappelant", "Réaffirme", "Prie", "Prolonge"]


@pytest.mark.parametrize("printed,organ,number,full,session", [
    ("Résolution 242 (1967)", "Conseil de sécurité", "242 (1967)", "S/RES/242 (1967)", None),
    ("194 (III)", "Assemblée générale", "194 (III)", "A/RES/194 (III)", 3),
    ("ES-10/14", "Assemblée générale", "ES-10/14", "A/RES/ES-10/14", 10),
    ("32/15", "Assemblée générale", "32/15", "A/RES/32/15", 32),
    ("1235 (XLII)", "Conseil économique et social", "1235 (XLII)", "E/RES/1235 (XLII)", 42),
    ("E/RES/2003/35", None, "2003/35", "E/RES/2003/35", None),
    ("A/HRC/RES/53/4", None, "53/4", "A/HRC/RES/53/4", 53),
    ("A/HRC/53/L.5", None, "A/HRC/53/L.5", "A/HRC/53/L.5", None),
    ("A/C.3/68/L.46", None, "A/C.3/68/L.46", "A/C.3/68/L.46", None),
    ("S/2004/707", None, "S/2004/707", "S/2004/707", None),
])
def test_symbol_grammar(printed, organ, number, full, session):
    sym = symbols.parse(printed, organ)
    assert (sym.number, sym.full) == (number, full)
    organ = organ or symbols.organ_of(full)
    assert symbols.session_of(sym.number, organ) == session


def test_a_file_without_any_resolution_is_refused():
    with pytest.raises(ParseError):
        parse_all("Accueil\nRésolution 186\nRésolution 187\nContact\n", "menu.html")


def test_parse_json_prints_one_record_per_resolution(run_cli):
    result = run_cli("parse", str(ERAS / "sc_volume_1966.txt"), "--json")
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["symbol"] for r in records] == ["220 (1966)", "222 (1966)", "221 (1966)"]
    assert {r["doc_symbol"] for r in records} == {"S/RES/220 (1966)", "S/RES/222 (1966)", "S/RES/221 (1966)"}


def test_roman_numerals_round_trip():
    assert all(symbols.roman(symbols.to_roman(n)) == n for n in range(1, 400))
    assert [symbols.roman(r) for r in ("III", "XXIX", "XLII", "LXIV")] == [3, 29, 42, 64]
    assert symbols.roman("IIZ") is None


@pytest.mark.parametrize("heading,date,symbol,session", [
    ("Résolution 3395 de l’Assemblée générale des Nations unies (20 novembre 1975)", None, "3395 (XXX)", 30),
    ("Résolution 194 de l’Assemblée générale", "adoptée le 11 décembre 1948", "194 (III)", 3),
    ("Résolution 186 du Conseil de sécurité", "du 4 mars 1964", "186 (1964)", None),
    # Adopted before September: a resumed or special session, so the number stays as printed.
    ("Résolution 3314 de l’Assemblée générale", "adoptée le 14 mai 1975", "3314", None),
])
def test_a_bare_number_gets_its_session_or_year(heading, date, symbol, session):
    organ = "Le Conseil de sécurité," if "Conseil" in heading else "L’Assemblée générale,"
    text = f"{heading}\n{date or ''}\n\n{organ}\n\nRappelant ses résolutions antérieures,\n\n1. Décide de rester saisi.\n"
    res = parse_text(text, "x.txt")
    assert (res.symbol, res.session) == (symbol, session)


@pytest.mark.parametrize("seed", range(3))
def test_damaged_files_never_raise_anything_but_parse_error(seed):
    """Shuffled, cut, thinned, flattened and spliced fixtures: a record or a one-line ParseError."""
    texts = [p.read_text(encoding="utf-8") for d in (ERAS, DATA) for p in sorted(d.iterdir())
             if p.suffix in (".txt", ".html") and p.name not in ("binary.txt", "bad_utf8.txt", "latin1.txt", "cp1252.txt")]
    rng = random.Random(seed)
    for _ in range(150):
        lines = rng.choice(texts).split("\n")
        op = rng.randrange(5)
        if op == 0:
            rng.shuffle(lines)
        elif op == 1:
            lines = lines[rng.randrange(len(lines)):]
        elif op == 2:
            lines = [line for line in lines if rng.random() < 0.7]
        elif op == 3:
            lines = [" ".join(lines)]
        else:
            k = rng.randrange(len(lines))
            lines = lines[:k] + rng.choice(texts).split("\n") + lines[k:]
        try:
            for res in parse_all("\n".join(lines), "damaged.txt"):
                assert res.paragraphs and all(p.text for p in res.paragraphs)
        except ParseError as e:
            assert str(e) and "\n" not in str(e)


def test_an_empty_entry_of_a_volume_is_reported_not_lost():
    text = ("Résolution 220 (1966)\ndu 16 mars 1966\n\nLe Conseil de sécurité,\n\nNotant la situation,\n\n"
            "1. Réaffirme ses résolutions.\n\nAdoptée à l’unanimité à la 1275e séance.\n\n"
            "Résolution 221 (1966)\ndu 9 avril 1966\n\nLe Conseil de sécurité,\n\n"
            "Adoptée à la 1277e séance par 10 voix contre zéro.\n\n"
            "Résolution 222 (1966)\ndu 16 juin 1966\n\nLe Conseil de sécurité,\n\nNotant le rapport,\n\n"
            "1. Prolonge le stationnement de la Force.\n\nAdoptée à la 1286e séance.\n")
    got = parse_all(text, "volume.txt")
    assert [r.symbol for r in got] == ["220 (1966)", "222 (1966)"]
    assert any("skipped a text after an opening formula" in w for w in got[1].warnings)


def test_every_paragraph_opening_with_a_quote_mark():
    # French quoting: each paragraph of the quoted resolution opens with «.
    text = ("Le Conseil de sécurité a adopté hier soir la résolution 1373 (2001), dont voici le texte :\n\n"
            "« Le Conseil de sécurité,\n\n« Réaffirmant ses résolutions 1269 (1999) et 1368 (2001),\n\n"
            "« Réaffirmant également qu’il condamne catégoriquement les attentats terroristes,\n\n"
            "« 1. Décide que tous les États doivent prévenir et réprimer le financement des actes de terrorisme ;\n\n"
            "« 2. Décide de demeurer activement saisi de la question. »\n")
    res = parse_text(text, "news.txt")
    assert (res.symbol, res.doc_symbol) == ("1373 (2001)", "S/RES/1373 (2001)")
    assert [(p.kind, p.number) for p in res.paragraphs] == [("preambular", None)] * 2 + [("operative", 1), ("operative", 2)]
    assert res.paragraphs[-1].text == "Décide de demeurer activement saisi de la question."


def test_ocr_letters_for_operative_digits():
    text = ("Résolution 233 (1967)\ndu 6 juin 1967\n\nLe Conseil de sécurité,\n\nNotant le rapport oral du Secrétaire général,\n\n"
            "l. Prie les gouvernements intéressés de prendre immédiatement toutes mesures ;\n\n"
            "2. Prie le Secrétaire général de tenir le Conseil informé ;\n\n"
            "3. Décide de rester saisi.\n\nIl est entendu que la question reste ouverte.\n")
    res = parse_text(text, "ocr.txt")
    assert [(p.kind, p.number, p.verb) for p in res.paragraphs] == [
        ("preambular", None, "Notant"), ("operative", 1, "Prie"), ("operative", 2, "Prie"), ("operative", 3, "Décide")]


@pytest.mark.parametrize("header,symbol,doc_symbol,organ,kind,adopted", [
    ("À sa 1274e séance, le 15 mars 1966, le Conseil de sécurité a adopté la résolution 219 (1966) ci-après :",
     "219 (1966)", "S/RES/219 (1966)", "Conseil de sécurité", "resolution", "1966-03-15"),
    ("Nations Unies                                            S/2004/707\n\nConseil de sécurité      Distr. générale\n\n"
     "Allemagne, Espagne, France : projet de résolution",
     "S/2004/707", "S/2004/707", "Conseil de sécurité", "draft_resolution", None),
    ("E/RES/2003/35\n\nRésolution adoptée par le Conseil économique et social le 22 juillet 2003",
     "2003/35", "E/RES/2003/35", "Conseil économique et social", "resolution", "2003-07-22"),
])
def test_header_variants(header, symbol, doc_symbol, organ, kind, adopted):
    formula = {"Conseil de sécurité": "Le Conseil de sécurité,", "Conseil économique et social": "Le Conseil économique et social,"}[organ]
    res = parse_text(f"{header}\n\n{formula}\n\nRappelant ses résolutions,\n\n1. Décide de rester saisi.\n", "x.txt")
    assert (res.symbol, res.doc_symbol, res.organ, res.document_type, res.adopted) == (symbol, doc_symbol, organ, kind, adopted)


def test_what_follows_the_last_paragraph_without_a_vote_line_is_cut():
    text = ("Résolution 186 (1964)\ndu 4 mars 1964\n\nLe Conseil de sécurité,\n\nNotant la situation à Chypre,\n\n"
            "1. Invite tous les États Membres à s’abstenir de toute action ;\n\n"
            "2. Recommande la création d’une force des Nations Unies.\n"
            "1. Voir Documents officiels du Conseil de sécurité, dix-neuvième année, document S/5575.\n"
            "LA QUESTION DE PALESTINE\n")
    res = parse_text(text, "volume-page.txt")
    assert res.paragraphs[-1].text == "Recommande la création d’une force des Nations Unies."


def test_wiki_note_calls_are_not_text():
    text = ("Résolution 220 (1966)\ndu 16 mars 1966\n\nLe Conseil de sécurité,\n\nNotant que, selon le rapport du "
            "Secrétaire général, en date du 10 mars 1966[2], la présence de la Force demeure nécessaire,\n\n"
            "1. Prend acte du rapport du Secrétaire général[1] ;\n\n2. Décide de rester saisi [réf. nécessaire].\n")
    res = parse_text(text, "wiki.txt")
    assert [p.text for p in res.paragraphs] == [
        "Notant que, selon le rapport du Secrétaire général, en date du 10 mars 1966, la présence de la Force demeure nécessaire,",
        "Prend acte du rapport du Secrétaire général ;", "Décide de rester saisi."]


def test_section_headings_between_operative_paragraphs_are_not_text():
    text = ("NATIONS\nUNIES\nConseil de sécurité\n                                S/RES/687 (1991)\n                                8 avril 1991\n\n"
            "RESOLUTION 687 (1991)\n\nAdoptée par le Conseil de sécurité à sa 2981e séance,\nle 3 avril 1991\n\n"
            "Le Conseil de sécurité,\n\nRappelant ses résolutions antérieures,\n\n"
            "1. Affirme toutes les résolutions susmentionnées ;\n\nA\n\n"
            "2. Exige que l’Iraq et le Koweït respectent l’inviolabilité de la frontière internationale ;\n\n"
            "B. Zone démilitarisée\n\n3. Décide de créer une zone démilitarisée ;\n\nIV\n\n"
            "4. Décide de rester saisi de la question.\n")
    res = parse_text(text, "sc687.txt")
    assert (res.symbol, res.doc_symbol, res.adopted) == ("687 (1991)", "S/RES/687 (1991)", "1991-04-03")
    assert [p.number for p in res.paragraphs] == [None, 1, 2, 3, 4]
    assert [p.text for p in res.paragraphs[1:]] == [
        "Affirme toutes les résolutions susmentionnées ;",
        "Exige que l’Iraq et le Koweït respectent l’inviolabilité de la frontière internationale ;",
        "Décide de créer une zone démilitarisée ;",
        "Décide de rester saisi de la question."]
