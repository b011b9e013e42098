"""nDCG@10 and recall@10 of ressearch against a BM25-OR baseline, on tests/gold/relevance.json.

The judged corpus (seeds, test fixtures, tests/topics/, the resolution families of
tests/families/ and the older layouts of tests/eras/) is copied into a temporary folder
and indexed twice over the very same paragraphs (ressearch's parse): by ressearch, and by
stock Whoosh (its French LanguageAnalyzer with accent folding, BM25F, OR of the words).
Prints both per query class and overall, with a paired bootstrap interval of the difference.

    python bench/relevance.py [--queries] [--json] [--unjudged]

--unjudged lists the paragraphs either system ranks in its top 10 that a query does not
judge yet, with the key to judge them by: judgments must stay complete for both top 10s.
"""

from __future__ import annotations

import argparse
import json
import math
import shutil
import sys
import tempfile
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from unidecode import unidecode  # noqa: E402

GOLD = ROOT / "tests" / "gold" / "relevance.json"
CORPUS_GLOBS = ("corpus/*.txt", "tests/data/*.txt", "tests/data/*.md", "tests/layouts/*.txt", "tests/topics/*.txt",
                "tests/families/*.txt", "tests/eras/*.txt", "tests/eras/*.html")
K = 10


@dataclass(frozen=True)
class Para:
    """One parsed paragraph of the judged corpus: its file (repo-relative) and place in it."""

    file: str
    index: int  # order within the file (0-based), as parsed now
    text: str


@dataclass
class Scores:
    """Mean nDCG@10 and recall@10 of one system over a group of queries."""

    ndcg: float
    recall: float
    queries: int


def corpus_files() -> list[Path]:
    """The judged corpus: every file the parser accepts under CORPUS_GLOBS."""
    return sorted(p for g in CORPUS_GLOBS for p in ROOT.glob(g))


def words(text: str) -> list[str]:
    """Folded words, to match a judgment's first words with a paragraph."""
    return unidecode(text).lower().replace("’", "'").split()


def parse_corpus() -> list[Para]:
    """Every paragraph of the judged corpus (files the parser refuses are left out)."""
    from indexer.model import ParseError
    from indexer.parse import parse_resolutions

    out = []
    for path in corpus_files():
        rel = path.relative_to(ROOT).as_posix()
        try:
            resolutions = parse_resolutions(path)
        except ParseError:
            continue
        i = 0
        for res in resolutions:
            for p in res.paragraphs:
                out.append(Para(rel, i, p.text))
                i += 1
    return out


def resolve(key: str, paras: list[Para]) -> Para:
    """The paragraph a judgment names: `path::first words of its body`."""
    file, _, start = key.partition("::")
    want = words(start)
    found = [p for p in paras if p.file == file and words(p.text)[:len(want)] == want]
    if len(found) != 1:
        raise SystemExit(f"{GOLD.name}: {key!r} names {len(found)} paragraphs, not one")
    return found[0]


def key_of(para: Para, paras: list[Para]) -> str:
    """The shortest judgment key (eight words at least) naming `para` alone."""
    body = para.text.split()
    same_file = [words(p.text) for p in paras if p.file == para.file and p != para]
    n = min(8, len(body))
    while n < len(body) and any(w[:n] == words(" ".join(body[:n])) for w in same_file):
        n += 1
    return f"{para.file}::{' '.join(body[:n])}"


def load_gold(paras: list[Para]) -> list[dict]:
    """The judged queries, with their judgments resolved to paragraphs."""
    data = json.loads(GOLD.read_text(encoding="utf-8"))
    queries = []
    for q in data["queries"]:
        judged = {}
        for key, grade in q["judgments"].items():
            p = resolve(key, paras)
            judged[(p.file, p.index)] = grade
        queries.append({**q, "judged": judged})
    return queries


def ndcg(ranked: list[tuple[str, int]], judged: dict, k: int = K) -> float:
    """nDCG@k with gains 2^grade - 1."""
    dcg = sum((2 ** judged.get(d, 0) - 1) / math.log2(i + 2) for i, d in enumerate(ranked[:k]))
    ideal = sorted(judged.values(), reverse=True)[:k]
    idcg = sum((2 ** g - 1) / math.log2(i + 2) for i, g in enumerate(ideal))
    return dcg / idcg if idcg else 0.0


def recall(ranked: list[tuple[str, int]], judged: dict, k: int = K) -> float:
    """Share of the relevant paragraphs (grade ≥ 1) found in the top k."""
    relevant = {d for d, g in judged.items() if g > 0}
    return len(relevant & set(ranked[:k])) / len(relevant) if relevant else 0.0


def copy_corpus(paras: list[Para], into: Path) -> None:
    """Copy the judged files to `into`, keeping their repo-relative paths."""
    for file in sorted({p.file for p in paras}):
        target = into / file
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(ROOT / file, target)


def paragraph_of(paras_by_text: dict, file: str, text: str) -> tuple[str, int] | None:
    """(file, index) of a hit, from its file and text."""
    return paras_by_text.get((file, text))


class Ressearch:
    """ressearch through the library, over an index of the copied corpus."""

    name = "ressearch"

    def __init__(self, paras: list[Para], workdir: Path):
        from indexer import build

        self.docs = workdir / "docs"
        copy_corpus(paras, self.docs)
        self.index = workdir / "index"
        build(self.docs, index=self.index, procs=1)
        self.by_text = {(p.file, p.text): (p.file, p.index) for p in paras}

    def run(self, text: str) -> list[tuple[str, int]]:
        from query import QueryError, search

        try:
            hits = search(text, index=self.index, limit=K, fold=False)
        except QueryError:
            return []
        root = str(self.docs.resolve()) + "/"
        out = []
        for h in hits:
            d = self.by_text.get((h.file.removeprefix(root), h.text))
            out.append(d if d is not None else (h.file, -1))
        return out


class Building(Ressearch):
    """The ranking building blocks of query/ranking.py on the ressearch index, before the
    query engine uses them: coordinated OR, exact phrases, typo alternatives, references."""

    name = "blocks"

    def __init__(self, paras: list[Para], workdir: Path):
        from whoosh import qparser

        from indexer import store
        from indexer.schema import make_schema
        from query.ranking import CoordGroup, PrenormalizedBM25

        super().__init__(paras, workdir)
        self.searcher = store.open_for_search(self.index).searcher(weighting=PrenormalizedBM25())
        self.parser = qparser.QueryParser("body", make_schema(), group=CoordGroup)

    def run(self, text: str) -> list[tuple[str, int]]:
        from indexer.analysis import protect_references
        from query.ranking import rank_query

        q = self.parser.parse(protect_references(text))
        ranked = rank_query(q, protect_references(text), self.searcher.reader())
        root = str(self.docs.resolve()) + "/"
        return [self.by_text.get((hit["file"].removeprefix(root), hit["body"]), (hit["file"], -1))
                for hit in self.searcher.search(ranked.query, limit=K)]


class Baseline:
    """Stock Whoosh: French LanguageAnalyzer + accent folding, BM25F, OR of the words."""

    name = "bm25-or"

    def __init__(self, paras: list[Para], workdir: Path):
        from whoosh import fields, index, qparser
        from whoosh.analysis import CharsetFilter, LanguageAnalyzer
        from whoosh.support.charset import accent_map

        analyzer = LanguageAnalyzer("fr") | CharsetFilter(accent_map)
        schema = fields.Schema(key=fields.STORED, body=fields.TEXT(analyzer=analyzer))
        path = workdir / "baseline"
        path.mkdir()
        ix = index.create_in(str(path), schema)
        with ix.writer() as w:
            for p in paras:
                w.add_document(key=(p.file, p.index), body=p.text)
        self.searcher = ix.searcher()
        self.parser = qparser.QueryParser("body", schema, group=qparser.OrGroup)

    def run(self, text: str) -> list[tuple[str, int]]:
        q = self.parser.parse(text)
        return [tuple(hit["key"]) for hit in self.searcher.search(q, limit=K)]


def evaluate(system, queries: list[dict]) -> dict:
    """Per-query nDCG@10 and recall@10: {id: (class, ndcg, recall, ranked)}."""
    out = {}
    try:
        for q in queries:
            ranked = system.run(q["query"])
            out[q["id"]] = (q["class"], ndcg(ranked, q["judged"]), recall(ranked, q["judged"]), ranked)
    finally:
        searcher = getattr(system, "searcher", None)
        if searcher is not None:
            searcher.close()
    return out


def by_class(per_query: dict) -> dict[str, Scores]:
    """Mean scores per query class, and over all queries (`overall`)."""
    groups = defaultdict(list)
    for cls, n, r, _ in per_query.values():
        groups[cls].append((n, r))
        groups["overall"].append((n, r))
    return {c: Scores(sum(n for n, _ in v) / len(v), sum(r for _, r in v) / len(v), len(v)) for c, v in groups.items()}


def paired_interval(ours: dict, base: dict, cls: str, rounds: int = 2000, seed: int = 1) -> tuple[float, float]:
    """95 % bootstrap interval of ours − base nDCG@10 over a class's queries (`overall`: all),
    the queries resampled with replacement: how much of a difference the set can tell."""
    import random

    diffs = [n - base[i][1] for i, (c, n, _, _) in ours.items() if cls in (c, "overall")]
    rng = random.Random(seed)
    means = sorted(sum(rng.choices(diffs, k=len(diffs))) / len(diffs) for _ in range(rounds))
    return means[int(0.025 * rounds)], means[int(0.975 * rounds) - 1]


def run_all(workdir: Path, blocks: bool = False) -> tuple[list[dict], dict, dict]:
    """Index the judged corpus both ways and score both systems: (queries, ours, baseline)."""
    paras = parse_corpus()
    queries = load_gold(paras)
    ours = evaluate((Building if blocks else Ressearch)(paras, workdir), queries)
    base = evaluate(Baseline(paras, workdir), queries)
    return queries, ours, base


def print_unjudged(queries: list[dict], ours: dict, base: dict) -> None:
    """Each query's unjudged paragraphs in either top 10: key, then text."""
    paras = parse_corpus()
    at = {(p.file, p.index): p for p in paras}
    for q in queries:
        seen = dict.fromkeys(ours[q["id"]][3] + base[q["id"]][3])
        missing = [d for d in seen if d not in q["judged"] and d in at]
        if missing:
            print(f"## {q['id']}: {q['query']}")
            for d in missing:
                print(f"  {json.dumps(key_of(at[d], paras), ensure_ascii=False)}\n      {at[d].text[:400]}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--queries", action="store_true", help="also print every query's nDCG@10")
    ap.add_argument("--json", action="store_true", help="print the figures as JSON")
    ap.add_argument("--unjudged", action="store_true",
                    help="list the unjudged paragraphs in either system's top 10, to judge them")
    ap.add_argument("--blocks", action="store_true",
                    help="score query/ranking.py's building blocks directly instead of search()")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        queries, ours, base = run_all(Path(tmp), blocks=args.blocks)
        from query.searching import close_all

        close_all()
    if args.unjudged:
        print_unjudged(queries, ours, base)
        return
    a, b = by_class(ours), by_class(base)
    if args.json:
        print(json.dumps({"ressearch": {c: vars(s) for c, s in a.items()},
                          "baseline": {c: vars(s) for c, s in b.items()}}, indent=1))
        return
    print(f"{len(queries)} judged queries, {sum(len(q['judged']) for q in queries)} judgments")
    print(f"{'class':<14}{'n':>4}  {'nDCG@10 ours':>13}{'base':>7}{'diff':>7}{'95% interval':>17}  "
          f"{'R@10 ours':>10}{'base':>7}")
    for c in sorted(a, key=lambda c: (c == "overall", c)):
        low, high = paired_interval(ours, base, c)
        print(f"{c:<14}{a[c].queries:>4}  {a[c].ndcg:>13.3f}{b[c].ndcg:>7.3f}{a[c].ndcg - b[c].ndcg:>+7.3f}"
              f"{f'{low:+.3f} … {high:+.3f}':>17}  {a[c].recall:>10.3f}{b[c].recall:>7.3f}")
    print("(95% interval: paired bootstrap over the class's queries; a class of ten queries cannot tell "
          "a few hundredths apart)")
    if args.queries:
        print()
        for q in queries:
            cls, n, _, _ = ours[q["id"]]
            print(f"{q['id']:<22}{cls:<12}{n:6.3f}{base[q['id']][1]:7.3f}  {q['query'][:60]}")


if __name__ == "__main__":
    main()
