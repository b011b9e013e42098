"""Elisions whose apostrophe was lost (`lAssemblée`, `lindépendance`, `quil`) put back.

Text saved from some web pages drops the apostrophe: `lAssemblée` is then one word that
no query for `Assemblée` finds. An apostrophe is put back only where the reading is
certain: before a capital (`lAssemblée`, `dIsraël`), before a word that the text itself or
a list of frequent UN words has on its own (`lindépendance` when `indépendance` is a word),
and in a few fixed pairs (`dun`, `quil`, `nest`). `dont`, `sont`, `lors`, `quelle` stay.
"""

from __future__ import annotations

import re

# Longest first: `jusquà` is `jusqu` + `à`, not `j` + `usquà`.
_PREFIX = r"(?:[jJ]usqu|[lL]orsqu|[pP]uisqu|[qQ]u|[lLdDnNsSjJmMtTcC])"
# Elision before a capital: `lAssemblée`, `dIsraël`, `lONU`.
_CAMEL = re.compile(rf"(?<![\w’])({_PREFIX})(?=[AÀÂEÉÈÊIÎOÔUÛY][a-zà-ÿ])")
_WORD = re.compile(rf"(?<![\w’])({_PREFIX})([aàâeéèêiîïoôuûyhœ][a-zà-ÿœæ-]*)")
_TOKEN = re.compile(r"[\wÀ-ÿœæ-]+")
# Checked only at the start of a text: a heading or formula shows the damage early.
_HEAD = 4000

# Short words that an elision may precede, with the only prefixes that make them certain.
_PAIRS = {
    "un": {"d", "l", "qu"}, "une": {"d", "l", "qu"}, "il": {"qu", "s"}, "ils": {"qu", "s"},
    "on": {"l", "qu"}, "est": {"n", "c"}, "ont": {"n"}, "à": {"jusqu"}, "au": {"jusqu", "qu"},
    "aux": {"jusqu", "qu"}, "y": {"n", "qu"}, "en": {"n", "qu"}, "homme": {"l", "d"},
}
# Words that follow an elision in UN resolutions, beyond those the text itself has alone.
_VOCABULARY = frozenset("""
absence accès accord accroissement acquisition action activité activités adhésion administration
adoption affectation agression aide aider application appui approbation armistice assemblée assistance
assurer attention augmentation autodétermination autonomie autorité autorités avenir avis avoir
échelle éducation efficacité égalité égard élaboration élection élimination emploi endettement
engagement ensemble entente entre environnement équilibre équité esclavage espace esprit établir
établissement état état-major étranger être évacuation évaluation événement examen examiner exécution
exercice existence expérience expansion exploitation expression extension extrémisme
habitation histoire homme honneur horizon hostilité hostilités humanité
identité immigration impartialité importance impunité inadmissibilité indépendance indivisibilité
information informations ingérence initiative instauration intégration intégrité intention
interdépendance intérêt intérieur intervention intolérance invasion
objectif objectifs objectivité obligation obligations observation occasion occupation œuvre
opération opérations opinion option ordre organisation organisations organisme origine ouverture
unanimité unification uniformité union unité universalité urgence usage utilisation
""".split())


def needs_repair(text: str) -> bool:
    """Whether the text lost its apostrophes: none at all, or few and an elided capital near its start."""
    count = text.count("’")
    if count == 0:
        return len(text) > 300
    # French prints an apostrophe every hundred characters or so: such a text is sound.
    return count * 150 < len(text) and bool(_CAMEL.search(text, 0, _HEAD))


def restore(text: str) -> str:
    """Put back the apostrophes of elisions where the reading is certain."""
    known = {t.lower() for t in _TOKEN.findall(text)} | _VOCABULARY
    text = _CAMEL.sub(r"\1’", text)

    def elide(m: re.Match) -> str:
        prefix, rest = m.group(1), m.group(2)
        low = rest.lower()
        pair = _PAIRS.get(low)
        if pair is not None:
            return f"{prefix}’{rest}" if prefix.lower() in pair else m.group()
        if len(rest) >= 4 and low in known and prefix.lower() not in ("m", "t", "c", "jusqu", "lorsqu", "puisqu") \
                and not (prefix.lower() == "qu" and low.startswith("elle")):
            return f"{prefix}’{rest}"
        return m.group()

    return _WORD.sub(elide, text)
