"""Small pure text repairs applied to lines and paragraph bodies."""

from __future__ import annotations

import re

from .decode import normalize

MONTHS = "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre|décembre|decembre"
DATE = re.compile(rf"\b(1er|\d{{1,2}})\s+({MONTHS})\s+((?:19|20)\d\d)\b", re.IGNORECASE)
_MONTH_NUM = {m: i for i, m in enumerate(
    ["janvier", "fevrier", "mars", "avril", "mai", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre"], 1)}

# Markdown-like layouts: headings, bold, italics and "71^e" superscript carets.
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+")
_MD_EMPH = re.compile(r"\*{1,2}(?=\S)([^*\n]*?\S)\*{1,2}")
_MD_EDGE = re.compile(r"^\*{1,2}(?=[^\s*])|(?<=[^\s*])\*{1,2}$")
_CARET = re.compile(r"(?<=\d)\^(?=[a-z])")


def strip_markup(line: str) -> str:
    """Remove markdown headings, emphasis and carets; keep footnote asterisks that stand alone."""
    if "#" in line:
        line = _MD_HEADING.sub("", line)
    if "*" in line:
        line = _MD_EMPH.sub(r"\1", line)
        line = _MD_EDGE.sub("", line.rstrip())
    if "^" in line:
        line = _CARET.sub("", line)
    return line


# OCR reads the elided "l’" as a capital I ("I’homme"); "I’" never starts a French word.
_OCR_I = re.compile(r"(?<![\w’])I’\s?(?=[A-Za-zÀ-ÿ])")
_OCR_SPACED_ELISION = re.compile(r"(?<![\w’])([dDlLjJmMnNsStTcC]|[qQ]u|[jJ]usqu|[lL]orsqu|[pP]uisqu)’ (?=[a-zà-ÿA-ZÀ-Ý])")
_OCR_HOMME = re.compile(r"(?<=l’)(?:lhn|lh|hn|n|ln)omme\b")
_OCR_HOMME_HINT = re.compile(r"l’(?:l|hn|n)")
# "1er" scanned as "1°"" (superscript "er" read as a degree sign and a quote).
_OCR_PREMIER = re.compile(r"(?<![\d/])1°[\"”]?(?= )")
# OCR reads "à" as "&"; between lower-case words "&" is never the ampersand of a name.
_OCR_AMPERSAND = re.compile(r"(?<=[a-zà-ÿ,] )&(?= [a-zà-ÿ])")


def repair_ocr(text: str) -> str:
    """Fix OCR damage whose clean reading is certain (`I’homme`, `I’lhnomme`, `ceuvre`)."""
    if "I’" in text:
        text = _OCR_I.sub("l’", text)
    if "’ " in text:
        text = _OCR_SPACED_ELISION.sub(r"\1’", text)
    if "omme" in text and _OCR_HOMME_HINT.search(text):
        text = _OCR_HOMME.sub("homme", text)
    if "°" in text:
        text = _OCR_PREMIER.sub("1er", text)
    if "&" in text:
        text = _OCR_AMPERSAND.sub("à", text)
    if "euvr" in text:
        text = text.replace("ceuvr", "œuvr").replace("Ceuvr", "Œuvr")
    return text


# An operative paragraph's number as printed: `3. Prie…`, `12, Décide…` (OCR's comma).
PARAGRAPH_NUMBER = re.compile(r"^\s*(\d{1,3})\s?([.,])\s+(\S.*)$")
# A word break of a paste whose line ends became spaces (see as_indexed).
_PASTED_BREAK = re.compile(r"(?<=[a-zà-ÿ])- (?!(?:et|ou|ni)\b)(?=[a-zà-ÿ])")


def as_indexed(text: str) -> str:
    """Typed or pasted text given the repairs paragraph text gets at indexing (composed
    accents, one apostrophe, odd spaces, lines joined and their word breaks mended, OCR's
    `I’homme`, numbered footnote calls, the paragraph number): a passage pasted from a PDF or a
    scan reads as the index does."""
    # A one-line search box takes a paste's line breaks for spaces (`so- ciété`): such a
    # hyphen is read as the line end it was (not a suspended one: `pré- et postnatal`).
    text = normalize(text)
    if "- " in text:
        text = _PASTED_BREAK.sub("-\n", text)
    text = strip_footnote_markers(repair_ocr(join_lines(text.split("\n"))), query=True)
    numbered = PARAGRAPH_NUMBER.match(text)
    return numbered.group(3) if numbered and numbered.group(3)[:1].isupper() else text


# Footnote call markers, found in one pass: superscripts ("homme⁴"); digits glued to a
# lower-case word or a closing quote ("homme1 pour", "santé »3,"); OCR's ?, *, ®, † glued to
# a word ("session?,"); and a marker set apart before a comma ("Durban 2 ,": French puts no
# space before a comma).
# One character class up front keeps this scan fast; _marker() decides from the context.
# The lookbehind starts a match only at the head of a run, so a long run of digits is
# scanned once, not once per digit.
_MARKERS = re.compile(r"(?<![0-9¹²³⁴⁵⁶⁷⁸⁹⁰?*®†‡])[0-9¹²³⁴⁵⁶⁷⁸⁹⁰?*®†‡]+(?=[\s,;.:)]|$)")
_NUMBER_MARKERS = re.compile(r"(?<![0-9¹²³⁴⁵⁶⁷⁸⁹⁰])[0-9¹²³⁴⁵⁶⁷⁸⁹⁰]+(?=[\s,;.:)]|$)")  # no wildcard among them
_SPACED_MARKER = re.compile(r"(?<=\w) \d{1,2} (?=,)")
_SUPERSCRIPT_CHARS = frozenset("¹²³⁴⁵⁶⁷⁸⁹⁰")
# "8 septembre 20002": a marker glued to a year after a month name.
_YEAR_MARKER = re.compile(rf"(\b(?:{MONTHS})\s+(?:19|20)\d\d)\d{{1,2}}\b", re.IGNORECASE)
_FIVE_DIGITS = re.compile(r"(?:19|20)\d{3}")
_URL = re.compile(r"\s*https?://\S+")


def _marker(m: re.Match) -> str:
    found, at, text = m.group(), m.start(), m.string
    if found[0] in _SUPERSCRIPT_CHARS:
        return ""
    before = text[max(0, at - 2):at]
    if found[0].isdigit():
        glued = before[-1:] == "»" or (len(before) == 2 and before.isalpha() and before.islower())
        return "" if glued and len(found) <= 2 else found
    return "" if before[-1:] == "»" or (before[-1:].isalpha() and before[-1:].islower()) else found


def strip_footnote_markers(text: str, query: bool = False) -> str:
    """Remove footnote call markers (`homme1`, `20002`, `Durban 2 ,`, `homme⁴`, `session?,`).

    In a `query`, only the numbered ones: `coop*` and `session?` are wildcards, a URL is words.
    """
    if _FIVE_DIGITS.search(text):
        text = _YEAR_MARKER.sub(r"\1", text)
    text = (_NUMBER_MARKERS if query else _MARKERS).sub(_marker, text)
    if " ," in text:
        text = _SPACED_MARKER.sub("", text)
    if "http" in text and not query:
        text = _URL.sub("", text)
    return text


# Prefixes that keep their hyphen when a line breaks right after them ("non-\ngouvernementales").
_KEEP_HYPHEN = frozenset(
    "non vis-à sous quasi bien demi ex post contre après avant arrière mi peut grand grands haut hauts "
    "nord sud est ouest centre moyen porte chef chefs état états "
    # Compound numbers, as in every session ordinal: `cinquante-quatrième`, `soixante-dix`.
    "dix vingt trente quarante cinquante soixante "
    # Peoples joined by a linking o (`israélo-palestinien`, `turco-chypriote`); not those that
    # also begin a word broken by syllables (`arabo-\nphones`, `franco-\nphonie`).
    "israélo gréco turco serbo sino".split()
)


def join_lines(lines: list[str], hyphenated: set[str] | None = None) -> str:
    """Join wrapped lines into one; mend word-break hyphens, keep real ones (`Sud-Sud`)."""
    # Pieces joined once at the end: linear in the paragraph's length however many lines.
    parts: list[str] = []
    for raw in lines:
        line = raw.strip()
        if not line:
            continue
        last = parts[-1] if parts else ""
        if not parts:
            parts.append(line)
        elif last.endswith("-") and (last[-2:-1] or _before(parts)).isalpha():
            head = _tail(parts)[:-1].rsplit(" ", 1)[-1]
            tail = line.split(" ", 1)[0]
            keep = (
                tail[:1].isupper()
                or tail[:1].isdigit()  # `COVID-\n19`: no syllable starts with a digit
                or "-" in head
                or head.lower() in _KEEP_HYPHEN
                or (hyphenated is not None and f"{head}-{tail}".lower().rstrip(",;.:") in hyphenated)
            )
            if not keep:
                parts[-1] = last[:-1]
            parts.append(line)
        elif last.endswith("’"):
            parts.append(line)
        else:
            parts.append(" ")
            parts.append(line)
    return "".join(parts)


# Words longer than this are not words; looking further back would make joining quadratic.
_WORD_WINDOW = 200


def _tail(parts: list[str]) -> str:
    """The last _WORD_WINDOW characters of "".join(parts), without joining everything."""
    out, size = [], 0
    for piece in reversed(parts):
        out.append(piece)
        size += len(piece)
        if size >= _WORD_WINDOW:
            break
    return "".join(reversed(out))[-_WORD_WINDOW:]


def _before(parts: list[str]) -> str:
    # The character before a one-character last piece ("-" alone on its line).
    return parts[-2][-1:] if len(parts) > 1 else ""


_SPACES = re.compile(r"\s{2,}")


def tidy(text: str) -> str:
    """Collapse runs of spaces and trim."""
    if "  " in text or "\t" in text:
        text = _SPACES.sub(" ", text)
    return text.strip()


def find_date(text: str) -> str | None:
    """First French date in text as ISO `YYYY-MM-DD`, or None."""
    m = DATE.search(text)
    if not m:
        return None
    day = 1 if m.group(1).lower() == "1er" else int(m.group(1))
    month = _MONTH_NUM[m.group(2).lower().replace("é", "e").replace("û", "u")]
    return f"{int(m.group(3)):04d}-{month:02d}-{day:02d}"
