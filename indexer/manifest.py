"""The index's record of the files it holds, committed with each index generation.

The record for generation G is written (atomically, by rename) just before the table of
contents of G, so the record read for the index's latest generation always describes exactly
the documents of that generation. Deriving it from the index instead is not exact: Whoosh
keeps a deleted document's terms in the term list until segments merge.
"""

from __future__ import annotations

import json
import os
import re
from dataclasses import dataclass
from pathlib import Path

# Dot-named, so that Whoosh's clean-up of unused segment files leaves it alone.
_NAME = ".ressearch-files-{}.json"
_PATTERN = re.compile(r"^\.ressearch-files-(\d+)\.json(?:\.tmp)?$")


@dataclass(frozen=True)
class Entry:
    """One file as indexed: its signature then, its paragraph count, or why it was refused."""

    signature: str | None  # None: unknown (index built before the record existed)
    paragraphs: int
    refused: str | None = None


def read(index_dir: Path, generation: int) -> dict[str, Entry] | None:
    """The record of that generation, or None if there is none."""
    try:
        data = json.loads((index_dir / _NAME.format(generation)).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None
    if data.get("generation") != generation:
        return None
    return {key: Entry(*value) for key, value in data["files"].items()}


def write(index_dir: Path, generation: int, files: dict[str, Entry]) -> None:
    """Write the record of a generation about to be committed (temporary file, then rename)."""
    path = index_dir / _NAME.format(generation)
    tmp = path.with_name(path.name + ".tmp")
    data = {"generation": generation, "files": {k: [e.signature, e.paragraphs, e.refused] for k, e in files.items()}}
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(data, f, ensure_ascii=True, separators=(",", ":"))
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def prune(index_dir: Path, generation: int) -> None:
    """Delete the records of generations other than this one and the one before."""
    for name in os.listdir(index_dir):
        m = _PATTERN.match(name)
        if m and int(m.group(1)) not in (generation, generation - 1):
            try:
                os.unlink(index_dir / name)
            except OSError:
                pass
