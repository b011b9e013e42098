"""Who a paragraph asks to act (its addressees) and its opening phrase as printed (pure).

**Addressee rule.** An addressee is an entity the paragraph asks, invites, urges,
encourages, authorises or charges to act:

- the object of a request verb (`Prie le Secrétaire général de…`, `Demande aux États…`,
  `Invite les États, les organismes des Nations Unies et la société civile à…`): every
  entity named between the verb and its infinitive complement (`de …`, `à …`), a colon
  or the end of the clause; several per paragraph where the text names several;
- the subject of a `que` clause after such a verb or after `Décide`/`Exige`
  (`Décide que le Secrétaire général…`, `Exige que toutes les parties…`): the entities
  that open the clause;
- `Décide de` + infinitive (`Décide de poursuivre l’examen…`): the adopting organ
  itself, `organe lui-même`;
- a request verb later in the paragraph after `et` or a comma (`…, et prie le
  Haut-Commissaire de…`), and with a pronoun object (`…, et les encourage à…`) the
  entities named before it;
- in preambular paragraphs the same, with participles (`Invitant`, `Encourageant`).

Not addressees: an entity the requested action is about (`Prie le Secrétaire général de
consulter les États…`: only the Secretary-General), one acting alongside (`agissant en
collaboration avec…`, `en consultation avec…`), and entities in statements
(`Réaffirme que les États ont le devoir…`, `Prend note du rapport du Secrétaire général`).
"""

from __future__ import annotations

import difflib
import re
from functools import lru_cache

from .verbs import fold, is_adverb

SELF = "organe lui-même"

# One vocabulary: canonical addressee → patterns over folded text (lower-case ASCII,
# apostrophes and hyphens read as spaces, one space between words). Entries are tried in
# this order at each place, so a specific name (the refugees' High Commissioner, treaty
# parties) is listed before a general one (the human-rights High Commissioner, parties).
ADDRESSEES: tuple[tuple[tuple[str, ...], str], ...] = (
    (("Haut-Commissariat pour les réfugiés",),
     r"haute? commissa(?:ire|riat) (?:des nations unies )?(?:pour|aux) (?:les )?refugies|hcr"),
    (("Haut-Commissariat aux droits de l’homme",),
     r"haute? commissa(?:ire|riat)(?: des nations unies)?(?: aux droits (?:de l homme|humains))?"),
    (("Secrétaire général",), r"secretaire general(?: de l organisation(?: des nations unies)?)?"),
    (("Conseil de sécurité",), r"conseil de securite"),
    (("Conseil économique et social",), r"conseil economique et social"),
    (("Conseil des droits de l’homme",), r"conseil des droits (?:de l homme|humains)"),
    (("Assemblée générale",), r"assemblee generale"),
    (("organes subsidiaires",),
     r"(?:organes subsidiaires|commissions techniques)(?: (?:du|de l) (?:conseil|assemblee)(?: [a-z]+){0,3})?"
     r"|comite consultatif(?: du conseil des droits de l homme)?"),
    # The specialized agencies, and those named by their own names.
    (("institutions spécialisées",),
     r"institutions specialisees|organisation mondiale de la sante|organisation internationale du travail"
     r"|organisation des nations unies pour (?:l alimentation et l agriculture|l education la science et la culture"
     r"|le developpement industriel)|fonds international de developpement agricole"
     r"|organisation mondiale de la propriete intellectuelle|organisation meteorologique mondiale"
     r"|union internationale des telecommunications|oms|oit|fao|unesco|fida|onudi|ompi|omm|uit"),
    (("institutions nationales des droits de l’homme",),
     r"institutions nationales (?:des|de defense des|de promotion et de protection des) droits (?:de l homme|humains)"),
    (("institutions financières internationales",),
     r"institutions financieres(?: internationales)?|banque mondiale|fonds monetaire international"),
    (("organisations intergouvernementales", "organisations non gouvernementales"),
     r"organisations intergouvernementales et non gouvernementales"),
    (("organisations intergouvernementales",), r"organisations intergouvernementales"),
    (("organisations non gouvernementales",), r"organisations non gouvernementales|\bong\b"),
    (("organisations internationales", "organisations régionales"),
     r"organisations internationales(?: et| ,) (?:sous regionales et )?regionales"),
    (("organisations régionales",), r"organisations (?:regionales|sous regionales)(?: et (?:sous )?regionales)?"),
    (("organisations internationales",), r"organisations internationales"),
    (("procédures spéciales",),
     r"titulaires de mandats?(?: (?:au titre )?(?:des|de) procedures(?: speciales)?(?: et (?:des )?mecanismes)?)?"
     r"|procedures speciales|rapporteu(?:r|se)s? speciaux|rapporteu(?:r|se)s? speciale?s?"
     r"|experte?s? independante?s?"),
    (("organes conventionnels",),
     r"organes conventionnels|organes crees en vertu (?:d instruments|de traites|des instruments)"),
    (("mécanismes des droits de l’homme",),
     r"mecanismes(?: [a-z]+){0,8}? (?:droits de l homme|droits humains)"),
    (("organismes des Nations Unies",),
     r"(?:systeme|organismes|entites|organes|organisations|fonds|programmes|bureau|departement|agences)"
     r"(?: [a-z]+){0,6}? (?:du systeme )?des nations unies"
     r"|fonds et programmes|(?:autres )?entites(?: competentes| concernees)?|systeme des nations unies"
     r"|programme alimentaire mondial|onu femmes|unicef|pnud|pam|onusida"),
    (("société civile",), r"(?:organisations de la )?societe civile"),
    (("secteur privé",), r"secteur prive|entreprises(?: commerciales| transnationales| privees)?"),
    (("donateurs",), r"(?:pays )?donateurs|bailleurs de fonds"),
    (("communauté internationale",),
     r"communaute internationale|acteurs intervenant sur la scene internationale|partenaires de developpement"),
    (("parties prenantes",), r"parties prenantes"),
    (("États",),
     r"etats?(?: membres| parties| non membres)?|gouvernements?|pays(?: developpes| en developpement)?(?: parties)?"
     r"|parties (?:a|au|aux) (?:l )?(?:accord|convention|pacte|protocole|traite)(?: cadre)?"),
    (("parties au conflit",), r"(?:toutes )?(?:les )?(?:deux )?parties(?: au conflit| concernees)?|groupes armes"),
)

VOCABULARY: tuple[str, ...] = tuple(dict.fromkeys([name for names, _ in ADDRESSEES for name in names] + [SELF]))

_ENTITY = re.compile("|".join(f"(?P<g{i}>\\b(?:{pattern})\\b)" for i, (_, pattern) in enumerate(ADDRESSEES)))

# Verbs whose object is asked to act: present tense (operative) and participles (preambular).
REQUEST = frozenset(
    "prie demande invite engage encourage exhorte appelle charge autorise recommande adjure enjoint incite "
    "mandate sollicite exige lance conjure".split()
)
REQUEST_PARTICIPLES = frozenset(
    "priant demandant invitant engageant encourageant exhortant appelant chargeant autorisant recommandant "
    "exigeant".split()
)
DECIDES = frozenset({"decide", "decidant"})
_ALL_VERBS = REQUEST | REQUEST_PARTICIPLES | DECIDES
# Words between a verb and its object that modify the verb (`Demande instamment`, `Prie en outre`).
_MODIFIER_WORDS = frozenset("instamment vivement egalement aussi encore fermement en outre de a nouveau".split())
_CLITICS = frozenset("ne n s se l la le les lui leur y en me nous vous pas plus".split())
_PRONOUNS = frozenset({"les", "l", "leur", "lui"})
# Incises naming who acts alongside the addressee, not the addressee.
_ALONGSIDE = re.compile(r"(?:agissant )?en (?:collaboration|consultation|cooperation|concertation|liaison) avec [^,;:]*")
_TOKEN = re.compile(r"[a-z0-9]+|[,;:.]")

# Nouns that end like infinitives and follow `de`/`à` in the object of a request.
_NOT_INFINITIVES = frozenset(
    "titre ordre cadre guerre centre membre autre autres notre votre entre contre mer hier premier dernier "
    "lettre ministre registre chapitre genre nombre libre filtre pouvoir devoir avoir savoir oeuvre "
    "maniere matiere lumiere homme femme pauvrete frontiere caractere".split()
)
_INFINITIVE_EXCEPTIONS = frozenset({"faire", "extraire", "croire", "conclure", "exclure", "inclure"})


def _is_infinitive(word: str) -> bool:
    if word in _INFINITIVE_EXCEPTIONS:
        return True
    if word in _NOT_INFINITIVES or len(word) < 4 or word.endswith(("aire", "oire", "ure", "ere", "bre", "gre")):
        return False
    return word.endswith(("er", "ir", "oir", "re"))


_RAW_TOKEN = re.compile(r"\w+|[,;:.]")


@lru_cache(maxsize=65536)
def _folded(word: str) -> tuple[str, ...]:
    # Folding word by word through a cache: a corpus repeats its words, and unidecode on a
    # whole paragraph would cost more than everything else here.
    return tuple(_TOKEN.findall(fold(word)))


def _tokens(text: str) -> list[str]:
    return [t for w in _RAW_TOKEN.findall(text) for t in _folded(w)]


# Words of the vocabulary's names, to repair OCR damage in them (`Haut-Cornmissariat`,
# `Secrétaire généra1`, `Etats Mernbres`) before matching.
_NAME_WORDS = frozenset(
    "secretaire general haut haute commissaire commissariat nations unies etats membres gouvernements "
    "organisations organismes institutions specialisees regionales internationales intergouvernementales "
    "gouvernementales societe civile rapporteur rapporteuse speciale speciaux procedures titulaires mandat "
    "conseil securite assemblee generale economique social droits homme refugies entreprises communaute "
    "parties prenantes donateurs mecanismes systeme entites subsidiaires".split()
)
_OCR_DIGITS = str.maketrans("105", "los")


@lru_cache(maxsize=16384)
def _repair(word: str) -> str:
    if word in _NAME_WORDS or len(word) < 5 or word.isdigit():
        return word
    for variant in (word.translate(_OCR_DIGITS), word.replace("rn", "m"), word.replace("cl", "d")):
        if variant in _NAME_WORDS:
            return variant
    if len(word) >= 7:
        # One or two damaged letters in a long word ("secrelaire"); never a guess between two.
        # An inflection ("organisation", "internationale") is another word, not damage.
        close = difflib.get_close_matches(word, _NAME_WORDS, n=2, cutoff=0.88)
        if len(close) == 1 and not (close[0].startswith(word) or word.startswith(close[0])):
            return close[0]
    return word


def _entities(words: list[str]) -> list[str]:
    names: list[str] = []
    for m in _ENTITY.finditer(" ".join(_repair(w) for w in words)):
        names.extend(ADDRESSEES[int(m.lastgroup[1:])][0])
    return names


def _infinitive_at(words: list[str], i: int) -> bool:
    # `de`/`d`/`à` + clitics + infinitive: where the requested action starts.
    if words[i] not in ("de", "d", "a"):
        return False
    j = i + 1
    while j < len(words) and words[j] in _CLITICS:
        j += 1
    return j < len(words) and _is_infinitive(words[j])


def _skip_modifiers(words: list[str], i: int) -> int:
    while i < len(words):
        if words[i] in ("en", "de", "a") and i + 1 < len(words) and words[i + 1] in ("outre", "nouveau"):
            i += 2
        elif words[i] in _MODIFIER_WORDS and words[i] not in ("en", "de", "a"):
            i += 1
        else:
            return i
    return i


def _object(words: list[str], start: int, triggers: frozenset[str]) -> list[str]:
    # The object of a request verb: up to its infinitive, a colon/semicolon, or the next verb.
    end = start
    while end < len(words):
        w = words[end]
        if w in (";", ":", ".") or _infinitive_at(words, end) or (w in triggers and words[end - 1] in ("et", ",")):
            break
        if w == "qu" or (w in ("pour", "afin") and end + 1 < len(words) and words[end + 1] in ("qu", "que")):
            break
        end += 1
    return _ALONGSIDE.sub(" ", " ".join(words[start:end])).split()


_COORDINATION = frozenset("et ou ainsi que les le la l tous toutes autres".split())


def _que_subject(words: list[str], start: int) -> list[str]:
    # The entities opening a `que` clause: the first one and those coordinated with it.
    span = []
    for w in words[start:]:
        if w in (",", ";", ":", "."):
            break
        span.append(w)
    text = " ".join(_repair(w) for w in span)
    found = list(_ENTITY.finditer(text))
    if not found or len(text[: found[0].start()].split()) > 3:
        return []
    names = list(ADDRESSEES[int(found[0].lastgroup[1:])][0])
    for prev, m in zip(found, found[1:]):
        between = text[prev.end(): m.start()].split()
        if not between or not set(between) <= _COORDINATION:
            break
        names.extend(ADDRESSEES[int(m.lastgroup[1:])][0])
    return names


def addressees(text: str, kind: str) -> list[str]:
    """The canonical names of the entities this paragraph asks to act, in order (rule above)."""
    return list(_addressees(text, kind))


@lru_cache(maxsize=8192)
def _addressees(text: str, kind: str) -> tuple[str, ...]:
    words = _tokens(text)
    if _ALL_VERBS.isdisjoint(words):
        return ()
    opening = REQUEST_PARTICIPLES if kind == "preambular" else REQUEST
    triggers = REQUEST | REQUEST_PARTICIPLES
    first = 1 if len(words) > 1 and is_adverb(text.split()[0]) else 0
    names: list[str] = []
    for i, w in enumerate(words):
        prev = words[i - 1] if i else ""
        at_start = i == first
        if at_start and not (w in opening or w in DECIDES):
            continue
        if not at_start:
            if prev in ("et", ","):
                pass
            elif prev in _PRONOUNS and i > 1 and words[i - 2] in ("et", ",") and (w in triggers):
                # `…, et les encourage à…`: the pronoun stands for the entities named before.
                names.extend(_entities(words[:i]))
                continue
            else:
                continue
            if w not in triggers and w not in DECIDES:
                continue
        j = _skip_modifiers(words, i + 1)
        if j < len(words) and words[j] in ("que", "qu"):
            names.extend(_que_subject(words, j + 1))
        elif w in DECIDES:
            if j < len(words) and _infinitive_at(words, j):
                names.append(SELF)
        else:
            names.extend(_entities(_object(words, j, triggers)))
    return tuple(dict.fromkeys(names))


# Modifiers that follow the verb in an opening phrase, longest first.
_PHRASE_MODIFIERS = re.compile(
    r"^(?:en outre|de nouveau|à nouveau|a nouveau|une nouvelle fois|une fois encore|une fois de plus|aussi|encore"
    r"|avec force|sans réserve|sans reserve|tout particulièrement|tout particulierement"
    r"|avec (?:une |la plus |un )?(?:(?:profonde|vive|grande|grave|sérieuse|serieuse|extrême|extreme|vif|profond) )?"
    r"(?:satisfaction|préoccupation|preoccupation|inquiétude|inquietude|intérêt|interet|appréciation|appreciation"
    r"|gratitude|regret|consternation|reconnaissance|alarme|indignation|tristesse))\b",
    re.IGNORECASE,
)
_STATE_VERBS = frozenset({"Se déclare", "Se déclarant", "Se dit", "Se disant"})


def opening_phrase(text: str, verb: str | None) -> str | None:
    """The verb with its modifiers as printed: `Demande instamment`, `Prend note avec satisfaction`.

    `verb` is the paragraph's verb by the gold's rule (it repairs an OCR'd first word);
    None when the paragraph has no verb.
    """
    if not verb:
        return None
    # An opening phrase is a few words long: only the start of the paragraph is read.
    words = [w.strip(",;:.«»()") for w in text.split(None, 16)[:16]]
    n = len(verb.split())
    start = 1 if words and is_adverb(words[0]) and fold(words[0]) != fold(verb.split()[0]) else 0
    out = ([words[0].capitalize()] if start else []) + ([verb[0].lower() + verb[1:]] if start else [verb])
    i = start + n
    rest = " ".join(words[i:])
    while rest:
        m = _PHRASE_MODIFIERS.match(rest)
        if m:
            out.append(m.group().lower())
            rest = rest[m.end():].lstrip()
            continue
        word = rest.split()[0]
        if is_adverb(word.capitalize()) and word.islower():
            out.append(word)
            rest = rest[len(word):].lstrip()
            continue
        if verb in _STATE_VERBS and word.islower() and out[-1] != word:
            out.append(word)  # `Se déclare (profondément) préoccupé`: the attribute is part of the phrase
        break
    return " ".join(w for w in out if w)
