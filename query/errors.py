"""The errors a search can end in; str() is a one-line message about the search, not the tool."""

from __future__ import annotations


class QueryError(Exception):
    """A search that cannot be answered."""


class BadQuery(QueryError):
    """The query or a filter value cannot be read (CLI exit 2, web 400)."""


class NotFound(QueryError):
    """A resolution, paragraph or page that the index does not hold (CLI exit 3, web 404)."""


class IndexUnavailable(QueryError):
    """No usable index at the path (missing, empty, another version, damaged)."""
