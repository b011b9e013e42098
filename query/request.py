"""What a user asks: query text, typed filters, page. Filters become query objects, never text."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from whoosh import query as wq

from indexer import symbols
from indexer.schema import fold_value, make_schema

from .messages import msg
from .errors import BadQuery
from .labels import kind_of

MAX_LIMIT = 1000  # hits per page
MAX_WINDOW = 10_000  # hits reachable by paging (page × limit), as Elasticsearch's max_result_window
FILTERS = ("verb", "kind", "session", "organ", "symbol", "addressee")


@dataclass(frozen=True)
class Filters:
    """Typed filter values; each narrows the search to paragraphs having that value."""

    verb: str | None = None
    kind: str | None = None
    session: int | None = None
    organ: str | None = None
    symbol: str | None = None
    addressee: str | None = None

    @classmethod
    def from_values(cls, values: dict) -> "Filters":
        """Filters from loosely typed values (CLI options, URL parameters); BadQuery if one is wrong."""
        unknown = set(k for k, v in values.items() if v not in (None, "")) - set(FILTERS)
        if unknown:
            raise BadQuery(msg("unknown_filter", names=", ".join(sorted(unknown)), known=", ".join(FILTERS)))
        clean = {k: (v.strip() if isinstance(v, str) else v) for k, v in values.items() if v not in (None, "")}
        if "session" in clean:
            clean["session"] = _session(clean["session"])
        if "kind" in clean:
            kind = kind_of(str(clean["kind"]))
            if kind is None:
                raise BadQuery(msg("unknown_kind", value=clean["kind"]))
            clean["kind"] = kind
        return cls(**{k: v for k, v in clean.items() if v != ""})

    def items(self) -> list[tuple[str, object]]:
        """The filters that are set, as (name, value)."""
        return [(name, getattr(self, name)) for name in FILTERS if getattr(self, name) is not None]


def _session(value) -> int:
    try:
        number = int(str(value).strip())
    except ValueError:
        raise BadQuery(msg("session_not_number", value=value)) from None
    if not 0 < number < 1000:
        raise BadQuery(msg("session_range", value=number))
    return number


_SCHEMA = make_schema()


def filter_query(filters: Filters) -> wq.Query | None:
    """The filters as one query of exact terms (folded like the indexed values), or None."""
    parts: list[wq.Query] = []
    for name, value in filters.items():
        if name == "session":
            parts.append(wq.Term("session", _SCHEMA["session"].to_bytes(value)))
        elif name == "kind":
            parts.append(wq.Term("kind", value))
        elif name == "symbol":
            parts.append(wq.Term("symbol", symbols.key(value)))
        else:
            parts.append(wq.Term(name, fold_value(value)))
    if not parts:
        return None
    return parts[0] if len(parts) == 1 else wq.And(parts)


@dataclass(frozen=True)
class SearchRequest:
    """One search: query text (the query language), filters, which page, and how to present it."""

    text: str = ""
    filters: Filters = field(default_factory=Filters)
    page: int = 1
    limit: int = 10
    fold: bool = True  # copies of a paragraph shown as one hit
    facets: bool = False  # count organ, session, kind, verb… over all matches
    mark: tuple[str, str] = ("[", "]")  # around matched words in snippets

    def __post_init__(self):
        if not isinstance(self.page, int) or not isinstance(self.limit, int):
            raise BadQuery(msg("whole_number", name="page" if not isinstance(self.page, int) else "limit",
                               value=self.page if not isinstance(self.page, int) else self.limit))
        if self.limit < 1 or self.limit > MAX_LIMIT:
            raise BadQuery(msg("limit_range", max=MAX_LIMIT, value=self.limit))
        if self.page < 1:
            raise BadQuery(msg("page_range", value=self.page))
        if self.page * self.limit > MAX_WINDOW:
            raise BadQuery(msg("window", max=MAX_WINDOW))

    @property
    def wanted(self) -> int:
        """Hits needed to fill this page."""
        return self.page * self.limit


def date_of(stored) -> str | None:
    """ISO date of a stored `adopted` value."""
    return stored.date().isoformat() if isinstance(stored, dt.datetime) else None
