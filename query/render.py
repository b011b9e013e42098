"""Plain-text rendering of hits for the terminal."""

from __future__ import annotations

import textwrap

from .searching import Hit


def label(hit: Hit) -> str:
    """`op 12` or `pre 3` (preambular paragraphs are counted by position)."""
    return f"op {hit.number}" if hit.kind == "operative" else f"pre {hit.position}"


def render_hit(rank: int, hit: Hit, color: bool = False) -> str:
    """One hit as a header line (symbol, organ, session, paragraph, verb, score) and its snippet."""
    bold, dim, reset = ("\x1b[1m", "\x1b[2m", "\x1b[0m") if color else ("", "", "")
    session = f"session {hit.session}" if hit.session is not None else ""
    head = "  ".join(x for x in (hit.symbol or "?", hit.organ or "", session, label(hit), hit.verb or "") if x)
    lines = [f"{rank:>3}. {bold}{head}{reset}  {dim}score {hit.score:.2f}  {hit.file}{reset}"]
    lines += textwrap.wrap(hit.snippet, width=100, initial_indent="     ", subsequent_indent="     ",
                           break_long_words=False, break_on_hyphens=False)
    return "\n".join(lines) + "\n"
