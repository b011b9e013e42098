"""How a paragraph is named: `op 3` / `pre 2` (CLI), and the UN's French forms (web)."""

from __future__ import annotations

import re

# Every spelling a user may type for a paragraph kind → the stored value.
KIND_NAMES = {
    "preambular": "preambular", "preambule": "preambular", "préambule": "preambular", "pre": "preambular",
    "operative": "operative", "operatif": "operative", "opératif": "operative", "dispositif": "operative",
    "op": "operative", "annex": "annex", "annexe": "annex",
}

def kind_of(word: str) -> str | None:
    """The stored kind for a typed word (`dispositif`, `operative`, `préambule`…), or None."""
    return KIND_NAMES.get(word.strip().lower())


def ordinal(p) -> int:
    """The paragraph's place in its resolution (a file may hold several resolutions)."""
    return getattr(p, "ordinal", None) or p.position


def label(p) -> str:
    """`op 12`, `pre 3` (preambular paragraphs counted by place), `annex 4`."""
    if p.kind == "operative":
        return f"op {p.number}"
    if p.kind == "annex":
        return f"annex {p.number if p.number is not None else ordinal(p)}"
    return f"pre {ordinal(p)}"


def label_fr(p, short: bool = False) -> str:
    """`paragraphe 2 du dispositif`, `alinéa 3 du préambule` (short: `§ 2`, `al. 3 pr.`)."""
    if p.kind == "operative":
        return f"§ {p.number}" if short else f"paragraphe {p.number} du dispositif"
    if p.kind == "annex":
        n = p.number if p.number is not None else ordinal(p)
        return f"annexe § {n}" if short else f"paragraphe {n} de l’annexe"
    n = ordinal(p)
    return f"al. {n} pr." if short else f"alinéa {n} du préambule"


_LABEL_WORDS = (  # (folded prefix, kind): the CLI's and the UN's French names of a paragraph
    ("annexe", "annex"), ("annex", "annex"),
    ("paragraphedudispositif", "operative"), ("paragraphe", "operative"), ("par", "operative"),
    ("§", "operative"), ("op", "operative"),
    ("alineadupreambule", "preambular"), ("alinea", "preambular"), ("al", "preambular"), ("pre", "preambular"),
)


def parse_label(text: str) -> tuple[str, int] | None:
    """(kind, number) for `op3`, `pre 2`, `§ 2`, `al. 3 pr.`, `paragraphe 2 du dispositif`,
    `alinéa 3 du préambule`, `annexe § 4`; None if it names no paragraph."""
    from unidecode import unidecode

    folded = re.sub(r"[\s.’'_-]+", "", unidecode(text.replace("§", "\x00")).replace("\x00", "§").lower())
    m = re.fullmatch(r"(\D*?)(\d{1,4})(\D*)", folded)
    if not m:
        return None
    words = m.group(1) + m.group(3)
    for prefix, kind in _LABEL_WORDS:
        if words.startswith(prefix):
            rest = words[len(prefix):]
            if rest in ("", "dudispositif", "dupreambule", "pr", "delannexe", "§") and \
                    _suffix_agrees(kind, rest):
                return ("annex" if rest == "delannexe" else kind), int(m.group(2))
    return None


def _suffix_agrees(kind: str, rest: str) -> bool:
    # `paragraphe 2 du préambule` is not a UN form; refuse it rather than guess.
    return not ((kind == "operative" and rest in ("dupreambule", "pr")) or
                (kind == "preambular" and rest in ("dudispositif", "delannexe")))


def names(p, kind: str, number: int) -> bool:
    """Whether (kind, number), as `parse_label` reads it, names paragraph `p`."""
    if p.kind != kind:
        return False
    if kind == "operative" or (kind == "annex" and p.number is not None):
        return p.number == number
    return ordinal(p) == number
