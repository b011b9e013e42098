"""The corpus folder as the indexer sees it: resolution files, their signatures, odd entries.

Nothing here opens a file: entries are only listed and stat'ed, so a FIFO, a device or a
symbolic link loop costs a one-line skip, never a hang or a traceback.
"""

from __future__ import annotations

import errno
import os
import stat
from dataclasses import dataclass, field
from pathlib import Path

from .decode import printable
from .formats import EXTENSIONS


class CorpusError(Exception):
    """The corpus folder itself cannot be read; str() is the one-line reason."""


@dataclass
class Scan:
    """What a walk of the corpus folder found."""

    root: str  # the folder's real path; file keys start with root + os.sep
    files: dict[str, tuple[str, int]] = field(default_factory=dict)  # key → (signature, size)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (printable name, reason)
    # Folders and files that could not be read this time: what the index has for them stays.
    unreadable_dirs: list[str] = field(default_factory=list)
    unreadable_files: set[str] = field(default_factory=set)
    # The folder (or file) no longer exists: what the index has under it is gone; `problem`
    # is the one-line error to give if the index has nothing there either (a mistyped path).
    missing: str | None = None

    def keeps(self, key: str) -> bool:
        """Whether an indexed file missing from this scan must be kept (it was unreadable)."""
        return key in self.unreadable_files or any(key.startswith(d + os.sep) for d in self.unreadable_dirs)

    def owns(self, key: str) -> bool:
        """Whether an indexed file lies under this corpus folder (or is this one file)."""
        return key == self.root or key.startswith(self.root + os.sep)


def signature(st: os.stat_result) -> str:
    """Change detector: size, modification time, status-change time and inode.

    The status-change time moves on every rename or `cp -p`, so a file put back with its
    old size and modification time still reads as changed.
    """
    return f"{st.st_size}|{st.st_mtime_ns}|{st.st_ctime_ns}|{st.st_ino}"


def scan(corpus_dir: str | os.PathLike) -> Scan:
    """Resolution files under corpus_dir, recursively (hidden entries skipped), sorted; a
    single file names a corpus of that one file; a path that does not exist, an empty corpus
    marked `missing` (the caller removes what it indexed there, or reports the path)."""
    corpus_dir = Path(corpus_dir)
    try:
        mode = os.stat(corpus_dir).st_mode
        if stat.S_ISREG(mode):
            one = Scan(root=os.path.realpath(corpus_dir))
            _add(one, one.root)
            return one
        if not stat.S_ISDIR(mode):
            raise CorpusError(f"{printable(str(corpus_dir))}: not a folder or a resolution file")
        os.listdir(corpus_dir)
    except OSError as e:
        problem = f"{printable(str(corpus_dir))}: {e.strerror}"
        if e.errno == errno.ENOENT:
            return Scan(root=os.path.realpath(corpus_dir), missing=problem)
        raise CorpusError(problem) from None
    found = Scan(root=os.path.realpath(corpus_dir))

    def unreadable(e: OSError) -> None:
        found.unreadable_dirs.append(str(e.filename))
        found.skipped.append((printable(str(e.filename)) + os.sep, f"folder not read: {e.strerror}; its indexed files are kept"))

    for root, dirs, files in os.walk(found.root, onerror=unreadable):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        for name in sorted(files):
            if name.startswith(".") or not name.lower().endswith(EXTENSIONS):
                continue
            _add(found, os.path.join(root, name))
    return found


def _add(found: Scan, key: str) -> None:
    shown = printable(key)
    try:
        key.encode("utf-8")
    except UnicodeEncodeError:
        found.skipped.append((shown, "file name is not valid UTF-8; rename the file to index it"))
        return
    try:
        st = os.stat(key)
    except OSError as e:
        if e.errno == errno.ELOOP:
            found.skipped.append((shown, "symbolic link loop"))
        elif e.errno in (errno.ENOENT, errno.ENOTDIR):
            if os.path.islink(key):
                found.skipped.append((shown, "dangling symbolic link"))
            # else: deleted since the folder was listed; it is simply gone
        else:
            found.unreadable_files.add(key)
            found.skipped.append((shown, f"cannot read file: {e.strerror}; its indexed paragraphs are kept"))
        return
    if not stat.S_ISREG(st.st_mode):
        kind = "a FIFO" if stat.S_ISFIFO(st.st_mode) else "a folder" if stat.S_ISDIR(st.st_mode) else \
            "a socket" if stat.S_ISSOCK(st.st_mode) else "a device"
        found.skipped.append((shown, f"not a regular file ({kind})"))
        return
    found.files[key] = (signature(st), st.st_size)
