"""ressearch against stock Whoosh and SQLite FTS5, side by side in one run, on the same paragraphs.

The paragraphs of a corpus folder (ressearch's own parse) are indexed by stock Whoosh
(StemmingAnalyzer, BM25F, one segment) and by SQLite FTS5 (unicode61, diacritics removed,
no stemming); then the query mix of bench/run.py runs on the three, warm, and the script
prints each one's p50/p95/max in ms. The query syntax is carried over where the peers
have it (phrases, prefixes, AND/OR/NOT); field conditions are dropped for the peers (they
have no such fields), and passages of more than six words are ORed, as ressearch does. The
machine is noisy: read the ratios.

    python bench/peers.py --corpus bench/out/corpus-100000-s1 --index bench/out/index-100000-s1
"""

from __future__ import annotations

import argparse
import re
import sqlite3
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parent), str(HERE)]

from unidecode import unidecode  # noqa: E402

from indexer import ParseError  # noqa: E402
from indexer.corpus import scan  # noqa: E402
from indexer.parse import parse_resolutions  # noqa: E402
from run import percentile, query_set  # noqa: E402

ROUNDS = 3


def paragraphs(corpus: Path) -> list[str]:
    """Every paragraph text of the corpus, as ressearch parses it."""
    out = []
    for path in sorted(Path(p) for p in scan(corpus).files):
        try:
            out += [p.text for res in parse_resolutions(path) for p in res.paragraphs]
        except ParseError:
            pass
    return out


def peer_query(q: str) -> tuple[str, bool] | None:
    """(plain query, any word) for the peers, or None when it only has field conditions."""
    q = re.sub(r'\b\w+:(?:"[^"]*"|\[[^\]]*\]|\S+)', " ", q)
    q = q.replace("’", " ").replace("'", " ")
    words = re.findall(r'"[^"]*"|\S+', q)
    if not [w for w in words if w not in ("AND", "OR", "NOT")]:
        return None
    return " ".join(words), len(words) > 6


def timed(fn, queries) -> list[float]:
    times = []
    for rnd in range(ROUNDS):
        for q in queries:
            t = time.perf_counter()
            fn(q)
            if rnd:
                times.append((time.perf_counter() - t) * 1000)
    return times


def stock_whoosh(texts: list[str], workdir: Path):
    from whoosh import fields, index, qparser
    from whoosh.analysis import StemmingAnalyzer

    schema = fields.Schema(body=fields.TEXT(analyzer=StemmingAnalyzer(), stored=True))
    ix = index.create_in(str(workdir), schema)
    w = ix.writer(limitmb=512)
    for t in texts:
        w.add_document(body=t)
    w.commit()
    searcher = ix.searcher()
    parsers = {False: qparser.QueryParser("body", schema),
               True: qparser.QueryParser("body", schema, group=qparser.OrGroup)}

    def run(item):
        text, any_word = item
        return len(searcher.search(parsers[any_word].parse(text), limit=10))

    return run


def fts5(texts: list[str]):
    db = sqlite3.connect(":memory:")
    db.execute("CREATE VIRTUAL TABLE p USING fts5(body, tokenize='unicode61 remove_diacritics 2')")
    db.executemany("INSERT INTO p(body) VALUES (?)", ((t,) for t in texts))
    db.commit()

    def run(item):
        text, any_word = item
        tokens = re.findall(r'"[^"]*"|\S+', unidecode(text))
        out = []
        for tok in tokens:
            if tok in ("AND", "OR", "NOT"):
                out.append(tok)
            elif tok.startswith('"'):
                out.append('"' + re.sub(r'[^\w\s]', " ", tok.strip('"')) + '"')
            else:
                word = re.sub(r"[^\w*]", " ", tok).strip()
                out += [f'"{w}"' if not w.endswith("*") else w for w in word.split()]
        joined = (" OR " if any_word else " ").join(w for w in out if w not in ("AND",)) if any_word else " ".join(out)
        try:
            return len(db.execute("SELECT rowid FROM p WHERE p MATCH ? ORDER BY bm25(p) LIMIT 10", (joined,)).fetchall())
        except sqlite3.OperationalError:
            return 0

    return run


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--corpus", required=True)
    ap.add_argument("--index", required=True, help="a ressearch index of that corpus")
    args = ap.parse_args(argv)
    from query import Engine, SearchRequest

    mix = query_set()
    engine = Engine(args.index)
    rows = {"ressearch": timed(lambda q: engine.search(SearchRequest(text=q)), [q for _, q in mix])}
    texts = paragraphs(Path(args.corpus))
    peer_mix = [p for p in (peer_query(q) for _, q in mix) if p]
    print(f"{len(texts):,} paragraphs; {len(mix)} queries for ressearch, {len(peer_mix)} for the peers")
    with tempfile.TemporaryDirectory() as tmp:
        t = time.perf_counter()
        run = stock_whoosh(texts, Path(tmp))
        print(f"stock Whoosh indexed in {time.perf_counter() - t:.0f} s ({len(texts) / (time.perf_counter() - t):,.0f}/s)")
        rows["stock Whoosh"] = timed(run, peer_mix)
    rows["SQLite FTS5"] = timed(fts5(texts), peer_mix)
    print(f"{'engine':<14} {'p50 ms':>8} {'p95 ms':>8} {'max ms':>8}")
    for name, times in rows.items():
        print(f"{name:<14} {statistics.median(times):>8.1f} {percentile(times, 95):>8.1f} {max(times):>8.1f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
