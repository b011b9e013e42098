"""Corpus text and file names are untrusted: no control or bidi character reaches an output."""

from __future__ import annotations

import re

from indexer.decode import CONTROL_CHARS, printable

# The characters the decoder removes (C0 but tab/newline, DEL, C1 such as the terminal's
# CSI U+009B, bidi controls), plus carriage return, form feed and the Unicode line and
# paragraph separators, which move the cursor or break a line on some terminals. An index
# built by an older decoder may still hold them.
_UNSAFE = re.compile(f"[{CONTROL_CHARS}\r\f\u2028\u2029]")


def safe(text: str | None) -> str | None:
    """The text without control, bidi or separator characters (each becomes U+FFFD)."""
    if text is None:
        return None
    return _UNSAFE.sub("\ufffd", text)


def safe_name(name: str) -> str:
    """A file name fit to print on one line (the indexer's escaping: `\\x1b`, `\\u202e`)."""
    return printable(name)


def stored_text(stored: dict) -> dict:
    """A paragraph's stored fields with every string made safe to show (the file name escaped)."""
    out = {}
    for name, value in stored.items():
        if name == "file" and isinstance(value, str):
            out[name] = safe_name(value)
        elif isinstance(value, str):
            out[name] = safe(value)
        else:
            out[name] = value
    return out
