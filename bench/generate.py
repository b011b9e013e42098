"""Generate a large, realistic corpus of French UN resolution texts for benchmarks.

The four real seed texts in `corpus/*.txt` are read with the project parser; their
paragraphs are recombined and varied into new resolution files laid out the way the
parser reads them (header, opening formula, preambular paragraphs ending in `,`,
numbered operative paragraphs ending in ` ;` and the last in `.`, closing lines).

Variation makes the vocabulary grow with the corpus, as in a real collection: generated
place, person, programme and acronym names and rare words built from syllables (their ids
follow a heavy-tailed law, so new ones keep appearing as the corpus grows), random
resolution numbers `NN/NNN`, dates, years and document symbols, word substitutions from a
French word list built from the seeds, sentence splicing between paragraphs of the same
kind, dropped and reordered clauses, inserted clauses, verb changes. Layouts vary too:
text wrapped at ~90 columns, one line per paragraph, page breaks with footnotes, straight
apostrophes; about one file in five is a Human Rights Council text (some drafts).

Output: OUT_DIR/d0000/r0000000.txt … (1000 files per folder) and OUT_DIR/.generated.json
(parameters, totals and the expected paragraph counts of every file). The result is
deterministic for a given --seed (and independent of --jobs).

    python bench/generate.py OUT_DIR --paragraphs 100000 [--seed 1] [--jobs 2]
    python bench/generate.py OUT_DIR --paragraphs 10000 --check   # then parse ~50 files back
    python bench/generate.py OUT_DIR --check-only                 # verify an existing corpus
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import random
import re
import shutil
import sys
import time
import unicodedata
from pathlib import Path

GENERATOR_VERSION = 1
REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # the working tree's parser, whatever the current directory
SEED_DIR = REPO / "corpus"
MANIFEST = ".generated.json"
FILES_PER_DIR = 1000
MIN_PARAS, MAX_PARAS, MODE_PARAS = 10, 60, 24

GA = "Assemblée générale"
HRC = "Conseil des droits de l’homme"

MONTHS = ["janvier", "février", "mars", "avril", "mai", "juin", "juillet", "août",
          "septembre", "octobre", "novembre", "décembre"]

# --------------------------------------------------------------------------- French numbers

_UNITS = ["zéro", "un", "deux", "trois", "quatre", "cinq", "six", "sept", "huit", "neuf", "dix",
          "onze", "douze", "treize", "quatorze", "quinze", "seize"]
_TENS = {2: "vingt", 3: "trente", 4: "quarante", 5: "cinquante", 6: "soixante"}


def cardinal(n: int) -> str:
    """French cardinal for 0..99 (`71` → `soixante et onze`)."""
    if n <= 16:
        return _UNITS[n]
    if n < 20:
        return "dix-" + _UNITS[n - 10]
    if n < 70:
        tens, unit = divmod(n, 10)
        if unit == 0:
            return _TENS[tens]
        return _TENS[tens] + (" et un" if unit == 1 else "-" + _UNITS[unit])
    if n < 80:
        return "soixante et onze" if n == 71 else "soixante-" + cardinal(n - 60)
    if n == 80:
        return "quatre-vingts"
    return "quatre-vingt-" + cardinal(n - 80)


def ordinal(n: int, capital: bool = False) -> str:
    """French ordinal for 1..99, as in session headers (`65` → `soixante-cinquième`)."""
    if n == 1:
        word = "première"
    else:
        c = cardinal(n)
        if c.endswith("cinq"):
            word = c + "uième"
        elif c.endswith("neuf"):
            word = c[:-1] + "vième"
        elif c.endswith("quatre-vingts"):
            word = c[:-1] + "ième"
        elif c.endswith("e"):
            word = c[:-1] + "ième"
        else:
            word = c + "ième"
    return word[0].upper() + word[1:] if capital else word


COMMITTEES = ["Première", "Deuxième", "Troisième", "Troisième", "Troisième", "Quatrième", "Cinquième", "Sixième"]

# --------------------------------------------------------------------------- generated names

SYLLABLES = (
    "ba bé bo bou ca co da dé di do fa fé ga gi go ka ki la lé li lo lou ma mé mi mo mou na né ni no "
    "pa pé po ra ré ri ro sa sé si so ta té ti to tou va vé vi za zi bar bel cor dan fal gar kal lan "
    "mar mor nar nor pal ran sal san tan tar tor val ver vil zan ou an el ar or is am en ir ul ga "
    "bri dra gro kra pri tra vri chan cham dor fen gan jal lim mon nal pir quin rol sen tal "
    "tin vor yan zor"
).split()
PLACE_ENDINGS = ["", "", "", "", "ie", "a", "ane", "istan", "ville", "our", "ès", "ia", "o"]


class Names:
    """Deterministic generated names: the same (kind, id) always gives the same name."""

    def __init__(self):
        self.cache: dict[tuple[str, int], str] = {}

    def _rng(self, kind: str, i: int) -> random.Random:
        return random.Random(f"{kind}:{i}")

    def get(self, kind: str, i: int) -> str:
        key = (kind, i)
        name = self.cache.get(key)
        if name is None:
            name = self.cache[key] = getattr(self, "_" + kind)(self._rng(kind, i))
        return name

    @staticmethod
    def _stem(r: random.Random, lo: int, hi: int) -> str:
        return "".join(r.choice(SYLLABLES) for _ in range(r.randint(lo, hi)))

    def _place(self, r):
        name = (self._stem(r, 2, 3) + r.choice(PLACE_ENDINGS)).capitalize()
        x = r.random()
        if x < 0.10:
            name += "-" + self._stem(r, 1, 2).capitalize()
        elif x < 0.14:
            name = "Saint-" + name
        elif x < 0.18:
            name = "Port-" + name
        return name

    def _first(self, r):
        return (self._stem(r, 2, 2) + r.choice(["", "", "e", "a", "o", "ine"])).capitalize()

    def _last(self, r):
        name = self._stem(r, 2, 3).capitalize()
        if r.random() < 0.1:
            name += "-" + self._stem(r, 2, 2).capitalize()
        return name

    def _prog(self, r):
        return (self._stem(r, 2, 3) + r.choice(["", "", "a", "is", "on"])).capitalize()

    def _acro(self, r):
        return "".join(r.choice("ABCDEFGHIJKLMNOPRSTUV") for _ in range(r.randint(3, 6)))

    def _stem_word(self, r):
        return self._stem(r, 2, 3)


# Heavy-tailed ids: the number of distinct ids seen in n draws grows like n^(1/(1+alpha)),
# so the vocabulary of generated names keeps growing with the corpus size (Heaps' law).
NAME_ALPHA = 0.6


def heavy_id(rng: random.Random, alpha: float = NAME_ALPHA) -> int:
    return int(rng.paretovariate(alpha))


TOPICS = [
    "le droit au développement", "la coopération Sud-Sud", "la coopération Sud-Sud et triangulaire",
    "la sécurité alimentaire", "l’éducation des filles", "les migrations internationales",
    "la santé mondiale", "les changements climatiques", "l’extrême pauvreté", "la liberté d’expression",
    "les droits des peuples autochtones", "la violence à l’égard des femmes",
    "le droit à l’eau potable et à l’assainissement", "les droits des personnes handicapées",
    "la lutte contre la corruption", "le désarmement nucléaire", "la protection des enfants",
    "les technologies numériques", "la prévention des catastrophes", "les droits des migrants",
    "la traite des personnes", "l’accès à la justice", "la diversité culturelle",
    "le financement du développement", "la dette extérieure", "la désertification",
    "les océans et le droit de la mer", "la paix et la sécurité internationales",
    "l’élimination du racisme et de la discrimination raciale", "le droit à un logement convenable",
    "la santé maternelle", "les défenseurs des droits humains", "la torture et autres peines cruelles",
    "les disparitions forcées", "la liberté de religion ou de conviction", "le droit à la vie privée à l’ère du numérique",
]

TITLE_TEMPLATES = [
    "Renforcement de la coopération internationale dans le domaine des droits de l’homme",
    "Renforcement de la coopération internationale dans le domaine des droits de l’homme",
    "Coopération internationale concernant {topic}",
    "Promotion de la coopération internationale pour {topic}",
    "Situation des droits de l’homme à {place}",
    "Assistance technique et renforcement des capacités dans le domaine des droits de l’homme en faveur de {place}",
    "Suite donnée à la Conférence de {place} sur {topic}",
    "Programme {prog} pour {topic}",
    "Mise en œuvre de la Déclaration de {place}",
    "Décennie internationale pour {topic}",
    "Le rôle de la coopération internationale dans {topic}",
    "Renforcement de la coopération Sud-Sud",
]

CLAUSE_TEMPLATES = [
    "notamment dans la région de {place}",
    "en particulier à {place} et à {place}",
    "y compris le rapport présenté par {person}, Rapporteur spécial sur {topic}",
    "dans le cadre du Programme {prog} pour {topic}",
    "conformément à sa résolution {res} du {date}",
    "comme indiqué dans le document {sym}",
    "ainsi que la Déclaration de {place} adoptée le {date}",
    "compte tenu des travaux de l’Initiative {prog} ({acro})",
    "en coopération avec le Gouvernement de {place}",
    "à la suite de la réunion tenue à {place} le {date}",
    "y compris la coopération Sud-Sud et la coopération triangulaire",
    "sous la présidence de {person}",
    "avec l’appui du Fonds {prog} pour {topic}",
    "comme l’a souligné {person} lors du dialogue tenu à {place} en {year}",
    "en ce qui concerne {topic}",
    "au titre du mécanisme {acro} créé en {year}",
    "notamment le plan d’action de {place} pour {topic}",
]

# Place names of the seeds that are swapped for generated ones.
SEED_PLACES = ["Afrique du Sud", "Addis-Abeba", "Buenos Aires", "Durban", "Vienne", "Genève", "Bakou",
               "Monterrey", "Doha", "Johannesburg", "Rio de Janeiro", "Istanbul"]

# Introductory words that may replace each other (same construction), and the feminine forms
# an Assemblée générale text uses for adjectives a Conseil text writes in the masculine.
VERB_GROUPS = [
    ["Réaffirmant", "Soulignant", "Considérant", "Reconnaissant", "Constatant", "Notant", "Sachant",
     "Estimant", "Affirmant", "Relevant", "Observant"],
    ["Rappelant", "Réaffirmant", "Saluant", "Accueillant", "Notant", "Rappelant"],
    ["Réaffirme", "Souligne", "Considère", "Reconnaît", "Constate", "Note", "Estime", "Affirme", "Rappelle"],
    ["Invite", "Exhorte", "Engage", "Encourage"],
    ["Prie", "Charge"],
]
FEMININE = {"Conscient": "Consciente", "Déterminé": "Déterminée", "Préoccupé": "Préoccupée",
            "Convaincu": "Convaincue", "préoccupé": "préoccupée", "Résolu": "Résolue", "Inquiet": "Inquiète"}

_WORD = re.compile(r"[a-zàâçéèêëîïôûùüÿœ]+")
_SUFFIXES = sorted(["ation", "ement", "ité", "isme", "iste", "ique", "aire", "ance", "ence", "eur", "eurs",
                    "ions", "ion", "ités", "ales", "aux", "ées", "ée", "és", "er", "ant", "ants", "ent",
                    "ive", "ives", "ifs", "if", "elle", "elles", "el", "els", "ale", "al", "ée", "ir"],
                   key=len, reverse=True)
_VARY = re.compile(
    r"(?P<sym>\b[AES]/(?:[A-Z][A-Za-z0-9.]*/)*\d+(?:/[A-Za-z0-9.]*[A-Za-z0-9])*(?: \(Part I+\))?)"
    rf"|(?P<date>\b(?:1er|\d{{1,2}}) (?:{'|'.join(MONTHS)}) (?:19|20)\d\d\b)"
    r"|(?P<res>\b\d{1,2}/\d{1,3}\b)"
    r"|(?P<year>\b(?:19[4-9]\d|20[0-3]\d)\b)"
    rf"|(?P<place>\b(?:{'|'.join(SEED_PLACES)})\b)"
)
_PLACEHOLDER = re.compile(r"\{(\w+)\}")
_ENDING = " ,;:."


# --------------------------------------------------------------------------- seeds


class SeedParagraph:
    __slots__ = ("kind", "verb", "clauses", "swap")  # clauses: a tuple, never modified

    def __init__(self, kind: str, verb: str | None, text: str):
        self.kind = kind
        body = text.rstrip(_ENDING)
        self.clauses = tuple(body.split(", "))
        first = body.split(" ", 1)[0]
        self.verb = first if verb and text.startswith(verb.split(" ")[0]) else None
        self.swap = next((g for g in VERB_GROUPS if first in g), None)


class Seeds:
    def __init__(self, seed_dir: Path = SEED_DIR):
        from indexer import parse_file

        files = sorted(seed_dir.glob("*.txt"))
        if not files:
            raise SystemExit(f"generate: no seed texts in {seed_dir}")
        by_key: dict[str, tuple[int, str, str | None, str]] = {}
        order: list[str] = []
        titles: set[str] = set()
        for f in files:
            res = parse_file(f)
            if res.title:
                titles.add(res.title)
            for p in res.paragraphs:
                key = p.kind + _fold_key(p.text)
                # Of near-duplicates (an OCR'd and a clean copy), keep the better-accented one.
                score = sum(ch in "éèàêçôûù’" for ch in p.text)
                if key not in by_key:
                    order.append(key)
                if key not in by_key or score > by_key[key][0]:
                    by_key[key] = (score, p.kind, p.verb, p.text)
        kept = [by_key[x] for x in order]
        self.pre = [SeedParagraph(k, v, t) for _, k, v, t in kept if k == "preambular"]
        # The closing "Décide de poursuivre l’examen…" is written by closing_operative().
        self.op = [SeedParagraph(k, v, t) for _, k, v, t in kept
                   if k == "operative" and not t.startswith("Décide de poursuivre")]
        self.titles = sorted(titles)
        words: set[str] = set()
        for p in self.pre + self.op:
            for c in p.clauses:
                words.update(w for w in _WORD.findall(c) if len(w) >= 5)
        # Substitutes share the ending (morphology) and the initial vowel/consonant (elision).
        groups: dict[str, list[str]] = {}
        for w in sorted(words):
            groups.setdefault(_sub_key(w), []).append(w)
        self.similar = {k: v for k, v in groups.items() if len(v) >= 2}
        self.vocabulary = sorted(words)


def _sub_key(word: str) -> str:
    return ("V" if word[0] in _VOWELS else "C") + word[-3:]


_VOWELS = frozenset("aeiouyhàâéèêîïôûœ")


def _fold_key(text: str) -> str:
    s = unicodedata.normalize("NFKD", text.lower())
    return "".join(ch for ch in s if "a" <= ch <= "z")[:120]


# --------------------------------------------------------------------------- one resolution


class Writer:
    """Builds resolution texts from a private random stream."""

    def __init__(self, seeds: Seeds, names: Names, rng: random.Random):
        self.s, self.names, self.rng = seeds, names, rng
        self.fill = {
            "place": lambda: self.names.get("place", heavy_id(self.rng)),
            "person": self.person,
            "prog": lambda: self.names.get("prog", heavy_id(self.rng)),
            "acro": lambda: self.names.get("acro", heavy_id(self.rng)),
            "topic": lambda: self.rng.choice(TOPICS),
            "res": self.res_number,
            "date": lambda: self.date(self.rng.randint(1950, 2024)),
            "sym": self.doc_symbol,
            "year": lambda: str(self.rng.randint(1950, 2030)),
        }

    # ---- small random pieces
    def person(self) -> str:
        r = self.rng
        return f"{'Mme' if r.random() < 0.5 else 'M.'} {self.names.get('first', heavy_id(r))} {self.names.get('last', heavy_id(r))}"

    def res_number(self) -> str:
        return f"{self.rng.randint(1, 79)}/{self.rng.randint(1, 330)}"

    def date(self, year: int, month: int | None = None) -> str:
        r = self.rng
        day = r.randint(1, 28)
        month = month or r.randint(1, 12)
        return f"{'1er' if day == 1 else day} {MONTHS[month - 1]} {year}"

    def doc_symbol(self) -> str:
        r = self.rng
        s, n = r.randint(40, 79), r.randint(1, 999)
        x = r.random()
        if x < 0.35:
            return f"A/{s}/{n}"
        if x < 0.55:
            return f"A/{s}/{n}/Add.{r.randint(1, 4)}"
        if x < 0.75:
            return f"A/HRC/{r.randint(1, 58)}/{r.randint(1, 80)}"
        if x < 0.85:
            return f"E/CN.4/{r.randint(1980, 2005)}/{r.randint(1, 150)}"
        if x < 0.93:
            return f"A/CONF.{r.randint(100, 240)}/{r.randint(1, 30)}"
        return f"S/{r.randint(1990, 2024)}/{n}"

    def template(self, tpl: str) -> str:
        return _PLACEHOLDER.sub(lambda m: self.fill[m.group(1)](), tpl)

    # ---- paragraphs
    def _vary_match(self, m: re.Match) -> str:
        r, kind = self.rng, m.lastgroup
        if kind == "sym":
            return self.doc_symbol() if r.random() < 0.9 else m.group()
        if kind == "date":
            return self.date(r.randint(1950, 2024)) if r.random() < 0.7 else m.group()
        if kind == "res":
            return self.res_number() if r.random() < 0.8 else m.group()
        if kind == "year":
            return str(r.randint(1950, 2030)) if r.random() < 0.5 else m.group()
        return self.names.get("place", heavy_id(r)) if r.random() < 0.6 else m.group()

    def paragraph(self, kind: str, feminine: bool) -> str:
        r, s = self.rng, self.s
        pool = s.pre if kind == "preambular" else s.op
        p = r.choice(pool)
        clauses = list(p.clauses)  # a copy: the seeds are shared by every resolution
        if len(clauses) > 1 and r.random() < 0.4:  # splice with another paragraph of the same kind
            q = r.choice(pool)
            if len(q.clauses) > 1:
                clauses = clauses[:r.randint(1, len(clauses) - 1)] + list(q.clauses[r.randint(1, len(q.clauses) - 1):])
        if len(clauses) >= 4 and r.random() < 0.3:
            del clauses[r.randint(1, len(clauses) - 2)]
        if len(clauses) >= 5 and r.random() < 0.15:
            i, j = r.sample(range(1, len(clauses) - 1), 2)
            clauses[i], clauses[j] = clauses[j], clauses[i]
        if r.random() < 0.4:
            clauses.insert(r.randint(1, len(clauses)), self.template(r.choice(CLAUSE_TEMPLATES)))
        text = _VARY.sub(self._vary_match, ", ".join(clauses))
        words = text.split(" ")
        self._substitute(words)
        first = words[0]
        if p.swap and first == p.verb and r.random() < 0.3:
            words[0] = r.choice(p.swap)
        elif feminine and first in FEMININE:
            words[0] = FEMININE[first]
        if feminine and len(words) > 1 and words[1] in FEMININE:  # "Profondément préoccupé"
            words[1] = FEMININE[words[1]]
        return " ".join(words)

    def _substitute(self, words: list[str]) -> None:
        """Swap ~3% of the words for seed words of the same ending, some for generated rare words."""
        r, n = self.rng, len(words)
        if n < 4:
            return
        for _ in range(int(n * 0.03 + r.random())):
            i = r.randint(2, n - 1)
            w = words[i]
            core = w.rstrip(",;:.»)")
            if len(core) < 5 or not core.isalpha() or not core.islower():
                continue
            if r.random() < 0.15:
                suffix = next((x for x in _SUFFIXES if core.endswith(x)), core[-2:])
                new = self.names.get("stem_word", heavy_id(r)) + suffix
            else:
                group = self.s.similar.get(_sub_key(core))
                if not group:
                    continue
                new = r.choice(group)
            words[i] = new + w[len(core):]

    def closing_operative(self, session: int, title: str) -> str:
        r = self.rng
        nxt = ordinal(session + 1)
        if r.random() < 0.5:
            return f"Décide de poursuivre l’examen de la question à sa {nxt} session"
        return (f"Décide d’inscrire à l’ordre du jour provisoire de sa {nxt} session, au titre de la question "
                f"intitulée « {title} », une question subsidiaire intitulée « {r.choice(TOPICS).capitalize()} »")

    # ---- the whole text
    def resolution(self, n_paras: int) -> tuple[str, dict]:
        r = self.rng
        hrc = r.random() < 0.2
        draft = hrc and r.random() < 0.3
        n_pre = max(1, min(n_paras - 2, round(n_paras * r.uniform(0.2, 0.5))))
        n_op = n_paras - n_pre
        if hrc:
            session = r.randint(40, 58)
            year = 2006 + (session - 1) // 3
            month = {1: 3, 2: 7, 0: 10}[session % 3]
            organ = HRC
        else:
            session = r.randint(40, 79)
            year = 1945 + session
            month = 12 if r.random() < 0.85 else r.randint(9, 11)
            organ = GA
        number = r.randint(1, 330) if not hrc else r.randint(1, 60)
        symbol = f"{session}/..." if draft else f"{session}/{number}"
        adopted = self.date(year, month)
        title = self.template(r.choice(TITLE_TEMPLATES)) if r.random() < 0.85 else r.choice(self.s.titles)
        feminine = organ == GA

        paras = [self.paragraph("preambular", feminine) + "," for _ in range(n_pre)]
        for i in range(1, n_op + 1):
            last = i == n_op
            if last and r.random() < 0.5:
                body = self.closing_operative(session, title)
            else:
                body = self.paragraph("operative", feminine)
            paras.append(f"{i}. {body}{'.' if last else ' ;'}")

        header = self._header(organ, session, symbol, number, adopted, title, hrc, draft, year)
        layout = r.random()
        body_lines = self._layout(paras, layout, symbol, session, hrc)
        closing = [] if draft else self._closing(adopted, hrc)
        text = "\n".join(header + body_lines + closing) + "\n"
        if r.random() < 0.15:
            text = text.replace("’", "'")
        meta = {"pre": n_pre, "op": n_op, "symbol": symbol, "session": session, "organ": organ}
        return text, meta

    def _wrap_title(self, first: str, title: str) -> list[str]:
        lines = wrap(f"{first} {title}", self.rng.randint(70, 95), "")
        return lines[:3] if len(lines) <= 3 else lines[:2] + [" ".join(lines[2:])]

    def _header(self, organ, session, symbol, number, adopted, title, hrc, draft, year) -> list[str]:
        r = self.rng
        lines: list[str] = []
        if hrc:
            doc = f"A/HRC/{session}/L.{r.randint(1, 45)}" if draft else f"A/HRC/RES/{session}/{number}"
            lines += ["Nations Unies", doc, "", "Assemblée générale", "", "Distr. générale" if not draft else "Distr. limitée",
                      self.date(year), "", "Conseil des droits de l’homme", f"{ordinal(session, True)} session",
                      f"{r.choice(['Point 2', 'Point 3', 'Point 3', 'Point 4', 'Point 10'])} de l’ordre du jour", ""]
            if draft:
                sponsors = [self.names.get("place", heavy_id(r)) + ("*" if r.random() < 0.4 else "")
                            for _ in range(r.randint(1, 5))]
                who = sponsors[0] if len(sponsors) == 1 else ", ".join(sponsors[:-1]) + " et " + sponsors[-1]
                lines += [f"{who} : projet de résolution", ""]
            else:
                lines += [f"Résolution adoptée par le Conseil des droits de l’homme le {adopted}", ""]
            lines += self._wrap_title(symbol, title) + ["", " Le Conseil des droits de l’homme,", ""]
            return lines
        if r.random() < 0.4:
            lines += ["Nations Unies", f"A/RES/{symbol}", "", "Assemblée générale", "", "Distr. générale",
                      self.date(year + 1, r.randint(1, 3)), "", f"{ordinal(session, True)} session",
                      f"Point {r.randint(10, 140)} de l’ordre du jour", ""]
        lines.append(f"Résolution adoptée par l’Assemblée générale le {adopted}")
        lines.append("")
        if r.random() < 0.85:
            lines += [f"[sur la base du rapport de la {r.choice(COMMITTEES)} Commission (A/{session}/{r.randint(400, 650)}"
                      + (f"/Add.{r.randint(1, 3)}" if r.random() < 0.5 else "") + ")]", ""]
        else:
            lines += ["[sans renvoi à une grande commission]", ""]
        lines += self._wrap_title(f"{symbol}.", title) + ["", " L’Assemblée générale,", ""]
        return lines

    def _layout(self, paras: list[str], x: float, symbol: str, session: int, hrc: bool) -> list[str]:
        r = self.rng
        out: list[str] = []
        if x < 0.2:  # one line per paragraph (long ones still wrapped, as the parser splits flat texts)
            for p in paras:
                out += [p] if len(p) < 1400 else wrap(p, 90, "")
                out.append("")
            return out
        width = r.randint(84, 96)
        blank = x < 0.9
        for p in paras:
            out += wrap(p, width, " ")
            if blank:
                out.append("")
        if r.random() < 0.3 and len(out) > 12:  # page breaks with footnotes
            cuts = sorted(r.sample(range(4, len(out) - 2), r.randint(1, 3)))
            blocks = [(at, self._page_break(2 * i + 1, symbol, session, hrc)) for i, at in enumerate(cuts)]
            for at, block in reversed(blocks):
                if out[at - 1].strip():
                    out[at:at] = block
        return out

    def _page_break(self, note: int, symbol: str, session: int, hrc: bool) -> list[str]:
        r = self.rng
        notes = [
            f"{note} Résolution {self.res_number()}.",
            f"{note + 1} Voir Documents officiels de l’Assemblée générale, {ordinal(session)} session, "
            f"Supplément no {r.choice([3, 49, 53])} ({self.doc_symbol()}), chap. {r.choice(['II', 'III', 'IV'])}.",
        ]
        if r.random() < 0.5:
            notes[1] = f"{note + 1} {self.doc_symbol()}."
        running = f"A/HRC/RES/{symbol}" if hrc else f"A/RES/{symbol}"
        return ["", "_______________"] + notes + ["", f"{r.randint(2, 30)}", f"{r.randint(10, 24)}-{r.randint(10000, 99999)}", "", running, ""]

    def _closing(self, adopted: str, hrc: bool) -> list[str]:
        r = self.rng
        if hrc:
            vote = "[Adoptée sans vote.]" if r.random() < 0.6 else (
                f"[Adoptée à l’issue d’un vote enregistré par {r.randint(20, 40)} voix contre {r.randint(0, 15)}, "
                f"avec {r.randint(0, 10)} abstentions.]")
            return ["", f"{r.randint(30, 60)}e séance", adopted, "", vote]
        return ["", f"{r.randint(40, 85)}e séance plénière", adopted]


def _safe_break(line: str, word: str) -> bool:
    """Whether a wrapped line may start with `word` without looking like a new paragraph,
    a footnote or page furniture to the parser."""
    c = word[:1]
    if c.isdigit() or c in "*¹²³⁴⁵⁶⁷⁸⁹⁰[_":
        return False
    return not (c.isupper() and line[-1:] in ",;:.»")


def wrap(text: str, width: int, indent: str) -> list[str]:
    """Greedy hard wrap; never breaks where the next line would open like a paragraph,
    and never leaves a last line of a single word."""
    words = text.split(" ")
    lines: list[str] = []
    cur = indent + words[0]
    for w in words[1:]:
        if len(cur) + 1 + len(w) > width and _safe_break(cur, w):
            lines.append(cur)
            cur = w
        else:
            cur += " " + w
    lines.append(cur)
    if len(lines) > 1 and " " not in cur:
        head, _, tail = lines[-2].rpartition(" ")
        if head.strip() and _safe_break(head, tail):
            lines[-2], lines[-1] = head, tail + " " + cur
        else:
            lines[-2] += " " + cur
            lines.pop()
    return lines


# --------------------------------------------------------------------------- corpus

_SEEDS: Seeds | None = None


def _seeds() -> Seeds:
    global _SEEDS
    if _SEEDS is None:
        _SEEDS = Seeds()
    return _SEEDS


def plan(paragraphs: int, seed: int) -> list[int]:
    """Paragraph count of every file, summing exactly to `paragraphs`."""
    r = random.Random(f"plan:{seed}")
    sizes: list[int] = []
    left = paragraphs
    while left > 0:
        if left <= MAX_PARAS:
            k = left
        else:
            k = int(r.triangular(MIN_PARAS, MAX_PARAS + 1, MODE_PARAS))
            if left - k < MIN_PARAS:
                k = left - MIN_PARAS
        sizes.append(k)
        left -= k
    return sizes


def _folder_job(args: tuple[str, int, int, list[int]]) -> tuple[int, int, dict]:
    out, seed, folder, sizes = args
    writer = Writer(_seeds(), Names(), random.Random(f"{seed}:{folder}"))
    d = Path(out) / f"d{folder:04d}"
    d.mkdir(parents=True, exist_ok=True)
    nbytes = 0
    meta: dict[str, list] = {}
    for j, k in enumerate(sizes):
        text, m = writer.resolution(k)
        data = text.encode("utf-8")
        name = f"r{folder * FILES_PER_DIR + j:07d}.txt"
        (d / name).write_bytes(data)
        nbytes += len(data)
        meta[f"{d.name}/{name}"] = [m["pre"], m["op"], m["symbol"], m["session"], m["organ"]]
    return folder, nbytes, meta


def read_manifest(out: Path) -> dict | None:
    try:
        return json.loads((Path(out) / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def generate(out: str | Path, paragraphs: int, seed: int = 1, jobs: int | None = None,
             reuse: bool = False, quiet: bool = False) -> dict:
    """Write the corpus (or reuse an identical one); return its manifest."""
    out = Path(out)
    old = read_manifest(out)
    if reuse and old and old.get("version") == GENERATOR_VERSION and old.get("seed") == seed \
            and old.get("paragraphs") == paragraphs:
        if not quiet:
            print(f"generate: reusing {out} ({old['files']} files, {old['paragraphs']} paragraphs, "
                  f"{old['bytes'] / 1e6:.1f} MB)")
        return old
    if out.exists() and any(out.iterdir()):
        if old is None:
            raise SystemExit(f"generate: {out} is not empty and was not made by this generator; refusing to overwrite")
        for child in out.iterdir():
            if child.is_dir() and re.fullmatch(r"d\d{4}", child.name):
                shutil.rmtree(child)
        (out / MANIFEST).unlink()
    out.mkdir(parents=True, exist_ok=True)

    t0 = time.perf_counter()
    _seeds()  # parse the seeds once, before forking
    sizes = plan(paragraphs, seed)
    tasks = [(str(out), seed, f, sizes[i:i + FILES_PER_DIR]) for f, i in enumerate(range(0, len(sizes), FILES_PER_DIR))]
    jobs = max(1, min(jobs or os.cpu_count() or 1, len(tasks)))
    total_bytes = 0
    files_meta: dict[str, list] = {}
    if jobs == 1:
        results = map(_folder_job, tasks)
    else:
        pool = multiprocessing.get_context("fork").Pool(jobs)
        results = pool.imap(_folder_job, tasks)
    try:
        for done, (folder, nbytes, meta) in enumerate(results, 1):
            total_bytes += nbytes
            files_meta.update(meta)
            if not quiet and len(tasks) > 4 and (done % max(1, len(tasks) // 10) == 0):
                print(f"  … {done}/{len(tasks)} folders", file=sys.stderr)
    finally:
        if jobs > 1:
            pool.close()
            pool.join()
    seconds = time.perf_counter() - t0
    pre = sum(m[0] for m in files_meta.values())
    manifest = {
        "version": GENERATOR_VERSION, "seed": seed, "paragraphs": paragraphs, "files": len(files_meta),
        "bytes": total_bytes, "preambular": pre, "operative": paragraphs - pre,
        "seconds": round(seconds, 2), "files_meta": files_meta,
    }
    (out / MANIFEST).write_text(json.dumps(manifest, ensure_ascii=False), encoding="utf-8")
    if not quiet:
        print(f"generate: wrote {len(files_meta)} files, {paragraphs} paragraphs ({pre} preambular, "
              f"{paragraphs - pre} operative), {total_bytes / 1e6:.1f} MB in {seconds:.1f} s "
              f"({paragraphs / max(seconds, 1e-9):,.0f} paragraphs/s, {jobs} jobs) → {out}")
    return manifest


def check(out: str | Path, sample: int = 50, seed: int = 0, verbose: bool = True) -> int:
    """Parse a sample of generated files back; return the number of files that disagree."""
    from indexer import ParseError, parse_file

    out = Path(out)
    manifest = read_manifest(out)
    if manifest is None:
        raise SystemExit(f"generate: no {MANIFEST} in {out}")
    names = sorted(manifest["files_meta"])
    picked = random.Random(f"check:{seed}").sample(names, min(sample, len(names)))
    bad = 0
    for name in sorted(picked):
        pre, op, symbol, session, organ = manifest["files_meta"][name]
        problems = []
        try:
            res = parse_file(out / name)
        except ParseError as e:
            problems.append(f"parse error: {e}")
        else:
            kinds = [p.kind for p in res.paragraphs]
            got_pre, got_op = kinds.count("preambular"), kinds.count("operative")
            if (got_pre, got_op) != (pre, op):
                problems.append(f"paragraphs {got_pre}+{got_op}, expected {pre}+{op}")
            if kinds != ["preambular"] * got_pre + ["operative"] * got_op:
                problems.append("preambular after operative")
            numbers = [p.number for p in res.paragraphs if p.kind == "operative"]
            if numbers != list(range(1, len(numbers) + 1)):
                problems.append(f"operative numbers {numbers[:5]}…")
            if any(p.verb is None for p in res.paragraphs):
                problems.append("paragraph without verb")
            if (res.symbol, res.session, res.organ) != (symbol, session, organ):
                problems.append(f"header {res.symbol!r} {res.session!r} {res.organ!r}, expected {symbol!r} {session!r} {organ!r}")
            if res.warnings:
                problems.append(f"warnings {res.warnings}")
        if problems:
            bad += 1
            if verbose:
                print(f"check: {name}: " + "; ".join(problems))
    if verbose:
        print(f"check: {len(picked) - bad}/{len(picked)} sampled files parse back to the expected paragraphs")
    return bad


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("out", help="output directory (created; must be empty or made by this generator)")
    ap.add_argument("--paragraphs", type=int, help="total number of paragraphs to write")
    ap.add_argument("--seed", type=int, default=1)
    ap.add_argument("--jobs", type=int, default=None, help="worker processes (default: all cores)")
    ap.add_argument("--reuse", action="store_true", help="keep an existing corpus made with the same parameters")
    ap.add_argument("--check", action="store_true", help="after generating, parse ~50 files back and compare")
    ap.add_argument("--check-only", action="store_true", help="only check an existing corpus")
    ap.add_argument("--sample", type=int, default=50, help="files parsed by --check (default 50)")
    a = ap.parse_args(argv)
    if not a.check_only:
        if not a.paragraphs or a.paragraphs < 1:
            ap.error("--paragraphs N is required")
        generate(a.out, a.paragraphs, a.seed, a.jobs, reuse=a.reuse)
    if a.check or a.check_only:
        return 1 if check(a.out, a.sample) else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
