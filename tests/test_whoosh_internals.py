"""Each use of Whoosh's private API (indexer/whoosh_internals.py) against its public
equivalent: a Whoosh upgrade that removes or changes one fails here, loudly."""

from __future__ import annotations

import os

import pytest
from whoosh import fields, query as wq
from whoosh.filedb.filestore import RamStorage

from indexer.whoosh_internals import posting_arrays, posting_ids, word_terms


@pytest.fixture
def ix():
    schema = fields.Schema(body=fields.TEXT(stored=True))
    ix = RamStorage().create_index(schema)
    # Three segments, one with deletions, and postings long enough to span several blocks.
    for seg in range(3):
        w = ix.writer()
        for i in range(400):
            words = ["alpha"] + (["beta"] if i % 3 == 0 else []) + ([f"gamma{i % 7}"] if seg else [])
            w.add_document(body=" ".join(words))
        w.commit(merge=False)
    w = ix.writer()
    w.delete_by_query(wq.Term("body", "gamma3"))
    w.commit(merge=False)
    return ix


@pytest.mark.parametrize("word", ["alpha", "beta", "gamma3", "gamma4", "absent"])
def test_posting_ids_equal_the_public_matcher(ix, word):
    with ix.searcher() as s:
        public = sorted(wq.Term("body", word).docs(s))
        assert list(posting_ids(s.reader(), "body", word.encode())) == public


@pytest.mark.parametrize("word", ["alpha", "beta", "gamma3", "gamma4", "absent"])
def test_posting_arrays_equal_the_public_matcher(ix, word):
    with ix.searcher() as s:
        public = [(d, w) for d, w in s.postings("body", word).items_as("weight")] if (
            "body", word) in s.reader() else []
        ids, weights = posting_arrays(s.reader(), "body", word.encode())
        assert list(zip(ids, weights)) == public


def test_word_terms_expands_a_prefix(ix):
    with ix.searcher() as s:
        expanded = sorted(word_terms(wq.Prefix("body", "gam"), s.reader()))
        assert expanded == sorted(t for t in s.reader().lexicon("body") if t.startswith(b"gam"))
        assert len(expanded) == 7


def _file_index(tmp_path):
    from whoosh import index

    schema = fields.Schema(body=fields.TEXT(stored=True), when=fields.DATETIME(stored=True))
    return index.create_in(str(tmp_path), schema, indexname="t")


def test_multi_segment_commit_publishes_every_worker_segment(tmp_path):
    from whoosh.writing import SegmentWriter

    from indexer.whoosh_internals import commit_segments, finish_segment

    ix = _file_index(tmp_path)
    lead = SegmentWriter(ix)
    segments = []
    for worker in range(2):
        w = SegmentWriter(ix, _lk=False)
        for i in range(3):
            w.add_document(body=f"worker{worker} doc{i}")
        segments.append(finish_segment(w))
    called = []
    commit_segments(lead, segments, before_toc=lambda: called.append(True))
    assert called == [True]
    with ix.searcher() as s:
        assert s.doc_count() == 6 and len(list(wq.Term("body", "worker1").docs(s))) == 3
    assert len(ix._segments()) == 2


def test_an_abandoned_segment_is_cleaned(tmp_path):
    from whoosh.writing import SegmentWriter

    from indexer.whoosh_internals import clean_unlisted, close_segment, segment_prefix

    ix = _file_index(tmp_path)
    w = ix.writer()
    w.add_document(body="kept")
    w.commit()
    orphan = SegmentWriter(ix, _lk=False)
    orphan.add_document(body="lost")
    prefix = segment_prefix(orphan)
    close_segment(orphan)
    assert any(n.startswith(prefix) for n in os.listdir(tmp_path))
    assert clean_unlisted(ix, "t") == ix.latest_generation()
    assert not any(n.startswith(prefix) for n in os.listdir(tmp_path))
    with ix.searcher() as s:
        assert [d["body"] for d in s.documents()] == ["kept"]


def test_column_misses_are_cached():
    from whoosh.codec.whoosh3 import W3PerDocReader

    from indexer.whoosh_internals import _cached_reader, cache_column_misses

    cache_column_misses()
    assert W3PerDocReader._cached_reader is _cached_reader

    class Reader:
        _readers: dict = {}
        looked = 0

        def has_column(self, name):
            Reader.looked += 1
            return False

    r = Reader()
    assert _cached_reader(r, "body", None) is None and _cached_reader(r, "body", None) is None
    assert Reader.looked == 1


def test_one_term_per_date(tmp_path):
    import datetime as dt

    from indexer.whoosh_internals import one_term_per_value

    field = one_term_per_value(fields.DATETIME(stored=True))
    assert len(list(field.index(dt.datetime(2013, 12, 18)))) == 1
