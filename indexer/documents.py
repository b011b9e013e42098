"""Parsed resolutions → the Whoosh documents of their paragraphs (one per paragraph)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from . import clauses, symbols
from .model import Resolution


def documents(resolutions: list[Resolution], sig: str) -> Iterator[dict]:
    """The Whoosh documents of one file's resolutions, one per paragraph.

    `position` counts paragraphs through the whole file, so FILE#POSITION names one paragraph
    even when a file (an official volume) holds several resolutions.
    """
    position = 0
    for res in resolutions:
        for doc in _resolution_documents(res, sig, position):
            position += 1
            yield doc


def _resolution_documents(res: Resolution, sig: str, offset: int) -> Iterator[dict]:
    canonical, keys = symbol_keys(res)
    adopted = dt.datetime.fromisoformat(res.adopted) if res.adopted else None
    for ordinal, p in enumerate(res.paragraphs, 1):
        doc = {
            "ordinal": ordinal,
            "body": p.text,
            "exact": p.text,
            "title": res.title,
            "kind": p.kind,
            "position": offset + ordinal,
            "file": res.file,
            "filesig": sig,
        }
        if keys:
            doc["symbol"] = "|".join(keys)
            doc["_stored_symbol"] = canonical
        who = clauses.addressees(p.text, p.kind)
        if who:
            doc["addressee"] = "|".join(who)
        for key, value in (("organ", res.organ), ("verb", p.verb), ("document_type", res.document_type),
                           ("opening", clauses.opening_phrase(p.text, p.verb))):
            if value:
                doc[key] = value
        for key, value in (("session", res.session), ("number", p.number)):
            if value is not None:
                doc[key] = value
        if adopted:
            doc["adopted"] = adopted
        if p.annex:
            doc["annex"] = p.annex  # kind "annex": the title of the annex the paragraph belongs to
        yield doc


def symbol_keys(res: Resolution) -> tuple[str | None, list[str]]:
    """The resolution's canonical symbol and every key it is found by (`68/160`, `a/res/68/160`)."""
    printed = symbols.parse(res.symbol, res.organ) if res.symbol else None
    full = symbols.parse(res.doc_symbol, res.organ) if res.doc_symbol else None
    keys: list[str] = []
    for sym in (full, printed):
        if sym is not None:
            keys += symbols.keys(sym)
    keys += [symbols.key(s) for s in (res.symbol, res.doc_symbol) if s]
    canonical = (full or printed).canonical if (full or printed) else (res.doc_symbol or res.symbol)
    return canonical, list(dict.fromkeys(k for k in keys if k))
