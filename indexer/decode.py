"""Bytes on disk → clean Unicode text, or a one-line reason why not."""

from __future__ import annotations

import codecs
import re
import unicodedata

from .model import ParseError

# Characters that never belong in resolution text and can act on a terminal or reorder a
# line: C0 controls but tab, newline, CR and form feed; DEL and C1; the bidi embeddings,
# overrides and isolates and the direction marks. Removed at decode time.
CONTROL_CHARS = "\x00-\x08\x0b\x0e-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069"
_CONTROL = re.compile(f"[{CONTROL_CHARS}]")
# Raw bytes that mark a binary file: C0 controls but tab, newline, vertical tab, CR, form feed, ESC.
_BINARY_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1a\x1c-\x1f]")
_BINARY_SAMPLE = 65536
_BINARY_SHARE = 0.05  # real text, even damaged, has far fewer; images and archives far more
# Typical UTF-8-read-as-Windows-1252 sequences ("Ã©", "â€™"): the file was mis-decoded once already.
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000\u1680]")
# A run of blanks becomes two spaces: later steps tell columns ("A/RES/68/160   Titre") from
# words by a gap of two or more, and no step then rescans a long run (quadratic regexes).
_BLANK_RUN = re.compile(r"[ \t]{2,}")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")
_UTF8_MULTIBYTE = re.compile(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}|[\xf0-\xf4][\x80-\xbf]{3}")


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode a resolution file's bytes; return (text, warnings) or raise ParseError."""
    if not data.strip():
        raise ParseError("empty file")
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_strict(data, "utf-16")
    else:
        _refuse_binary(data)
        text = _decode_8bit(data, warnings)
    if "\x0b" in text or "\x85" in text:
        # Line breaks under another name (Word's manual break, NEL): removing them would glue words.
        text = text.replace("\x0b", "\n").replace("\x85", "\n")
    text, removed = strip_controls(text)
    if removed:
        warnings.append(f"removed {removed} control character{'s' if removed > 1 else ''}")
    if _MOJIBAKE.search(text):
        text = _fix_mojibake(text, warnings)
    return normalize(text), warnings


def strip_controls(text: str) -> tuple[str, int]:
    """Text without control and bidi-override characters, and how many were removed."""
    cleaned, removed = _CONTROL.subn("", text)
    return cleaned, removed


# In a file name shown on one line, tab and line breaks are escaped too.
_NAME_UNSAFE = re.compile(f"[\t\n\r\f{CONTROL_CHARS}\u2028\u2029\udc80-\udcff]")


def printable(name: str) -> str:
    """A file name safe to print on one line: controls, bidi marks and undecodable bytes escaped."""
    return _NAME_UNSAFE.sub(_escape, name) if _NAME_UNSAFE.search(name) else name


def _escape(m: re.Match) -> str:
    c = ord(m.group())
    if 0xDC80 <= c <= 0xDCFF:  # a byte of a non-UTF-8 file name (surrogateescape)
        return f"\\x{c - 0xDC00:02x}"
    return f"\\x{c:02x}" if c < 0x100 else f"\\u{c:04x}"


def _refuse_binary(data: bytes) -> None:
    sample = data[:_BINARY_SAMPLE]
    found = len(_BINARY_BYTES.findall(sample))
    if found > _BINARY_SHARE * len(sample):
        what = "NUL bytes" if sample.count(0) * 2 > found else "control characters"
        raise ParseError(f"binary file, not text ({what})")


def _decode_strict(data: bytes, encoding: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError as e:
        raise ParseError(f"undecodable {encoding} text at byte {e.start}") from None


def _decode_8bit(data: bytes, warnings: list[str]) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as e:
        err = e
    # A file cut in the middle of a multi-byte character is truncated UTF-8, not another encoding.
    if err.start >= len(data) - 3 and err.reason == "unexpected end of data":
        warnings.append("file ends in the middle of a UTF-8 character (truncated)")
        return data[: err.start].decode("utf-8-sig")
    # More valid multi-byte sequences than bad bytes: UTF-8 with damage, not Windows-1252.
    text = data.decode("utf-8-sig", errors="replace")
    bad = text.count("\ufffd") - data.count(b"\xef\xbf\xbd")
    if len(_UTF8_MULTIBYTE.findall(data)) >= bad:
        warnings.append(f"damaged UTF-8: {bad} undecodable byte{'s' if bad > 1 else ''} replaced by \ufffd "
                        f"(first at byte {err.start})")
        return text
    try:
        text = data.decode("cp1252")
        encoding = "Windows-1252"
    except UnicodeDecodeError:
        # The five bytes Windows-1252 leaves undefined read as C1 controls, removed later.
        text = data.decode("latin-1")
        encoding = "Latin-1"
    warnings.append(f"not UTF-8; read as {encoding}")
    return text


def _fix_mojibake(text: str, warnings: list[str]) -> str:
    import ftfy  # only needed on the rare doubly-encoded file

    fixed = ftfy.fix_encoding(text)
    if fixed != text:
        warnings.append("repaired doubly-encoded UTF-8 (mojibake)")
    return fixed


def normalize(text: str) -> str:
    """Unify line ends, spaces, composed accents and apostrophes; pure function."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if "\u2028" in text or "\u2029" in text:
        text = text.replace("\u2028", "\n").replace("\u2029", "\n")
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    if "  " in text or "\t" in text:
        text = _BLANK_RUN.sub("  ", text)
    # UN French uses the typographic apostrophe; one form makes words comparable across files.
    return text.replace("'", "’").replace("\u02bc", "’").replace("\u2018", "’").replace("`", "’")
