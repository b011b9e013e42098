"""Resolution metadata read from the header lines: symbol, organ, session, type, date, title."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from functools import lru_cache

from .clean import find_date, repair_ocr, tidy
from .layout import DOC_SYMBOL, is_noise
from .verbs import fold

ORGANS = {
    "Assemblée générale": ("lassembleegenerale", "A/"),
    "Conseil de sécurité": ("leconseildesecurite", "S/"),
    "Conseil économique et social": ("leconseileconomiqueetsocial", "E/"),
    "Conseil des droits de l’homme": ("leconseildesdroitsdelhomme", "A/HRC/"),
    "Commission des droits de l’homme": ("lacommissiondesdroitsdelhomme", "E/CN.4/"),
}
_FORMULA_KEYS = {key: organ for organ, (key, _) in ORGANS.items()}

_SYMBOL_TITLE = re.compile(
    r"^\s*(?P<sym>\d{1,4}/(?:\d{1,4}|\.\.\.|…))\.?(?:\s+(?P<title>[A-ZÀ-Ý«\"].*))?$"
)
_SC_SYMBOL = re.compile(r"^\s*Résolution\s+(?P<sym>\d{1,5}\s*\(\d{4}\))\s*$")
_SESSION = re.compile(r"^\s*(?P<ord>[A-Za-zÀ-ÿ’ -]+?)\s+session(?:\s+extraordinaire)?\s*$", re.IGNORECASE)
_ADOPTED = re.compile(r"adopt[ée]e\s+par\s.{0,120}?\b(?:le|du)\s+((?:1er|\d{1,2})\s+\w+\s+\d{4})", re.IGNORECASE | re.DOTALL)
_DRAFT = re.compile(r"projet\s+de\s+r[ée]solution", re.IGNORECASE)
# A document symbol printed at the end of a header line ("Nations Unies      A/RES/68/160").
_TRAILING_SYMBOL = re.compile(
    r"(?:^|\s{2,}|(?<=Nations Unies)\s)([ASE](?:/[A-Z][A-Za-z0-9.]*)*/\d[\w.]*(?:/[\w.]+)*(?:\s\(\d{4}\))?)\s*$")
# In a header flattened onto one line, only an adopted resolution's symbol is unambiguous
# (report and draft symbols are cited there too).
_RES_SYMBOL = re.compile(r"(?<![\w/(])([ASE](?:/[A-Z][A-Za-z0-9.]*)*/RES/\d[\w.]*(?:/[\w.]+)*(?: \(\d{4}\))?)")
_CLOSING = re.compile(r"^\s*\d{1,4}\s?(?:e|ᵉ|re|er|ème)\s+séance\b", re.IGNORECASE)
_ORGAN_LINE = re.compile(r"^\s*(Assemblée générale|Conseil de sécurité|Conseil économique et social|Conseil des droits de l’homme)\s*$")


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


def formula_organ(line: str) -> str | None:
    """The organ named by an opening formula line (`L’Assemblée générale,`), OCR-tolerant."""
    s = line.strip()
    if not (8 < len(s) < 70 and s.endswith(",") and s[0] in "LlI|"):
        return None
    return _fuzzy_organ(re.sub(r"[^a-z]", "", fold(s)))


@lru_cache(maxsize=1024)
def _fuzzy_organ(key: str) -> str | None:
    if key in _FORMULA_KEYS:
        return _FORMULA_KEYS[key]
    close = difflib.get_close_matches(key, _FORMULA_KEYS.keys(), n=1, cutoff=0.88)
    return _FORMULA_KEYS[close[0]] if close else None


def is_closing(line: str) -> bool:
    """The `71e séance plénière` line that ends the operative part."""
    return bool(_CLOSING.match(line))


def read_header(lines: list[str], organ: str | None) -> Header:
    """Metadata from the header lines; `organ` is the one named by the opening formula, if any."""
    h = Header(organ=organ)
    text = "\n".join(lines)
    for i, line in enumerate(lines):
        if h.doc_symbol is None and (m := DOC_SYMBOL.match(line) or _TRAILING_SYMBOL.search(line)):
            h.doc_symbol = m.group(1)
        elif h.symbol is None and (m := _SYMBOL_TITLE.match(line)):
            h.symbol = m.group("sym").replace("…", "...")
            h.title = _title(m.group("title"), lines[i + 1:])
        elif h.symbol is None and (m := _SC_SYMBOL.match(line)):
            h.symbol = re.sub(r"\s+", " ", m.group("sym"))
        elif h.session is None and (m := _SESSION.match(line)):
            h.session = ordinal(m.group("ord"))
        elif h.organ is None and (m := _ORGAN_LINE.match(line)):
            h.organ = m.group(1)
    if h.doc_symbol is None and (m := _RES_SYMBOL.search(text)):
        h.doc_symbol = m.group(1)
    if h.organ is None:
        h.organ = _organ_from_text(text, h.doc_symbol)
    if h.symbol is None and h.doc_symbol:
        h.symbol = _symbol_from_doc(h.doc_symbol)
    if h.session is None and h.symbol and h.organ in ("Assemblée générale", "Conseil des droits de l’homme"):
        head = h.symbol.split("/")[0]
        h.session = int(head) if head.isdigit() and int(head) < 200 else None
    draft = bool(_DRAFT.search(text)) or (h.symbol or "").endswith("...") or "/L." in (h.doc_symbol or "")
    if draft:
        h.document_type = "draft_resolution"
    elif h.symbol or h.organ:
        h.document_type = "resolution"
    if not draft and (m := _ADOPTED.search(text)):
        h.adopted = find_date(m.group(1))
    return h


def _title(first: str | None, following: list[str]) -> str | None:
    if not first:
        return None
    parts = [first]
    for line in following:
        s = line.strip()
        if not s:
            continue
        if formula_organ(s) or is_noise(s) or DOC_SYMBOL.match(s) or len(parts) >= 4:
            break
        parts.append(s)
    return tidy(repair_ocr(" ".join(parts)))


def _organ_from_text(text: str, doc_symbol: str | None) -> str | None:
    m = re.search(r"adoptée par (?:l’|le |la )(Assemblée générale|Conseil de sécurité|Conseil économique et social|Conseil des droits de l’homme)", text)
    if m:
        return m.group(1)
    if doc_symbol:
        # Longest prefix first: A/HRC/ before A/.
        for organ, (_, prefix) in sorted(ORGANS.items(), key=lambda kv: -len(kv[1][1])):
            if doc_symbol.startswith(prefix):
                return organ
    return None


def _symbol_from_doc(doc_symbol: str) -> str | None:
    m = re.search(r"RES/(\d+/\d+|\d+ \(\d{4}\))$", doc_symbol)
    return m.group(1) if m else None


def closing_date(lines: list[str]) -> str | None:
    """The date printed on or just after the closing `séance plénière` line."""
    return find_date(" ".join(lines[:3]))


_ORDINAL_NUMBER = re.compile(r"(\d+)\s*(?:ème|e|eme)\b")


def ordinal(words: str) -> int | None:
    """`Soixante-cinquième` → 65 (French ordinals spelt out, as in session headers)."""
    from text_to_num import alpha2digit

    words = words.strip().lower()
    if words in ("première", "premiere"):
        return 1
    m = _ORDINAL_NUMBER.search(alpha2digit(words, "fr"))
    return int(m.group(1)) if m else None
