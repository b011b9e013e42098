"""The library's one-call functions: `search`, `trace`, `resolution`, over engines kept open
per index path (the CLI and scripts call these; a long-lived program may hold an Engine)."""

from __future__ import annotations

import atexit
import os
import threading

from indexer import store

from .engine import Engine
from .errors import BadQuery, IndexUnavailable, NotFound, QueryError
from .hits import Hit, Results
from .request import FILTERS, Filters, SearchRequest

__all__ = ["BadQuery", "Engine", "FILTERS", "Hit", "IndexUnavailable", "NotFound", "QueryError", "Results",
           "close_all", "engine_for", "resolution", "search", "trace"]

_engines: dict[str, Engine] = {}
_lock = threading.Lock()


def engine_for(index: str | os.PathLike | None = None) -> Engine:
    """The engine of the index at this path (default index if None), opened once."""
    path = store.resolve(index)
    key = os.path.abspath(path)
    with _lock:
        engine = _engines.get(key)
        if engine is None:
            engine = _engines[key] = Engine(path)
        return engine


def close_all() -> None:
    """Close every engine opened by these functions."""
    with _lock:
        for engine in _engines.values():
            engine.close()
        _engines.clear()


atexit.register(close_all)  # their searchers' files, before the interpreter tears down


def search(text: str = "", index: str | os.PathLike | None = None, *, limit: int = 10, page: int = 1,
           fold: bool = True, facets: bool = False, mark: tuple[str, str] = ("[", "]"), **filters) -> Results:
    """Ranked paragraphs matching `text` (query language or plain words) within the filters
    (verb, kind, session, organ, symbol, addressee)."""
    request = SearchRequest(text=text, filters=Filters.from_values(filters), page=page, limit=limit, fold=fold,
                            facets=facets, mark=mark)
    return engine_for(index).search(request)


def trace(ref: str | None = None, *, text: str | None = None, index: str | os.PathLike | None = None,
          limit: int = 20, by: str = "similarity", min_similarity: float | None = None):
    """Paragraphs carrying the language of a reference paragraph (68/160:op1) or a passage."""
    return engine_for(index).trace(ref, text=text, limit=limit, by=by, min_similarity=min_similarity)


def resolution(symbol: str, index: str | os.PathLike | None = None):
    """Every indexed copy of a resolution, each as its paragraphs in order, the cleanest first."""
    return engine_for(index).resolution(symbol)
