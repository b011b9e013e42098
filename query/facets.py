"""Facet counts (organ, session, kind, verb, addressee) over every paragraph a query matches."""

from __future__ import annotations

import threading
from collections import Counter

import numpy as np

from indexer.whoosh_internals import posting_ids

FACETS = ("organ", "session", "kind", "verb", "addressee")
TOP = 15  # values shown per facet

_lock = threading.Lock()


def _columns(searcher, cache: dict) -> dict[str, tuple[np.ndarray, list]]:
    # Per-document facet values, built once per index generation from the term lists (each
    # term's postings), as one code per document into a table of values, so that counting a
    # result set is one array operation however many paragraphs it holds.
    with _lock:
        if "facet_columns" in cache:
            return cache["facet_columns"]
        reader = searcher.reader()
        size = reader.doc_count_all()
        columns: dict[str, tuple[np.ndarray, list]] = {}
        for name in FACETS:
            if name not in searcher.schema:
                continue
            field = searcher.schema[name]
            values: list = [None] * size
            for raw in reader.lexicon(name):
                docs = posting_ids(reader, name, raw)
                if not docs:
                    continue
                if name == "session":
                    display = field.from_bytes(raw)
                else:
                    display = _display(searcher.stored_fields(docs[0]).get(name), raw)
                for d in docs:
                    # A paragraph may have several values (addressees): keep them all.
                    values[d] = display if values[d] is None else (
                        values[d] + (display,) if isinstance(values[d], tuple) else (values[d], display))
            table: dict = {None: 0}
            codes = np.fromiter((table.setdefault(v, len(table)) for v in values), dtype=np.int32, count=size)
            columns[name] = (codes, list(table))
        cache["facet_columns"] = columns
        return columns


def _display(stored, raw: bytes):
    # Show the value as printed (`Réaffirme`), not its folded index form; for a field of
    # several values, the printed one whose folded form is this term.
    from indexer.schema import fold_value

    term = raw.decode("utf-8")
    if isinstance(stored, str) and "|" in stored:
        return next((v for v in stored.split("|") if fold_value(v) == term), term)
    return stored if stored is not None else term


def count(searcher, cache: dict, docs, top: int = TOP) -> dict[str, list[tuple[object, int]]]:
    """For each facet, its most frequent values among the documents `docs` (a set, or an
    array of document numbers): {name: [(value, n)]}."""
    columns = _columns(searcher, cache)
    if not isinstance(docs, np.ndarray):
        docs = np.fromiter(docs, dtype=np.int64, count=len(docs))
    out = {}
    for name, (codes, table) in columns.items():
        counts = np.bincount(codes[docs], minlength=len(table))
        counter: Counter = Counter()
        for code in np.flatnonzero(counts[1:]) + 1:  # code 0: no value
            value, n = table[code], int(counts[code])
            # A paragraph with several values counts for each.
            for v in value if isinstance(value, tuple) else (value,):
                counter[v] += n
        ranked = counter.most_common(top)
        if name == "session":
            ranked.sort(key=lambda kv: -kv[0])
        out[name] = ranked
    return out
