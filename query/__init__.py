"""Query text → parsed query → hits → rendering."""

from .search import Hit, QueryError, Results, search

__all__ = ["Hit", "QueryError", "Results", "search"]
