"""Text in → parsed resolution → paragraph documents → index.

Names are imported on first use, so that `ressearch query` does not pay for loading the
parser and the index writer (a one-shot query is mostly start-up time).
"""

from __future__ import annotations

import importlib

_EXPORTS = {
    "BuildError": "indexing", "BuildReport": "indexing", "build": "indexing",
    "Paragraph": "model", "ParseError": "model", "Resolution": "model",
    "parse_bytes": "parse", "parse_file": "parse", "parse_text": "parse",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(importlib.import_module(f".{_EXPORTS[name]}", __name__), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
