"""Bytes on disk → clean Unicode text, or a one-line reason why not."""

from __future__ import annotations

import codecs
import re
import unicodedata

from .model import ParseError

# Control characters other than tab/newline/CR/form feed never occur in real text.
_CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")
# Typical UTF-8-read-as-Windows-1252 sequences ("Ã©", "â€™"): the file was mis-decoded once already.
_MOJIBAKE = re.compile("[ÃÂâ][\u0080-\u00bf\u0152\u0153\u0160\u0161\u0178\u017d\u017e\u0192\u02c6\u02dc\u2013-\u203a\u20ac\u2122]")
_SPACES = re.compile(r"[\u00a0\u2007\u202f\u2009\u200a\u2002\u2003\u2004\u2005\u2006\u2008\u205f\u3000]")
_INVISIBLE = re.compile(r"[\u00ad\u200b\u200c\u200d\u2060\ufeff]")


def decode(data: bytes) -> tuple[str, list[str]]:
    """Decode a resolution file's bytes; return (text, warnings) or raise ParseError."""
    if not data.strip():
        raise ParseError("empty file")
    warnings: list[str] = []
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        text = _decode_strict(data, "utf-16")
    elif b"\x00" in data[:8192]:
        raise ParseError("binary file, not text (NUL bytes)")
    else:
        text = _decode_8bit(data, warnings)
    if len(_CONTROL.findall(text[:20000])) > 2:
        raise ParseError("binary file, not text (control characters)")
    if _MOJIBAKE.search(text):
        text = _fix_mojibake(text, warnings)
    return normalize(text), warnings


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
    # Valid multi-byte sequences before the error mean UTF-8 with damage, not Windows-1252.
    if re.search(rb"[\xc2-\xdf][\x80-\xbf]|[\xe0-\xef][\x80-\xbf]{2}", data[: err.start]):
        raise ParseError(f"invalid UTF-8 at byte {err.start} (mixed or damaged encoding)")
    try:
        text = data.decode("cp1252")
        encoding = "Windows-1252"
    except UnicodeDecodeError:
        text = data.decode("latin-1")
        encoding = "Latin-1"
    if _CONTROL.search(text):
        raise ParseError(f"undecodable bytes: neither UTF-8, Windows-1252 nor Latin-1 (byte {err.start})")
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
    text = _INVISIBLE.sub("", text)
    text = _SPACES.sub(" ", text)
    # UN French uses the typographic apostrophe; one form makes words comparable across files.
    return text.replace("'", "’").replace("\u02bc", "’").replace("\u2018", "’").replace("`", "’")
