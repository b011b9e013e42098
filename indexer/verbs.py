"""Recognise a paragraph's introductory word and name its verb, repairing OCR damage."""

from __future__ import annotations

import difflib
from functools import lru_cache


from . import lexicon
from .analysis import fold  # the one folding (header, clauses and similarity import it from here too)

_PUNCT = ",;:.»«()[]\"“”"




def _index(words: frozenset[str]) -> dict[str, str]:
    return {fold(w): w for w in words}


_PRE = _index(lexicon.PREAMBULAR)
_OP = _index(lexicon.OPERATIVE)
_ADVERBS = _index(lexicon.ADVERBS)
_ALL = {**_PRE, **_OP}
# OCR-damaged words are compared only with lexicon words of the same first letter and a
# similar length: a line opening with an unknown word costs a few comparisons, not hundreds.
_BY_LETTER = {
    name: {letter: tuple(k for k in table if k[0] == letter) for letter in {k[0] for k in table}}
    for name, table in (("pre", _PRE), ("op", _OP), ("all", _ALL))
}


@lru_cache(maxsize=65536)
def _lookup(word: str, table_name: str) -> str | None:
    table = {"pre": _PRE, "op": _OP, "all": _ALL}[table_name]
    key = fold(word)
    if key in table:
        return table[key]
    if not 6 <= len(key) <= 24:
        return None
    # OCR damage ("reeaffirme", "considcre"): accept one close lexicon word, never a guess between two.
    near = [k for k in _BY_LETTER[table_name].get(key[0], ()) if abs(len(k) - len(key)) <= 2]
    close = difflib.get_close_matches(key, near, n=2, cutoff=0.88) if near else []
    if len(close) == 1 or (len(close) == 2 and _ratio(key, close[0]) > _ratio(key, close[1])):
        return table[close[0]]
    return None


def _ratio(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, a, b).ratio()


def lookup(word: str, kind: str = "all") -> str | None:
    """The lexicon form of an introductory word (`Reéaffirme` → `Réaffirme`), or None."""
    word = word.strip(_PUNCT)
    if not word or not word[0].isupper():
        return None
    return _lookup(word, kind)


def is_adverb(word: str) -> bool:
    """A capitalised -ment adverb that may precede the introductory word (`Profondément`)."""
    word = word.strip(_PUNCT)
    return len(word) > 5 and word[0].isupper() and (fold(word) in _ADVERBS or fold(word).endswith("ment"))


def opens_paragraph(words: list[str], kind: str) -> bool:
    """Whether a line starting with these words starts a paragraph of that kind."""
    if not words:
        return False
    if words[0] == "Se" and len(words) > 1:
        # `Se félicitant` opens a preamble, `Se félicite` an operative paragraph.
        return fold(words[1]).rstrip(",;:").endswith("ant") == (kind == "pre")
    if lookup(words[0], kind):
        return True
    return len(words) > 1 and is_adverb(words[0]) and lookup(words[1].capitalize(), kind) is not None


def extract_verb(words: list[str], kind: str) -> tuple[str | None, int]:
    """Name the verb of a paragraph body: (verb, index of the word to replace by its first word)."""
    if not words:
        return None, 0
    start = 0
    if len(words) > 1 and is_adverb(words[0]) and lookup(words[1].capitalize(), kind):
        start = 1
    first = lookup(words[start].capitalize() if start else words[start], kind) or lookup(words[start], "all")
    if first is None:
        return None, start
    nxt = words[start + 1].strip(_PUNCT) if len(words) > start + 1 else ""
    if first in lexicon.PHRASE_WORDS:
        if nxt.lower() in lexicon.PHRASE_WORDS[first]:
            return f"{first} {nxt.lower()}", start
    elif first in lexicon.KEEP_NEXT and nxt and not nxt[0].isupper():
        return f"{first} {nxt}", start
    return first, start
