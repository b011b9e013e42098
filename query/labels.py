"""How a paragraph is named: `op 3` / `pre 2` (CLI), and the UN's French forms (web)."""

from __future__ import annotations

# Every spelling a user may type for a paragraph kind → the stored value.
KIND_NAMES = {
    "preambular": "preambular", "preambule": "preambular", "préambule": "preambular", "pre": "preambular",
    "operative": "operative", "operatif": "operative", "opératif": "operative", "dispositif": "operative",
    "op": "operative", "annex": "annex", "annexe": "annex",
}
# French names of the kinds, as facets and cards show them.
KIND_FR = {"preambular": "préambule", "operative": "dispositif", "annex": "annexe"}


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
