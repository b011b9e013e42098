"""Addressees and opening phrases of paragraphs (indexer/clauses.py), on real-looking text."""

from __future__ import annotations

import json
import random
import sys

import pytest

from conftest import ROOT
from indexer import parse_file
from indexer.clauses import SELF, VOCABULARY, addressees, opening_phrase

sys.path.insert(0, str(ROOT / "bench"))
import addressee_quality  # noqa: E402

SG, HC, E = "Secrétaire général", "Haut-Commissariat aux droits de l’homme", "États"


def test_precision_and_recall_on_the_hand_judged_gold():
    q = addressee_quality.evaluate()
    assert q.precision() >= 0.85 and q.recall() >= 0.85, q.mistakes[:20]


def test_the_gold_covers_every_paragraph_of_every_judged_file_and_uses_the_vocabulary():
    gold = json.loads((ROOT / "tests" / "gold" / "addressees.json").read_text(encoding="utf-8"))["files"]
    for rel, judged in gold.items():
        labels = [label for label, _, _ in addressee_quality.labelled(ROOT / rel)]
        assert sorted(labels) == sorted(judged), rel
        assert all(name in VOCABULARY for names in judged.values() for name in names), rel
    families = sorted(p.relative_to(ROOT).as_posix() for p in (ROOT / "tests" / "families").glob("*.txt"))
    assert set(families) <= set(gold)


@pytest.mark.parametrize("text, expected", [
    ("Prie le Secrétaire général de lui présenter, à sa soixante-dixième session, un rapport ;", [SG]),
    ("Prie le Secretaire general de lui presenter un rapport ;", [SG]),  # typed or scanned without accents
    ("Prie le Secrétaire général de l’Organisation des Nations Unies de transmettre la présente résolution ;", [SG]),
    ("Demande aux États Membres de redoubler d’efforts ;", [E]),
    ("Engage vivement tous les États à ratifier la Convention ;", [E]),
    ("Demande instamment aux Etats Membres de s’abstenir de toute mesure ;", [E]),
    ("Invite le Haut-Commissariat des Nations Unies aux droits de l’homme à fournir une assistance technique ;", [HC]),
    ("Encourage les organisations régionales et la société civile à participer au dialogue ;",
     ["organisations régionales", "société civile"]),
    ("Prie le Secrétaire général de consulter les États et les organisations intergouvernementales et non "
     "gouvernementales au sujet des moyens à mettre en œuvre ;", [SG]),
    ("Demande aux organisations intergouvernementales et non gouvernementales de coopérer ;",
     ["organisations intergouvernementales", "organisations non gouvernementales"]),
    ("Exhorte les États Membres, agissant en collaboration avec les organismes des Nations Unies et la société "
     "civile, à redoubler d’efforts ;", [E]),
    ("Décide de renouveler le mandat de la Force, et prie le Secrétaire général de veiller à ce que la Force "
     "dispose des moyens nécessaires ;", [SELF, SG]),
    ("Décide que le Secrétaire général présentera un rapport aux États Membres à sa prochaine session ;", [SG]),
    ("Se félicite des efforts déployés par les entités du système des Nations Unies, et les encourage à "
     "améliorer leurs résultats ;", ["organismes des Nations Unies"]),
    ("Prie le Haut-Commissaire des Nations Unies pour les réfugiés de poursuivre ses activités ;",
     ["Haut-Commissariat pour les réfugiés"]),
    ("Recommande à l’Assemblée générale d’adopter le projet de résolution suivant ;", ["Assemblée générale"]),
    ("Prie instamment tous les États Membres qui ne l’ont pas encore fait de ratifier la Convention ;", [E]),
    ("Lance un appel à tous les États pour qu’ils coopèrent pleinement avec le Rapporteur spécial ;", [E]),
    ("Invite le Conseil économique et social et ses commissions techniques à examiner la question ;",
     ["Conseil économique et social", "organes subsidiaires"]),
    ("Demande au Fonds des Nations Unies pour l’enfance et à l’Organisation mondiale de la Santé de continuer "
     "à appuyer les efforts nationaux ;", ["organismes des Nations Unies", "institutions spécialisées"]),
    ("Charge le Comité consultatif d’établir une étude sur la question ;", ["organes subsidiaires"]),
    ("Prie le Secrétaire général et la Haute-Commissaire de fournir l’assistance nécessaire ;", [SG, HC]),
    ("Demande instamment à toutes les parties au conflit armé de respecter le droit international humanitaire ;",
     ["parties au conflit"]),
    ("Prie la Rapporteuse spéciale de lui présenter un rapport à sa cinquantième session ;", ["procédures spéciales"]),
    ("Invite les organisations régionales et sous-régionales à renforcer leur coopération ;",
     ["organisations régionales"]),
    ("Décide que le Forum se réunira chaque année à Genève ;", []),
    ("Prie le Secrétaire général de l’Organisation des Nations Unies, agissant en coopération avec le Directeur "
     "général de l’UNESCO, de lui présenter un rapport ;", [SG]),
    ("Demande à tous les États : a) De garantir l’accès des filles à l’éducation ; b) De lutter contre "
     "les stéréotypes ;", [E]),
])
def test_addressees_of_operative_paragraphs(text, expected):
    assert addressees(text, "operative") == expected


@pytest.mark.parametrize("text", [
    "Réaffirme que les États ont le devoir de coopérer les uns avec les autres ;",
    "Prend note du rapport du Secrétaire général ;",
    "Rappelle que, dans sa résolution 76/159, l’Assemblée générale a prié le Secrétaire général de consulter "
    "les États ;",
    "Exhorte les États à prendre, à la demande des États touchés, les mesures nécessaires ;",  # noun "demande"
    "Souligne que l’ensemble des parties prenantes doit œuvrer de concert ;",
])
def test_statements_address_no_one(text):
    expected = ["États"] if text.startswith("Exhorte") else []
    assert addressees(text, "operative") == expected


def test_preambular_participles_address_and_statements_do_not():
    assert addressees("Rappelant la résolution 21/11 du Conseil des droits de l’homme, et encourageant les États "
                      "à appliquer ces principes directeurs,", "preambular") == [E]
    assert addressees("Accueillant avec satisfaction le rapport du Secrétaire général,", "preambular") == []


def test_ocr_copy_gets_the_same_addressees_as_the_clean_copy():
    ocr = parse_file(ROOT / "corpus" / "000_11bf369c9702862e.txt").paragraphs
    clean = parse_file(ROOT / "corpus" / "002_0d3b84d2626458c8.txt").paragraphs
    assert len(ocr) == len(clean)
    asked = [(addressees(a.text, a.kind), addressees(b.text, b.kind)) for a, b in zip(ocr, clean)]
    assert all(a == b for a, b in asked)
    assert sum(1 for a, _ in asked if a) >= 15


@pytest.mark.parametrize("text, verb, expected", [
    ("Demande instamment aux États de prendre les mesures nécessaires ;", "Demande", "Demande instamment"),
    ("Prie en outre le Secrétaire général de lui présenter un rapport ;", "Prie", "Prie en outre"),
    ("Rappelant également la résolution 48/141 de l’Assemblée générale,", "Rappelant", "Rappelant également"),
    ("Prend note avec satisfaction du rapport du Secrétaire général ;", "Prend note", "Prend note avec satisfaction"),
    ("Profondément préoccupé par les effets de la pandémie,", "Préoccupé", "Profondément préoccupé"),
    ("Souligne également de nouveau qu’il convient de favoriser une approche coopérative ;", "Souligne",
     "Souligne également de nouveau"),
    ("Constatant avec une profonde préoccupation les effets de l’endettement,", "Constatant",
     "Constatant avec une profonde préoccupation"),
    ("Se déclare profondément préoccupée par le sort des personnes détenues ;", "Se déclare",
     "Se déclare profondément préoccupée"),
    ("Reéaffirme que le dialogue entre les cultures facilite la tolérance ;", "Réaffirme", "Réaffirme"),  # OCR'd verb
    ("Prie le Secrétaire général de lui présenter un rapport ;", "Prie", "Prie"),
    ("sans verbe reconnu", None, None),
])
def test_opening_phrase(text, verb, expected):
    assert opening_phrase(text, verb) == expected


def test_opening_phrase_keeps_the_gold_verb_as_its_start_on_every_seed_paragraph():
    for seed in sorted((ROOT / "corpus").glob("*.txt")):
        for p in parse_file(seed).paragraphs:
            phrase = opening_phrase(p.text, p.verb)
            assert phrase is not None and p.verb.lower() in phrase.lower(), (seed.name, p.text[:60])


@pytest.mark.parametrize("text, expected", [
    ("Prie le Secrétaire généra1 de lui présenter un rapport ;", [SG]),
    ("Prie le Secrélaire général de lui présenter un rapport ;", [SG]),
    ("Invite le Haut-Cornmissariat des Nations Unies aux droits de l’homme à fournir une assistance ;", [HC]),
    ("Demande aux Etats Mernbres de redoubler d’efforts ;", [E]),
    ("Encourage les organisalions non gouvernementales à participer ;", ["organisations non gouvernementales"]),
])
def test_ocr_damage_in_the_names(text, expected):
    assert addressees(text, "operative") == expected


# Generated paragraphs: a request verb, the entities it addresses (in varied printed forms),
# then the requested action naming other entities that are not addressees. The oracle is the
# list of entities the generator put in the object.
SURFACES = {
    SG: [("le", "Secrétaire général"), ("le", "Secretaire general"),
         ("le", "Secrétaire général de l’Organisation des Nations Unies")],
    HC: [("le", "Haut-Commissaire des Nations Unies aux droits de l’homme"), ("le", "Haut-Commissariat"),
         ("la", "Haute-Commissaire")],
    E: [("les", "États Membres"), ("les", "Etats"), ("tous les", "États"), ("les", "gouvernements")],
    "société civile": [("la", "société civile"), ("les", "organisations de la société civile")],
    "organisations non gouvernementales": [("les", "organisations non gouvernementales")],
    "organisations régionales": [("les", "organisations régionales et sous-régionales")],
    "institutions spécialisées": [("les", "institutions spécialisées")],
    "organismes des Nations Unies": [("les", "organismes des Nations Unies"), ("le", "système des Nations Unies")],
    "Assemblée générale": [("l’", "Assemblée générale")],
    "Conseil de sécurité": [("le", "Conseil de sécurité")],
    "procédures spéciales": [("les", "titulaires de mandat au titre des procédures spéciales"),
                             ("la", "Rapporteuse spéciale")],
    "secteur privé": [("le", "secteur privé")],
}
VERBS = [("Prie", "", "de présenter un rapport sur la coopération avec"),
         ("Demande", "à", "de renforcer leur coopération avec"),
         ("Invite", "", "à tenir compte des recommandations adressées à"),
         ("Engage", "", "à coopérer pleinement avec"),
         ("Encourage", "", "à continuer d’appuyer"),
         ("Exhorte", "", "à consulter")]
MODIFIERS = ["", " instamment", " en outre", " également", " vivement"]
_WITH_A = {"le": "au ", "les": "aux ", "la": "à la ", "l’": "à l’", "tous les": "à tous les "}


def _phrase(article: str, name: str, with_a: bool) -> str:
    if with_a:
        return _WITH_A[article] + name
    return article + name if article.endswith("’") else f"{article} {name}"


@pytest.mark.parametrize("seed", range(200))
def test_generated_requests_address_exactly_the_entities_of_their_object(seed):
    rng = random.Random(seed)
    verb, prep, action = rng.choice(VERBS)
    chosen = rng.sample(sorted(SURFACES), rng.randint(1, 3))
    others = [n for n in sorted(SURFACES) if n not in chosen]
    phrases = [_phrase(*rng.choice(SURFACES[n]), with_a=prep == "à") for n in chosen]
    obj = phrases[0] if len(phrases) == 1 else ", ".join(phrases[:-1]) + rng.choice([" et ", " ainsi que "]) + phrases[-1]
    if rng.random() < 0.3:
        helper = _phrase(*rng.choice(SURFACES[rng.choice(others)]), with_a=False)
        obj += f", agissant en collaboration avec {helper},"
    target = _phrase(*rng.choice(SURFACES[rng.choice(others)]), with_a=False)
    text = f"{verb}{rng.choice(MODIFIERS)} {obj} {action} {target} ;".replace(",, ", ", ").replace(", ,", ",")
    assert addressees(text, "operative") == chosen, text
