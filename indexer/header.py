"""Resolution metadata read from the header lines: symbol, organ, session, type, date, title."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from . import organs, symbols
from .clean import find_date, repair_ocr, tidy
from .layout import DOC_SYMBOL, is_noise
from .verbs import fold

ORGANS = {o.name: (o.formula_key, o.doc_prefix) for o in organs.ORGANS}
_FORMULA_KEYS = {key: organ for organ, (key, _) in ORGANS.items()}

# A heading that names the resolution: `68/160. Titre`, `3212 (XXIX). Question de Chypre`,
# `193 (1964). Résolution du 9 août 1964`, `ES-10/14. Mesures illégales…`.
_SYMBOL_TITLE = re.compile(
    rf"^\s*(?P<sym>{symbols.NUMBER})\.?(?:\s+(?P<title>[A-ZÀ-Ý«\"].*))?$"
)
# `Résolution 242 (1967)`, `Résolution 220 (1966) du 16 mars 1966`, `RESOLUTION 31/12 (1976)`,
# `Résolution 3212 de l’Assemblée générale des Nations unies (1er novembre 1974)`, `Résolution 186`.
_RES_HEADING = re.compile(
    rf"^\s*R[ÉEée]SOLUTION\s+(?:n[°o]\s*)?(?P<sym>{symbols.NUMBER}|\d{{1,5}})(?:\s*\(\d{{4}}\))?"
    r"(?P<rest>\s+(?:du|de|des|d’|adopt|\(|\[).{0,150})?\s*$",
    re.IGNORECASE,
)
_SESSION = re.compile(
    r"^\s*(?P<ord>(?:[A-Za-zÀ-ÿ’-]+ ){0,7}?[A-Za-zÀ-ÿ’-]+)\s+session(?:\s+extraordinaire)?(?:\s+d’urgence)?\s*$",
    re.IGNORECASE,
)
_ADOPTED = re.compile(
    r"(?:adopt[ée]e\s+par\s.{0,120}?\b(?:le|du)|\ba\s+adopté\b.{0,80}?\ble"
    r"|\b(?:est|a\s+été|fut)\s+adoptée?\b.{0,40}?\ble)\s+((?:1er|\d{1,2})\s+\w+\s+\d{4})",
    re.IGNORECASE | re.DOTALL,
)
# "À sa 1274e séance, le 15 mars 1966, le Conseil de sécurité a adopté la résolution suivante".
_MEETING_ADOPTED = re.compile(
    r"\b[àa]\s+sa\s+\d{1,4}\s?(?:e|ème)\s+séance(?:\s+plénière)?,\s+(?:tenue\s+)?le\s+((?:1er|\d{1,2})\s+\w+\s+\d{4})"
    r"[^.]{0,80}?\badopt",
    re.IGNORECASE,
)
# A web or news page names the resolution in a sentence: "… a adopté la résolution 3212 (XXIX)".
_PROSE_SYMBOL = re.compile(
    rf"\b(?:la\s+)?r[ée]solution\s+(?:n[°o]\s*)?({symbols.NUMBER})(?=[\s,.;)])[^.\n]{{0,80}}?\badopt|"
    rf"\badopt\w*\b[^.\n]{{0,80}}?\br[ée]solution\s+(?:n[°o]\s*)?({symbols.NUMBER})(?=[\s,.;)])",
    re.IGNORECASE,
)
_DRAFT = re.compile(r"projet\s+de\s+r[ée]solution", re.IGNORECASE)
# A document symbol printed at the end of a header line ("Nations Unies      A/RES/68/160").
_TRAILING_SYMBOL = re.compile(
    r"(?:^|\s{2,}|(?<=Nations Unies)\s)([ASE](?:/[A-Z][A-Za-z0-9.]*)*/\d[\w.]*(?:/[\w.]+)*(?:\s\(\d{4}\))?)\s*$")
# In a header flattened onto one line, only an adopted resolution's symbol is unambiguous
# (report and draft symbols are cited there too).
_RES_SYMBOL = re.compile(r"(?<![\w/(])([ASE](?:/[A-Z][A-Za-z0-9.]*)*/RES/[\w.-]*\d[\w.]*(?:/[\w.]+)*(?: \(\d{4}\))?)")
# Lines that end the operative part: `71e séance plénière`, `Adoptée à l’unanimité à la 1258e
# séance.`, `Adoptée à la 1143e séance par 9 voix contre zéro…`, the decisions printed between
# resolutions in the yearly volumes (`A sa 1274e séance, le 15 mars 1966, le Conseil a décidé…`),
# `[Adoptée sans vote.]`.
_CLOSING = re.compile(
    r"^\s*(?:\d{1,4}\s?(?:e|ᵉ|re|er|ème)\s+séance\b"
    # Capitalised: "…, adoptée par la Sous-Commission" wrapped onto a line is prose.
    r"|(?-i:\[?Adoptée?s?\s+(?:à|â|a|par|sans)\s)"
    r"|(?-i:(?:Décisions?\s+)?(?:À|A)\s+sa\s+\d{1,4}\s?(?:e|ᵉ|ème|°)\s+s[ée]ance))",
    re.IGNORECASE,
)
_HEADING_ORGAN = re.compile(
    r"\b(?:du|de\s+l’?|de\s+la|par\s+l’?|par\s+le|par\s+la)\s*" + organs.names_pattern(ORGANS), re.IGNORECASE)
_ORGAN_LINE = re.compile(r"^\s*" + organs.names_pattern() + r"\s*$")
_ADOPTED_BY = re.compile(r"adoptée par (?:l’|le |la )" + organs.names_pattern())


@dataclass
class Header:
    """Metadata found before the opening formula."""

    symbol: str | None = None
    doc_symbol: str | None = None
    organ: str | None = None
    session: int | None = None
    document_type: str | None = None
    adopted: str | None = None
    title: str | None = None


_QUOTES = "«»\"“”’ \t"
_FORMULA_START = frozenset("LlI|")
_FORMULA_LENGTHS = range(min(map(len, _FORMULA_KEYS)) - 4, max(map(len, _FORMULA_KEYS)) + 5)


def formula_organ(line: str) -> str | None:
    """The organ named by an opening formula line (`L’Assemblée générale,`), OCR-tolerant.

    Also read: the formula in quotes (`« L’Assemblée générale,`), without its comma when it
    is spelt exactly (`LAssemblée générale`, a web page that lost the apostrophe), and OCR
    damage (`I.e Conseil de sécurité,`, `La Conseil de sécurité,`).
    """
    s = line.strip(_QUOTES)
    if not (8 < len(s) < 70 and s[0] in _FORMULA_START):
        return None
    key = re.sub(r"[^a-z]", "", fold(s))
    if s.endswith(","):
        return _fuzzy_organ(key) if len(key) in _FORMULA_LENGTHS else None
    return _FORMULA_KEYS.get(key)


@lru_cache(maxsize=1024)
def _fuzzy_organ(key: str) -> str | None:
    if key in _FORMULA_KEYS:
        return _FORMULA_KEYS[key]
    close = difflib.get_close_matches(key, _FORMULA_KEYS.keys(), n=1, cutoff=0.88)
    return _FORMULA_KEYS[close[0]] if close else None


def is_closing(line: str) -> bool:
    """A line that ends the operative part: `71e séance plénière`, `Adoptée à l’unanimité…`."""
    return bool(_CLOSING.match(line))


def heading_symbol(line: str) -> str | None:
    """The resolution number a heading line names (`Résolution 242 (1967)`, `68/160. Titre`)."""
    if len(line) > 400:
        return None
    m = _SYMBOL_TITLE.match(line) or _RES_HEADING.match(line)
    return re.sub(r"\s+", " ", m.group("sym")).replace("…", "...") if m else None


def read_header(lines: list[str], organ: str | None) -> Header:
    """Metadata from the header lines; `organ` is the one named by the opening formula, if any.

    The heading nearest the opening formula names the resolution: a web page's menu or an
    official volume's earlier entries come before it.
    """
    h = Header(organ=organ)
    text = "\n".join(lines)
    heading_date = None
    heading_organ = None
    for i, line in enumerate(lines):
        if len(line) > 400:
            continue  # a paragraph of prose, not a header line
        if h.doc_symbol is None and (m := DOC_SYMBOL.match(line) or _TRAILING_SYMBOL.search(line)):
            h.doc_symbol = m.group(1)
        elif m := _SYMBOL_TITLE.match(line):
            h.symbol = _printed(m.group("sym"))
            title = m.group("title")
            if title and re.match(r"R[ée]solution\s+(?:du|de)\b", title):
                heading_date, title = find_date(title), None
            else:
                heading_date = _near_date(lines[i + 1:i + 3])
            h.title = _title(title, lines[i + 1:])
        elif m := _RES_HEADING.match(line):
            h.symbol = _printed(m.group("sym"))
            rest = m.group("rest") or ""
            heading_date = find_date(rest) or _near_date(lines[i + 1:i + 4])
            found = _HEADING_ORGAN.search(rest) or _HEADING_ORGAN.search(" ".join(lines[i + 1:i + 2]))
            heading_organ = _canonical_organ(found.group(1)) if found else heading_organ
        elif h.session is None and len(line) <= 120 and (m := _SESSION.match(line)):
            h.session = ordinal(m.group("ord"))
        elif h.organ is None and (m := _ORGAN_LINE.match(line)):
            h.organ = m.group(1)
    if h.doc_symbol is None and (m := _RES_SYMBOL.search(text)):
        h.doc_symbol = m.group(1)
    if h.organ is None:
        h.organ = heading_organ or _organ_from_text(text, h.doc_symbol)
    if h.symbol is None and h.doc_symbol:
        h.symbol = _symbol_from_doc(h.doc_symbol)
    if h.symbol is None and (m := _PROSE_SYMBOL.search(text)):
        h.symbol = _printed(m.group(1) or m.group(2))
    draft = bool(_DRAFT.search(text)) or (h.symbol or "").endswith("...") or "/L." in (h.doc_symbol or "")
    if draft:
        h.document_type = "draft_resolution"
    elif h.symbol or h.organ:
        h.document_type = "resolution"
    if not draft:
        if heading_date:
            h.adopted = heading_date
        elif m := _ADOPTED.search(text) or _MEETING_ADOPTED.search(text):
            h.adopted = find_date(m.group(1))
    if h.symbol and "(" not in h.symbol and "/" not in h.symbol:
        h.symbol = _complete_number(h.symbol, text, h.organ, h.adopted)
    if h.symbol and not draft:
        parsed = symbols.parse(h.symbol, h.organ)
        # Derived from the organ when not printed, or completed when printed without its year
        # (`S/RES/410` in a web page's infobox).
        if parsed and parsed.full and (h.doc_symbol is None or symbols.key(parsed.full).startswith(symbols.key(h.doc_symbol))):
            h.doc_symbol = parsed.full
    if h.session is None and h.symbol and h.organ in _SESSION_ORGANS:
        h.session = symbols.session_of(h.symbol, h.organ)
    return h


_SESSION_ORGANS = ("Assemblée générale", "Conseil des droits de l’homme", "Conseil économique et social")


def _printed(number: str) -> str:
    parsed = symbols.parse(number)
    return parsed.number if parsed else re.sub(r"\s+", " ", number).replace("…", "...")


def _near_date(lines: list[str]) -> str | None:
    # `du 16 mars 1966` or `(9 novembre 1977)` on the line after a heading.
    for line in lines:
        s = line.strip()
        if s and len(s) < 60 and re.match(r"^(?:\(|du\s|adoptée\s+le\s|le\s)", s, re.IGNORECASE):
            return find_date(s)
    return None


def _complete_number(number: str, text: str, organ: str | None, adopted: str | None) -> str:
    """`3212` printed alone in a heading → `3212 (XXIX)` as the text cites it, or `186 (1964)`."""
    m = re.search(rf"(?<![\d/]){number}\s?\((\d{{4}}|[IVXLC]+)\)", text)
    if m:
        return f"{number} ({m.group(1)})"
    if organ == "Conseil de sécurité" and adopted:
        # A Security Council resolution is numbered with the year of its adoption.
        return f"{number} ({adopted[:4]})"
    if organ == "Assemblée générale" and adopted and 1946 <= int(adopted[:4]) <= 1975 and int(adopted[5:7]) >= 9:
        # Until 1976 the General Assembly numbered by session; its regular session N sits
        # from September of 1945 + N (resolutions adopted earlier in a year may be of a
        # resumed or special session: left as printed).
        return f"{number} ({symbols.to_roman(int(adopted[:4]) - 1945)})"
    return number


def _canonical_organ(name: str) -> str | None:
    key = fold(name)
    return next((organ for organ in ORGANS if fold(organ) == key), None)


def _title(first: str | None, following: list[str]) -> str | None:
    if not first:
        return None
    parts = [first]
    for line in following:
        s = line.strip()
        if not s:
            continue
        if formula_organ(s) or is_noise(s) or DOC_SYMBOL.match(s) or len(parts) >= 4 or re.fullmatch(r"[A-H]", s):
            break  # (a lone capital letter is the first part of a resolution in parts)
        parts.append(s)
    return tidy(repair_ocr(" ".join(parts)))


def _organ_from_text(text: str, doc_symbol: str | None) -> str | None:
    m = _ADOPTED_BY.search(text)
    if m:
        return m.group(1)
    if doc_symbol:
        # Longest prefix first: A/HRC/ before A/.
        for organ, (_, prefix) in sorted(ORGANS.items(), key=lambda kv: -len(kv[1][1])):
            if doc_symbol.startswith(prefix):
                return organ
    return None


def _symbol_from_doc(doc_symbol: str) -> str | None:
    # `A/RES/68/160` → `68/160`; a draft printed without a number is known by its own symbol.
    parsed = symbols.parse(doc_symbol)
    return parsed.number if parsed else None


def closing_date(lines: list[str]) -> str | None:
    """The date printed on or just after the closing `séance plénière` line."""
    return find_date(" ".join(lines[:3]))


_ORDINAL_NUMBER = re.compile(r"(\d+)\s*(?:ème|e|eme)\b")


def ordinal(words: str) -> int | None:
    """`Soixante-cinquième` → 65 (French ordinals spelt out, as in session headers)."""
    from text_to_num import alpha2digit

    words = words.strip().lower()
    if len(words) > 120 or len(words.split()) > 8:
        return None  # no session ordinal is that long; spare text2num unbounded input
    if words in ("première", "premiere"):
        return 1
    m = _ORDINAL_NUMBER.search(alpha2digit(words, "fr"))
    return int(m.group(1)) if m else None
