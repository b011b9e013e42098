"""Parse time of hostile inputs (issue 13): long blank runs, many-line paragraphs, digit runs.

    python bench/hostile.py [--scale 1]

Each input is a real seed resolution with one hostile piece spliced into its first
paragraph; the time of size n and 4n shows whether parsing stays linear.
"""

from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from indexer import ParseError, parse_bytes  # noqa: E402

SEED = (ROOT / "corpus" / "003_367e980c57a681ce.txt").read_text(encoding="utf-8")
ANCHOR = "Réaffirmant sa "


def splice(piece: str) -> bytes:
    at = SEED.index(ANCHOR) + len(ANCHOR)
    return (SEED[:at] + piece + SEED[at:]).encode("utf-8")


CASES = {
    "spaces in a line": lambda n: " " * n,
    "tabs and NBSP in a line": lambda n: "\t\u00a0" * (n // 2),
    "many-line paragraph (bytes)": lambda n: "coopération internationale\n" * (n // 27),
    "digit run": lambda n: "1" * n + "x",
    "hyphenated line ends (bytes)": lambda n: "inter-\n" * (n // 7),
}


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--scale", type=float, default=1.0, help="multiply the sizes")
    a = ap.parse_args()
    sizes = {"spaces in a line": 32_000, "tabs and NBSP in a line": 32_000, "digit run": 100_000,
             "many-line paragraph (bytes)": 2_000_000, "hyphenated line ends (bytes)": 500_000}
    for name, make in CASES.items():
        row = []
        for n in (int(sizes[name] * a.scale), int(4 * sizes[name] * a.scale)):
            data = splice(make(n))
            t = time.perf_counter()
            try:
                parse_bytes(data, "hostile.txt")
            except ParseError:
                pass
            row.append((n, time.perf_counter() - t))
        (n1, t1), (n4, t4) = row
        print(f"{name:<30} n={n1:>9,}: {t1:6.2f} s   4n: {t4:6.2f} s   ratio {t4 / max(t1, 1e-9):4.1f}")


if __name__ == "__main__":
    main()
