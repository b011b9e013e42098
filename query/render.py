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
    for copy in hit.also_in:
        where = f"op {copy['number']}" if copy["kind"] == "operative" else copy["kind"]
        lines.append(f"     {dim}also in: {copy['symbol'] or '?'} {where}  {copy['file']}{reset}")
    return "\n".join(lines) + "\n"


def _wrap(text: str, indent: str = "     ") -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def render_trace(result, color: bool = False) -> str:
    """The reference, then each paragraph with its similarity and its word diff."""
    from .similarity import render_diff

    bold, reset = ("\x1b[1m", "\x1b[0m") if color else ("", "")
    if result.reference:
        r = result.reference
        head = f"{r.symbol}  {r.label}  {r.verb or ''}".rstrip()
        lines = [f"{bold}reference  {head}{reset}  ({r.file})"] + _wrap(r.text)
    else:
        lines = [f"{bold}reference  (passage){reset}"] + _wrap(result.text)
    if not result.hits:
        return "\n".join(lines + ["", "no paragraph carries this language"])
    for i, hit in enumerate(result.hits, 1):
        when = hit.adopted or (f"session {hit.session}" if hit.session is not None else "")
        head = "  ".join(x for x in (hit.symbol or "?", when, hit.label, hit.verb or "") if x)
        lines += ["", f"{i:>3}. {bold}{head}{reset}  similarity {hit.similarity:.2f}  {hit.file}"]
        lines += _wrap(render_diff(hit.diff, color)) if not color else ["     " + render_diff(hit.diff, color)]
    return "\n".join(lines)


def render_resolution(copies, para: str | None = None, color: bool = False) -> str:
    """One resolution (its fullest copy), numbered paragraphs; `para` (op3) is marked."""
    bold, reset = ("\x1b[1;33m", "\x1b[0m") if color else ("", "")
    ps = copies[0]
    first = ps[0]
    session = f"session {first.session}" if first.session is not None else ""
    lines = [f"{first.symbol}  {first.organ or ''}  {session}  {first.adopted or ''}".rstrip(),
             first.title or "", first.file]
    lines += [f"also in: {c[0].file}" for c in copies[1:]]
    wanted = para.replace(" ", "").lower() if para else None
    for p in ps:
        marked = wanted == p.label.replace(" ", "")
        mark = ">> " if marked and not color else "   "
        head = f"{mark}{bold if marked else ''}{p.label}  {p.verb or ''}{reset if marked else ''}"
        lines += ["", head] + _wrap(p.text, "       ")
    return "\n".join(lines)
