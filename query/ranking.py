"""BM25 over postings whose weights already carry the length normalization.

The index stores tf / (1 - B + B * words / AVG_WORDS) as each posting's weight
(indexer.analysis.LENGTH_B), so scoring needs neither the paragraph's length nor a second
lookup per posting, and the per-block maximum weight bounds a block's best score exactly.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from functools import lru_cache

from whoosh import matching, qparser, query as wq, scoring
from whoosh.support.levenshtein import damerau_levenshtein

from indexer import symbols
from indexer.analysis import (
    FOLDED_MARK, elide, exact_pairs, exact_words, fold, fold_word, folded_pair, french_analyzer, is_common_word, normalize,
)


def bm25(idf: float, weight: float, k1: float) -> float:
    """BM25 of one term, its length normalization already in `weight` (the one formula)."""
    return idf * weight * (k1 + 1) / (weight + k1)


def idf(reader, fieldname: str, text: str) -> float:
    """Whoosh's idf, log(N / (df + 1)) + 1, from a reader (a searcher has its own `idf`)."""
    return math.log(reader.doc_count_all() / (reader.doc_frequency(fieldname, text) + 1)) + 1


class PrenormalizedBM25(scoring.WeightingModel):
    """BM25 (B applied at index time): idf * w * (K1 + 1) / (w + K1)."""

    def __init__(self, K1: float = 1.2):
        self.K1 = K1

    def supports_block_quality(self) -> bool:
        return True

    def scorer(self, searcher, fieldname, text, qf=1):
        if not searcher.schema[fieldname].scorable:
            return scoring.WeightScorer.for_(searcher, fieldname, text)
        info = searcher.term_info(fieldname, text)
        return _Scorer(searcher.idf(fieldname, text), self.K1, info.max_weight())


class _Scorer(scoring.BaseScorer):
    def __init__(self, idf: float, k1: float, max_weight: float):
        self.idf, self.k1, self._max_weight = idf, k1, max_weight

    def _score(self, weight: float) -> float:
        return bm25(self.idf, weight, self.k1)

    def supports_block_quality(self) -> bool:
        return True

    def score(self, matcher) -> float:
        return self._score(matcher.weight())

    def max_quality(self) -> float:
        return self._score(self._max_weight)

    def block_quality(self, matcher) -> float:
        return self._score(matcher.block_max_weight())


# --- Ranking building blocks: coordinated OR, exact phrases, typo alternatives ---------

# How hard a paragraph missing query words is pushed down: its score is multiplied by
# (share of the query's idf mass it holds) ** COORD_POWER. Weighting the share by idf means
# a missing rare word costs much, a missing frequent word little (Lucene's coord counts
# words alike; Elasticsearch's minimum_should_match cuts instead of ranking).
COORD_POWER = 2.0
OWN_SHARE = 0.35  # a resolution's own paragraphs score this share of a paragraph citing it
VERB_BOOST = 2.0
PASTE_WORDS = 6  # a query of more content words than this is a pasted passage
PASTE_SCALE = 0.9  # Whoosh's coordination bonus for pastes (as before this module)
MAX_ALTERNATIVES = 3
SPELLING_RATIO = 2  # an unaccented spelling this many times as frequent as its accented forms is another word
RARE_DF = 2  # a word in at most this many paragraphs...
RARE_RATIO = 50  # ...while a close word is in this many times more, is likely a typo


def term_text(value) -> str:
    """A term as text (Whoosh gives bytes or str)."""
    return value.decode("utf-8") if isinstance(value, bytes) else value


class CoordinatedOr(wq.compound.CompoundQuery):
    """OR of the query's words, each paragraph's BM25 scaled by the idf share it matches.

    A subquery is one slot (a word, a word with its typo alternatives, a phrase). The
    coordination factor is at most 1, so Whoosh's block maxima stay upper bounds and top-k
    block skipping still applies. Not a subclass of `Or`, so an explicit `a OR b` inside
    keeps its own meaning and is not merged into it.
    """

    JOINT = " ~OR "
    intersect_merge = False

    def __init__(self, subqueries, boost=1.0, power: float = COORD_POWER):
        super().__init__(subqueries, boost=boost)
        self.power = power

    def normalize(self):
        norm = super().normalize()
        if norm.__class__ is self.__class__:
            norm.power = self.power
        return norm

    def apply(self, fn):
        return self.__class__([fn(q) for q in self.subqueries], boost=self.boost, power=self.power)

    def requires(self):
        return self.subqueries[0].requires() if len(self.subqueries) == 1 else set()

    def _matcher(self, subs, searcher, context):
        reader = searcher.reader()
        m = self._tree_matcher(subs, matching.UnionMatcher, searcher, context,
                               lambda q: q.estimate_size(reader))
        slots, weights = {}, []
        for i, sub in enumerate(subs):
            for fname, text in sub.iter_all_terms():
                slots.setdefault((fname, term_text(text)), i)
            weights.append(slot_weight(searcher, sub))
        if sum(weights) <= 0:
            return m
        return _CoordMatcher(m, slots, weights, self.power)


def slot_weight(searcher, sub: wq.Query) -> float:
    """A query word's weight in coordination: its own idf. Its stand-ins (verb, typo
    alternatives) only count when the word itself is not in the index; a cited resolution
    weighs as the rare reference it is even when nothing cites it, so that its own
    paragraphs (the symbol stand-in) outrank those holding only the query's other words."""
    primary = sub.subqueries[0] if isinstance(sub, Alternatives) else sub
    if isinstance(sub, Alternatives) and any(getattr(q, "fieldname", None) == "symbol" for q in sub.subqueries):
        return max((searcher.idf(f, t) for f, t in primary.iter_all_terms()), default=0.0)
    return _idf(searcher, primary) or _idf(searcher, sub)


def _idf(searcher, q: wq.Query) -> float:
    """The highest idf of the query's terms found in the index (0 if none is)."""
    found = [searcher.idf(f, t) for f, t in ((f, term_text(t)) for f, t in q.iter_all_terms()) if searcher.doc_frequency(f, t)]
    return max(found, default=0.0)


class Alternatives(wq.compound.CompoundQuery):
    """A query word and its stand-ins (typo alternatives, the compound, the verb or symbol
    field), scored as the sum of those that match. Kept whole, never merged into a
    surrounding OR, so it counts as one word for coordination and query planning."""

    JOINT = " |OR "
    intersect_merge = False

    def requires(self):
        return set()

    def _matcher(self, subs, searcher, context):
        reader = searcher.reader()
        return self._tree_matcher(subs, matching.UnionMatcher, searcher, context, lambda q: q.estimate_size(reader))


class _CoordMatcher(matching.WrappingMatcher):
    def __init__(self, child, slots: dict, weights: list[float], power: float):
        super().__init__(child)
        self._slots, self._weights, self._power = slots, weights, power
        self._total = sum(weights)

    def _replacement(self, newchild):
        return self.__class__(newchild, self._slots, self._weights, self._power)

    def coordination(self) -> float:
        """Share of the query's idf mass matched by the current paragraph, to the power."""
        found = {self._slots.get((f, term_text(t))) for f, t in self.child.matching_terms(self.child.id())}
        held = sum(self._weights[i] for i in found if i is not None)
        return (held / self._total) ** self._power

    def score(self) -> float:
        return self.child.score() * self.coordination()


def coordinated_or(subqueries: list, power: float = COORD_POWER) -> wq.Query:
    """Ranked OR of `subqueries` with idf-weighted coordination (see CoordinatedOr)."""
    return CoordinatedOr(list(subqueries), power=power).normalize()


def exact_spellings(reader, word: str, fieldname: str = "exact") -> list[str]:
    """The exact-field terms a quoted word matches: as typed, and its other spelling.

    Typed with accents (`accès`), the word written without them too (`acces`: scanned and
    plain-ASCII copies, old typography's `Etats`); typed without (`secretaire`), its
    accented forms too. Unless the unaccented spelling is far the more frequent: then it is
    a word of its own (`prie`, the verb, is not `prié`). Words of one or two letters always
    take both (`a` ~ `à`).
    """
    folded = fold(word)
    plain, accented = reader.doc_frequency(fieldname, folded), reader.doc_frequency(fieldname, FOLDED_MARK + folded)
    one_word = len(word) <= 2 or plain <= SPELLING_RATIO * accented
    if folded != word:
        return [word, folded] if plain and one_word else [word]
    return [word, FOLDED_MARK + word] if accented and one_word else [word]


def _any_of(fieldname: str, terms: list[str]) -> wq.Query:
    return wq.Term(fieldname, terms[0]) if len(terms) == 1 else wq.Or([wq.Term(fieldname, t) for t in terms])


def _pair_terms(a: list[str], b: list[str]) -> list[str] | None:
    """The pair terms (CommonGrams) matching two adjacent words of the given spellings, or
    None where pairs cannot say it: a folded pair term is indexed for any accented form of
    either word, so it serves only where both words accept any accented form."""
    marked_a, marked_b = a[-1].startswith(FOLDED_MARK), b[-1].startswith(FOLDED_MARK)
    if marked_a != marked_b:
        return None
    terms = [exact_pairs(x, y)[0] for x in a if not x.startswith(FOLDED_MARK)
             for y in b if not y.startswith(FOLDED_MARK)]
    if marked_a:
        terms.append(folded_pair(a[0], b[0]))
    return terms


def exact_phrase(reader, text: str, fieldname: str = "exact") -> wq.Query:
    """A quoted phrase on the unstemmed field, each word in its spellings (exact_spellings);
    a phrase of frequent words is read as its pair terms (the exact field's CommonGrams), as
    the body does."""
    words = exact_words(text)
    return _phrase_of(words, [exact_spellings(reader, w, fieldname) for w in words], fieldname)


def _phrase_of(words: list[str], spellings: list[list[str]], fieldname: str) -> wq.Query:
    parts = [_any_of(fieldname, s) for s in spellings]
    if len(parts) > 1 and all(is_common_word(w) for w in words):
        pairs = [_pair_terms(a, b) for a, b in zip(spellings, spellings[1:])]
        if all(pairs):
            parts = [_any_of(fieldname, p) for p in pairs]
    if not parts:
        return wq.NullQuery
    if len(parts) == 1:
        return parts[0]
    if all(isinstance(p, wq.Term) for p in parts):
        return wq.Phrase(fieldname, [p.text for p in parts])
    return wq.Sequence(parts)


class ExactPhrase(wq.Phrase):
    """A quoted phrase: matched on the exact field, presented as its body words.

    Matching (ranking, counting) uses `exact`, the exact-field query. The body words let the
    engine pick candidates cheaply (paragraphs with those words, block skipping applies) and
    check them with `holds()` on their stored text, as it does for stemmed phrases; they
    are also the words highlighted.
    """

    def __init__(self, words: list[str], exact: wq.Query, parts: list[wq.Query], boost: float = 1.0,
                 text: str = ""):
        super().__init__("body", words, boost=boost)
        self.exact, self.text, self.parts = exact, text, parts
        self.choices = [frozenset(term_text(t) for _, t in part.iter_all_terms()) for part in parts]

    def __eq__(self, other):
        return isinstance(other, ExactPhrase) and self.parts == other.parts and self.boost == other.boost

    def __hash__(self):
        return hash(tuple(self.parts)) ^ hash("exact")

    def normalize(self):
        return self

    def matcher(self, searcher, context=None):
        return self.exact.with_boost(self.boost).matcher(searcher, context)

    def estimate_size(self, ixreader):
        return self.exact.estimate_size(ixreader)

    def holds(self, text: str) -> bool:
        """Whether a paragraph's text holds the phrase (the exact field's rule, from text)."""
        positions = [{w, _marked(w)} for w in exact_words(text)]
        n = len(self.choices)
        return any(all(positions[start + k] & self.choices[k] for k in range(n))
                   for start in range(len(positions) - n + 1))


def quoted_phrase(reader, text: str) -> wq.Query:
    """A quoted phrase: exact_phrase() on the exact field, an ExactPhrase when it has words."""
    words = exact_words(text)
    spellings = [exact_spellings(reader, w, "exact") for w in words]  # index lookups, once
    exact = _phrase_of(words, spellings, "exact")
    parts = [_any_of("exact", s) for s in spellings]
    # The body words as the body reads this phrase (pairs of frequent words as one term):
    # cheap candidates, block skipping applies.
    stems = list(dict.fromkeys(t.text for t in french_analyzer()(text, mode="query")))
    if len(parts) > 1 and stems:
        return ExactPhrase(stems, exact, parts, text=text)
    return exact


@dataclass(frozen=True)
class Suggestion:
    """An index word close to a query word: the word, its edit distance and paragraph count."""

    word: str
    distance: int
    frequency: int


def max_edits(word: str) -> int:
    """Lucene's AUTO fuzziness: 0 edits for ≤ 2 letters, 1 for 3–5, 2 beyond."""
    return 0 if len(word) <= 2 else 1 if len(word) <= 5 else 2


def edit_distance(a: str, b: str) -> int:
    """Damerau-Levenshtein distance (adjacent transpositions count one edit), Whoosh's own."""
    return damerau_levenshtein(a, b)


def fuzzy_alternatives(reader, word: str, fieldname: str = "exact", limit: int = MAX_ALTERNATIVES) -> list[Suggestion]:
    """Index words within AUTO edit distance of `word` (folded), closest and most frequent first.

    Read from the exact field's vocabulary (whole words, accents folded), so the suggestion
    is a word a reader recognises ("did you mean internationale"), not a stem. The first
    letter must match, as in most spelling correctors: it keeps the lexicon walk short.
    """
    word = fold(word)
    edits = max_edits(word)
    if edits == 0 or not word.isalpha():
        return []
    found: dict[str, int] = {}
    for prefix, query in (("", word), (FOLDED_MARK, FOLDED_MARK + word)):
        for candidate in reader.terms_within(fieldname, query, edits, prefix=len(prefix) + 1):
            candidate = term_text(candidate)
            surface = candidate[len(prefix):]
            if surface == word or not surface.isalpha():
                continue
            df = reader.doc_frequency(fieldname, candidate)
            found[fold(surface)] = found.get(fold(surface), 0) + df
    ranked = sorted((Suggestion(w, edit_distance(w, word), df) for w, df in found.items()),
                    key=lambda s: (s.distance, -s.frequency, s.word))
    return [s for s in ranked if s.distance <= edits][:limit]


def looks_misspelt(reader, term: str, suggestions: list[Suggestion], fieldname: str = "body") -> bool:
    """Whether a query term is absent, or nearly, while a close word is common."""
    df = reader.doc_frequency(fieldname, term)
    if df == 0:
        return bool(suggestions)
    return df <= RARE_DF and any(s.frequency >= RARE_RATIO * df for s in suggestions)


# --- From a parsed query to the ranked query -------------------------------------------

class CoordGroup(qparser.syntax.OrGroup):
    """The query parser's implicit grouping of words (`a b c`): a CoordinatedOr.

    Explicit `AND`, `OR`, `NOT`, fields and quotes build their own nodes and keep their
    meaning; only words written side by side are ranked by coordination.
    """

    qclass = CoordinatedOr


@dataclass
class Ranked:
    """The query to run, and the close index words used for misspelt query words."""

    query: wq.Query
    suggestions: dict[str, list[str]] = field(default_factory=dict)  # typed word → did you mean


def rank_query(q: wq.Query, text: str, reader, fieldname: str = "body", named: str | None = None,
               passage: bool | None = None) -> Ranked:
    """Rewrite a query parsed with CoordGroup for ranking.

    Words side by side: coordinated OR, with field conditions required and `NOT` excluded.
    Quoted phrases: matched on the exact (unstemmed) field. A word absent from the index
    (or nearly) also matches close index words, scored lower (`suggestions` lists them).
    `sud sud` is read as the compound `Sud-Sud` when the index has it; a cited resolution
    also finds that resolution's own paragraphs, after those citing it (`named`: the
    resolution the whole text names, as printed, e.g. `A/HRC/RES/53/4`, whose own
    paragraphs are those of that organ only). `passage`: whether the text is a pasted passage,
    as query.language read it (None: words side by side are one when more than PASTE_WORDS).
    """
    quoted = [(m.start(), m.end()) for m in re.finditer(r'"[^"]*"', text)]
    ranked = Ranked(q)

    def surface(node) -> str:
        start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
        return text[start:end] if start is not None and end is not None else term_text(node.text)

    def in_quotes(node) -> tuple[int, int] | None:
        spans = getattr(node, "char_ranges", None) or [(getattr(node, "startchar", None), None)]
        start = spans[0][0]
        return next(((a, b) for a, b in quoted if start is not None and a < start < b), None)

    def word(node) -> wq.Query:
        term = term_text(node.text)
        alternatives = []
        if "(" in term or "/" in term:  # a cited resolution: its own paragraphs too
            # The symbol field is unscored (weight 1): scored as a fraction of a citation's
            # BM25, the resolution's own paragraphs come after the paragraphs citing it and
            # before those merely sharing the other words.
            own = symbols.key(named) if named and symbols.keys(symbols.parse(named))[0] == term else term
            alternatives.append(wq.Term("symbol", own, boost=OWN_SHARE * idf(reader, fieldname, term)))
        elif term.isalpha():
            typed = elide(surface(node))  # `d'apartheit`: the word, without its article
            verb = fold(typed)
            if reader.doc_frequency("verb", verb):
                # An introductory verb (`prie`, `condamne`): paragraphs it introduces first.
                alternatives.append(wq.Term("verb", verb, boost=VERB_BOOST))
            # The lexicon walk costs: only for words the index (nearly) lacks.
            suggestions = fuzzy_alternatives(reader, typed) if reader.doc_frequency(fieldname, term) <= RARE_DF else []
            if suggestions and looks_misspelt(reader, term, suggestions, fieldname):
                stems = {}
                for s in suggestions:
                    stem_ = normalize(s.word)[0]
                    if stem_ and stem_ != term and stem_ not in stems:
                        # Lucene's FuzzyQuery boost: the share of the shorter word left unedited.
                        stems[stem_] = 1 - s.distance / min(len(fold(typed)), len(s.word))
                alternatives += [wq.Term(fieldname, t, boost=b) for t, b in stems.items()]
                if stems:
                    ranked.suggestions[typed] = [s.word for s in suggestions]
        return Alternatives([node] + alternatives) if alternatives else node

    def rewrite(node) -> wq.Query:
        if isinstance(node, CoordinatedOr):
            return words_side_by_side(node)
        if isinstance(node, (wq.Phrase, wq.Term)) and getattr(node, "fieldname", None) == fieldname:
            span = in_quotes(node)
            if span is not None:
                return quoted_phrase(reader, text[span[0] + 1:span[1] - 1])
            if isinstance(node, wq.Term):
                joined = _joined(node, node, reader, fieldname) if _repeated(node, text) else None
                return joined if joined is not None else word(node)
            return node
        if node.is_leaf():
            return node
        return node.apply(rewrite)

    def words_side_by_side(node: CoordinatedOr) -> wq.Query:
        slots, required, excluded = [], [], []
        children = list(node.subqueries)
        i = 0
        while i < len(children):
            child = children[i]
            if isinstance(child, wq.Not):
                excluded.append(rewrite(child.query))
            elif _fields(child) <= {fieldname}:
                nxt = children[i + 1] if i + 1 < len(children) else None
                joined = _joined(child, nxt, reader, fieldname)
                if joined is not None:
                    slots.append(joined)
                    i += 2
                    continue
                joined = _joined(child, child, reader, fieldname) if _repeated(child, text) else None
                if joined is not None:  # `sud sud`: the parser kept the word once
                    slots.append(joined)
                    i += 1
                    continue
                slots.append(rewrite(child))
            else:
                required.append(rewrite(child))
            i += 1
        if (len(slots) > PASTE_WORDS if passage is None else passage) and slots:
            # A pasted passage: ranked by the words it shares, the engine selecting by its
            # rarest words and rescoring on the others (query.execution); coordinating over
            # dozens of words would score most of the index.
            words = wq.Or(slots, scale=PASTE_SCALE)
        else:
            words = coordinated_or(slots, node.power) if slots else None
        positive = required + ([words] if words is not None else [])
        if not positive:
            return wq.Not(wq.Or(excluded)) if excluded else wq.NullQuery
        core = positive[0] if len(positive) == 1 else wq.And(positive)
        return wq.AndNot(core, wq.Or(excluded) if len(excluded) > 1 else excluded[0]) if excluded else core

    ranked.query = rewrite(q).normalize()
    return ranked


def did_you_mean(suggestions: dict[str, list[str]]) -> str:
    """`vacins → vaccins; internationnale → internationale, international`."""
    return "; ".join(f"{typed} → {', '.join(words)}" for typed, words in suggestions.items())


def _fields(q: wq.Query) -> set[str]:
    # Every field the query looks in (ranges and prefixes too); a NOT is never a word.
    if isinstance(q, wq.Not):
        return {"!"}
    found = {getattr(q, "fieldname", None)} - {None}
    if not q.is_leaf():
        for child in q.children():
            found |= _fields(child)
    return found or {"?"}


def _joined(a, b, reader, fieldname: str):
    """`sud sud` typed as two words: also the compound `sud-sud`, when the index has it."""
    if not (isinstance(a, wq.Term) and isinstance(b, wq.Term) and a.fieldname == b.fieldname == fieldname):
        return None
    compound = f"{term_text(a.text)}-{term_text(b.text)}"
    if not reader.doc_frequency(fieldname, compound):
        return None
    # The compound term, not a phrase of the parts: the index holds `Sud-Sud` as one term, and
    # a position check over every paragraph with `sud` would cost more than it finds.
    return wq.Term(fieldname, compound)


def _repeated(node, text: str) -> bool:
    """Whether the same word is typed again right after `node` (`sud sud`)."""
    start, end = getattr(node, "startchar", None), getattr(node, "endchar", None)
    if start is None or end is None:
        return False
    m = re.match(r"\s+(\S+)", text[end:])
    return bool(m) and fold(m.group(1)) == fold(text[start:end])


def all_words_query(q: wq.Query) -> wq.Query | None:
    """The paragraphs holding every word of a coordinated query (None if it has fewer than
    two words): when none does, the results say they hold only some of the words."""
    if isinstance(q, CoordinatedOr):
        return wq.And(list(q.subqueries)) if len(q.subqueries) > 1 else None
    if isinstance(q, (wq.And, wq.AndMaybe, wq.AndNot)):
        for child in ([q.a] if not isinstance(q, wq.And) else q.subqueries):
            found = all_words_query(child)
            if found is not None:
                return found
    return None


def rescore_exact(phrases: list, ranked: list[tuple[float, int]], searcher) -> list[tuple[float, int]]:
    """Candidates known to hold quoted phrases, reordered: those holding them with their very
    stop words, and those they open, first (the exact field leaves stop words out)."""
    literal = [_flat(p.text) for p in phrases if isinstance(p, ExactPhrase) and p.text]
    if not literal or not ranked:
        return ranked
    rescored = [(score * _verbatim(literal, searcher.stored_fields(d)["body"]), d) for score, d in ranked]
    return sorted(rescored, key=lambda pair: (-pair[0], pair[1]))


def rescore_wording(passage: str, ranked: list[tuple[float, int]], text_of, bonus: float,
                    title_of=None, idf=None) -> list[tuple[float, int]]:
    """Candidates reordered by the share of the query's consecutive word pairs they hold
    (score × (1 + bonus × share)): a pasted passage's verbatim or near-verbatim copy before a
    paragraph that only shares its words; typed words found side by side before scattered.
    With `title_of(doc)`, also × (1 + TITLE_BONUS × share of the query's words in the
    resolution's title): a resolution's title names what all its paragraphs are about.
    With `idf(stem)`, also × (idf share of the query's words held) ** COVERAGE_POWER."""
    words = _words(passage)
    wanted, distinct = _pairs(words), set(words)
    if not (wanted or title_of or idf) or not ranked:
        return ranked
    weights = {w: idf(w) for w in distinct} if idf is not None else {}
    mass = sum(weights.values())

    def factor(d) -> float:
        held = _words(text_of(d))
        f = 1 + bonus * len(wanted & _pairs(held)) / len(wanted) if wanted else 1.0
        if title_of is not None and distinct:
            f *= 1 + TITLE_BONUS * len(distinct & set(_words(title_of(d) or ""))) / len(distinct)
        if mass:
            f *= (sum(weights[w] for w in distinct.intersection(held)) / mass) ** COVERAGE_POWER
        return f

    return sorted(((score * factor(d), d) for score, d in ranked), key=lambda pair: (-pair[0], pair[1]))


def passage_wording(passage: str):
    """A function giving the words a paragraph's text holds beside the same neighbour as in
    the pasted passage (both words of each consecutive word pair, as stems, the two share)."""
    wanted = _pairs(_words(passage))
    return lambda text: {w for pair in wanted & _pairs(_words(text)) for w in pair}


def _words(text: str) -> tuple[str, ...]:
    # Content words as stems, those of a title quoted in « » too: the paragraph holds them.
    from .similarity import stems

    return stems(text, titles=True)


def _pairs(words: tuple[str, ...]) -> set[tuple[str, str]]:
    return set(zip(words, words[1:]))


PASSAGE_BONUS = 2.0  # a paragraph holding every word pair of a pasted passage scores three times as much
WORDING_BONUS = 1.0  # ...and one holding typed words side by side (every pair), twice as much
TITLE_BONUS = 0.5  # ...and one of a resolution whose title holds every typed word, 1.5 times as much
VERBATIM_BONUS = 1.5  # the phrase with its very stop words (`et des`, not `et les`)
OPENING_BONUS = 1.2  # the phrase opens the paragraph: its formula (`Prie le Secrétaire général`)
EXACT_BONUS_MAX = VERBATIM_BONUS * OPENING_BONUS  # the most rescore_exact multiplies a score by
# A pasted passage is not a list of words all meant (unlike typed words, COORD_POWER): a
# paragraph holding a share s of its idf mass scores × s ** this, so one sharing a single
# word of it (often a short formula, `Décide de rester saisi de la question`) falls behind
# those sharing many, without the passage's every word being required.
COVERAGE_POWER = 0.5


@lru_cache(maxsize=100_000)
def _marked(word: str) -> str:
    return FOLDED_MARK + fold_word(word)


def _flat(text: str) -> str:
    return " ".join(fold_word(w) for w in text.replace("’", "'").lower().split())


def _verbatim(literal: list[str], body: str) -> float:
    # The exact field leaves stop words out; among paragraphs holding a quoted phrase, those
    # with its stop words too, and those it opens, come first.
    flat = _flat(body)
    factor = 1.0
    for phrase in literal:
        if phrase in flat:
            factor *= VERBATIM_BONUS * (OPENING_BONUS if flat.startswith(phrase) else 1.0)
    return factor
