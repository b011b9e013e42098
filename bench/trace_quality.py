"""Precision and recall of `ressearch trace` against tests/gold/trace_pairs.json.

The corpus is the four seeds (corpus/) and the follow-up resolution families of
tests/families/. For every paragraph of every resolution named in the pairs, trace it and
compare the paragraphs found in the *other* resolutions with the hand-made pairs. Prints
micro-averaged precision and recall at the default threshold and at a few others, overall
and per family, and the time `query.history` adds to `trace`.

    python bench/trace_quality.py [--index PATH]
"""

from __future__ import annotations

import argparse
import json
import shutil
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import build  # noqa: E402
from indexer import symbols as grammar  # noqa: E402
from query.history import history  # noqa: E402
from query.searching import QueryError  # noqa: E402
from query.tracing import MIN_SIMILARITY, resolution, trace  # noqa: E402

CORPORA = (ROOT / "corpus", ROOT / "tests" / "families")
FAMILIES = {
    "seeds (international cooperation)": ("68/160", "65/218", "53/..."),
    "extreme poverty (GA)": ("67/164", "69/183", "71/186"),
    "right to food (HRC, GA)": ("28/10", "31/10", "70/154"),
    "UNDOF mandate (SC)": ("2426 (2018)", "2450 (2018)", "2503 (2019)"),
}


def expected_pairs() -> set[frozenset[str]]:
    """The hand-made pairs, each a frozenset of two `SYMBOL:opN` / `SYMBOL:preN` references."""
    data = json.loads((ROOT / "tests" / "gold" / "trace_pairs.json").read_text(encoding="utf-8"))
    return {frozenset(p) for p in data["pairs"]}


def _symbol(ref: str) -> str:
    return ref.rsplit(":", 1)[0]


def short(symbol: str) -> str:
    """The number the pairs are written with: `A/RES/68/160` → `68/160`."""
    parsed = grammar.parse(symbol)
    return parsed.number if parsed else symbol


def _ref(symbol: str, p) -> str:
    return f"{symbol}:{'op' if p.kind == 'operative' else 'pre'}{p.number or p.position}"


def indexed_symbols(index: Path, symbols) -> list[str]:
    """Those of these symbols that the index holds."""
    out = []
    for s in symbols:
        try:
            if resolution(s, index):
                out.append(s)
        except QueryError:
            pass
    return out


def evaluate(index: Path, threshold: float, symbols=None) -> tuple[float, float, list[str]]:
    """(precision, recall, mistakes) of trace over every paragraph of these resolutions.

    By default every resolution named in the pairs that the index holds; pairs are counted
    only between the resolutions evaluated.
    """
    pairs = expected_pairs()
    wanted = sorted({_symbol(r) for p in pairs for r in p})
    symbols = indexed_symbols(index, symbols or wanted)
    pairs = {p for p in pairs if all(_symbol(r) in symbols for r in p)}
    found: set[frozenset[str]] = set()
    for symbol in symbols:
        for p in resolution(symbol, index)[0]:
            ref = _ref(symbol, p)
            for hit in trace(ref, index=index, limit=50, min_similarity=threshold).hits:
                number = short(hit.symbol)
                if number != symbol and number in symbols:
                    found.add(frozenset((ref, _ref(number, hit))))
    right = found & pairs
    mistakes = [f"extra   {' ~ '.join(sorted(p))}" for p in found - pairs]
    mistakes += [f"missing {' ~ '.join(sorted(p))}" for p in pairs - found]
    return len(right) / max(1, len(found)), len(right) / max(1, len(pairs)), sorted(mistakes)


def history_overhead(index: Path, symbols) -> tuple[float, float]:
    """Seconds spent in trace and in history() over every paragraph of these resolutions."""
    t_trace = t_history = 0.0
    for symbol in symbols:
        for p in resolution(symbol, index)[0]:
            start = time.perf_counter()
            result = trace(_ref(symbol, p), index=index, by="date")
            middle = time.perf_counter()
            history(result.text, result.hits, result.reference)
            t_trace += middle - start
            t_history += time.perf_counter() - middle
    return t_trace, t_history


def build_index(index: Path, tmp: Path) -> None:
    """Index the seeds and the families together."""
    corpus = tmp / "corpus"
    for folder in CORPORA:
        for f in sorted(folder.glob("*.txt")):
            dest = corpus / folder.name / f.name
            dest.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(f, dest)
    build(corpus, index=index, procs=1)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", help="an index of corpus/ and tests/families/ (default: build one in a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(args.index) if args.index else Path(tmp) / "index"
        if not args.index:
            build_index(index, Path(tmp))
        for threshold in sorted({0.2, MIN_SIMILARITY, 0.3, 0.35, 0.4}):
            p, r, mistakes = evaluate(index, threshold)
            mark = "  (default)" if threshold == MIN_SIMILARITY else ""
            print(f"threshold {threshold:.2f}: precision {p:.3f}  recall {r:.3f}{mark}")
            if threshold == MIN_SIMILARITY:
                for m in mistakes:
                    print("    " + m)
        for name, symbols in FAMILIES.items():
            p, r, _ = evaluate(index, MIN_SIMILARITY, symbols)
            print(f"  {name:38} precision {p:.3f}  recall {r:.3f}")
        symbols = [s for family in FAMILIES.values() for s in family]
        t_trace, t_history = history_overhead(index, indexed_symbols(index, symbols))
        print(f"history() adds {t_history * 1000:.0f} ms to {t_trace * 1000:.0f} ms of trace "
              f"({100 * t_history / t_trace:.1f} %)")


if __name__ == "__main__":
    main()
