"""Plain-text rendering for the terminal: hits, traces, whole resolutions.

Every string shown comes from the engine's typed results, already stripped of control
and bidi characters (query/sanitize.py); colour codes are added here, after that.
"""

from __future__ import annotations

import textwrap

from .hits import Hit, Results
from .labels import label
from .messages import msg


def render_summary(results: Results) -> str:
    """`1-10 of 184 paragraphs` (or why there is nothing to show)."""
    if not results.hits:
        if results.total and results.page > 1:
            return f"no hits on page {results.page}: the {results.total} paragraphs fill {results.pages} page(s)"
        return "no paragraph matches"
    about = "" if results.exact_total else "about "
    noun = "paragraph" if results.total == 1 else "paragraphs"
    last = results.first + len(results.hits) - 1
    copies = sum(len(h.also_in) for h in results.hits)
    folded = f" ({copies} more {'copy' if copies == 1 else 'copies'} folded in)" if copies else ""
    whole = f"\n(read {results.resolution} whole: ressearch show \"{results.resolution}\")" if results.resolution else ""
    return f"{results.first}-{last} of {about}{results.total} {noun}{folded}{whole}\n"


def shown_path(file: str) -> str:
    """A file name as the terminal shows it: relative to the working folder when inside it."""
    import os

    try:
        rel = os.path.relpath(file)
    except ValueError:
        return file
    return rel if not rel.startswith("..") else file


def render_hit(rank: int, hit: Hit, color: bool = False) -> str:
    """One hit as a header line (symbol, organ, session, paragraph, verb, score) and its snippet."""
    bold, dim, reset = ("\x1b[1m", "\x1b[2m", "\x1b[0m") if color else ("", "", "")
    session = f"session {hit.session}" if hit.session is not None else ""
    draft = "(projet)" if hit.document_type == "draft_resolution" else ""
    head = "  ".join(x for x in (hit.symbol or "?", draft, hit.organ or "", session, hit.adopted or "",
                                 label(hit), hit.verb or "") if x)
    score = f"score {hit.score:.2f}  " if hit.score is not None else ""
    lines = [f"{rank:>3}. {bold}{head}{reset}  {dim}{score}{shown_path(hit.file)}{reset}"]
    if hit.title:
        lines.append(f"     {dim}{_shorten(hit.title, 95)}{reset}")
    if hit.addressees:
        lines.append(f"     {dim}→ {', '.join(hit.addressees)}{reset}")
    lines += _wrap(hit.snippet)
    for copy in hit.also_in:
        lines.append(f"     {dim}also in: {copy.symbol or '?'} {copy.label}  {shown_path(copy.file)}{reset}")
    return "\n".join(lines) + "\n"


def _shorten(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1].rsplit(" ", 1)[0] + " …"


def _wrap(text: str, indent: str = "     ") -> list[str]:
    return textwrap.wrap(text, width=100, initial_indent=indent, subsequent_indent=indent,
                         break_long_words=False, break_on_hyphens=False)


def render_history(result, color: bool = False) -> str:
    """A clause history: the summary, then each version in date order with what changed at that step."""
    bold, dim, reset = ("\x1b[1m", "\x1b[2m", "\x1b[0m") if color else ("", "", "")
    h = result.history
    lines = [f"{bold}{h.summary.line()}{reset}"]
    for i, v in enumerate(h.versions, 1):
        head = "  ".join(x for x in (v.symbol or "?", v.adopted or v.when, label(v), v.verb or "") if x)
        mark = "  (reference)" if v.is_reference else (f"  similarity {v.similarity:.2f}" if v.similarity else "")
        lines += ["", f"{i:>3}. {bold}{head}{reset}{mark}  {dim}{shown_path(v.file)}{reset}"]
        if v.also_in:
            lines.append(f"     {dim}{msg('unchanged_in', symbols=', '.join(v.also_in))}{reset}")
        if v.diff_previous is None:
            lines += _wrap(v.text)
        else:
            lines += _wrap_marked(v.diff_previous, color)
    return "\n".join(lines)


def render_trace(result, color: bool = False) -> str:
    """The reference, then each paragraph with its similarity and its word diff."""
    bold, reset = ("\x1b[1m", "\x1b[0m") if color else ("", "")
    if result.reference:
        r = result.reference
        head = f"{r.symbol}  {r.label}  {r.verb or ''}".rstrip()
        lines = [f"{bold}reference  {head}{reset}  ({shown_path(r.file)})"] + _wrap(r.text)
    else:
        lines = [f"{bold}reference  (passage){reset}"] + _wrap(result.text)
    from .tracing import copies_of_reference, fold_copies

    own, others = copies_of_reference(result.reference, result.hits)
    lines += [f"     also in: {shown_path(c.file)}" for c in own]
    if not others:
        return "\n".join(lines + ["", "no paragraph carries this language"])
    for i, group in enumerate(fold_copies(others), 1):
        hit = group.hit
        when = hit.adopted or (f"session {hit.session}" if hit.session is not None else "")
        head = "  ".join(x for x in (hit.symbol or "?", when, hit.label, hit.verb or "") if x)
        lines += ["", f"{i:>3}. {bold}{head}{reset}  similarity {hit.similarity:.2f}  {shown_path(hit.file)}"]
        lines += _wrap_marked(hit.diff, color)
        lines += [f"     also in: {c.symbol or '?'} {c.label}  {shown_path(c.file)}" for c in group.copies]
    return "\n".join(lines)


def _wrap_marked(diff, color: bool) -> list[str]:
    # Wrap the plain rendering (colour codes would count as width), then colour each line.
    from .similarity import render_diff

    if not color:
        return _wrap(render_diff(diff, False))
    lines = _wrap(render_diff(diff, False))
    codes = {"[-": "\x1b[9;31m", "-]": "\x1b[0m", "{+": "\x1b[1;32m", "+}": "\x1b[0m"}
    out, open_code = [], ""
    for line in lines:
        text = open_code + line
        for mark, code in codes.items():
            text = text.replace(mark, code)
        # A change that runs over a line break is coloured again on the next line.
        last_open = max(line.rfind("[-"), line.rfind("{+"))
        last_close = max(line.rfind("-]"), line.rfind("+}"))
        if last_open > last_close:
            open_code = codes[line[last_open:last_open + 2]]
        elif last_close > last_open:
            open_code = ""
        out.append(text + ("\x1b[0m" if open_code else ""))
    return out


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
