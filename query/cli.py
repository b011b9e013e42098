"""The `ressearch` command: a thin layer over the `indexer` and `query` libraries."""

from __future__ import annotations

import gc
import json
import os
import signal
import sys
from contextlib import contextmanager
from pathlib import Path
from typing import List, Optional

import typer

from indexer.store import ENV_VAR

_FORMATS = ".txt .md .pdf .docx .html"  # the files `index` reads (indexer.formats.EXTENSIONS)

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
    corpus: Path = typer.Argument(..., help=f"A folder of resolution files ({_FORMATS}), read recursively, or one file."),
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP),
    rebuild: bool = typer.Option(False, "--rebuild", help="Build a fresh index and swap it in at the end."),
    procs: int = typer.Option(0, "--procs", help="Worker processes (default: up to 2)."),
    check: bool = typer.Option(False, "--check", help="Only report how the index differs from the folder "
                               "(exit code 0: in sync, 1: drift); change nothing."),
) -> None:
    """Index a corpus folder; re-runs only re-read changed files."""
    from indexer import BuildError, build
    from indexer.decode import printable

    if check:
        _check(corpus, index_path)
        return
    show = sys.stderr.isatty()
    bar = _ProgressLine() if show else None
    try:
        with _signals_interrupt():
            report = build(corpus, index=index_path, rebuild=rebuild, procs=procs or None,
                           progress=bar.update if bar else None)
    except BuildError as e:
        if bar:
            bar.clear()
        _err(str(e))
        raise typer.Exit(1)
    except KeyboardInterrupt as e:
        if bar:
            bar.clear()
        _err("interrupted: the index keeps its last completed state; run the same command again to finish")
        raise typer.Exit(128 + getattr(e, "signum", signal.SIGINT))
    if bar:
        bar.clear()
    for note in report.notes:
        _err(note)
    if report.files_seen == 0 and not report.files_removed:
        _err(f"no resolution files ({_FORMATS}) under {printable(str(corpus))}")
    for file, reason in report.skipped:
        _err(f"skipped {file}: {reason}")
    for file, warning in report.warnings:
        _err(f"{file}: warning: {warning}")
    kept = f", {report.files_kept} kept unread" if report.files_kept else ""
    typer.echo(
        f"indexed {_count(report.files_indexed, 'file')} ({_count(report.paragraphs_indexed, 'paragraph')}), "
        f"{report.files_unchanged} unchanged, {report.files_removed} removed{kept}, "
        f"{len(report.skipped)} skipped in {report.seconds:.1f}s → {printable(str(report.index))}"
    )


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" + ("" if n == 1 else "s")


def _check(corpus: Path, index_path: Optional[Path]) -> None:
    from indexer import BuildError
    from indexer.indexing import check

    try:
        drift = check(corpus, index_path)
    except BuildError as e:
        _err(str(e))
        raise typer.Exit(2)
    for file, reason in drift.skipped:
        _err(f"skipped {file}: {reason}")
    for label, files in (("new, not indexed", drift.new), ("changed since indexed", drift.changed),
                         ("paragraphs missing from the index", drift.missing), ("indexed, no longer in the folder", drift.gone)):
        for file in files:
            typer.echo(f"{label}: {file}")
    if drift.in_sync:
        typer.echo(f"in sync: {drift.files} files indexed from this folder → {drift.index}")
        return
    typer.echo(f"drift: {len(drift.new)} new, {len(drift.changed)} changed, {len(drift.missing)} missing from the "
               f"index, {len(drift.gone)} gone; run `ressearch index` to bring the index up to date")
    raise typer.Exit(1)


class _Interrupted(KeyboardInterrupt):
    """SIGTERM or SIGHUP, handled like Ctrl-C."""

    def __init__(self, signum: int) -> None:
        super().__init__(signum)
        self.signum = signum


@contextmanager
def _signals_interrupt():
    """SIGTERM and SIGHUP interrupt like Ctrl-C: the index keeps its last commit."""
    def interrupt(signum, frame):
        raise _Interrupted(signum)

    wanted = [s for s in (signal.SIGTERM, getattr(signal, "SIGHUP", None)) if s is not None]
    try:
        previous = {s: signal.signal(s, interrupt) for s in wanted}
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        for s, handler in previous.items():
            signal.signal(s, handler)


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


def _fail(error) -> typer.Exit:
    """Print a QueryError on one line and give its exit code (errors.py: 2, 3 or 4)."""
    from .sanitize import safe

    _err(safe(str(error)))
    return typer.Exit(error.exit_code)


@app.command(help=QUERY_HELP)
def query(
    words: List[str] = typer.Argument(..., help="What to search for (several words need no quotes)."),
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP),
    verb: Optional[str] = typer.Option(None, "--verb", help="Only paragraphs with this introductory verb."),
    kind: Optional[str] = typer.Option(None, "--kind", help="operative (dispositif), preambular (préambule) or annex."),
    session: Optional[str] = typer.Option(None, "--session", help="Only this session."),
    organ: Optional[str] = typer.Option(None, "--organ", help="Only this organ."),
    symbol: Optional[str] = typer.Option(None, "--symbol", help="Only this resolution (68/160, A/RES/68/160)."),
    addressee: Optional[str] = typer.Option(None, "--addressee", help="Only paragraphs addressed to this entity."),
    limit: int = typer.Option(10, "--limit", help="Hits per page (at most 100)."),
    page: int = typer.Option(1, "--page", help="Page of hits."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per hit (JSON Lines)."),
    no_color: bool = typer.Option(False, "--no-color", help="Mark matches with [ ] instead of colour."),
    no_fold: bool = typer.Option(False, "--no-fold", help="Show every copy of a paragraph as its own hit."),
) -> None:
    from .errors import QueryError
    from .render import render_hit, render_summary
    from .request import Filters, SearchRequest
    from .searching import engine_for

    color = not as_json and _color(no_color)
    mark = ("\x1b[1;33m", "\x1b[0m") if color else ("[", "]")
    try:
        request = SearchRequest(
            text=" ".join(words), page=page, limit=limit, fold=not no_fold, mark=mark,
            filters=Filters.from_values(dict(verb=verb, kind=kind, session=session, organ=organ, symbol=symbol,
                                             addressee=addressee)))
        results = engine_for(index_path).search(request)
    except QueryError as e:
        raise _fail(e)
    for note in results.notes:
        _err(str(note))
    if as_json:
        for hit in results:
            typer.echo(json.dumps(hit.to_dict(), ensure_ascii=False))
        return
    typer.echo(render_summary(results))
    for i, hit in enumerate(results, results.first):
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
    from .errors import QueryError
    from .render import render_history, render_trace
    from .searching import engine_for

    if ref is None and text is None:
        _err("trace what? give a paragraph reference (68/160:op1) or --text \"a passage\"")
        raise typer.Exit(2)
    if ref is not None and text is not None:
        _err("give a paragraph reference or --text, not both")
        raise typer.Exit(2)
    try:
        result = engine_for(index_path).trace(ref, text=text, by=by, limit=limit)
    except QueryError as e:
        raise _fail(e)
    if as_json:
        rows = result.history.to_dict()["versions"] if result.history else [h.to_dict() for h in result.hits]
        for row in rows:
            typer.echo(json.dumps(row, ensure_ascii=False))
        return
    render = render_history if result.history else render_trace
    typer.echo(render(result, _color(no_color)))


@app.command()
def show(
    symbol: str = typer.Argument(..., help="Resolution number or symbol: 68/160, A/RES/68/160, 242 (1967)."),
    para: Optional[str] = typer.Option(None, "--para", help="Mark one paragraph: op3, pre2."),
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP),
    no_color: bool = typer.Option(False, "--no-color", help="No colour."),
) -> None:
    """Print a whole resolution as parsed, paragraph by paragraph."""
    from .errors import QueryError
    from .render import render_resolution
    from .searching import engine_for

    try:
        copies = engine_for(index_path).resolution(symbol)
    except QueryError as e:
        raise _fail(e)
    if para is not None:
        wanted = para.replace(" ", "").lower()
        labels = {p.label.replace(" ", "") for p in copies[0]}
        if wanted not in labels:
            _err(f"{copies[0][0].symbol} has no paragraph {para} (it has {len(copies[0])} paragraphs)")
            raise typer.Exit(3)
    typer.echo(render_resolution(copies, para, _color(no_color)))


@app.command()
def serve(
    index_path: Optional[Path] = typer.Option(None, "--index", help=INDEX_HELP),
    host: str = typer.Option("127.0.0.1", "--host", help="Address to listen on (default: this machine only)."),
    port: int = typer.Option(8000, "--port", help="Port."),
) -> None:
    """A local search page in the browser (and a JSON API under /api/)."""
    import signal
    import socket

    import uvicorn

    from .errors import QueryError
    from .engine import Engine
    from .web import create_app

    try:
        engine = Engine(index_path)
    except QueryError as e:
        raise _fail(e)
    # Bind first, so that a busy port is reported before anything is announced.
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as e:
        sock.close()
        _err(f"cannot listen on {host}:{port}: {e.strerror or e}")
        raise typer.Exit(1)
    if host not in ("127.0.0.1", "localhost", "::1"):
        _err(f"warning: listening on {host}: anyone who can reach this machine can read the corpus")
    typer.echo(f"ressearch: serving {engine.path} on http://{'[' + host + ']' if ':' in host else host}:{port}/ "
               "(Ctrl-C to stop)")
    config = uvicorn.Config(create_app(engine), log_level="warning", timeout_graceful_shutdown=2)
    server = uvicorn.Server(config)
    # uvicorn handles SIGINT and SIGTERM (graceful stop); SIGHUP stops it the same way.
    previous = signal.signal(signal.SIGHUP, lambda *_: setattr(server, "should_exit", True))
    try:
        server.run(sockets=[sock])
    finally:
        signal.signal(signal.SIGHUP, previous)
        sock.close()
        engine.close()


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
    """Run the command line, then exit without a last garbage collection."""
    try:
        app()
    finally:
        # The interpreter's exit collects every object left (the index's caches, numpy,
        # Whoosh's tables): about 40 ms of a 250 ms one-shot query. Frozen objects are
        # skipped; the process ends right after, so nothing is lost.
        gc.freeze()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
