"""The Whoosh schema: one document per paragraph, with exact-match filter fields."""

from __future__ import annotations

import re

from whoosh import fields
from whoosh.analysis import Filter, RegexTokenizer

from . import symbols
from .analysis import ANALYZER_VERSION, exact_analyzer, fold, french_analyzer
from .whoosh_internals import one_term_per_value

# The index name carries the format version, so an index written by another version of
# ressearch is recognised (and reported) instead of being misread.
SCHEMA_VERSION = 4  # 2: `annex`, the annex title of kind:annex paragraphs; 3: addressee, opening; 4: exact
INDEX_NAME = f"ressearch_v{SCHEMA_VERSION}_{ANALYZER_VERSION}"


def fold_value(value: str) -> str:
    """Exact-match form of a filter value: accents and case folded, spaces unified."""
    return re.sub(r"\s+", " ", fold(value)).strip()


def symbol_key(value: str) -> str:
    """Exact-match form of a symbol (the grammar is indexer.symbols)."""
    return symbols.key(value)


class ValueFilter(Filter):
    """Replaces each token by `function(token)`: one exact-match value per token."""

    def __init__(self, function):
        self.function = function  # a module-level function, so the schema pickles

    def __eq__(self, other):
        return type(self) is type(other) and self.function is other.function

    def __call__(self, tokens):
        for t in tokens:
            t.text = self.function(t.text)
            yield t


def _exact(stored: bool = True) -> fields.ID:
    # One token per value: the whole value, folded, so `verb:reaffirme` and
    # `organ:"assemblee generale"` match regardless of accents and case.
    field = fields.ID(stored=stored)
    field.analyzer = RegexTokenizer(r"[^|]+") | ValueFilter(fold_value)
    return field


def _several(function) -> fields.KEYWORD:
    # Several values per paragraph ("68/160|A/RES/68/160"), each matched whole.
    field = fields.KEYWORD(stored=True)
    field.analyzer = RegexTokenizer(r"[^|]+") | ValueFilter(function)
    return field


def _numeric() -> fields.NUMERIC:
    # One term per value (no trie tiers): few distinct values, so ranges stay cheap, and
    # each paragraph costs one posting instead of four.
    return fields.NUMERIC(int, bits=16, stored=True, signed=False, shift_step=16)


def _date() -> fields.DATETIME:
    return one_term_per_value(fields.DATETIME(stored=True))  # as above: one term per date


def make_schema() -> fields.Schema:
    """The schema of a ressearch index."""
    french = french_analyzer()
    return fields.Schema(
        body=fields.TEXT(analyzer=french, stored=True, phrase=True),
        # The body again, unstemmed: quoted phrases and verbatim pastes are matched here.
        exact=fields.TEXT(analyzer=exact_analyzer(), stored=False, phrase=True),
        # Stored, not indexed: the title is the same for every paragraph of a resolution,
        # so indexing it per paragraph would cost postings without ranking paragraphs.
        title=fields.STORED(),
        # The title of the annex a numbered annex paragraph (kind "annex") belongs to; shown, not searched.
        annex=fields.STORED(),
        symbol=_several(symbol_key),
        # Who a paragraph asks to act ("Secrétaire général|États"), folded like `organ`.
        addressee=_several(fold_value),
        # The opening phrase as printed ("Demande instamment", "Prend note avec satisfaction").
        opening=_exact(),
        organ=_exact(),
        verb=_exact(),
        kind=fields.ID(stored=True),
        document_type=fields.ID(stored=True),
        session=_numeric(),
        number=_numeric(),
        position=fields.STORED(),  # place in the file: FILE#POSITION names one paragraph
        ordinal=fields.STORED(),  # place in its resolution (a file may hold several)
        adopted=_date(),
        file=fields.ID(stored=True),
        # "path|size|mtime" of the source file, to skip unchanged files on re-index.
        filesig=fields.ID(stored=False),
    )
