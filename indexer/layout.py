"""Raw text → the resolution's lines, with page furniture and footnotes taken out.

Works line by line: each line is classified (blank, separator, page noise, footnote,
text) so that the paragraph splitter only ever sees the body of the resolution.
"""

from __future__ import annotations

import re

from . import lexicon, organs
from .clean import strip_markup

# A text flattened onto long lines (a whole document on one line, a web page's resolution
# run together): break it where paragraphs, the opening formula, the header parts and the
# adoption lines would start, then read it like any other layout. Breaking is harmless:
# continuation lines are joined again, and a piece only starts a paragraph if it opens one.
_LONG_LINE = 200


def _alternation(words: frozenset[str]) -> str:
    """A regex matching any of the words, factored by first letter: the engine tries a
    handful of letters instead of every word (this runs after every comma of a long line)."""
    by_letter: dict[str, list[str]] = {}
    for w in words:
        by_letter.setdefault(w[0], []).append(w[1:])
    return "(?:" + "|".join(
        re.escape(first) + "(?:" + "|".join(re.escape(rest) for rest in sorted(rests, key=len, reverse=True)) + ")"
        for first, rests in sorted(by_letter.items())
    ) + ")"


_INTRO_WORDS = _alternation(lexicon.PREAMBULAR | lexicon.OPERATIVE)
_PRE_WORDS = _alternation(lexicon.PREAMBULAR)
_ORGAN_NAMES = organs.names_pattern(capture=False)
_FORMULA_HEAD = rf"(?:L’|L|Le |La |I\.e |I’)(?:{_ORGAN_NAMES[3:-1]})"
# A break replaces one space (the line's spaces are unified first); the pattern starts with
# that literal space so that the regex engine skips straight to spaces, and every branch
# after it is a fixed-width look-behind or a bounded look-ahead: linear on any input.
_FLAT_BREAKS = re.compile(
    " (?:"
    r"(?<=[,;:.] )(?=\d{1,3}\.\s\*?[A-ZÀ-Ý])"  # "; 2. Prie"
    rf"|(?<=[,;] )(?=\*?(?:[A-ZÀ-Ý][a-zà-ÿ]{{2,20}}ment\s[a-zà-ÿ]|(?:{_INTRO_WORDS})\b))"  # ", Rappelant"
    rf"|(?<=\. )(?=[A-ZÀ-Ý][a-zà-ÿ]{{2,20}}ment\s[a-zà-ÿ]|(?:{_PRE_WORDS})\s)"  # "1979. Exprimant"
    rf"|(?=[«\"“]?\s?{_FORMULA_HEAD},?\s[A-ZÀ-Ý])"  # "… : « L’Assemblée générale, Ayant"
    r"|(?:(?<=générale )|(?<=sécurité )|(?<=l’homme )|(?<=lhomme )|(?<= social )"
    r"|(?<=générale, )|(?<=sécurité, )|(?<=l’homme, )|(?<=lhomme, )|(?<= social, ))(?=[A-ZÀ-Ý][a-zà-ÿ])"
    r"|(?=(?:E?S-)?\d{1,4}/(?:\d{1,4}|\.\.\.)\.?\s[A-ZÀ-Ý])"  # "68/160. Titre"
    r"|(?=\d{1,5} \((?:\d{4}|[IVXLC]{1,7})\)\.\s[A-ZÀ-Ý])"  # "1235 (XLII). Titre"
    r"|(?=Résolution adoptée|Adoptée par|Adoptée [àâa] |Distr\.|\[sur la base|Point \d|(?:Décisions? )?(?:À|A) sa \d{1,4}[e°] s[ée]ance)"
    r"|(?=Résolution \d{1,5} \(\d{4}\)\s)|(?<=\(\d{4}\) )(?=du \d)|(?<=\d{4} )(?=Le Conseil de sécurité)"
    r"|(?<=[.;] )(?=\d{1,4}e\s+séance)"
    ")"
)
_WIKI_EDIT = re.compile(r"\[\s*modifier[^\]\n]{0,40}\]", re.IGNORECASE)
# A wiki's note calls glued to a word ("Secrétaire général[1]", "1966[2],"); UN texts use superscripts.
_WIKI_REF = re.compile(r"\[(?:note\s*)?\d{1,3}\]")  # a literal first: a fast scan
_WIKI_REF_NEEDED = re.compile(r"\s?\[réf\. nécessaire\]")


def _unref(m: re.Match) -> str:
    # Only a call glued to what precedes it ("général[1]"), not a bracketed number on its own.
    before = m.string[m.start() - 1:m.start()]
    return "" if before and not before.isspace() else m.group()


# What a saved web page prints after the resolution: its end, not a paragraph's continuation.
_TRAILER = re.compile(
    r"^\s*(?:Haut de (?:la )?page|Retour\b|Récupérée de|Catégories?\s*:|Menu de navigation|Ce texte est"
    r"|Licence|Notes?(?: et références)?\s*$|Références\s*$|Voir aussi\s*$|Articles? connexes?\s*$"
    r"|Liens? externes?\s*$|Partager\b|Imprimer\b|©|Copyright|Accueil\s*$|Remonter\s*$|Sommaire\s*$"
    r"|Tous droits|Dernière modification|Page (?:précédente|suivante)|(?:À )?[Ll]ire aussi|Mentions légales"
    r"|Politique de confidentialité|Abonnez-vous|Publié le\b|Mis à jour le\b|Portail\b)",
)


_SEPARATOR = re.compile(r"^\s*(?:[_\-–—=]{5,}|(?:\*\s*){3,})\s*$")
_NOISE = re.compile(
    r"^\s*(?:"
    r"https?://\S*|\S*undocs\.org\S*"
    r"|(?:GE\.)?\d{2}-\d{4,6}\s*(?:\([A-Z]\))?(?:\s+\d{6}){0,2}"  # job numbers: 13-45678 (F), GE.23-12345(F)
    r"|(?:GE\.)?\d{2}-\d{4,6}\s*(?:\([A-Z]\))?\s\d{1,3}/\d{1,3}"  # a PDF footer read as one line: 13-44851 (F) 2/3
    r"|\d{1,3}/\d{1,3}\s(?:GE\.)?\d{2}-\d{4,6}\s*(?:\([A-Z]\))?"
    r"|\*?\d{6,}\*?"  # barcodes (*1723011*; the asterisks may be gone as markdown emphasis)
    r"|(?:Page\s+)?\d{1,3}(?:\s*/\s*\d{1,3})?"  # page numbers: 3, 2/5, Page 4
    r"|[ASE](?:/[A-Z][A-Za-z0-9.]*)*/\d[\w.]*(?:/[\w.]+)*(?:\s\(\d{4}\))?"  # running header: A/RES/68/160
    r"|Veuillez recycler\W*|♲"
    # Running titles of the yearly volumes: "6   Résolutions et décisions du Conseil de sécurité — 1966",
    # "Assemblée générale — Trentième session   41".
    r"|(?:\d{1,3}\s+)?R[ée]solutions et d[ée]cisions du Conseil de s[ée]curit[ée](?:\s*[—–-]\s*\d{4})?(?:\s+\d{1,3})?"
    r"|(?:\d{1,3}\s+)?" + organs.names_pattern(capture=False) + r"\s*[—–-]\s*"
    r"(?:[A-Za-zÀ-ÿ’-]+\s){1,4}(?:session|année)(?:\s+\d{1,3})?"
    # A Wikisource page's banners, between the pages of a transcribed volume.
    r"|Page\s?:.{1,120}\.djvu/\d{1,4}|Cette page (?:n’a pas encore été|a été) (?:corrigée|validée)\.?"
    r"|La bibliothèque libre\.?|Aller au contenu|Apparence|Sauter à la navigation"
    r"|[|•·]+"
    r")\s*$"
)
DOC_SYMBOL = re.compile(r"^\s*([ASE](?:/[A-Z][A-Za-z0-9.]*)*/\d[\w.]*(?:/[\w.]+)*(?:\s\(\d{4}\))?)\s*$")

# Footnotes: a call number, superscript or asterisk, then a reference.
_FOOTNOTE = re.compile(r"^\s*(?:(?P<sup>[¹²³⁴⁵⁶⁷⁸⁹⁰]+|\*{1,3})\s*|(?P<num>\d{1,3})\s+)(?P<rest>\S.*)$")
FOOTNOTE_OPENER = re.compile(
    r"^(?:Voir|Voy\.|Résolutions?|Décisions?|Documents? officiels|Ibid|Idem|Rapport|Publication|Nations Unies|"
    r"Adoptée?s?|Disponible|[EÉ]tats? non membres?|Au nom|Sous la cote|Recueil|Le texte|Dans |Cf\.|"
    r"[A-Z]{1,6}/|[A-Z]{1,4}\.\d|https?:)"
)
_TERMINAL = (".", ")", "»", "]")


def split_lines(text: str) -> list[str]:
    """Lines of the text, with flattened layouts broken up and double spacing undone."""
    lines: list[str] = []
    if "[modif" in text:
        text = _WIKI_EDIT.sub("", text)
    if "[" in text:
        text = _WIKI_REF.sub(_unref, text)
        if "[réf" in text:
            text = _WIKI_REF_NEEDED.sub("", text)
    for line in text.split("\n"):
        if len(line) > _LONG_LINE:
            lines.extend(_FLAT_BREAKS.sub("\n", " ".join(line.split())).split("\n"))
        else:
            lines.append(line)
    lines = [strip_markup(line).rstrip() for line in lines]
    if _QUOTED_LINES.search("\n" + text):
        lines = _unquote_paragraphs(lines, len(_QUOTED_LINES.findall("\n" + text)))
    return _join_lone_numbers(_undo_double_spacing(lines))


_QUOTED_START = re.compile(r"^(\s*)[«“\"]\s?(?=[A-ZÀ-Ý0-9])")
_QUOTED_LINES = re.compile(r"\n[ \t]*[«“\"] ?[A-ZÀ-Ý0-9]")  # searched in "\n" + text: a literal first


def _unquote_paragraphs(lines: list[str], quoted: int) -> list[str]:
    # French quoting opens every paragraph of a quoted text with « : a web page quoting a
    # whole resolution does so. A lone quoted passage inside a paragraph keeps its «.
    if quoted < 3 or quoted < 0.25 * sum(1 for line in lines if line):
        return lines
    return [_QUOTED_START.sub(r"\1", line) for line in lines]


_LONE_NUMBER = re.compile(r"^\s*\d{1,3}\.$")


def _join_lone_numbers(lines: list[str]) -> list[str]:
    # Some extractions put an operative number on a line of its own ("2." / "Estime que…").
    out: list[str] = []
    pending = ""
    for line in lines:
        if pending and line.strip():
            out.append(pending + " " + line.strip())
            pending = ""
        elif _LONE_NUMBER.match(line):
            pending = line.strip()
        elif not pending:
            out.append(line)
    if pending:
        out.append(pending)
    return out


def _undo_double_spacing(lines: list[str]) -> list[str]:
    # PDF extractions that put a blank line after every line lose nothing when those
    # blanks go; real gaps (page breaks) are then still marked by a blank line.
    text_lines = sum(1 for line in lines if line.strip())
    follow_blank = sum(1 for a, b in zip(lines, lines[1:]) if a.strip() and b == "")
    if text_lines < 10 or follow_blank < 0.8 * text_lines:
        return lines
    return [b for a, b in zip([""] + lines, lines) if not (b == "" and a.strip())]


_COLUMNS = re.compile(r"\s{2,}")


def is_noise(line: str) -> bool:
    """Page furniture: URLs, job numbers, barcodes, page numbers, running symbols.

    A footer may set several side by side ("17-23011        3/4"), and a running header
    sets the symbol beside the short title ("A/RES/72/298        Coopération Sud-Sud…").
    """
    if _NOISE.match(line):
        return True
    parts = _COLUMNS.split(line.strip())
    if len(parts) < 2:
        return False
    return all(_NOISE.match(part) for part in parts) or bool(DOC_SYMBOL.match(parts[0]) or DOC_SYMBOL.match(parts[-1]))


def is_trailer(line: str) -> bool:
    """Web page furniture printed after a resolution (`Haut de page`, `Récupérée de …`)."""
    return len(line) < 120 and bool(_TRAILER.match(line))


def body_lines(lines: list[str]) -> list[str]:
    """Text lines of the body, footnotes and page furniture removed."""
    out: list[str] = []
    gap = True
    in_note = False  # inside a footnote whose text may still wrap onto the next line
    prev_note = ""
    for line in lines:
        stripped = line.strip()
        if not stripped:
            gap, in_note = True, False
            continue
        if _SEPARATOR.match(stripped) or is_noise(stripped):
            gap, in_note = True, False
            continue
        if _is_footnote(stripped, gap or bool(prev_note)):
            in_note, prev_note = True, stripped
            gap = True
            continue
        if in_note and _continues_note(prev_note, stripped):
            prev_note = stripped
            continue
        in_note, prev_note = False, ""
        out.append(line)
        gap = False
    return out


def _is_footnote(line: str, after_gap: bool) -> bool:
    m = _FOOTNOTE.match(line)
    if not m:
        return False
    rest = m.group("rest")
    if m.group("sup"):
        return rest[:1].isupper() or bool(FOOTNOTE_OPENER.match(rest))
    if FOOTNOTE_OPENER.match(rest):
        return True
    # "20 États Membres…" wrapped in mid-sentence must stay text: only after a gap.
    return after_gap and rest[:1].isupper() and not re.match(r"[A-ZÀ-Ý][a-zà-ÿ]+ment\b", rest)


def _continues_note(note: str, line: str) -> bool:
    # A footnote wraps only when its line is long and unfinished; a short or finished
    # note is followed by the resumed body text.
    return len(note) > 60 and not note.endswith(_TERMINAL) and not line.startswith(" ")
