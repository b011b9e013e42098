"""The `ressearch` command: a thin layer over the `indexer` and `query` libraries."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import List, Optional

import typer

from indexer import ParseError, parse_file

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
    files: List[Path] = typer.Argument(..., help="Resolution text files to parse."),
    as_json: bool = typer.Option(False, "--json", help="One JSON object per file (JSON Lines)."),
) -> None:
    """Split resolution texts into paragraphs and show what was read."""
    parsed = 0
    for path in files:
        try:
            res = parse_file(path)
        except ParseError as e:
            _err(f"{path}: {e}")
            continue
        parsed += 1
        for warning in res.warnings:
            _err(f"{path}: warning: {warning}")
        if as_json:
            data = res.to_dict()
            del data["warnings"]
            typer.echo(json.dumps(data, ensure_ascii=False))
        else:
            typer.echo(_render_resolution(res))
    if parsed == 0:
        raise typer.Exit(1)


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
        f"paragraphs  {pre} preambular, {len(res.paragraphs) - pre} operative",
    ]
    pre_seen = 0
    for p in res.paragraphs:
        if p.kind == "operative":
            label = f"op {p.number}"
        else:
            pre_seen += 1
            label = f"pre {pre_seen}"
        words = p.text.split(" ")
        excerpt = " ".join(words[:12]) + (" …" if len(words) > 12 else "")
        lines.append(f"  {label:<6} {p.verb or '?':<14} {excerpt}")
    return "\n".join(lines) + "\n"


def main() -> None:  # pragma: no cover - console entry point
    app()


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
