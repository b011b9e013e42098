"""How alike two paragraphs are: shared language, copies, and a word-level diff (pure)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
from functools import lru_cache

from indexer.analysis import TOKEN_PATTERN, normalize
from indexer.verbs import fold

# Weight of the two views of similarity: which words (weighted by rarity) and in which
# order (pairs of consecutive words).
WORDS_WEIGHT = 0.6
PAIRS_WEIGHT = 0.4


# The session named in a paragraph ("à sa soixante-neuvième session", "trente et unième")
# changes with every yearly version of a resolution, and two unrelated paragraphs share it
# by chance. Left out: ordinals, the tens that open them, and compounds made only of number
# words. Kept: a lone cardinal ("les deux parties") and digits (a cited resolution or date
# identifies what is cited).
def _stems_of(words: str) -> frozenset[str]:
    return frozenset(t for w in words.split() for t in [normalize(w)[0]] if t)


_UNITS = _stems_of("un une deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze seize")
_TENS = _stems_of("vingt vingts trente quarante cinquante soixante septante huitante nonante cent cents mille")
_ORDINALS = _stems_of(
    "premier premiere unieme deuxieme troisieme quatrieme cinquieme sixieme septieme huitieme neuvieme dixieme "
    "onzieme douzieme treizieme quatorzieme quinzieme seizieme vingtieme trentieme quarantieme cinquantieme "
    "soixantieme centieme millieme"
)
_NUMBER_WORDS = _UNITS | _TENS | _ORDINALS


# A title quoted between guillemets is the cited document's language, not the paragraph's:
# two paragraphs citing « Transformer notre monde : … » share a reference, not a clause.
_QUOTED_TITLE = re.compile(r"«[^«»]{0,400}»")


@lru_cache(maxsize=4096)
def stems(text: str, titles: bool = False) -> tuple[str, ...]:
    """Content words of a paragraph as stems, in order (compounds as their parts).

    Session ordinals (`soixante-neuvième`) are left out, and titles quoted in « » unless
    `titles` (a search for those words must find them).
    """
    out = []
    for m in TOKEN_PATTERN.finditer(text if titles else _QUOTED_TITLE.sub(" ", text)):
        term, parts = normalize(m.group())
        if parts and all(p in _NUMBER_WORDS for p in parts if p is not None):
            continue
        out.extend(p for p in (parts or (term,)) if p is not None and p not in _ORDINALS and p not in _TENS)
    return tuple(out)


def similarity(a: str, b: str, idf: Callable[[str], float]) -> float:
    """0–1: rare words in common (idf-weighted Jaccard) blended with common word pairs.

    Frequent words weigh little, so two paragraphs are not alike merely for both saying
    "droits de l'homme" and "coopération internationale"; pairs reward the same phrasing;
    sets make the measure indifferent to reordered clauses.
    """
    sa, sb = stems(a), stems(b)
    if not sa or not sb:
        return 0.0
    wa, wb = set(sa), set(sb)
    union = sum(idf(w) for w in wa | wb)
    words = sum(idf(w) for w in wa & wb) / union if union else 0.0
    pa, pb = set(zip(sa, sa[1:])), set(zip(sb, sb[1:]))
    pairs = len(pa & pb) / len(pa | pb) if pa | pb else float(wa == wb)
    return WORDS_WEIGHT * words + PAIRS_WEIGHT * pairs


_WORD = re.compile(r"\S+")
_NON_WORD = re.compile(r"[^\w\s]+")


@lru_cache(maxsize=4096)
def _folded_words(text: str) -> tuple[str, ...]:
    # One folded form per whitespace-separated word (punctuation dropped, so it may be "").
    words = _WORD.findall(text)
    folded = _NON_WORD.sub("", fold(" ".join(words).replace("’", ""))).split(" ")
    return tuple(folded) if len(folded) == len(words) else tuple(_NON_WORD.sub("", fold(w)) for w in words)


def is_copy(a: str, b: str) -> bool:
    """Same wording, up to OCR damage: every difference is a few damaged characters.

    A changed, added or removed word is a difference in substance and is never a copy.
    """
    wa, wb = [w for w in _folded_words(a) if w], [w for w in _folded_words(b) if w]
    if abs(len(wa) - len(wb)) > max(2, len(wa) // 20):
        return False
    sa, sb = set(wa), set(wb)
    if len(sa & sb) < 0.8 * len(sa | sb):  # cheap test first: most pairs end here
        return False
    damaged = 0
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, wa, wb, autojunk=False).get_opcodes():
        if op == "equal":
            continue
        x, y = "".join(wa[i1:i2]), "".join(wb[j1:j2])
        if not x or not y:
            # A lost or added one-letter word ("à" read as "&") is scanning noise too.
            if len(x + y) > 1:
                return False
        elif _char_edits(x, y) > 2 * max(1, max(len(x), len(y)) // 6):
            # A word or two scanned wrong ("promouvaoir"), not another word ("Conscient").
            return False
        damaged += max(i2 - i1, j2 - j1)
    return damaged <= max(2, len(wa) // 10)


def _char_edits(x: str, y: str) -> int:
    # Characters inserted plus deleted to turn x into y.
    matched = sum(block.size for block in difflib.SequenceMatcher(None, x, y, autojunk=False).get_matching_blocks())
    return len(x) + len(y) - 2 * matched


def word_diff(a: str, b: str) -> list[tuple[str, str]]:
    """Segments turning a into b: ("equal"|"delete"|"insert", text), compared without accents."""
    wa, wb = _WORD.findall(a), _WORD.findall(b)
    ka, kb = _folded_words(a), _folded_words(b)
    out: list[tuple[str, str]] = []
    for op, i1, i2, j1, j2 in difflib.SequenceMatcher(None, ka, kb, autojunk=False).get_opcodes():
        if op == "equal":
            out.append(("equal", " ".join(wb[j1:j2])))
            continue
        if i2 > i1:
            out.append(("delete", " ".join(wa[i1:i2])))
        if j2 > j1:
            out.append(("insert", " ".join(wb[j1:j2])))
    return out


def render_diff(segments: list[tuple[str, str]], color: bool = False) -> str:
    """A diff as one text: `[-deleted-]` `{+inserted+}`, or red/green on a terminal."""
    if color:
        marks = {"delete": ("\x1b[9;31m", "\x1b[0m"), "insert": ("\x1b[1;32m", "\x1b[0m")}
    else:
        marks = {"delete": ("[-", "-]"), "insert": ("{+", "+}")}
    parts = []
    for op, text in segments:
        start, end = marks.get(op, ("", ""))
        parts.append(f"{start}{text}{end}")
    return " ".join(parts)
