"""Each use of Whoosh's private API (indexer/whoosh_internals.py) against its public
equivalent: a Whoosh upgrade that removes or changes one fails here, loudly."""

from __future__ import annotations

import pytest
from whoosh import fields, query as wq
from whoosh.filedb.filestore import RamStorage

from indexer.whoosh_internals import posting_ids, word_terms


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


def test_word_terms_expands_a_prefix(ix):
    with ix.searcher() as s:
        expanded = sorted(word_terms(wq.Prefix("body", "gam"), s.reader()))
        assert expanded == sorted(t for t in s.reader().lexicon("body") if t.startswith(b"gam"))
        assert len(expanded) == 7
