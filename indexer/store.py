"""Where the index lives, and opening it safely (version check, clear errors)."""

from __future__ import annotations

import os
import re
from pathlib import Path

from whoosh import index as whoosh_index

from .schema import INDEX_NAME, make_schema

ENV_VAR = "RESSEARCH_INDEX"
_TOC = re.compile(r"^_(ressearch_v\d+_\d+)_\d+\.toc$")


class IndexUnavailable(Exception):
    """An index that cannot be used as asked; str() is the one-line reason."""


def default_index() -> Path:
    """`$RESSEARCH_INDEX`, else `$XDG_DATA_HOME/ressearch/index` (~/.local/share/ressearch/index)."""
    if os.environ.get(ENV_VAR):
        return Path(os.environ[ENV_VAR]).expanduser()
    data_home = os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(data_home) / "ressearch" / "index"


def resolve(path: str | os.PathLike | None) -> Path:
    """The index directory to use: the given path, or the default."""
    return Path(path).expanduser() if path else default_index()


def _names(path: Path) -> set[str]:
    try:
        return {m.group(1) for f in os.listdir(path) if (m := _TOC.match(f))}
    except FileNotFoundError:
        return set()


def exists(path: Path) -> bool:
    """Whether a ressearch index of this version is at path."""
    return INDEX_NAME in _names(path)


def other_version(path: Path) -> str | None:
    """The format name of an index of another ressearch version at path, if that is all it holds."""
    names = _names(path)
    return sorted(names)[-1] if names and INDEX_NAME not in names else None


def check_version(path: Path) -> None:
    """Raise if path holds an index of another ressearch version only."""
    other = other_version(path)
    if other is not None:
        raise IndexUnavailable(
            f"the index at {path} was built by another version of ressearch ({other}, this one reads "
            f"{INDEX_NAME}); re-index needed: ressearch index DIR --rebuild --index {path}"
        )


def open_for_search(path: Path):
    """Open an existing index read-only, or raise with how to build one."""
    check_version(path)
    if not exists(path):
        raise IndexUnavailable(f"no index at {path}; build one with: ressearch index corpus/ --index {path}")
    try:
        return whoosh_index.open_dir(str(path), indexname=INDEX_NAME, schema=make_schema())
    except Exception as e:  # a damaged TOC or segment: say so, never a traceback
        raise IndexUnavailable(f"cannot open the index at {path}: {e}") from None


def open_for_write(path: Path, create: bool):
    """Open (or create, if allowed) the index for writing."""
    check_version(path)
    if exists(path):
        return whoosh_index.open_dir(str(path), indexname=INDEX_NAME, schema=make_schema())
    if not create:
        raise IndexUnavailable(f"no index at {path}")
    path.mkdir(parents=True, exist_ok=True)
    return whoosh_index.create_in(str(path), make_schema(), indexname=INDEX_NAME)


def generation_key(path: Path) -> tuple:
    """What identifies the index's current state: its folder (a rebuild swaps it) and its
    newest commit. Cheap enough to check on every request."""
    try:
        st = os.stat(path)
        names = os.listdir(path)
    except OSError:
        raise IndexUnavailable(f"no index at {path}; build one with: ressearch index corpus/ --index {path}") from None
    gens = [int(m.group(0).rsplit("_", 1)[1][:-4]) for f in names if (m := _TOC.match(f)) and m.group(1) == INDEX_NAME]
    return (st.st_dev, st.st_ino, max(gens, default=-1))
