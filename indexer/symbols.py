"""The grammar of UN document symbols: every printed form of a resolution's number → one key.

`A/RES/68/160`, `68/160`, `S/RES/242 (1967)`, `242 (1967)`, `Résolution 242 (1967)`,
`3212 (XXIX)`, `E/RES/2003/35`, `A/HRC/RES/53/4`, drafts such as `A/HRC/53/L.5`.
A resolution is indexed under all its keys (`keys()`); a typed symbol is looked up by
`key()`, so any printed variant finds it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from unidecode import unidecode

from .organs import ORGANS

# Organ → the prefix of its resolutions' document symbols.
RES_PREFIX = {o.name: o.res_prefix for o in ORGANS if o.res_prefix}
_PREFIX_ORGAN = {v.lower(): k for k, v in RES_PREFIX.items()}

_ROMAN = r"[IVXLC]+"
# The number part of a resolution symbol as it is printed in running text or a heading,
# after any `X/RES/` prefix: `ES-10/14`, `68/160`, `53/...`, `242 (1967)`, `3212 (XXIX)`.
NUMBER = (
    rf"(?:ES-\d{{1,2}}/\d{{1,3}}|S-\d{{1,2}}/\d{{1,3}}|\d{{1,4}}/(?:\d{{1,4}}|\.\.\.|…)"
    rf"|\d{{1,5}}(?:\s?[A-H])?\s?\((?:\d{{4}}|{_ROMAN}|S-{_ROMAN}|ES-{_ROMAN})\))"
)
_NUMBER = re.compile(rf"^{NUMBER.replace('s?', 's*')}$", re.IGNORECASE)
_PREFIXED = re.compile(r"^(?P<prefix>(?:[ASE]/(?:HRC/)?RES/))(?P<number>.+)$", re.IGNORECASE)
_DRAFT = re.compile(r"^[ASE](?:/[A-Z0-9][A-Za-z0-9.\-]*)*?/(?:L\.\d+[\w./\-]*|\d{4}/\d+)$", re.IGNORECASE)
_LEADING_WORD = re.compile(r"^(?:r[ée]solution|res\.?)\s+", re.IGNORECASE)


@dataclass(frozen=True)
class Symbol:
    """A resolution's number as printed, with its full document symbol when known."""

    number: str  # "68/160", "242 (1967)", "3212 (XXIX)", "53/..."
    full: str | None  # "A/RES/68/160", "S/RES/242 (1967)", or a draft's own symbol

    @property
    def canonical(self) -> str:
        """The one form shown and stored for the resolution: the full symbol when known."""
        return self.full or self.number


def key(text: str) -> str:
    """The lookup form of any printed symbol: `S/RES/242 (1967)` → `s/res/242(1967)`."""
    text = _LEADING_WORD.sub("", unidecode(text).strip())
    return re.sub(r"\s+", "", text).lower().replace("…", "...")


def parse(text: str, organ: str | None = None) -> Symbol | None:
    """Read a printed symbol (`68/160`, `A/RES/68/160`, `242 (1967)`…); None if it is not one.

    With the organ known, a bare number gets its full symbol (`68/160` of the General
    Assembly → `A/RES/68/160`).
    """
    text = re.sub(r"\s+", " ", _LEADING_WORD.sub("", text.strip())).strip(" ,;")
    if text.endswith(".") and not text.endswith("..."):
        text = text[:-1]
    m = _PREFIXED.match(text)
    if m and _NUMBER.match(m.group("number")):
        number = _spaced(m.group("number"))
        return Symbol(number=number, full=m.group("prefix").upper() + number)
    if _NUMBER.match(text):
        number = _spaced(text)
        prefix = RES_PREFIX.get(organ or "")
        if number.endswith(("...", "…")) or prefix is None:
            return Symbol(number=number, full=None)
        if prefix == "S/RES/" and "(" not in number:
            return Symbol(number=number, full=None)
        return Symbol(number=number, full=prefix + number)
    if _DRAFT.match(text):
        return Symbol(number=text, full=text)
    return None


def _spaced(number: str) -> str:
    # One space before the parenthesis and a part letter, as the UN prints them: `242 (1967)`,
    # `2144 A (XXI)`.
    if "(" not in number:
        return number.upper()
    m = re.match(r"^(\d+)\s*([A-Ha-h])?\s*(\(.*)$", number.replace(" ", ""))
    if m:
        return " ".join(part for part in m.groups() if part).upper()
    return re.sub(r"\s*\(", " (", number.replace(" ", "")).upper()


def keys(symbol: Symbol) -> list[str]:
    """Every lookup key a resolution is found by: its number and its full symbol."""
    return list(dict.fromkeys(key(s) for s in (symbol.number, symbol.full) if s))


_ROMAN_VALUES = {"I": 1, "V": 5, "X": 10, "L": 50, "C": 100}


def roman(numeral: str) -> int | None:
    """`XXIX` → 29; None if it is not a Roman numeral."""
    numeral = numeral.upper()
    if not numeral or any(c not in _ROMAN_VALUES for c in numeral):
        return None
    values = [_ROMAN_VALUES[c] for c in numeral]
    return sum(-v if i + 1 < len(values) and v < values[i + 1] else v for i, v in enumerate(values))


def to_roman(value: int) -> str:
    """29 → `XXIX` (session numerals of resolutions before 1976)."""
    out = ""
    for number, numeral in ((100, "C"), (90, "XC"), (50, "L"), (40, "XL"), (10, "X"), (9, "IX"), (5, "V"), (4, "IV"), (1, "I")):
        while value >= number:
            out, value = out + numeral, value - number
    return out


def session_of(number: str, organ: str | None) -> int | None:
    """The session a resolution number names: `3212 (XXIX)` → 29, `ES-10/14` → 10, `68/160` → 68.

    Security Council numbers carry a year, not a session; ECOSOC's `2003/35` a year too.
    """
    m = re.match(r"^(?:E?S-)?(\d+)/", number)
    if m:
        value = int(m.group(1))
        return value if value < 200 and organ != "Conseil de sécurité" else None
    m = re.search(r"\((?:E?S-)?([IVXLC]+)\)$", number, re.IGNORECASE)
    return roman(m.group(1)) if m else None


def organ_of(full: str | None) -> str | None:
    """The organ a full resolution symbol belongs to (`S/RES/…` → Conseil de sécurité)."""
    m = _PREFIXED.match(full or "")
    return _PREFIX_ORGAN.get(m.group("prefix").lower()) if m else None
