"""Query text → request → engine → typed results → rendering (terminal, HTML, JSON).

Names are imported on first use, so the command line starts fast.
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "Engine": "engine", "SearchRequest": "request", "Filters": "request",
    "Hit": "hits", "Results": "hits",
    "QueryError": "errors", "BadQuery": "errors", "NotFound": "errors", "IndexUnavailable": "errors",
    "search": "searching", "trace": "searching", "resolution": "searching", "close_all": "searching",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
