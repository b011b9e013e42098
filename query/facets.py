"""Facet counts (organ, session, kind, verb, addressee) over every paragraph a query matches."""

from __future__ import annotations

import threading
from collections import Counter

from indexer.whoosh_internals import posting_ids

FACETS = ("organ", "session", "kind", "verb", "addressee")
TOP = 15  # values shown per facet

_lock = threading.Lock()


def _columns(searcher, cache: dict) -> dict[str, list]:
    # Per-document facet values, built once per index generation from the term lists (each
    # term's postings), so that counting a result set is one list lookup per document.
    with _lock:
        if "facet_columns" in cache:
            return cache["facet_columns"]
        reader = searcher.reader()
        size = reader.doc_count_all()
        columns: dict[str, list] = {}
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
            columns[name] = values
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
    """For each facet, its most frequent values among the documents `docs`: {name: [(value, n)]}."""
    columns = _columns(searcher, cache)
    out = {}
    for name, values in columns.items():
        # Counted in C (Counter over map); a paragraph with several values counts for each.
        counter = Counter(map(values.__getitem__, docs))
        counter.pop(None, None)
        for several in [v for v in counter if isinstance(v, tuple)]:
            n = counter.pop(several)
            for v in several:
                counter[v] += n
        ranked = counter.most_common(top)
        if name == "session":
            ranked.sort(key=lambda kv: -kv[0])
        out[name] = ranked
    return out
