"""The `ressearch` command: a thin layer over the `indexer` and `query` libraries."""

from __future__ import annotations

import json
import os
import sys
from pathlib import Path
from typing import List, Optional

import typer

from indexer.store import ENV_VAR

app = typer.Typer(
    help="Search United Nations resolutions in French, paragraph by paragraph.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)


@app.callback()
def _main() -> None:
    """Search United Nations resolutions in French, paragraph by paragraph."""


def _err(message: str) -> None:
    typer.echo(f"ressearch: {message}", err=True)


@app.command()
def parse(
    files: List[Path] = typer.Argument(..., help="Resolution files to parse (.txt, .md, .pdf, .docx, .html)."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per resolution found (JSON Lines)."),
) -> None:
    """Split resolution files into resolutions and paragraphs and show what was read."""
    from indexer import ParseError
    from indexer.parse import parse_resolutions

    parsed = 0
    for path in files:
        try:
            resolutions = parse_resolutions(path)
        except ParseError as e:
            _err(f"{path}: {e}")
            continue
        parsed += 1
        for res in resolutions:
            for warning in res.warnings:
                _err(f"{path}: {res.symbol or '?'}: warning: {warning}" if len(resolutions) > 1 else f"{path}: warning: {warning}")
            if as_json:
                data = res.to_dict()
                del data["warnings"]
                typer.echo(json.dumps(data, ensure_ascii=False))
            else:
                typer.echo(_render_resolution(res))
    if parsed == 0:
        raise typer.Exit(1)


INDEX_HELP = f"Index directory (default: ${ENV_VAR}, else ~/.local/share/ressearch/index)."

QUERY_HELP = """Search the indexed paragraphs; best first (BM25).

\b
Query language (Whoosh's):
  cooperation sud-sud          all the words (accents and case do not matter)
  "droits de l'homme"          exact phrase
  coop*                        prefix
  droits AND NOT homme         AND, OR, NOT, (grouping)
  verb:prie kind:operative     fields: verb, kind, organ, symbol, session,
  session:[60 TO 70]           number, document_type, adopted, file
  symbol:"68/160"  organ:"assemblee generale"  adopted:2013
Longer queries (pasted passages) rank paragraphs by how many words they share.
"""


@app.command()
def index(
    corpus: Path = typer.Argument(..., help="Folder of resolution files (.txt, .md), read recursively."),
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP),
    rebuild: bool = typer.Option(False, "--rebuild", help="Build a fresh index and swap it in at the end."),
    procs: int = typer.Option(0, "--procs", help="Worker processes (default: up to 2)."),
) -> None:
    """Index a corpus folder; re-runs only re-read changed files."""
    from indexer import BuildError, build

    show = sys.stderr.isatty()
    bar = _ProgressLine() if show else None
    try:
        report = build(corpus, index=index_path, rebuild=rebuild, procs=procs or None,
                       progress=bar.update if bar else None)
    except BuildError as e:
        _err(str(e))
        raise typer.Exit(1)
    except KeyboardInterrupt:
        if bar:
            bar.clear()
        _err("interrupted: the index keeps its last completed state; run the same command again to finish")
        raise typer.Exit(130)
    if bar:
        bar.clear()
    if report.files_seen == 0:
        _err(f"no .txt or .md files under {corpus}")
    for file, reason in report.skipped:
        _err(f"skipped {file}: {reason}")
    for file, warning in report.warnings:
        _err(f"{file}: warning: {warning}")
    typer.echo(
        f"indexed {report.files_indexed} files ({report.paragraphs_indexed} paragraphs), "
        f"{report.files_unchanged} unchanged, {report.files_removed} removed, "
        f"{len(report.skipped)} skipped in {report.seconds:.1f}s → {report.index}"
    )


class _ProgressLine:
    """Click's progress bar on stderr (terminals only), fed by build()'s progress callback."""

    def __init__(self) -> None:
        self.bar = None
        self.done = 0

    def update(self, done: int, total: int) -> None:
        if self.bar is None:
            self.bar = typer.progressbar(length=total, label="indexing", file=sys.stderr, show_pos=True)
            self.bar.__enter__()
        self.bar.update(done - self.done)
        self.done = done

    def clear(self) -> None:
        if self.bar is not None:
            self.bar.__exit__(None, None, None)


@app.command(help=QUERY_HELP)
def query(
    text: str = typer.Argument(..., help="What to search for."),
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP),
    verb: Optional[str] = typer.Option(None, "--verb", help="Only paragraphs with this introductory verb."),
    kind: Optional[str] = typer.Option(None, "--kind", help="preambular or operative."),
    session: Optional[int] = typer.Option(None, "--session", help="Only this session."),
    organ: Optional[str] = typer.Option(None, "--organ", help="Only this organ."),
    symbol: Optional[str] = typer.Option(None, "--symbol", help="Only this resolution (68/160, A/RES/68/160)."),
    limit: int = typer.Option(10, "--limit", help="Hits per page."),
    page: int = typer.Option(1, "--page", help="Page of hits."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per hit (JSON Lines)."),
    no_color: bool = typer.Option(False, "--no-color", help="Mark matches with [ ] instead of colour."),
    no_fold: bool = typer.Option(False, "--no-fold", help="Show every copy of a paragraph as its own hit."),
) -> None:
    from .render import render_hit
    from .searching import QueryError, search

    if kind and kind not in ("preambular", "operative"):
        _err(f"--kind must be preambular or operative, not {kind!r}")
        raise typer.Exit(2)
    color = not as_json and _color(no_color)
    mark = ("\x1b[1;33m", "\x1b[0m") if color else ("[", "]")
    try:
        results = search(text, index=index_path, limit=limit, page=page, mark=mark,
                         fold=not no_fold, verb=verb, kind=kind, session=session, organ=organ, symbol=symbol)
    except QueryError as e:
        _err(str(e))
        raise typer.Exit(2)
    for note in results.notes:
        _err(note)
    if as_json:
        for hit in results:
            data = hit.to_dict()
            data.pop("title", None)
            data.pop("adopted", None)
            typer.echo(json.dumps(data, ensure_ascii=False))
        return
    if not results.hits:
        typer.echo("no paragraph matches" + (f" on page {page}" if page > 1 and results.total else ""))
        return
    first = (page - 1) * limit + 1
    about = "" if results.exact_total else "about "
    typer.echo(f"{first}-{first + len(results.hits) - 1} of {about}{results.total} paragraphs\n")
    for i, hit in enumerate(results, first):
        typer.echo(render_hit(i, hit, color))


@app.command(name="trace")
def trace_cmd(
    ref: Optional[str] = typer.Argument(None, help="A paragraph: 68/160:op1, 65/218:pre3, or FILE#POSITION."),
    text: Optional[str] = typer.Option(None, "--text", help="Trace a typed or pasted passage instead."),
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP),
    by: str = typer.Option("similarity", "--by", help="Order: similarity (default) or date (history)."),
    limit: int = typer.Option(20, "--limit", help="How many paragraphs at most."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per paragraph (JSON Lines)."),
    no_color: bool = typer.Option(False, "--no-color", help="Mark changes with [- -] {+ +} instead of colour."),
) -> None:
    """Where else a paragraph's language was adopted, with word-level changes.

    \b
    Similarity (0-1) weighs rare words shared and phrasing kept; the diff shows what
    changed from the reference: [-deleted-] {+inserted+}.
    """
    from .render import render_trace
    from .searching import QueryError
    from .trace import trace

    if (ref is None) == (text is None):
        _err("give either a paragraph reference (68/160:op1) or --text, not both")
        raise typer.Exit(2)
    try:
        result = trace(ref, text=text, index=index_path, by=by, limit=limit)
    except QueryError as e:
        _err(str(e))
        raise typer.Exit(2)
    if as_json:
        for hit in result.hits:
            typer.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        return
    typer.echo(render_trace(result, _color(no_color)))


@app.command()
def show(
    symbol: str = typer.Argument(..., help="Resolution number or symbol: 68/160, A/RES/68/160, 53/..."),
    para: Optional[str] = typer.Option(None, "--para", help="Mark one paragraph: op3, pre2."),
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP),
    no_color: bool = typer.Option(False, "--no-color", help="No colour."),
) -> None:
    """Print a whole resolution as parsed, paragraph by paragraph."""
    from .render import render_resolution
    from .searching import QueryError
    from .trace import resolution

    try:
        copies = resolution(symbol, index_path)
    except QueryError as e:
        _err(str(e))
        raise typer.Exit(2)
    if para is not None:
        wanted = para.replace(" ", "").lower()
        labels = {p.label.replace(" ", "") for p in copies[0]}
        if wanted not in labels:
            _err(f"{symbol} has no paragraph {para} (it has {len(copies[0])} paragraphs)")
            raise typer.Exit(2)
    typer.echo(render_resolution(copies, para, _color(no_color)))


@app.command()
def serve(
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", help="Port."),
) -> None:
    """A local search page in the browser (and a JSON API under /api/)."""
    import uvicorn

    from indexer import store
    from .web import create_app

    path = store.resolve(index_path)
    try:
        store.open_for_search(path).close()
    except store.IndexUnavailable as e:
        _err(str(e))
        raise typer.Exit(2)
    if host not in ("127.0.0.1", "localhost", "::1"):
        _err(f"warning: listening on {host}: anyone who can reach this machine can read the corpus")
    typer.echo(f"ressearch: serving {path} on http://{'[' + host + ']' if ':' in host else host}:{port}/ (Ctrl-C to stop)")
    uvicorn.run(create_app(path), host=host, port=port, log_level="warning")


def _color(no_color: bool) -> bool:
    return not no_color and sys.stdout.isatty() and not os.environ.get("NO_COLOR")


def _render_resolution(res) -> str:
    pre = sum(p.kind == "preambular" for p in res.paragraphs)
    lines = [
        f"== {res.file}",
        f"symbol   {res.symbol or '-'}" + (f"  ({res.doc_symbol})" if res.doc_symbol else ""),
        f"organ    {res.organ or '-'}",
        f"session  {res.session if res.session is not None else '-'}",
        f"type     {res.document_type or '-'}",
        f"adopted  {res.adopted or '-'}",
        f"title    {res.title or '-'}",
        f"paragraphs  {pre} preambular, {sum(p.kind == 'operative' for p in res.paragraphs)} operative"
        + (f", {sum(p.kind == 'annex' for p in res.paragraphs)} in annexes" if any(p.kind == "annex" for p in res.paragraphs) else ""),
    ]
    pre_seen = 0
    annex = None
    for p in res.paragraphs:
        if p.kind == "annex" and p.annex != annex:
            annex = p.annex
            lines.append(f"  -- annex: {annex or '(untitled)'}")
        if p.kind == "operative":
            label = f"op {p.number}" if p.number is not None else "op"  # early texts leave some unnumbered
        elif p.kind == "annex":
            label = f"an {p.number}"
        else:
            pre_seen += 1
            label = f"pre {pre_seen}"
        words = p.text.split(" ")
        excerpt = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
        lines.append(f"  {label:<6} {p.verb or ('-' if p.kind == 'annex' else '?'):<14} {excerpt}")
    return "\n".join(lines) + "\n"


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
