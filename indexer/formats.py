"""Files on disk → the text to parse: which file types are read, and how.

Plain text (.txt, .md) is returned as bytes, decoded by `decode.py`; PDF, Word and HTML
documents are returned as the text extracted from them. Page furniture that the extraction
keeps (running symbols, job numbers, page numbers) is removed by `layout.py`, as in text
files.
"""

from __future__ import annotations

import errno
import io
import os
import re
import stat
import zipfile
from html.parser import HTMLParser
from pathlib import Path

from .model import ParseError

# Files the indexer reads; anything else under the corpus folder is not a resolution file.
TEXT_EXTENSIONS = (".txt", ".md")
DOCUMENT_EXTENSIONS = (".pdf", ".docx", ".html", ".htm")
EXTENSIONS = TEXT_EXTENSIONS + DOCUMENT_EXTENSIONS

NO_TEXT_LAYER = "no text layer: run OCR first (for example ocrmypdf)"

# Largest file read: an official volume of resolutions is a few MB; anything far bigger is
# not one resolution file, and reading it whole would only exhaust memory.
MAX_BYTES = 64 << 20


class Unreadable(ParseError):
    """The file could not be read at all (permissions, vanished, not a regular file).

    The indexer keeps what it had for such a file, unlike a file that was read and refused.
    """


def read_bytes(path: Path) -> bytes:
    """The file's text content as bytes; regular files only, at most MAX_BYTES.

    FIFOs, devices and sockets are never opened (a FIFO would block, /dev/zero never ends).
    """
    try:
        st = os.stat(path)
        _check_regular(st)
        _check_size(st.st_size)
        # O_NONBLOCK: should the file be swapped for a FIFO after the check, open() must not wait.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_NOCTTY | getattr(os, "O_CLOEXEC", 0))
    except OSError as e:
        raise Unreadable(os_reason(e)) from None
    try:
        _check_regular(os.fstat(fd))
        chunks, size = [], 0
        while True:
            chunk = os.read(fd, 1 << 20)
            if not chunk:
                break
            chunks.append(chunk)
            size += len(chunk)
            _check_size(size)  # the file grew while being read
        return b"".join(chunks)
    except OSError as e:
        raise Unreadable(os_reason(e)) from None
    finally:
        os.close(fd)


def os_reason(e: OSError) -> str:
    """One-line reason for a failed file access."""
    if e.errno == errno.ELOOP:
        return "cannot read file: symbolic link loop"
    if e.errno == errno.ENOENT and isinstance(e.filename, (str, bytes)) and os.path.islink(e.filename):
        return "cannot read file: dangling symbolic link"
    return f"cannot read file: {e.strerror or e}"


def _check_regular(st: os.stat_result) -> None:
    if not stat.S_ISREG(st.st_mode):
        kind = ("a FIFO" if stat.S_ISFIFO(st.st_mode) else "a device" if stat.S_ISCHR(st.st_mode) or stat.S_ISBLK(st.st_mode)
                else "a socket" if stat.S_ISSOCK(st.st_mode) else "a directory" if stat.S_ISDIR(st.st_mode) else "special")
        raise Unreadable(f"not a regular file ({kind})")


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ParseError(f"file too large: {size / (1 << 20):.0f} MB (the limit is {MAX_BYTES >> 20} MB)")


def read_text(path: Path) -> str | bytes:
    """The text of a resolution file: bytes for plain text, extracted text for PDF/DOCX/HTML.

    Raises ParseError (one line) for a document that cannot be read, OSError as reading does.
    """
    suffix = Path(path).suffix.lower()
    data = read_bytes(Path(path))
    if suffix == ".pdf":
        return pdf_text(data)
    if suffix == ".docx":
        return docx_text(data)
    if suffix in (".html", ".htm"):
        return html_text(data)
    return data


# --- PDF ---------------------------------------------------------------------------------

def pdf_text(data: bytes) -> str:
    """The text layer of a PDF, page by page (pages separated by a blank line)."""
    return "\n\n".join(pdf_pages(data))


def pdf_pages(data: bytes) -> list[str]:
    """The text layer of each page of a PDF; ParseError if there is none or the file is not a PDF."""
    import pypdfium2 as pdfium

    if not data.lstrip()[:5].startswith(b"%PDF"):
        raise ParseError("not a PDF file (no %PDF header)")
    try:
        pdf = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as e:
        raise ParseError(f"unreadable PDF: {_one_line(e)}") from None
    pages = []
    try:
        for number, page in enumerate(pdf):
            textpage = page.get_textpage()
            # pdfium marks a hyphen it found at a line end as U+0002.
            text = textpage.get_text_bounded().replace("\r\n", "\n").replace("\r", "\n").replace("\x02", "-")
            pages.append(_without_furniture(text, strip_top=number > 0))
            textpage.close()
            page.close()
    except pdfium.PdfiumError as e:
        raise ParseError(f"unreadable PDF: {_one_line(e)}") from None
    finally:
        pdf.close()
    # A scan has no text, or only a few stray characters per page (furniture is removed above).
    if sum(len(p.strip()) for p in pages) < 5 * max(1, len(pages)):
        raise ParseError(NO_TEXT_LAYER)
    return pages


# The running header at the top of a UN page: the symbol, maybe with the short title
# beside it (`A/RES/68/160   Renforcement de la coopération…`), or the organ's name.
_RUNNING_HEAD = re.compile(r"^\s*(?:[ASE](?:/[A-Z0-9][\w.-]*)+(?:\s\(\d{4}\))?(?:\s.{0,100})?|\d{1,3}|Nations Unies)\s*$")


def _without_furniture(page: str, strip_top: bool = True) -> str:
    # Only the page's first and last lines can be running headers and footers. The first
    # page keeps its top lines: there the symbol is the document's own (`A/HRC/53/L.5`).
    from .layout import is_noise

    lines = page.split("\n")
    top = 0
    while strip_top and top < min(len(lines), 3) and (not lines[top].strip() or _RUNNING_HEAD.match(lines[top])):
        top += 1
    bottom = len(lines)
    while bottom > top and len(lines) - bottom < 3 and (not lines[bottom - 1].strip() or is_noise(lines[bottom - 1])):
        bottom -= 1
    return "\n".join(lines[top:bottom])


# --- Word --------------------------------------------------------------------------------

def docx_text(data: bytes) -> str:
    """The paragraphs of a Word document (body and tables, in order), automatic numbers written out.

    UN Word files often number operative paragraphs with Word's list numbering, which is not
    in the text: it is rebuilt (`1.`, `2.`… at the first level, `a)`, `b)`… below).
    """
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    try:
        with zipfile.ZipFile(io.BytesIO(data)) as z:
            if sum(info.file_size for info in z.infolist()) > _MAX_UNZIPPED:
                raise ParseError(f"Word document expands to more than {_MAX_UNZIPPED // 2**20} MB: refused")
        document = docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError) as e:
        raise ParseError(f"unreadable Word document: {_one_line(e)}") from None
    counters: dict[tuple[str, int], int] = {}
    styles = _numbered_styles(document)
    lines: list[str] = []
    for block in document.element.body.iterchildren():
        tag = block.tag.rsplit("}", 1)[-1]
        if tag == "p":
            lines.append(_docx_paragraph(block, counters, styles))
        elif tag == "tbl":
            for p in block.iter(f"{_W}p"):
                lines.append(_docx_paragraph(p, counters, styles))
        lines.append("")
    return "\n".join(lines)


def _numbered_styles(document) -> dict[str, tuple[str, int]]:
    # Paragraph styles that number their paragraphs ("List Number"): style id → (list, level).
    out = {}
    for style in document.styles.element.iter(f"{_W}style"):
        num = style.find(f"{_W}pPr/{_W}numPr")
        if num is not None:
            out[style.get(f"{_W}styleId")] = _num_key(num)
    return out


def _num_key(num) -> tuple[str, int]:
    num_id = num.find(f"{_W}numId")
    level = num.find(f"{_W}ilvl")
    return (num_id.get(f"{_W}val") if num_id is not None else "0",
            int(level.get(f"{_W}val")) if level is not None else 0)


# A .docx is a zip file: a small one may expand to gigabytes (a "zip bomb").
_MAX_UNZIPPED = 256 * 2**20
_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"


def _docx_paragraph(p, counters: dict[tuple[str, int], int], styles: dict[str, tuple[str, int]]) -> str:
    text = "".join(
        node.text or "" if node.tag == f"{_W}t" else ("\n" if node.tag in (f"{_W}br", f"{_W}cr") else "\t")
        for node in p.iter(f"{_W}t", f"{_W}br", f"{_W}cr", f"{_W}tab")
    )
    if not text.strip():
        return text
    num = p.find(f"{_W}pPr/{_W}numPr")
    style = p.find(f"{_W}pPr/{_W}pStyle")
    if num is not None:
        key = _num_key(num)
        if key[0] == "0":
            return text  # numbering switched off for this paragraph
    elif style is not None and style.get(f"{_W}val") in styles:
        key = styles[style.get(f"{_W}val")]
    else:
        return text
    counters[key] = counters.get(key, 0) + 1
    for deeper in [k for k in counters if k[0] == key[0] and k[1] > key[1]]:
        del counters[deeper]  # a new first-level item restarts its sub-list
    n = counters[key]
    label = f"{n}." if key[1] == 0 else f"{chr(ord('a') + (n - 1) % 26)})"
    return f"{label} {text.lstrip()}"


# --- HTML --------------------------------------------------------------------------------

_BLOCK = frozenset(
    "address article aside blockquote br dd div dl dt fieldset figcaption figure footer form h1 h2 h3 h4 h5 h6 "
    "header hr li main nav ol p pre section table tbody td tfoot th thead tr ul".split()
)
# Never text of the page: scripts, styles, navigation, forms, and Wikipedia's edit links.
_SKIP = frozenset("script style noscript template svg nav form button select textarea head iframe object".split())
_VOID = frozenset("area base br col embed hr img input link meta param source track wbr".split())
_SKIP_CLASS = re.compile(r"\b(?:mw-editsection|noprint|navbox|mw-jump-link|printfooter|catlinks)\b")


class _TextExtractor(HTMLParser):
    """Text of an HTML page with a line break at every block element."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.parts: list[str] = []
        self.skip: list[str] = []  # open elements whose content is not text

    def handle_starttag(self, tag: str, attrs) -> None:
        if tag in _VOID:
            if tag in _BLOCK:
                self.parts.append("\n")
            return
        if self.skip or tag in _SKIP or _SKIP_CLASS.search(dict(attrs).get("class") or ""):
            self.skip.append(tag)
        elif tag in _BLOCK:
            self.parts.append("\n")

    def handle_endtag(self, tag: str) -> None:
        if tag in _VOID:
            return
        if self.skip:
            # Tolerate unclosed children: close back to the matching open element.
            if tag in self.skip:
                while self.skip and self.skip.pop() != tag:
                    pass
            return
        if tag in _BLOCK:
            self.parts.append("\n")

    def handle_data(self, data: str) -> None:
        if not self.skip:
            self.parts.append(" ".join(data.split()) if "\n" in data else data)


def html_text(data: bytes | str) -> str:
    """The visible text of an HTML page, one block element per line."""
    if isinstance(data, bytes):
        data = _decode_html(data)
    parser = _TextExtractor()
    parser.feed(data)
    parser.close()
    text = "".join(parser.parts)
    return "\n".join(line.strip() for line in text.split("\n"))


_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([\w-]{1,40})""", re.IGNORECASE)


def _decode_html(data: bytes) -> str:
    m = _META_CHARSET.search(data[:4096])
    if m:
        try:
            return data.decode(m.group(1).decode("ascii"), errors="replace")
        except LookupError:
            pass
    from .decode import decode

    return decode(data)[0]


def _one_line(e: Exception) -> str:
    return " ".join(str(e).split()) or type(e).__name__
