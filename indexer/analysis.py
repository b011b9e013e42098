"""The French analyzer: one definition, used to index paragraphs and to read queries.

A tokenizer followed by small filters, Lucene-style:

    FrenchTokenizer | NormalizeFilter(elide → fold → stop → stem) | CommonGramsFilter

Each normalization step is a pure function on one word, testable alone. NormalizeFilter
applies them in order and memoizes the result per distinct surface word, so a token costs
one dict lookup instead of four generator hops (indexing speed is dominated by this).
"""

from __future__ import annotations

import re
from functools import lru_cache

from unidecode import unidecode
from whoosh.analysis import Analyzer, Filter, Token, Tokenizer
from whoosh.lang import stopwords_for_language
from whoosh.lang.snowball.french import FrenchStemmer

from . import symbols

# Bump when anything below changes what terms are produced: an index built with another
# version must be rebuilt, and `ressearch` says so instead of returning wrong hits.
ANALYZER_VERSION = 6  # 6: `relatif`/`relative` are stop words

# Resolution numbers with their year or session (242 (1967), 3212 (XXIX), S/RES/2394 (2017)),
# those of special and emergency special sessions (S-27/2, ES-10/13, A/RES/ES-11/1),
# document symbols (A/HRC/53/L.5, S/RES/2394), numbers with separators (60/251, 2000/22),
# then words with their hyphenated compounds and elisions (l’homme, Sud-Sud, COVID-19).
TOKEN_PATTERN = re.compile(
    r"(?:[ASEase]/(?:HRC/|hrc/)?(?:RES|res)/)?\d{1,5}\s?\((?:\d{4}|(?:[Ee]?[Ss]-)?(?:[IVXLC]+|[ivxlc]{2,}))\)"
    r"|(?<![\w/-])(?:[Aa]/(?:RES|res)/)?[Ee]?[Ss]-\d{1,2}/\d{1,3}(?![\w/])"
    r"|[A-Za-z]+(?:\.\d+)?(?:/[A-Za-z0-9.]*[A-Za-z0-9])+"
    r"|\d+(?:[/.,]\d+)+"
    r"|\w+(?:[’']\w+)*(?:-\w+(?:[’']\w+)*)*"
)

_ELISION = re.compile(r"^(?:l|m|t|qu|n|s|j|d|c|jusqu|quoiqu|lorsqu|puisqu)[’'](?=\w)", re.IGNORECASE)
_EXTRA_STOPS = (
    "les cet cette ceux celle celles celui dont ni si leurs où afin lors "
    # `relatif à` says "concerning" in every instrument's and agenda item's title (`Convention
    # relative aux droits de l’enfant`, `Pacte international relatif aux droits civils…`): a
    # paragraph naming another instrument shares it, not the subject.
    "relatif relative relatifs relatives"
).split()
STOP_WORDS = frozenset(unidecode(w) for w in stopwords_for_language("fr")) | frozenset(unidecode(w) for w in _EXTRA_STOPS)

# Stems so frequent in UN resolutions that a phrase made only of them would make Whoosh
# intersect and position-check most of the index ("droits de l’homme"). Pairs of them are
# also indexed as one term (Lucene's CommonGrams), so such phrases become term lookups.
COMMON = frozenset(
    "droit homm cooper international etat membr nation uni promot protect respect realis "
    "fondamental libert general assemble conseil secretair organis princip resolu universel "
    "developp durabl programm session mesur pay mondial national regional rapport commission "
    "haut-commissair renforc domain dialogu humain societ civil social econom cultur femm enfant "
    "securit pai action plan question sanitair".split()
)
GRAM_JOINER = "+"

# BM25's length normalization, applied once at index time: each posting's weight is
# tf / (1 - B + B * words / AVG_WORDS). Queries then score with B=0, and Whoosh's per-block
# maximum weight becomes an exact bound, so top-10 queries skip most blocks of frequent
# terms (a query for "droits" reads a few blocks instead of 77,000 postings).
LENGTH_B = 0.75
AVG_WORDS = 32  # kept words in a typical paragraph (measured on generated and seed corpora)

_stemmer = FrenchStemmer()


def elide(word: str) -> str:
    """Drop a French elided article or pronoun: `l’homme` → `homme`, `jusqu’à` → `à`."""
    return _ELISION.sub("", word)


def fold(word: str) -> str:
    """Lower-case ASCII: `Coopération` → `cooperation`, `œuvre` → `oeuvre`."""
    return unidecode(word).lower()


@lru_cache(maxsize=200_000)
def fold_word(word: str) -> str:
    """fold(), memoized: for single words, which repeat (not whole texts)."""
    return fold(word)


def is_stop(word: str) -> bool:
    """Whether a folded word is a French stop word."""
    return word in STOP_WORDS


def stem(word: str) -> str:
    """French Snowball stem of a folded word; symbols and numbers are left whole."""
    if not word.isalpha() and not word.replace("-", "").isalpha():
        return word
    return _stemmer.stem(_masculine(word))


# Snowball's French rules read the feminine endings -ée and -ière by their accents; folded
# (-ee, -iere) they are missed, and `privée` would stem apart from `privé` (prive / priv),
# `réfugiée` from `réfugié`, `financière` from `financier`. Folded words (typed with or
# without accents alike) have those endings reduced to the masculine before stemming.
_FEMININE = (("ees", "es"), ("ee", "e"), ("ieres", "iers"), ("iere", "ier"))


def _masculine(word: str) -> str:
    for ending, masculine in _FEMININE:
        if word.endswith(ending) and len(word) > len(ending) + 2:
            return word[: -len(ending)] + masculine
    return word


@lru_cache(maxsize=50_000)
def reference(surface: str) -> tuple[str, str | None] | None:
    """Terms of a cited resolution number, None if `surface` is not one.

    `242 (1967)`, `S/RES/242 (1967)`, `Résolution 242 (1967)` → (`242(1967)`, `242`);
    `A/RES/60/251`, `60/251` → (`60/251`, None). The year or session stays in the first
    term, so `181 (II)` never matches `181 (1963)`; the bare number lets `résolution 242`
    find both `242 (1967)` and a bare `242`. Drafts and other symbols are not references.
    """
    if not surface[:1].isdigit() and "/" not in surface:
        return None
    sym = symbols.parse(surface)
    if sym is None or sym.full == sym.number:  # not a resolution number (a draft, a document)
        return None
    number = symbols.key(sym.number)
    if "..." in number or re.search(r"\([a-z]\)$", surface):  # `5 (c)`: a list item, not a session
        return None
    bare = number.split("(", 1)[0] if "(" in number else None
    return number, bare


@lru_cache(maxsize=200_000)
def normalize(surface: str) -> tuple[str | None, tuple[str | None, ...]]:
    """Term for one surface word (None if a stop word), and the terms of its hyphen parts."""
    ref = reference(surface)
    if ref is not None:
        return ref[0], ()
    word = fold(elide(surface))
    if not word:  # a character unidecode has no reading for ("𐣻"): no empty term
        return None, ()
    term = None if is_stop(word) else stem(word)
    if "-" not in word or "/" in word:
        return term, ()
    parts = tuple(None if is_stop(p) else stem(p) for p in word.split("-") if p)
    return term, parts


def _bare(surface: str, term: str | None) -> str | None:
    # The bare number of a reference with a year or session, indexed beside it.
    if term is None or "(" not in term:
        return None
    ref = reference(surface)
    return ref[1] if ref else None


class FrenchTokenizer(Tokenizer):
    """Splits on TOKEN_PATTERN, keeping symbols, numbered references and compounds whole."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for i, m in enumerate(TOKEN_PATTERN.finditer(value)):
            t.text = t.original = m.group()
            t.boost = 1.0
            t.stopped = False
            if positions:
                t.pos = start_pos + i
            if chars:
                t.startchar = start_char + m.start()
                t.endchar = start_char + m.end()
            yield t


class NormalizeFilter(Filter):
    """Elision, folding, stop words and stemming; compounds also yield their parts.

    Positions are renumbered over the kept words, so `droits de l’homme` reads as the
    adjacent pair (droit, homm) for phrases. A compound (`Sud-Sud`) is emitted at the
    position of its first part; a query of one compound word asks for the compound only.
    """

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        pos = 0
        pending = []
        for t in tokens:
            term, parts = normalize(t.text)
            if t.mode == "query":
                pending.append((t.copy(), term, parts))
                continue
            for out in self._emit(t, term, parts, pos, with_compound=True):
                yield out
            bare = _bare(t.text, term)
            if bare:
                t.text, t.pos = bare, pos
                yield t
            pos += max(1, sum(p is not None for p in parts)) if parts else (term is not None or not t.removestops)
        if pending:
            # A lone compound query word means exactly that compound; within a phrase its
            # parts must line up with the neighbouring words.
            lone = len(pending) == 1
            for t, term, parts in pending:
                for out in self._emit(t, term, parts, pos, with_compound=lone, parts_wanted=not lone):
                    yield out
                pos += max(1, sum(p is not None for p in parts)) if parts and not lone else (term is not None)

    @staticmethod
    def _emit(t, term, parts, pos, with_compound, parts_wanted=True):
        if term is None and not parts:
            if not t.removestops:
                t.stopped = True
                t.pos = pos
                yield t
            return
        t.compound = False
        if not parts:
            t.text, t.pos = term, pos
            yield t
            return
        if with_compound and term is not None:
            t.text, t.pos, t.compound = term, pos, True
            yield t
            t.compound = False
        if parts_wanted:
            offset = 0
            for part in parts:
                if part is None:
                    continue
                t.text, t.pos = part, pos + offset
                offset += 1
                yield t


class CommonGramsFilter(Filter):
    """Also index each adjacent pair of COMMON terms as one term (`droit+homm`).

    At query time a phrase made only of common words is rewritten to its pairs, which
    Whoosh then matches as a much shorter phrase (or a single term) of rare pair terms.
    """

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, tokens):
        prev_text, prev_pos = None, -1
        query_tokens = []
        for t in tokens:
            if t.mode == "query":
                query_tokens.append(t.copy())
                continue
            yield t
            if t.stopped or getattr(t, "compound", False):
                continue
            if prev_text is not None and t.pos == prev_pos + 1 and prev_text in COMMON and t.text in COMMON:
                text, pos = t.text, t.pos
                t.text, t.pos = prev_text + GRAM_JOINER + text, prev_pos
                yield t
                t.text, t.pos = text, pos
            prev_text, prev_pos = t.text, t.pos
        if query_tokens:
            texts = [t.text for t in query_tokens]
            if len(texts) > 1 and all(x in COMMON for x in texts):
                for i, t in enumerate(query_tokens[:-1]):
                    t.text, t.pos = texts[i] + GRAM_JOINER + texts[i + 1], i
                    yield t
            else:
                yield from query_tokens


class FrenchAnalyzer(Analyzer):
    """The chain above, with a fused loop for the hot case (indexing, positions only).

    Indexing spends a quarter of its time in the analyzer; one loop over the regex matches
    with the memoized `normalize` avoids three generator hops per token. Every other use
    (queries, highlighting, character offsets) runs the chain itself, and a test checks the
    two produce the same terms at the same positions.
    """

    def __init__(self):
        self.chain = FrenchTokenizer() | NormalizeFilter() | CommonGramsFilter()

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        if mode == "query" or chars or not removestops or start_pos or keeporiginal:
            return self.chain(value, positions=positions, chars=chars, keeporiginal=keeporiginal,
                              removestops=removestops, start_pos=start_pos, start_char=start_char,
                              tokenize=tokenize, mode=mode, **kwargs)
        return self._index_tokens(value, positions, mode, kwargs)

    @staticmethod
    def _index_tokens(value, positions, mode, kwargs):
        emitted, norm = index_terms(value)
        t = Token(positions, False, removestops=True, mode=mode, **kwargs)
        t.boost = norm
        t.stopped = False
        for text, pos in emitted:
            t.text, t.pos = text, pos
            yield t

    @staticmethod
    def _index_terms(value):
        common = COMMON
        pos = 0
        prev = None
        for m in TOKEN_PATTERN.finditer(value):
            term, parts = normalize(m.group())
            bare = _bare(m.group(), term)
            if bare:  # a cited resolution: its number with and without the year
                yield term, pos
                yield bare, pos
                prev = bare
                pos += 1
                continue
            if parts and term is not None:
                yield term, pos  # the compound itself, at the position of its first part
            kept = 0
            for word in parts or (term,):
                if word is None:
                    continue
                yield word, pos
                if prev in common and word in common:
                    yield prev + GRAM_JOINER + word, pos - 1
                prev = word
                pos += 1
                kept += 1
            if parts and not kept:
                pos += 1


def index_terms(text: str) -> tuple[list[tuple[str, int]], float]:
    """The (term, position) pairs a paragraph is indexed under, and its weight factor."""
    emitted = list(FrenchAnalyzer._index_terms(text))
    return emitted, length_norm(max(pos for _, pos in emitted) + 1 if emitted else 1)


def length_norm(words: int) -> float:
    """Per-posting weight factor of a paragraph with this many kept words (see LENGTH_B)."""
    return 1.0 / (1.0 - LENGTH_B + LENGTH_B * words / AVG_WORDS)


def french_analyzer() -> FrenchAnalyzer:
    """The analyzer for paragraph bodies, at index and at query time."""
    return FrenchAnalyzer()


# The exact field: words as written (lower-cased, one apostrophe), not stemmed, so a quoted
# phrase matches those very words (Elasticsearch's quote_field_suffix). Stop words are left
# out, as in the body: their posting lists span the whole index, and a phrase check on them
# would read most of it (`droits de l’homme` is checked as `droits homme`).
# Each accented word is also indexed folded, marked, at the same position (`~secretaire`
# beside `secrétaire`), so a phrase typed without accents still matches (query/ranking.py
# chooses between the two forms).
EXACT_WORD = re.compile(r"\w+(?:-\w+)*'?")  # `Sud-Sud` stays one word, as written
FOLDED_MARK = "~"


def exact_words(text: str) -> list[str]:
    """Words of `text` for the exact field: `L’Assemblée a prié le` → [assemblée, prié]; `Sud-Sud`
    → [sud-sud]."""
    return [w for w in EXACT_WORD.findall(text.lower().replace("’", "'")) if not is_stop(fold_word(w).rstrip("'"))]


class ExactAnalyzer(Analyzer):
    """Unstemmed words as written, with their folded form beside them (index time only)."""

    def __eq__(self, other):
        return type(self) is type(other)

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        t = Token(positions, False, removestops=removestops, mode=mode, **kwargs)
        words = exact_words(value)
        # Length-normalized like the body (see LENGTH_B).
        t.boost = 1.0 if mode == "query" else length_norm(len(words) or 1)
        t.stopped = False
        prev = None
        for i, word in enumerate(words):
            t.text = t.original = word
            if positions:
                t.pos = start_pos + i
            yield t
            if mode == "query":
                continue
            folded = fold_word(word)
            if folded != word:
                t.text = FOLDED_MARK + folded
                yield t
            if prev is not None and is_common_word(prev) and is_common_word(word):
                # CommonGrams, as in the body: `droits homme` is one term lookup, not a
                # position check over most of the index.
                if positions:
                    t.pos = start_pos + i - 1
                for pair in exact_pairs(prev, word):
                    t.text = pair
                    yield t
            prev = word


@lru_cache(maxsize=100_000)
def is_common_word(word: str) -> bool:
    """Whether an exact-field word stems to one of the COMMON stems."""
    return stem(fold_word(word)) in COMMON


def exact_pairs(a: str, b: str) -> list[str]:
    """The exact field's pair terms for two adjacent common words: as written, and folded
    (marked) when either has accents."""
    pairs = [a + GRAM_JOINER + b]
    if (fold_word(a), fold_word(b)) != (a, b):
        pairs.append(folded_pair(a, b))
    return pairs


def folded_pair(a: str, b: str) -> str:
    """The exact field's pair term for two adjacent words in any of their accented forms."""
    return FOLDED_MARK + fold_word(a) + GRAM_JOINER + fold_word(b)


def exact_analyzer() -> ExactAnalyzer:
    """The analyzer of the exact (unstemmed) copy of paragraph bodies."""
    return ExactAnalyzer()


# A cited resolution with its year or session, as typed in a query: `242 (1967)`, `181(II)`.
_REFERENCE_SPAN = re.compile(
    r"(?<![\w/])(?:[ASEase]/(?:HRC/|hrc/)?(?:RES|res)/)?\d{1,5}\s?\((?:\d{4}|(?:[Ee]?[Ss]-)?[IVXLCivxlc]{2,}|[IVXLC])\)")


def split_references(text: str) -> tuple[str, list[str]]:
    """Take `242 (1967)`-style references out of a query (outside quoted phrases): the
    rest of the text, and their terms. A query parser would read the parenthesis as a group."""
    quoted = [m.span() for m in re.finditer(r'"[^"]*"', text)]
    rest, found, last = [], [], 0
    for m in _REFERENCE_SPAN.finditer(text):
        ref = None if any(a <= m.start() < b for a, b in quoted) else reference(m.group())
        if ref is None:
            continue
        rest.append(text[last:m.start()])
        found.append(ref[0])
        last = m.end()
    rest.append(text[last:])
    return " ".join(" ".join(rest).split()) if found else text, found


def protect_references(text: str) -> str:
    """Single-quote `242 (1967)`-style references outside phrases, so that a query parser
    with Whoosh's single-quote plugin reads each as one word: `'242 (1967)'`. (The engine's
    own reading takes references out with `split_references`; tests/test_ranking.py uses
    this one with a stock parser.)"""
    out, last = [], 0
    quoted = [m.span() for m in re.finditer(r'"[^"]*"', text)]
    for m in _REFERENCE_SPAN.finditer(text):
        if any(a <= m.start() < b for a, b in quoted):
            continue
        out += [text[last:m.start()], f" '{m.group()}' "]
        last = m.end()
    return "".join(out + [text[last:]]) if out else text


def gram_parts(term: str) -> list[str]:
    """The word terms a (possibly pair) term stands for: `droit+homm` → [droit, homm]."""
    return term.split(GRAM_JOINER)
