"""Query text → parsed query → hits → rendering.

Names are imported on first use, so the command line starts fast.
"""

from __future__ import annotations

import importlib

_EXPORTS = {"Hit": "searching", "QueryError": "searching", "Results": "searching", "search": "searching"}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
