"""Precision and recall of `indexer.clauses.addressees` against tests/gold/addressees.json.

Parses every file of the gold, runs the function on each paragraph and compares the sets of
addressees with the hand-judged ones: micro-averaged over (paragraph, addressee) pairs, and
per addressee. `--mistakes` lists every missed or extra addressee.

    python bench/addressee_quality.py [--mistakes]
"""

from __future__ import annotations

import argparse
import json
import sys
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import parse_file  # noqa: E402
from indexer.clauses import addressees  # noqa: E402


@dataclass
class Quality:
    """Counts of right, extra and missed addressees, overall and per addressee."""

    right: Counter = field(default_factory=Counter)
    extra: Counter = field(default_factory=Counter)
    missed: Counter = field(default_factory=Counter)
    mistakes: list[str] = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else 1.0

    def precision(self, name: str | None = None) -> float:
        """Share of found addressees that the gold has (all, or of one addressee)."""
        r, e = (self.right[name], self.extra[name]) if name else (sum(self.right.values()), sum(self.extra.values()))
        return self._ratio(r, r + e)

    def recall(self, name: str | None = None) -> float:
        """Share of the gold's addressees that were found (all, or of one addressee)."""
        r, m = (self.right[name], self.missed[name]) if name else (sum(self.right.values()), sum(self.missed.values()))
        return self._ratio(r, r + m)


def labelled(path: Path) -> list[tuple[str, str, str]]:
    """(label, kind, text) of each paragraph: opN, or preN for the N-th preambular one."""
    out, n = [], 0
    for p in parse_file(path).paragraphs:
        if p.kind == "preambular":
            n += 1
            out.append((f"pre{n}", p.kind, p.text))
        else:
            out.append((f"op{p.number}", p.kind, p.text))
    return out


def evaluate(gold_path: Path = ROOT / "tests" / "gold" / "addressees.json") -> Quality:
    """Compare addressees() with the gold over every judged paragraph."""
    gold = json.loads(gold_path.read_text(encoding="utf-8"))["files"]
    q = Quality()
    for rel, judged in gold.items():
        for label, kind, text in labelled(ROOT / rel):
            if label not in judged:
                continue
            want, got = set(judged[label]), set(addressees(text, kind))
            for name in want & got:
                q.right[name] += 1
            for name in got - want:
                q.extra[name] += 1
                q.mistakes.append(f"extra   {rel}:{label} {name}")
            for name in want - got:
                q.missed[name] += 1
                q.mistakes.append(f"missing {rel}:{label} {name}")
    return q


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--mistakes", action="store_true", help="list every missed or extra addressee")
    args = ap.parse_args()
    q = evaluate()
    print(f"addressees: precision {q.precision():.3f}  recall {q.recall():.3f}  "
          f"({sum(q.right.values())} right, {sum(q.extra.values())} extra, {sum(q.missed.values())} missed)")
    for name in sorted(set(q.right) | set(q.extra) | set(q.missed)):
        print(f"  {name:45} precision {q.precision(name):.2f}  recall {q.recall(name):.2f}  "
              f"(n={q.right[name] + q.missed[name]})")
    if args.mistakes:
        for m in q.mistakes:
            print("    " + m)


if __name__ == "__main__":
    main()
