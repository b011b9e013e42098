"""Facet counts (organ, session, kind, verb) over every paragraph a query matches."""

from __future__ import annotations

import threading
import time
import weakref
from collections import Counter

from whoosh import query as wq

FACETS = ("organ", "session", "kind", "verb")
TOP = 15  # values shown per facet
BUDGET = 0.08  # seconds spent enumerating matches for the counts

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


def facet_counts(searcher, q: wq.Query, top: int = TOP, budget: float = BUDGET) -> tuple[dict, bool]:
    """For each facet, its most frequent values among the documents matching q.

    Returns (counts, complete): past `budget` seconds the counts cover the paragraphs
    enumerated so far (in index order), and complete is False.
    """
    columns = _facet_columns(searcher)
    counters = {name: Counter() for name in FACETS}
    docs, complete = [], True
    deadline = time.perf_counter() + budget
    for i, d in enumerate(q.docs(searcher)):
        docs.append(d)
        if not i % 2048 and time.perf_counter() > deadline:
            complete = False
            break
    for name in FACETS:
        values = columns[name]
        counters[name].update(v for v in map(values.__getitem__, docs) if v is not None)
    out = {}
    for name, counter in counters.items():
        ranked = counter.most_common(top)
        if name == "session":
            ranked.sort(key=lambda kv: -kv[0])
        out[name] = ranked
    return out, complete
