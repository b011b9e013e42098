"""Corpus text and file names are untrusted: no control or bidi character reaches an output."""

from __future__ import annotations

import re

# C0 except tab and newline, DEL, C1 (U+009B is a terminal CSI), bidi embeddings,
# overrides and isolates, and the line/paragraph separators some terminals honour.
_UNSAFE = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


def safe(text: str | None) -> str | None:
    """The text without control, bidi or separator characters (each becomes U+FFFD)."""
    if text is None:
        return None
    return _UNSAFE.sub("\ufffd", text)


def safe_name(name: str) -> str:
    """A file name fit to print: undecodable bytes and control characters escaped."""
    name = name.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    return _UNSAFE.sub(lambda m: f"\\x{ord(m.group()):02x}", name)


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
