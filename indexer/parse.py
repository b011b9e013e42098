"""Raw resolution text → `Resolution` record with its paragraphs (pure, no Whoosh)."""

from __future__ import annotations

import re
from pathlib import Path

from . import verbs
from .clean import join_lines, repair_ocr, strip_footnote_markers, tidy
from .decode import decode
from .formats import read_bytes
from .header import closing_date, formula_organ, is_closing, read_header
from .layout import body_lines, split_lines
from .model import Paragraph, ParseError, Resolution

_OPERATIVE = re.compile(r"^\s*(\d{1,3})\s?([.,])\s+(\S.*)$")
_ENDS_PARAGRAPH = (",", ";", ":", ".", "»")
_ANNEX = re.compile(r"^\s*(?:Annexe|ANNEXE)(?:\s+[IVX\d]+)?\s*$")
# Matches start at a word start only: a long run of word characters is scanned once.
_HYPHENATED = re.compile(r"(?<!\w)\w+-\w+(?:-\w+)*")
# Where a missing opening formula is tolerated, the header ends at the first paragraph
# found within this many lines.
_HEADER_SCAN = 80


def parse_file(path: str | Path, name: str | None = None) -> Resolution:
    """Read and parse one resolution file; raise ParseError with a one-line reason."""
    path = Path(path)
    return parse_bytes(read_bytes(path), name or str(path))


def parse_resolutions(path: str | Path, name: str | None = None) -> list[Resolution]:
    """Every resolution in one file (official volumes hold many), in file order."""
    return [parse_file(path, name)]


def parse_bytes(data: bytes, file: str = "<bytes>") -> Resolution:
    """Decode then parse a resolution given as bytes."""
    text, warnings = decode(data)
    res = parse_text(text, file)
    res.warnings[:0] = warnings
    return res


def parse_text(text: str, file: str = "<text>") -> Resolution:
    """Parse decoded resolution text into its record and paragraphs."""
    lines = split_lines(text)
    start, organ = _find_formula(lines)
    if start is None:
        start = _first_paragraph_line(lines)
        if start is None:
            raise ParseError("not a resolution: no opening formula and no introductory paragraphs found")
        header_lines, body = lines[:start], lines[start:]
    else:
        header_lines, body = lines[:start], lines[start + 1:]

    head = read_header(header_lines, organ)
    res = Resolution(file=file, **vars(head))

    end = next((i for i, line in enumerate(body) if is_closing(line) or _ANNEX.match(line)), None)
    if end is not None:
        if head.document_type == "resolution" and res.adopted is None:
            res.adopted = closing_date(body[end:])
        body = body[:end]

    # Hyphenated words seen elsewhere in the text tell a real hyphen from a word break.
    hyphenated = {w.lower() for w in _HYPHENATED.findall(text)} if "-\n" in text or "- \n" in text else set()
    res.paragraphs = _paragraphs(body_lines(body), hyphenated)
    if not res.paragraphs:
        raise ParseError("not a resolution: no preambular or operative paragraphs found")
    last = res.paragraphs[-1].text
    if end is None and not last.endswith((".", ".»", "»")):
        res.warnings.append(f"truncated: text ends mid-paragraph ({_where(res.paragraphs[-1])})")
    return res


def _where(p: Paragraph) -> str:
    return f"op {p.number}" if p.kind == "operative" else "preambular"


def _find_formula(lines: list[str]) -> tuple[int | None, str | None]:
    for i, line in enumerate(lines[:_HEADER_SCAN * 2]):
        organ = formula_organ(line)
        if organ:
            return i, organ
    return None, None


def _first_paragraph_line(lines: list[str]) -> int | None:
    for i, line in enumerate(lines[:_HEADER_SCAN]):
        words = line.split()
        m = _OPERATIVE.match(line)
        if m and m.group(1) == "1" and verbs.opens_paragraph(m.group(3).split(), "op"):
            return i
        if words and verbs.opens_paragraph(words, "pre"):
            # A preamble opener on a line of its own is only trusted if more follow.
            if sum(1 for ln in lines[i:i + 200] if verbs.opens_paragraph(ln.split(), "pre")) >= 2:
                return i
    return None


def _paragraphs(lines: list[str], hyphenated: set[str]) -> list[Paragraph]:
    """Split body lines into paragraphs: numbered ones are operative, earlier ones preambular."""
    paras: list[tuple[str, int | None, list[str]]] = []
    next_number = 1
    prev = ""
    for line in lines:
        stripped = line.strip()
        ended = not prev or prev.endswith(_ENDS_PARAGRAPH)
        m = _OPERATIVE.match(stripped)
        if m and _starts_operative(m, next_number, ended):
            number = int(m.group(1))
            paras.append(("operative", number, [m.group(3)]))
            next_number = number + 1
        elif next_number == 1 and ended and verbs.opens_paragraph(stripped.split(), "pre"):
            paras.append(("preambular", None, [stripped]))
        elif paras:
            paras[-1][2].append(stripped)
        # Lines before the first paragraph (sponsors, agenda lines) are header residue.
        prev = stripped
    return [_paragraph(kind, number, body, hyphenated) for kind, number, body in paras]


def _starts_operative(m: re.Match, expected: int, ended: bool) -> bool:
    number, sep, rest = int(m.group(1)), m.group(2), m.group(3)
    words = rest.split()
    known = verbs.opens_paragraph(words, "op")
    if number == expected:
        # "4," is OCR for "4." only when a known verb follows.
        return known or (sep == "." and ended and rest[:1].isupper())
    # A skipped or repeated number still opens a paragraph when everything else agrees.
    return known and ended and sep == "." and 0 < number - expected <= 3


def _paragraph(kind: str, number: int | None, lines: list[str], hyphenated: set[str]) -> Paragraph:
    text = tidy(strip_footnote_markers(repair_ocr(join_lines(lines, hyphenated))))
    words = text.split(" ")
    verb, i = verbs.extract_verb(words, "op" if kind == "operative" else "pre")
    if verb and i == 0 and not verb.startswith(words[0].strip(",;:")):
        # An OCR-damaged verb ("Reéaffirme") is replaced by the word it must be.
        words[0] = verb.split(" ")[0] + words[0][len(words[0].rstrip(",;:")):]
        text = " ".join(words)
    return Paragraph(kind=kind, number=number, verb=verb, text=text)
