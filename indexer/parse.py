"""Raw resolution text → `Resolution` record with its paragraphs (pure, no Whoosh)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from . import elision, formats, symbols, verbs
from .clean import PARAGRAPH_NUMBER, join_lines, repair_ocr, strip_footnote_markers, tidy
from .decode import decode, normalize
from .header import closing_date, formula_organ, heading_symbol, is_closing, read_header
from .layout import DOC_SYMBOL, FOOTNOTE_OPENER, body_lines, is_noise, is_trailer, split_lines
from .model import Paragraph, ParseError, Resolution

_ENDS_PARAGRAPH = (",", ";", ":", ".", "»")
_ANNEX = re.compile(r"^\s*(?:Annexe|ANNEXE)(?:\s+[IVX\d]+)?\s*$")
# Headings inside an annex (`I. Objectifs`, `A. Principes`, `Article premier`): not paragraphs.
_ANNEX_HEADING = re.compile(r"^\s*(?:(?:[IVX]{1,5}|[A-H])\.\s+\S|Article\s+(?:premier|\d+)\b|Chapitre\s)")
_ANNEX_NUMBER = re.compile(r"^\s*(\d{1,3})\.\s+(\S.*)$")
_ADOPTED_HEAD = re.compile(r"^\s*Résolution adoptée par\b")
# A resolution in parts (`3411 A (XXX)`, `3411 B (XXX)`): the part's letter alone on a line
# just above its opening formula.
_PART = re.compile(r"^\s*([A-H])\s*$")
# A section heading between paragraphs: `A`, `IV`, `B. Coopération internationale` (no final punctuation).
_SECTION_HEADING = re.compile(r"^(?:[A-H]|[IVX]{1,5})(?:\.?|\.\s+[A-ZÀ-Ý][^.;:,]{0,80})$")
# Cheap first tests: an opening formula starts with L/l/I (after quotes), and an end marker
# (closing, vote or decision line, annex, web page footer) with one of these.
_FORMULA_HINT = re.compile(r"^[\s«\"“]*[LlI|]")
_END_HINT = re.compile(r"^\s*(?:\d|\[|[AÀDHRCMNLVPSTÉI©]|(?:À )?[Ll]ire)")
# How far above an opening formula a resolution's heading may be printed.
_HEADING_SCAN = 12
# Matches start at a word start only: a long run of word characters is scanned once.
_HYPHENATED = re.compile(r"(?<!\w)\w+-\w+(?:-\w+)*")
# Where a missing opening formula is tolerated, the header ends at the first paragraph
# found within this many lines.
_HEADER_SCAN = 80


def parse_file(path: str | Path, name: str | None = None) -> Resolution:
    """Read and parse a one-resolution file; of a file holding several, the first resolution.

    Raise ParseError with a one-line reason. `parse_resolutions` returns every resolution.
    """
    return parse_resolutions(path, name)[0]


def parse_resolutions(path: str | Path, name: str | None = None) -> list[Resolution]:
    """Every resolution in one file (official volumes hold many), in file order.

    Reads .txt/.md as text and .pdf/.docx/.html through `formats.read_text`; raises
    ParseError (one line) when the file cannot be read or holds no resolution.
    """
    path = Path(path)
    try:
        content = formats.read_text(path)
    except OSError as e:
        raise ParseError(f"cannot read file: {e.strerror or e}") from None
    return parse_content(content, name or str(path))


def parse_content(content: str | bytes, file: str = "<text>") -> list[Resolution]:
    """Every resolution in a file's content: bytes of a text file, or text extracted from a document."""
    if isinstance(content, bytes):
        text, warnings = decode(content)
    else:
        text, warnings = normalize(content), []
    resolutions = parse_all(text, file)
    for res in resolutions:
        res.warnings[:0] = warnings
    return resolutions


def parse_bytes(data: bytes, file: str = "<bytes>") -> Resolution:
    """Decode then parse a resolution given as bytes (the first, if there are several)."""
    return parse_content(data, file)[0]


def parse_text(text: str, file: str = "<text>") -> Resolution:
    """Parse decoded resolution text into its record and paragraphs (the first resolution)."""
    return parse_all(text, file)[0]


@dataclass
class _Segment:
    """Where one resolution lies in the file's lines."""

    head: int  # first header line
    formula: int | None  # the opening formula's line (None: no formula, body starts at `body`)
    organ: str | None
    body: int  # first body line
    end: int = 0  # first line after the operative part
    stop: int = 0  # first line of the next resolution (or the end of the file)
    closed: bool = False  # an end marker (closing line, annex, web page footer) ended the body
    scanned: int = -1  # lines before this were searched for an end marker, in vain
    last: str = ""  # the last non-blank line scanned
    annexed: bool = False  # an annex follows the operative part
    annex_scanned: int = 0  # lines before this were searched for an annex


def parse_all(text: str, file: str = "<text>") -> list[Resolution]:
    """Every resolution in decoded text, each with its own metadata and paragraphs."""
    if elision.needs_repair(text):
        text = elision.restore(text)  # a web page that lost its apostrophes: `lAssemblée`
    lines = split_lines(text)
    segments = _segments(lines)
    # Hyphenated words seen elsewhere in the text tell a real hyphen from a word break.
    hyphenated = {w.lower() for w in _HYPHENATED.findall(text)} if "-\n" in text or "- \n" in text else set()
    out: list[Resolution] = []
    error: ParseError | None = None
    pending: list[str] = []  # what a volume's unreadable entries leave as warnings
    base: Resolution | None = None  # the last resolution whose heading gave its number
    for seg in segments:
        try:
            res = _resolution(lines, seg, file, hyphenated)
        except ParseError as e:
            error = error or e
            pending.append(f"skipped a text after an opening formula ({e})")
            continue
        part = _part(lines, seg)
        if part is None or res.symbol:
            base = res
        if part and base and base.symbol:
            _name_part(res, base, part)
        res.warnings[:0], pending = pending, []
        out.append(res)
    if not out:
        raise error or ParseError("not a resolution: no opening formula and no introductory paragraphs found")
    out[-1].warnings.extend(pending)
    return out


def _segments(lines: list[str]) -> list[_Segment]:
    formulas = [(i, organ) for i, line in enumerate(lines)
                if len(line) < 200 and _FORMULA_HINT.match(line) and (organ := formula_organ(line))]
    if not formulas:
        start = _first_paragraph_line(lines)
        if start is None:
            raise ParseError("not a resolution: no opening formula and no introductory paragraphs found")
        seg = _Segment(head=0, formula=None, organ=None, body=start, stop=len(lines))
        _close(lines, seg)
        return [seg]
    segments = [_Segment(head=0, formula=formulas[0][0], organ=formulas[0][1], body=formulas[0][0] + 1)]
    for i, organ in formulas[1:]:
        prev = segments[-1]
        head = _heading_above(lines, prev.body, i)
        prev.stop = head if head is not None else i
        _close(lines, prev)
        if head is None and (prev.formula is None or not _ends_resolution(lines, prev)):
            # A formula with no heading of its own inside a resolution's body or annex (an
            # annexed declaration opens with one too): it belongs to that resolution.
            continue
        segments.append(_Segment(head=head if head is not None else prev.end, formula=i, organ=organ, body=i + 1))
    segments[-1].stop = len(lines)
    _close(lines, segments[-1])
    return segments


def _part(lines: list[str], seg: _Segment) -> str | None:
    if seg.formula is None:
        return None
    for j in range(seg.formula - 1, max(seg.head, seg.formula - 3) - 1, -1):
        if m := _PART.match(lines[j]):
            return m.group(1)
    return None


def _name_part(res: Resolution, base: Resolution, part: str) -> None:
    """Part B of `3411 (XXX)` is `3411 B (XXX)`, with the session, organ and title of its heading."""
    number = base.symbol or ""
    if re.search(r"\s[A-H]\s\(", number):
        number = re.sub(r"\s[A-H]\s\(", " (", number)
    number = re.sub(r"^(\d+)\s*\(", rf"\1 {part} (", number) if "(" in number else f"{number} {part}"
    res.symbol = number
    res.organ = res.organ or base.organ
    res.session = res.session if res.session is not None else base.session
    res.title = res.title or base.title
    res.document_type = res.document_type or base.document_type
    parsed = symbols.parse(number, res.organ)
    res.doc_symbol = parsed.full if parsed else (f"{symbols.RES_PREFIX[res.organ]}{number}" if res.organ in symbols.RES_PREFIX else None)


def _ends_resolution(lines: list[str], seg: _Segment) -> bool:
    # Between two formulas without a heading: a new resolution only if the first one was
    # closed (vote or closing line) and no annex follows it. Lines already searched for an
    # annex are not searched again when the segment grows.
    if not seg.closed:
        return False
    if not seg.annexed:
        for j in range(max(seg.end, seg.annex_scanned), seg.stop):
            if _ANNEX.match(lines[j]):
                seg.annexed = True
                break
        seg.annex_scanned = seg.stop
    return not seg.annexed


def _close(lines: list[str], seg: _Segment) -> None:
    """Find where the segment's operative part ends: closing line, annex, web page footer."""
    # A segment grows when the formulas after it belong to it: scan only the new lines.
    start = max(seg.body, seg.scanned)
    prev = seg.last
    for j in range(start, seg.stop):
        line = lines[j]  # right-stripped by split_lines
        # One cheap test first: most lines start like no end marker at all.
        if _END_HINT.match(line) and (
                # A wrapped line may start like a closing line ("1143e séance, le 11 août
                # 1964 ;"): a closing line follows a finished paragraph.
                (is_closing(line) and (not prev or prev.endswith(_ENDS_PARAGRAPH)))
                or _ANNEX.match(line) or is_trailer(line)):
            seg.end, seg.closed = j, True
            return
        if line:
            prev = line
    seg.end, seg.closed, seg.scanned, seg.last = seg.stop, False, seg.stop, prev


def _heading_above(lines: list[str], low: int, formula: int) -> int | None:
    """The heading line (`Résolution 240 (1967)`, `68/160. Titre`) just above a formula."""
    for j in range(formula - 1, max(low, formula - _HEADING_SCAN) - 1, -1):
        line = lines[j]
        if heading_symbol(line) or DOC_SYMBOL.match(line) or _ADOPTED_HEAD.match(line) or \
                (_PART.match(line) and formula - j <= 3):
            # Take in the lines printed above the heading that still belong to it.
            while j - 1 >= low and (DOC_SYMBOL.match(lines[j - 1]) or _ADOPTED_HEAD.match(lines[j - 1])):
                j -= 1
            return j
    return None


def _resolution(lines: list[str], seg: _Segment, file: str, hyphenated: set[str]) -> Resolution:
    head = read_header(lines[seg.head:seg.formula if seg.formula is not None else seg.body], seg.organ)
    res = Resolution(file=file, **vars(head))
    tail = lines[seg.end:seg.stop]
    if seg.closed and head.document_type == "resolution" and res.adopted is None and tail and is_closing(tail[0]):
        res.adopted = closing_date(tail)
    res.paragraphs = _paragraphs(body_lines(lines[seg.body:seg.end]), hyphenated)
    if not res.paragraphs:
        raise ParseError("not a resolution: no preambular or operative paragraphs found")
    res.paragraphs.extend(_annexes(tail, hyphenated))
    last = next(p for p in reversed(res.paragraphs) if p.kind != "annex").text
    if not seg.closed and not last.endswith((".", ".»", "»", ".”", ".\"")):
        res.warnings.append(f"truncated: text ends mid-paragraph ({_where(res.paragraphs[-1])})")
    return res


def _where(p: Paragraph) -> str:
    return f"op {p.number}" if p.kind == "operative" else "preambular"


def _first_paragraph_line(lines: list[str]) -> int | None:
    for i, line in enumerate(lines[:_HEADER_SCAN]):
        words = line.split()
        m = PARAGRAPH_NUMBER.match(line)
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
    unnumbered = False  # an unnumbered operative paragraph was seen (older texts)
    prev = ""
    for line in lines:
        stripped = line.strip()
        ended = not prev or prev.endswith(_ENDS_PARAGRAPH)
        m = PARAGRAPH_NUMBER.match(stripped) or _ocr_operative(stripped, next_number)
        if m and _starts_operative(m, next_number, ended):
            number = int(m.group(1).translate(_OCR_DIGITS))
            paras.append(("operative", number, [m.group(3)]))
            next_number = number + 1
        elif next_number == 1 and ended and not unnumbered and verbs.opens_paragraph(stripped.split(), "pre"):
            paras.append(("preambular", None, [stripped]))
        elif ended and paras and _SECTION_HEADING.match(stripped):
            prev = ""  # a section heading between paragraphs (`A`, `II`, `B. Désarmement`)
            continue
        elif next_number == 1 and ended and _unnumbered_operative(stripped.split()):
            # Older resolutions may have operative paragraphs without numbers:
            # "Le Conseil de sécurité, Notant…, Invite les parties…".
            paras.append(("operative", None, [stripped]))
            unnumbered = True
        elif paras:
            paras[-1][2].append(stripped)
        # Lines before the first paragraph (sponsors, agenda lines) are header residue.
        prev = stripped
    if paras:
        _drop_trailing_junk(paras[-1][2])
    return [_paragraph(kind, number, body, hyphenated) for kind, number, body in paras]


_FINAL = (".", ".»", "»", ".”", ".\"", ".)")
_NOTE_LINE = re.compile(r"^\d{1,3}\.?\s+(\S.*)$")


def _drop_trailing_junk(body: list[str]) -> None:
    """Cut what a web page prints after the last paragraph's final period (menus, links).

    A short line without closing punctuation right after a line that ends the text with a
    period is no continuation: `Accueil`, `Contact`, `1. Accueil`, `Résolution 187`.
    """
    for k in range(1, len(body)):
        line = body[k]
        if not body[k - 1].endswith(_FINAL):
            continue
        short = len(line) < 60 and not line.endswith((".", ",", ";", ":", "»")) and not line[:1].islower()
        note = (m := _NOTE_LINE.match(line)) is not None and FOOTNOTE_OPENER.match(m.group(1)) is not None
        if short or note:  # a heading, a menu, or a footnote list ("1. Voir …")
            del body[k:]
            return


def _unnumbered_operative(words: list[str]) -> bool:
    # Only an exact lexicon verb (no OCR guess) that cannot open a preamble.
    if not words or not words[0][:1].isupper():
        return False
    first = words[0].strip(",;:")
    verb = verbs.lookup(first, "op")
    return verb is not None and verbs.fold(verb) == verbs.fold(first) and verbs.opens_paragraph(words, "op") \
        and not verbs.opens_paragraph(words, "pre")


# OCR reads the digits of an operative number as letters: `l.` or `I.` for 1, `1O.` for 10.
_OCR_NUMBER = re.compile(r"^\s*([\dlIO]{1,2})\s?([.,])\s+(\S.*)$")
_OCR_DIGITS = str.maketrans("lIO", "110")


def _ocr_operative(line: str, expected: int) -> re.Match | None:
    # Only the expected number, and only before a known verb (checked by _starts_operative).
    if line[:1] not in "lIO" and line[1:2] not in ("l", "I", "O"):
        return None
    m = _OCR_NUMBER.match(line)
    if m and int(m.group(1).translate(_OCR_DIGITS)) == expected and verbs.opens_paragraph(m.group(3).split(), "op"):
        return m
    return None


def _starts_operative(m: re.Match, expected: int, ended: bool) -> bool:
    number, sep, rest = int(m.group(1).translate(_OCR_DIGITS)), m.group(2), m.group(3)
    if FOOTNOTE_OPENER.match(rest):
        return False  # a volume's footnote list ("1. Voir Documents officiels…")
    words = rest.split()
    known = verbs.opens_paragraph(words, "op")
    if number == expected:
        # "4," is OCR for "4." only when a known verb follows.
        return known or (sep == "." and ended and rest[:1].isupper())
    # A skipped or repeated number still opens a paragraph when everything else agrees.
    return known and ended and sep == "." and 0 < number - expected <= 3


def _annexes(tail: list[str], hyphenated: set[str]) -> list[Paragraph]:
    """The numbered paragraphs of the annexes after the operative part, each annex numbered anew."""
    out: list[Paragraph] = []
    starts = [i for i, line in enumerate(tail) if _ANNEX.match(line)]
    for k, start in enumerate(starts):
        stop = starts[k + 1] if k + 1 < len(starts) else len(tail)
        end = next((j for j in range(start + 1, stop) if is_trailer(tail[j])), stop)
        out.extend(_annex(tail[start + 1:end], hyphenated))
    return out


def _annex(lines: list[str], hyphenated: set[str]) -> list[Paragraph]:
    title_lines: list[str] = []
    i = 0
    while i < len(lines) and not lines[i].strip():
        i += 1
    # The title: the lines after `Annexe` up to a blank line (at most three).
    while i < len(lines) and lines[i].strip() and len(title_lines) < 3 and not _ANNEX_NUMBER.match(lines[i]):
        if not is_noise(lines[i].strip()):
            title_lines.append(lines[i].strip())
        i += 1
    title = tidy(repair_ocr(join_lines(title_lines))) or None
    paras: list[tuple[int, list[str]]] = []
    expected = 1
    prev = ""
    for line in body_lines(lines[i:]):
        stripped = line.strip()
        m = _ANNEX_NUMBER.match(stripped)
        ended = not prev or prev.endswith(_ENDS_PARAGRAPH)
        if m and int(m.group(1)) == expected and ended and not FOOTNOTE_OPENER.match(m.group(2)):
            paras.append((expected, [m.group(2)]))
            expected += 1
        elif _ANNEX_HEADING.match(stripped) and len(stripped) < 120 and ended:
            prev = ""  # a section heading between paragraphs
            continue
        elif paras:
            paras[-1][1].append(stripped)
        prev = stripped
    out = []
    for number, body in paras:
        p = _paragraph("annex", number, body, hyphenated)
        p.annex = title
        out.append(p)
    return out


def _paragraph(kind: str, number: int | None, lines: list[str], hyphenated: set[str]) -> Paragraph:
    text = _unquote(tidy(strip_footnote_markers(repair_ocr(join_lines(lines, hyphenated)))))
    words = text.split(" ")
    if kind == "annex":
        return Paragraph(kind=kind, number=number, verb=None, text=text)
    verb, i = verbs.extract_verb(words, "op" if kind == "operative" else "pre")
    if verb and i == 0 and not verb.startswith(words[0].strip(",;:")):
        # An OCR-damaged verb ("Reéaffirme") is replaced by the word it must be.
        words[0] = verb.split(" ")[0] + words[0][len(words[0].rstrip(",;:")):]
        text = " ".join(words)
    return Paragraph(kind=kind, number=number, verb=verb, text=text)


def _unquote(text: str) -> str:
    # A web page may quote the whole resolution: its closing quote is not part of the last paragraph.
    for open_, close in (("«", "»"), ("“", "”")):
        if text.endswith(close) and text.count(open_) < text.count(close):
            return text[:-1].rstrip()
    if text.endswith("\"") and text.count("\"") % 2:
        return text[:-1].rstrip()
    return text
