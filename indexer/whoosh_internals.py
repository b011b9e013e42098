"""Every use of Whoosh's private internals, in one place (tests/test_whoosh_internals.py
fails loudly if a Whoosh upgrade removes one).

- `posting_ids`: all document numbers of a term, block by block (W3LeafMatcher._read_ids,
  ._ids, ._next_block), about ten times faster than iterating a matcher one id at a time;
  used to count matches exactly.
- `posting_arrays`: the same, with each posting's weight (W3LeafMatcher._read_weights,
  ._weights), as two flat arrays: a term scored for every paragraph at once with numpy.
- `word_terms`: the terms a prefix query expands to (Prefix._btexts).
- `cache_column_misses`: W3PerDocReader._cached_reader also caches a column that is absent.
- `finish_segment`, `close_segment`, `commit_segments`: MpWriter's multi-segment commit
  (SegmentWriter._added, ._finalize_segment, ._close_segment, ._merge_segments,
  ._commit_toc, ._finish): worker processes write their own segments, which join the
  table of contents in one atomic write.
- `segment_prefix`, `clean_unlisted`: the files of the segment a writer began, and the
  deletion of files no table of contents lists (SegmentWriter.newsegment, Index._read_toc,
  whoosh.index.clean_files).
- `one_term_per_value`: a DATETIME field indexed as one term per value (its shift_step).
"""

from __future__ import annotations

from array import array

from whoosh.codec.whoosh3 import W3LeafMatcher, W3PerDocReader
from whoosh.index import clean_files
from whoosh.matching import FilterMatcher


def _segment_postings(reader, fieldname: str, text: bytes | str):
    """(offset, raw leaf matcher, deleted ids or None) for each segment holding the term."""
    for sub, offset in reader.leaf_readers():
        if (fieldname, text) not in sub:
            continue
        matcher = sub.postings(fieldname, text)
        deleted = None
        if isinstance(matcher, FilterMatcher):
            # A segment with deletions wraps its postings to exclude them.
            deleted, matcher = matcher._ids, matcher.child
        yield offset, matcher, deleted


def posting_ids(reader, fieldname: str, text: bytes | str) -> array:
    """Document numbers (index-wide) holding the term, ascending, deleted documents left out."""
    out = array("I")
    for offset, matcher, deleted in _segment_postings(reader, fieldname, text):
        ids = _leaf_ids(matcher)
        if deleted:
            ids = array("I", (i for i in ids if i not in deleted))
        out.extend(ids if not offset else array("I", (i + offset for i in ids)))
    return out


def posting_arrays(reader, fieldname: str, text: bytes | str) -> tuple[array, array]:
    """(document numbers, posting weights) of the term, index-wide, ascending, deleted left out."""
    ids, weights = array("I"), array("d")
    for offset, matcher, deleted in _segment_postings(reader, fieldname, text):
        if not isinstance(matcher, W3LeafMatcher):
            while matcher.is_active():
                if not deleted or matcher.id() not in deleted:
                    ids.append(matcher.id() + offset)
                    weights.append(matcher.weight())
                matcher.next()
            continue
        start = len(ids)
        while matcher.is_active():
            if matcher._ids is None:
                matcher._read_ids()
            if matcher._weights is None:
                matcher._read_weights()
            i = matcher._i
            _extend(ids, matcher._ids[i:] if i else matcher._ids)
            _extend(weights, matcher._weights[i:] if i else matcher._weights)
            matcher._next_block()
        if deleted:
            kept = [k for k in range(start, len(ids)) if ids[k] not in deleted]
            ids[start:] = array("I", (ids[k] for k in kept))
            weights[start:] = array("d", (weights[k] for k in kept))
        if offset:
            ids[start:] = array("I", (i + offset for i in ids[start:]))
    return ids, weights


def _extend(target: array, values) -> None:
    # A block holds a tuple, or an array of whatever type its values fitted.
    if isinstance(values, array) and values.typecode != target.typecode:
        values = array(target.typecode, values)
    target.extend(values)


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


def _cached_reader(self, fieldname, column):
    # Whoosh 2.7.5 caches found columns only, so writing a segment stats the disk once per
    # posting of every field without a length column (~10 per paragraph here). A column
    # cannot appear while a segment is being read, so caching the miss is safe.
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
        return reader


def cache_column_misses() -> None:
    """Make per-document readers remember absent columns too (idempotent)."""
    W3PerDocReader._cached_reader = _cached_reader


def finish_segment(writer):
    """End a worker's writer: its finished segment (None when it added nothing), files closed."""
    return writer._finalize_segment() if writer._added else writer._close_segment()


def close_segment(writer) -> None:
    """Close a worker writer's files without cancel(), which would delete the temporary
    folder the other writers share."""
    writer._close_segment()


def commit_segments(writer, segments: list, before_toc=None) -> None:
    """Commit the locking writer's deletions with the workers' segments in one table of
    contents; `before_toc()` runs just before it is written."""
    final = writer._merge_segments(None, False, True)
    final += segments
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    if before_toc is not None:
        before_toc()
    writer._commit_toc(final)
    writer._finish()


def segment_prefix(writer) -> str:
    """The file-name prefix of the segment a writer began."""
    return writer.newsegment.segment_id() + "."


def clean_unlisted(ix, indexname: str) -> int:
    """Delete the index files no table of contents lists; the current generation."""
    toc = ix._read_toc()
    clean_files(ix.storage, indexname, toc.generation, toc.segments)
    return toc.generation


def one_term_per_value(field):
    """A DATETIME field indexing each value as one term, not sixteen trie tiers."""
    field.shift_step = 64
    return field
