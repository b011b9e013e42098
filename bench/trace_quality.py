"""Precision and recall of `ressearch trace` on the seeds, against tests/gold/trace_pairs.json.

For every paragraph of 68/160, 65/218 and the 53/... draft, trace it and compare the
paragraphs found in the *other* resolutions with the hand-made pairs. Prints micro-averaged
precision and recall at the default threshold and at a few others.

    python bench/trace_quality.py [--index PATH]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import build, symbols  # noqa: E402
from query.tracing import MIN_SIMILARITY, resolution, trace  # noqa: E402


def expected_pairs() -> set[frozenset[str]]:
    data = json.loads((ROOT / "tests" / "gold" / "trace_pairs.json").read_text(encoding="utf-8"))
    return {frozenset(p) for p in data["pairs"]}


def evaluate(index: Path, threshold: float) -> tuple[float, float, list[str]]:
    """(precision, recall, mistakes) of trace over every seed paragraph at this threshold."""
    pairs = expected_pairs()
    found: set[frozenset[str]] = set()
    for symbol in ("68/160", "65/218", "53/..."):
        for p in resolution(symbol, index)[0]:
            ref = f"{symbol}:{'op' if p.kind == 'operative' else 'pre'}{p.number or p.position}"
            for hit in trace(ref, index=index, limit=50, min_similarity=threshold).hits:
                number = symbols.parse(hit.symbol).number if symbols.parse(hit.symbol) else hit.symbol
                if number != symbol:
                    other = f"{number}:{'op' if hit.kind == 'operative' else 'pre'}{hit.number or hit.position}"
                    found.add(frozenset((ref, other)))
    right = found & pairs
    mistakes = [f"extra   {' ~ '.join(sorted(p))}" for p in found - pairs]
    mistakes += [f"missing {' ~ '.join(sorted(p))}" for p in pairs - found]
    return len(right) / max(1, len(found)), len(right) / len(pairs), sorted(mistakes)


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--index", help="an index of corpus/ (default: build one in a temporary folder)")
    args = ap.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        index = Path(args.index) if args.index else Path(tmp) / "index"
        if not args.index:
            build(ROOT / "corpus", index=index, procs=1)
        for threshold in sorted({0.2, MIN_SIMILARITY, 0.3, 0.35, 0.4}):
            p, r, mistakes = evaluate(index, threshold)
            mark = "  (default)" if threshold == MIN_SIMILARITY else ""
            print(f"threshold {threshold:.2f}: precision {p:.3f}  recall {r:.3f}{mark}")
            if threshold == MIN_SIMILARITY:
                for m in mistakes:
                    print("    " + m)


if __name__ == "__main__":
    main()
