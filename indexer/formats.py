"""Files on disk → bytes of text to parse: which file types are read, and how."""

from __future__ import annotations

from pathlib import Path

# Files the indexer reads; anything else under the corpus folder is not a resolution file.
EXTENSIONS = (".txt", ".md")


def read_bytes(path: Path) -> bytes:
    """The file's text content as bytes (plain text files are read as they are)."""
    return path.read_bytes()
