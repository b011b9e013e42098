"""Every use of Whoosh's private internals, in one place (tests/test_whoosh_internals.py
fails loudly if a Whoosh upgrade removes one).

- `posting_ids`: all document numbers of a term, block by block (W3LeafMatcher._read_ids,
  ._ids, ._next_block), about ten times faster than iterating a matcher one id at a time;
  used to count matches exactly.
- `posting_weights`: the same, with each posting's weight (W3LeafMatcher._read_weights,
  ._weights); used to score a known set of matches exactly without walking the postings.
- `word_terms`: the terms a prefix query expands to (Prefix._btexts).
"""

from __future__ import annotations

from array import array

from whoosh.codec.whoosh3 import W3LeafMatcher
from whoosh.matching import FilterMatcher


def posting_ids(reader, fieldname: str, text: bytes | str) -> array:
    """Document numbers (index-wide) holding the term, ascending, deleted documents left out."""
    out = array("I")
    for sub, offset in reader.leaf_readers():
        if (fieldname, text) not in sub:
            continue
        matcher = sub.postings(fieldname, text)
        deleted = None
        if isinstance(matcher, FilterMatcher):
            # A segment with deletions wraps its postings to exclude them.
            deleted, matcher = matcher._ids, matcher.child
        ids = _leaf_ids(matcher)
        if deleted:
            ids = array("I", (i for i in ids if i not in deleted))
        out.extend(ids if not offset else array("I", (i + offset for i in ids)))
    return out


def posting_weights(reader, fieldname: str, text: bytes) -> dict[int, float]:
    """docnum (index-wide) → posting weight of the term, deleted documents left out."""
    out: dict[int, float] = {}
    for sub, offset in reader.leaf_readers():
        if (fieldname, text) not in sub:
            continue
        matcher = sub.postings(fieldname, text)
        deleted = None
        if isinstance(matcher, FilterMatcher):
            deleted, matcher = matcher._ids, matcher.child
        if isinstance(matcher, W3LeafMatcher):
            while matcher.is_active():
                if matcher._ids is None:
                    matcher._read_ids()
                if matcher._weights is None:
                    matcher._read_weights()
                i = matcher._i
                pairs = zip(matcher._ids[i:], matcher._weights[i:])
                out.update(((d + offset, w) for d, w in pairs if not deleted or d not in deleted) if offset or deleted
                           else pairs)
                matcher._next_block()
        else:
            while matcher.is_active():
                if not deleted or matcher.id() not in deleted:
                    out[matcher.id() + offset] = matcher.weight()
                matcher.next()
    return out


def _leaf_ids(matcher) -> array:
    if not isinstance(matcher, W3LeafMatcher):
        return array("I", matcher.all_ids())
    ids = array("I")
    while matcher.is_active():
        if matcher._ids is None:
            matcher._read_ids()
        ids.extend(matcher._ids[matcher._i:] if matcher._i else matcher._ids)
        matcher._next_block()
    return ids


def word_terms(prefix_query, reader):
    """The index terms a Prefix query expands to (its private `_btexts`)."""
    return prefix_query._btexts(reader)
