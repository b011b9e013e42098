"""The small text repairs, each on the real cases it exists for."""

from __future__ import annotations

import pytest

from indexer.clean import find_date, join_lines, repair_ocr, strip_footnote_markers, strip_markup
from indexer.header import formula_organ, ordinal
from indexer.verbs import extract_verb, lookup


@pytest.mark.parametrize("damaged, clean", [
    ("des droits de I’homme", "des droits de l’homme"),
    ("de I’ Assemblée générale", "de l’Assemblée générale"),
    ("des droits de I’lhnomme", "des droits de l’homme"),
    ("des droits de I’hnomme", "des droits de l’homme"),
    ("d’ impartialité", "d’impartialité"),
    ("la mise en ceuvre", "la mise en œuvre"),
    ("visant & promouvoir", "visant à promouvoir"),
    ("du 1°\" avril 2022", "du 1er avril 2022"),
    ("Procter & Gamble", "Procter & Gamble"),
])
def test_repair_ocr(damaged, clean):
    assert repair_ocr(damaged) == clean


@pytest.mark.parametrize("marked, clean", [
    ("droits de l’homme1 pour favoriser", "droits de l’homme pour favoriser"),
    ("le 8 septembre 20002 et sa résolution", "le 8 septembre 2000 et sa résolution"),
    ("en date du 23 mars 20123, et", "en date du 23 mars 2012, et"),
    ("Programme d’action de Durban 2 , ainsi", "Programme d’action de Durban, ainsi"),
    ("des droits de l’homme⁴ ;", "des droits de l’homme ;"),
    ("à sa cinquante-deuxième session?,", "à sa cinquante-deuxième session,"),
    ("en meilleure santé »3,", "en meilleure santé »,"),
    ("de la session en cours® ;", "de la session en cours ;"),
    ("la COVID-19, la résolution 60/251 et A/HRC/52/80.", "la COVID-19, la résolution 60/251 et A/HRC/52/80."),
    ("le 25 juin 1993 par", "le 25 juin 1993 par"),
])
def test_strip_footnote_markers(marked, clean):
    assert strip_footnote_markers(marked) == clean


def test_join_lines_mends_word_breaks_and_keeps_real_hyphens():
    assert join_lines(["le droit au déve-", "loppement"]) == "le droit au développement"
    assert join_lines(["avec la Haut-", "Commissaire"]) == "avec la Haut-Commissaire"
    assert join_lines(["organisations non-", "gouvernementales"]) == "organisations non-gouvernementales"
    assert join_lines(["la coopération Sud-", "Sud"]) == "la coopération Sud-Sud"
    assert join_lines(["droits de l’", "homme"]) == "droits de l’homme"
    assert join_lines(["un cessez-le-", "feu"], {"cessez-le-feu"}) == "un cessez-le-feu"
    # A session ordinal broken at its hyphen, with no other copy of it in the text to go by.
    assert join_lines(["à sa cinquante-", "quatrième session"]) == "à sa cinquante-quatrième session"
    assert join_lines(["à sa soixante-", "dix-huitième session"]) == "à sa soixante-dix-huitième session"
    # A compound ending in digits (`COVID-19`, `G-77`): no syllable of a broken word starts with one.
    assert join_lines(["les vaccins contre la COVID-", "19 ;"]) == "les vaccins contre la COVID-19 ;"
    assert join_lines(["le Groupe des 77 (G-", "77) et la Chine"]) == "le Groupe des 77 (G-77) et la Chine"
    # Peoples joined by a linking o, with no other copy of the word in the text to go by.
    assert join_lines(["le conflit israélo-", "palestinien"]) == "le conflit israélo-palestinien"
    assert join_lines(["la communauté turco-", "chypriote"]) == "la communauté turco-chypriote"
    assert join_lines(["les pays franco-", "phones"]) == "les pays francophones"
    assert join_lines(["à sa vingt-", "cinquième session"]) == "à sa vingt-cinquième session"


def test_strip_markup():
    assert strip_markup("1. *Réaffirme* que") == "1. Réaffirme que"
    assert strip_markup("*71^e séance plénière") == "71e séance plénière"
    assert strip_markup("# Assemblée générale") == "Assemblée générale"
    assert strip_markup("* État non membre du Conseil") == "* État non membre du Conseil"


def test_dates_and_ordinals():
    assert find_date("adoptée par l’Assemblée générale le 18 décembre 2013") == "2013-12-18"
    assert find_date("du 1er avril 2022") == "2022-04-01"
    assert ordinal("Soixante-cinquième") == 65
    assert ordinal("Cinquante-troisième") == 53
    assert ordinal("Soixante-dix-huitième") == 78


@pytest.mark.parametrize("line, organ", [
    ("L’Assemblée générale,", "Assemblée générale"),
    (" Le Conseil des droits de l’homme,", "Conseil des droits de l’homme"),
    ("Le Conseil des droits de | ’homme,", "Conseil des droits de l’homme"),
    ("Le Conseil de sécurité,", "Conseil de sécurité"),
    ("Le Conseil économique et social,", "Conseil économique et social"),
    ("Le Conseil des ministres,", None),
    ("Rappelant la résolution 60/251,", None),
])
def test_opening_formula(line, organ):
    assert formula_organ(line) == organ


@pytest.mark.parametrize("words, kind, verb", [
    ("Profondément préoccupé par les effets", "pre", "Préoccupé"),
    ("Rappelant également la Conférence", "pre", "Rappelant"),
    ("Prenant note avec satisfaction", "pre", "Prenant note"),
    ("Se déclare préoccupé par", "op", "Se déclare"),
    ("Prend note du rapport", "op", "Prend note"),
    ("Demande instamment aux États", "op", "Demande"),
    ("Reéaffirme que la promotion", "op", "Réaffirme"),
    ("Considére que, en plus", "op", "Considère"),
    ("Souligne de nouveau que", "op", "Souligne"),
])
def test_extract_verb(words, kind, verb):
    assert extract_verb(words.split(), kind)[0] == verb


def test_lookup_refuses_non_verbs():
    assert lookup("Nations") is None and lookup("rappelant") is None
