"""Facet counts (organ, session, kind, verb) over every paragraph a query matches."""

from __future__ import annotations

import threading
import weakref
from collections import Counter

from whoosh import query as wq

FACETS = ("organ", "session", "kind", "verb")
TOP = 15  # values shown per facet

_lock = threading.Lock()
_columns: "weakref.WeakKeyDictionary" = weakref.WeakKeyDictionary()


def _facet_columns(searcher) -> dict[str, list]:
    # Per-document facet values, built once per opened index from the term lists (each
    # term's postings), so that counting a result set is one list lookup per document.
    with _lock:
        cached = _columns.get(searcher)
        if cached is not None:
            return cached
        reader = searcher.reader()
        size = reader.doc_count_all()
        columns: dict[str, list] = {}
        for name in FACETS:
            field = searcher.schema[name]
            values: list = [None] * size
            for raw in reader.lexicon(name):
                docs = list(reader.postings(name, raw).all_ids())
                if not docs:
                    continue
                if name == "session":
                    display = field.from_bytes(raw)
                else:
                    # Show the value as printed (`Réaffirme`), not its folded index form.
                    display = searcher.stored_fields(docs[0]).get(name)
                for d in docs:
                    values[d] = display
            columns[name] = values
        _columns[searcher] = columns
        return columns


def facet_counts(searcher, q: wq.Query, top: int = TOP) -> dict[str, list[tuple[object, int]]]:
    """For each facet, its most frequent values among the documents matching q."""
    columns = _facet_columns(searcher)
    counters = {name: Counter() for name in FACETS}
    docs = list(q.docs(searcher))
    for name in FACETS:
        values = columns[name]
        counters[name].update(v for v in map(values.__getitem__, docs) if v is not None)
    out = {}
    for name, counter in counters.items():
        ranked = counter.most_common(top)
        if name == "session":
            ranked.sort(key=lambda kv: -kv[0])
        out[name] = ranked
    return out
