"""Typed search results: one paragraph hit, a page of them, and the one JSON shape of a hit.

Every string in them comes from `stored_text` (query/sanitize.py): corpus text and file
names are stripped of control and bidi characters before they are put in a hit.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .labels import label
from .messages import Message

# The keys of a hit in `ressearch query --json`, `/api/search` and `Hit.to_dict()`, in order.
HIT_KEYS = ("file", "symbol", "organ", "session", "adopted", "document_type", "title", "kind", "annex", "number",
            "position", "label", "verb", "opening", "addressees", "score", "snippet", "text", "also_in")


@dataclass
class Copy:
    """Another paragraph with the same words as a hit (an OCR'd copy, or re-adopted verbatim)."""

    file: str
    symbol: str | None
    kind: str
    number: int | None
    position: int
    ordinal: int | None = None  # place in its resolution
    path: str | None = None  # absolute path of the file

    @property
    def label(self) -> str:
        """`op 3` / `pre 2`, as on the hit."""
        return label(self)

    def to_dict(self, absolute: bool = False) -> dict:
        """JSON shape of a folded copy."""
        return {"file": self.path if absolute and self.path else self.file, "symbol": self.symbol, "kind": self.kind,
                "number": self.number, "position": self.position, "label": self.label}


@dataclass
class Hit:
    """One paragraph found; `score` is None when the query only had conditions (no ranking)."""

    file: str
    symbol: str | None
    organ: str | None
    session: int | None
    adopted: str | None
    document_type: str | None
    title: str | None
    kind: str
    number: int | None
    position: int
    verb: str | None
    score: float | None
    snippet: str
    text: str
    also_in: list[Copy] = field(default_factory=list)
    ordinal: int | None = None  # place in its resolution (labels count preambular paragraphs by it)
    path: str | None = None  # absolute path of the file (`file` is relative to the corpus folder)
    opening: str | None = None  # the opening phrase as printed: "Demande instamment"
    annex: str | None = None  # kind "annex": the title of the annex
    addressees: list[str] = field(default_factory=list)  # who is asked to act: "Secrétaire général"

    @property
    def label(self) -> str:
        """`op 3` / `pre 2`."""
        return label(self)

    def to_dict(self, absolute: bool = False) -> dict:
        """The JSON shape of a hit, the same for the CLI, the web API and the library; `file`
        is relative to the indexed folder unless `absolute`."""
        data = {
            "file": self.path if absolute and self.path else self.file, "symbol": self.symbol, "organ": self.organ,
            "session": self.session, "adopted": self.adopted, "document_type": self.document_type,
            "title": self.title, "kind": self.kind, "annex": self.annex, "number": self.number, "position": self.position,
            "label": self.label, "verb": self.verb, "opening": self.opening, "addressees": self.addressees,
            "score": self.score, "snippet": self.snippet,
            "text": self.text, "also_in": [c.to_dict(absolute) for c in self.also_in],
        }
        assert tuple(data) == HIT_KEYS
        return data


@dataclass
class Results:
    """A page of hits, with the true count of matching paragraphs and how the page was made."""

    hits: list[Hit]
    total: int  # matching paragraphs (copies included)
    exact_total: bool  # False: `total` is an estimate (a time budget or a very large match set)
    page: int
    limit: int
    query: str  # the query as run, for display and debugging
    notes: list[Message] = field(default_factory=list)  # str(note) in English, note.text("fr")
    facets: dict[str, list[tuple[object, int]]] = field(default_factory=dict)  # name → [(value, count)]
    more: bool = False  # a next page has hits
    ranked: bool = True  # False when only conditions were given: index order, no scores
    resolution: str | None = None  # the resolution the query names, when the corpus holds it

    @property
    def first(self) -> int:
        """Rank of the first hit on this page (1-based)."""
        return (self.page - 1) * self.limit + 1

    @property
    def pages(self) -> int:
        """Pages of `limit` paragraphs the total makes (at least 1)."""
        return max(1, -(-self.total // self.limit))

    def __iter__(self):
        return iter(self.hits)

    def __len__(self) -> int:
        return len(self.hits)

    def to_dict(self) -> dict:
        """The JSON shape of `/api/search`."""
        return {"query": self.query, "page": self.page, "limit": self.limit, "total": self.total,
                "exact_total": self.exact_total, "more": self.more, "notes": [str(n) for n in self.notes],
                "resolution": self.resolution,
                "hits": [h.to_dict() for h in self.hits],
                "facets": {k: [[v, n] for v, n in vals]
                           for k, vals in self.facets.items()}}
