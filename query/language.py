"""Query text → Whoosh query: the query language where the text uses it, plain words otherwise.

Explicit syntax (a known `field:`, quotes, upper-case AND/OR/NOT, parentheses, `*`) keeps
its meaning. Text whose marks do not form valid syntax (a pasted paragraph with `a)`
enumerations, a URL, a stray quote) is read as plain words, and the result says so; it is
never a syntax error. A text that is a resolution symbol also finds that resolution.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from whoosh import qparser, query as wq
from whoosh.qparser.dateparse import DateParserPlugin

from indexer import symbols
from indexer.analysis import fold, normalize, split_references
from indexer.clean import as_indexed
from indexer.schema import make_schema
from indexer.whoosh_internals import word_terms

from .messages import msg
from .errors import BadQuery
from .ranking import PASTE_WORDS, CoordGroup, CoordinatedOr, term_text

SEARCHABLE = ("body", "symbol", "organ", "verb", "kind", "document_type", "session", "number", "adopted",
              "file", "addressee", "opening")
# More content words than this (stop words not counted, so that `règlement pacifique de la
# question de Palestine` is typed words): a pasted passage, ranked by words shared, none required.
LONG_QUERY = PASTE_WORDS
MAX_WORD = 64  # characters; longer "words" are not words (and are slow to parse)
MAX_CHARS = 100_000  # of a query read at all: far more than MAX_WORDS words take
MAX_WORDS = 300  # a long paragraph; the rest of a longer paste is left out

_FIELD_REF = re.compile(r"(?<![\w/])([A-Za-z_]\w*):(?=\S)")
_OPERATOR = re.compile(r"(?:^|\s)(?:AND|OR|NOT|ANDNOT|ANDMAYBE)(?=\s)")
_SYNTAX_CHARS = re.compile(r"[\"()\[\]{}^~*]|(?<!\w)[+-](?=\w)|:")


@dataclass
class ReadQuery:
    """A query text as understood: the Whoosh query, its words, and notes for the user."""

    query: wq.Query
    notes: list[str] = field(default_factory=list)
    plain: bool = True  # read as words, not as query syntax
    long: bool = False  # a pasted passage: ranked by words shared
    symbol: str | None = None  # the text names a resolution by its symbol (canonical form)
    source: str = ""  # the text the parser read (query.ranking.rank_query needs its quotes)

    def body_terms(self) -> list[str]:
        """The analyzed words the query looks for in paragraph text (for highlighting)."""
        out = []
        for node in walk(self.query):
            if getattr(node, "fieldname", None) == "exact" and isinstance(node, wq.Term):
                word = normalize(term_text(node.text).lstrip("~"))[0]  # a quoted word, as the body has it
                out += [word] if word else []
            elif getattr(node, "fieldname", None) == "body":
                if isinstance(node, wq.Term):
                    out.append(term_text(node.text))
                elif isinstance(node, wq.Phrase):
                    out.extend(node.words)
                elif isinstance(node, wq.Prefix):
                    out.append(node.text + "*")
        return out


def walk(q: wq.Query):
    """Every node of a query tree."""
    yield q
    if not q.is_leaf():
        for child in q.children():
            yield from walk(child)


class WordPrefix(wq.Prefix):
    """A prefix over words only: the word-pair terms (`cooper+international`) would multiply
    the terms to read without changing what matches. Scored, so block skipping still works."""

    def _btexts(self, ixreader):
        return (t for t in word_terms(wq.Prefix(self.fieldname, self.text), ixreader) if b"+" not in t)


def make_parser(group=qparser.AndGroup) -> qparser.QueryParser:
    """Whoosh's query language over the paragraph schema, body as the default field."""
    parser = qparser.QueryParser("body", make_schema(), group=group)
    # 'single quotes' would swallow text between two elided words (l'homme … d'une).
    parser.remove_plugin_class(qparser.SingleQuotePlugin)
    parser.add_plugin(DateParserPlugin(free=False))
    parser.add_plugin(qparser.GtLtPlugin())
    return parser


# Words side by side are ranked by coordination (query.ranking.CoordinatedOr), none required;
# explicit AND, OR, NOT, fields and quotes keep their meaning.
_WORDS = make_parser(CoordGroup)


def _content_words(q: wq.Query) -> int:
    # The words the body is searched for: stop words are not among them.
    return sum(1 for n in walk(q) if isinstance(n, wq.Term) and n.fieldname == "body")


def read(text: str) -> ReadQuery:
    """Understand a query text; BadQuery only for explicit syntax that cannot be run."""
    notes: list = []
    # Repaired as paragraph text is (indexer.clean.as_indexed), within a bound that holds
    # the MAX_WORDS a query may use, so a huge paste costs no more than a long one.
    bounded = _bounded(as_indexed((text or "")[:MAX_CHARS]), notes)
    if not bounded:
        raise BadQuery(msg("empty_query") if not (text or "").strip() else msg("no_word", max=MAX_WORD))
    text = bounded
    sym = symbols.parse(text) if len(text) < 40 else None
    # `242 (1967)`: one reference, not a number and a group (the parser's parentheses).
    text, references = split_references(text)
    words = text.split()
    if _is_syntax(text):
        q = _parse(_WORDS, text)
        long = _content_words(q) > LONG_QUERY and not _OPERATOR.search(text) and '"' not in text
        result = ReadQuery(q, notes, plain=False, long=long, source=text)
    else:
        unknown = [f for f in dict.fromkeys(_FIELD_REF.findall(text)) if f not in SEARCHABLE]
        if unknown and len(words) <= LONG_QUERY:
            notes.append(msg("not_a_field", name=unknown[0], fields=", ".join(SEARCHABLE)))
        elif _SYNTAX_CHARS.search(text):
            notes.append(msg("plain_words"))
        plain = _plain(text)
        q = _parse(_WORDS, plain) if plain.strip() else wq.NullQuery
        long = _content_words(q) > LONG_QUERY
        result = ReadQuery(q, notes, plain=True, long=long, source=plain)
    if references:
        terms = [wq.Term("body", r) for r in references]
        q = result.query
        parts = list(q.subqueries) if isinstance(q, CoordinatedOr) else [] if q is wq.NullQuery else [q]
        result.query = CoordinatedOr(parts + terms).normalize()
    if sym is not None:
        # Its own paragraphs are found by query.ranking.rank_query, after those citing it.
        result.symbol = sym.canonical
    _check_ranges(result.query, notes)
    if result.query is wq.NullQuery or all(n is wq.NullQuery for n in walk(result.query) if n.is_leaf()):
        raise BadQuery(msg("stop_words_only", text=bounded))
    return result


def _bounded(text: str, notes: list[str]) -> str:
    # Bounds keep parsing linear and cheap whatever is pasted.
    words = (text or "").split()
    long_words = [w for w in words if len(w) > MAX_WORD]
    if long_words:
        notes.append(msg("long_words_dropped", count=len(long_words), max=MAX_WORD))
        words = [w for w in words if len(w) <= MAX_WORD]
    if len(words) > MAX_WORDS:
        notes.append(msg("words_cut", max=MAX_WORDS))
        words = words[:MAX_WORDS]
    return " ".join(words)


def _is_syntax(text: str) -> bool:
    """Whether the text uses the query language in a way that can be read as such."""
    fields_used = _FIELD_REF.findall(text)
    if any(name not in SEARCHABLE for name in fields_used):
        return False  # `https:`, `note:`: not a field, so not syntax
    marked = bool(fields_used or '"' in text or _OPERATOR.search(text) or "*" in text
                  or re.search(r"(?:^|\s)\(", text) or re.search(r"\[.+ TO .+\]", text))
    if not marked:
        return False
    if text.count('"') % 2:
        return False
    depth = 0
    for ch in text:
        depth += {"(": 1, ")": -1}.get(ch, 0)
        if depth < 0:
            return False
    if depth or text.count("[") != text.count("]") or text.count("{") != text.count("}"):
        return False
    if re.search(r"(?:^|\s)\w\)", text):  # `a) …; b) …`: an enumeration, not grouping
        return False
    return True


def _plain(text: str) -> str:
    # Keep words (apostrophes, hyphens, slashes and dots inside symbols); drop every mark
    # the parser would read as syntax, and lower-case operators so they are words.
    text = re.sub(r"[\"()\[\]{}^~*:!<>=]", " ", text)
    text = re.sub(r"(?<!\w)[+-]+|[+-]+(?!\w)", " ", text)
    return " ".join(w.lower() if w in ("AND", "OR", "NOT", "ANDNOT", "ANDMAYBE", "TO") else w for w in text.split())


def _parse(parser, text: str) -> wq.Query:
    try:
        q = parser.parse(text)
    except Exception:
        raise BadQuery(msg("unreadable_query", text=text)) from None
    return q.accept(_fold_wildcards)


def _fold_wildcards(q: wq.Query) -> wq.Query:
    # Wildcard text skips the analyzer; fold it like indexed terms (`Coopé*` → `coope*`).
    if isinstance(q, (wq.Prefix, wq.Wildcard)) and isinstance(q.text, str):
        q.text = fold(q.text)
        if type(q) is wq.Prefix and q.fieldname == "body":
            return WordPrefix(q.fieldname, q.text, boost=q.boost, constantscore=False)
    return q


def _check_ranges(q: wq.Query, notes: list[str]) -> None:
    # A range written high to low means the same range (Whoosh's date parser already
    # swaps its bounds; numbers are made to agree).
    for node in walk(q):
        if isinstance(node, wq.NumericRange) and node.start is not None and node.end is not None:
            if node.start > node.end:
                node.start, node.end = node.end, node.start
                node.startexcl, node.endexcl = node.endexcl, node.startexcl
                notes.append(msg("range_swapped", field=node.fieldname, start=node.start, end=node.end))
