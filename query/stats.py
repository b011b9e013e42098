"""What an index holds, as the home page says it: resolutions, drafts, paragraphs, organs,
sessions and years covered. Read from the term lists, so it costs one pass over a few
thousand terms, not over the paragraphs."""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

from indexer import symbols
from indexer.whoosh_internals import posting_ids

_lock = threading.Lock()


@dataclass(frozen=True)
class IndexStats:
    """Counts and ranges over the whole index (deleted paragraphs left out)."""

    paragraphs: int
    files: int
    resolutions: int  # adopted resolutions, one per symbol however many copies
    drafts: int  # draft resolutions, one per symbol
    organs: list[tuple[str, int]] = field(default_factory=list)  # (organ as printed, paragraphs), most first
    sessions: tuple[int, int] | None = None  # (first, last)
    years: tuple[int, int] | None = None  # (first, last) year of adoption


def _live(reader, name: str, raw: bytes):
    # Deleted documents left out (doc_frequency() would count them).
    return posting_ids(reader, name, raw)


def index_stats(searcher, cache: dict) -> IndexStats:
    """The IndexStats of the searcher's index generation, computed once and kept in `cache`."""
    with _lock:
        if "index_stats" not in cache:
            cache["index_stats"] = _compute(searcher)
        return cache["index_stats"]


def _compute(searcher) -> IndexStats:
    reader = searcher.reader()
    schema = searcher.schema
    # A resolution has several symbol terms (68/160, a/res/68/160) and may be printed either
    # way in different files: it is counted once by its organ and shortest key, by type.
    found: dict[str, set] = {"resolution": set(), "draft_resolution": set()}
    for raw in reader.lexicon("symbol"):
        docs = _live(reader, "symbol", raw)
        if docs:
            stored = searcher.stored_fields(docs[0])
            printed = stored.get("symbol") or ""
            parsed = symbols.parse(printed)
            key = symbols.keys(parsed)[0] if parsed else symbols.key(printed)
            found.setdefault(stored.get("document_type"), set()).add((stored.get("organ"), key))
    organs = []
    for raw in reader.lexicon("organ"):
        docs = _live(reader, "organ", raw)
        if docs:
            organs.append((searcher.stored_fields(docs[0]).get("organ") or raw.decode("utf-8"), len(docs)))
    organs.sort(key=lambda kv: (-kv[1], kv[0]))
    sessions = [schema["session"].from_bytes(raw) for raw in reader.lexicon("session") if _live(reader, "session", raw)]
    years = [schema["adopted"].from_bytes(raw).year for raw in reader.lexicon("adopted")
             if _live(reader, "adopted", raw)]
    files = sum(1 for raw in reader.lexicon("file") if _live(reader, "file", raw))
    return IndexStats(
        paragraphs=reader.doc_count(), files=files, resolutions=len(found["resolution"]),
        drafts=len(found["draft_resolution"]), organs=organs,
        sessions=(min(sessions), max(sessions)) if sessions else None,
        years=(min(years), max(years)) if years else None)
