"""Parsed resolutions → the Whoosh documents of their paragraphs (one per paragraph)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

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
    symbols = "|".join(s for s in (res.symbol, res.doc_symbol) if s)
    adopted = dt.datetime.fromisoformat(res.adopted) if res.adopted else None
    for position, p in enumerate(res.paragraphs, offset + 1):
        doc = {
            "body": p.text,
            "title": res.title,
            "kind": p.kind,
            "position": position,
            "file": res.file,
            "filesig": sig,
        }
        if symbols:
            doc["symbol"] = symbols
            doc["_stored_symbol"] = res.symbol or res.doc_symbol
        for key, value in (("organ", res.organ), ("verb", p.verb), ("document_type", res.document_type)):
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
