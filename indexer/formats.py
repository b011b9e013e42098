"""Files on disk → bytes of text to parse: which file types are read, and how."""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

from .model import ParseError

# Files the indexer reads; anything else under the corpus folder is not a resolution file.
EXTENSIONS = (".txt", ".md")
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
