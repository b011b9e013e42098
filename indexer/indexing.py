"""Corpus directory → paragraph documents → Whoosh index, incrementally and crash-safely.

Whoosh commits are atomic (a new table of contents is written, then renamed), so an
interrupted run leaves the last committed index intact. Long runs commit every
CHECKPOINT_BYTES of text, so the next run only redoes the files after the last checkpoint.
Parsing and indexing run in worker processes, each writing its own segment.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Callable, Iterator
import multiprocessing
from concurrent.futures import ProcessPoolExecutor, wait
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.index import LockError
from whoosh.codec.whoosh3 import W3PerDocReader
from whoosh.writing import SegmentWriter

from . import store
from .documents import documents
from .formats import EXTENSIONS  # every readable format: .txt .md .pdf .docx .html .htm
from .model import ParseError
from .parse import parse_resolutions

CHECKPOINT_BYTES = 64 << 20  # text indexed between commits (about 80,000 paragraphs)


# Segments are written as separate files, not Whoosh's default compound file: opening a
# compound segment copies each of its sub-files into memory (about 0.1 s per 100k
# paragraphs, paid by every one-shot `ressearch query`).
# Pool memory per worker: a checkpoint's postings stay in memory instead of being spilled to
# disk and merged back (1M paragraphs indexed in 5.5 min instead of 7.3). Two workers use
# about 3 GB at most.
WRITER_MB = 1536


def _cached_reader(self, fieldname, column):
    # Whoosh 2.7.5 caches found columns only, so writing a segment stats the disk once per
    # posting of every field without a length column (~10 per paragraph here). A column
    # cannot appear while a segment is being read, so caching the miss is safe.
    try:
        return self._readers[fieldname]
    except KeyError:
        reader = self.column_reader(fieldname, column) if self.has_column(fieldname) else None
        self._readers[fieldname] = reader
        return reader


W3PerDocReader._cached_reader = _cached_reader


@dataclass
class BuildReport:
    """What an indexing run did."""

    index: Path
    files_seen: int = 0
    files_indexed: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    paragraphs_indexed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (file, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    seconds: float = 0.0


class BuildError(Exception):
    """The run could not start or finish; str() is the one-line reason."""


def corpus_files(corpus_dir: Path) -> list[Path]:
    """Resolution files under corpus_dir, recursively, hidden folders skipped, sorted."""
    if not corpus_dir.is_dir():
        raise BuildError(f"{corpus_dir}: not a directory")
    found = []
    for root, dirs, files in os.walk(corpus_dir):
        dirs[:] = sorted(d for d in dirs if not d.startswith("."))
        found.extend(Path(root, f) for f in sorted(files) if f.lower().endswith(EXTENSIONS) and not f.startswith("."))
    return found


def signature(path: Path) -> str:
    """Cheap change detector: (absolute) path, size and modification time."""
    st = path.stat()
    return f"{path}|{st.st_size}|{st.st_mtime_ns}"


def _index_files(index_dir: str, items: list[tuple[str, str]], counter=None, on_file=None) -> tuple:
    """Parse files and write their paragraphs into a new segment of the index.

    Runs in a worker process (Whoosh's MpWriter does the same with documents it is sent;
    here each worker also parses, so no documents cross process boundaries).
    """
    ix = store.open_for_write(Path(index_dir), create=False)
    writer = SegmentWriter(ix, _lk=False, limitmb=WRITER_MB, compound=False)
    stats = BuildReport(index=Path(index_dir))
    try:
        for path, sig in items:
            try:
                resolutions = parse_resolutions(path)
            except ParseError as e:
                stats.skipped.append((path, str(e)))
            except Exception as e:  # a parser bug must cost one file, not the run
                stats.skipped.append((path, f"internal parser error: {type(e).__name__}: {e}"))
            else:
                for doc in documents(resolutions, sig):
                    writer.add_document(**doc)
                    stats.paragraphs_indexed += 1
                stats.warnings.extend((path, w) for res in resolutions for w in res.warnings)
                stats.files_indexed += 1
            if counter is not None:
                with counter.get_lock():
                    counter.value += 1
            if on_file is not None:
                on_file()
        segment = writer._finalize_segment() if writer._added else writer._close_segment()
    except BaseException:
        # Close files, but no cancel(): it would delete the temporary folder the other
        # writers share. The half-written segment is in no TOC; the next commit deletes it.
        try:
            writer._close_segment()
        except Exception:
            pass
        raise
    return segment, stats


_counter = None


def _init_worker(counter) -> None:
    global _counter
    _counter = counter


def _index_files_in_worker(index_dir: str, items: list[tuple[str, str]]) -> tuple:
    return _index_files(index_dir, items, _counter)


def _chunks(items: list[tuple[str, str]], max_bytes: int) -> Iterator[list[tuple[str, str]]]:
    chunk, size = [], 0
    for item in items:
        chunk.append(item)
        size += int(item[1].rsplit("|", 2)[1])
        if size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def indexed_signatures(ix) -> dict[str, str]:
    """file path → signature, for every file in the index (read from the term list)."""
    with ix.reader() as reader:
        out = {}
        for raw in reader.lexicon("filesig"):
            sig = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            out[sig.split("|", 1)[0]] = sig
        return out


def build(
    corpus_dir: str | os.PathLike,
    index: str | os.PathLike | None = None,
    *,
    rebuild: bool = False,
    procs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
) -> BuildReport:
    """Index every resolution file under corpus_dir; re-runs only touch what changed."""
    start = time.perf_counter()
    corpus_dir = Path(corpus_dir)
    path = store.resolve(index)
    files = corpus_files(corpus_dir)
    report = BuildReport(index=path, files_seen=len(files))
    procs = procs or min(2, os.cpu_count() or 1)

    target = path
    if rebuild:
        # Build beside the old index and swap at the end: an interrupted rebuild
        # leaves the old index in place.
        target = path.with_name(path.name + f".rebuild-{os.getpid()}")
        shutil.rmtree(target, ignore_errors=True)
    try:
        ix = store.open_for_write(target, create=True)
    except store.IndexUnavailable as e:
        raise BuildError(str(e)) from None

    known = indexed_signatures(ix)
    current = {str(p.resolve()): p.resolve() for p in files}
    root = str(corpus_dir.resolve()) + os.sep
    todo = []
    for key, p in current.items():
        sig = signature(p)
        if known.get(key) == sig:
            report.files_unchanged += 1
        else:
            todo.append((key, sig))
    gone = [f for f in known if f.startswith(root) and f not in current]

    try:
        writer = SegmentWriter(ix, limitmb=64, compound=False)
    except LockError:
        raise BuildError(f"another `ressearch index` is writing to {target}; wait for it to finish") from None
    pool = None
    try:
        for f in gone:
            writer.delete_by_term("file", f)
            report.files_removed += 1
        if procs > 1 and len(todo) >= 2 * procs:
            counter = multiprocessing.Value("q", 0)
            pool = ProcessPoolExecutor(procs, initializer=_init_worker, initargs=(counter,))
        done = 0
        for chunk in _chunks(todo, CHECKPOINT_BYTES):
            for file, _sig in chunk:
                if file in known:
                    writer.delete_by_term("file", file)
            if pool is None:
                seen = [done]

                def tick() -> None:
                    seen[0] += 1
                    if progress:
                        progress(seen[0], len(todo))

                segments = [_index_files(str(target), chunk, on_file=tick)]
            else:
                futures = [pool.submit(_index_files_in_worker, str(target), chunk[i::procs]) for i in range(procs)]
                while wait(futures, timeout=0.25).not_done:
                    if progress:
                        progress(done + counter.value, len(todo))
                segments = [f.result() for f in futures]
                counter.value = 0
            for segment, stats in segments:
                report.files_indexed += stats.files_indexed
                report.paragraphs_indexed += stats.paragraphs_indexed
                report.skipped += stats.skipped
                report.warnings += stats.warnings
            _commit(writer, [seg for seg, _ in segments if seg is not None])
            writer = SegmentWriter(ix, limitmb=64, compound=False)
            done += len(chunk)
            if progress:
                progress(done, len(todo))
        if todo or gone:
            writer.commit()
        else:
            writer.cancel()  # nothing changed: keep the index generation as it is
    except BaseException:
        _abandon(writer)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True, cancel_futures=True)
    if rebuild:
        _swap(target, path)
    report.seconds = time.perf_counter() - start
    return report


def _abandon(writer: SegmentWriter) -> None:
    # Give up this run's changes without touching the committed index; always unlock.
    try:
        writer.cancel()
    except Exception:
        pass
    finally:
        if writer.writelock is not None:
            try:
                writer.writelock.release()
            except Exception:
                pass


def _commit(writer: SegmentWriter, segments: list) -> None:
    # MpWriter's multi-segment commit: deletions and merges by the locking writer, then
    # the workers' finished segments join the table of contents in one atomic write.
    final = writer._merge_segments(None, False, True)
    final += segments
    if writer._added:
        final.append(writer._finalize_segment())
    else:
        writer._close_segment()
    writer._commit_toc(final)
    writer._finish()


def _swap(new: Path, old: Path) -> None:
    trash = old.with_name(old.name + f".old-{os.getpid()}")
    if old.exists():
        old.rename(trash)
    new.rename(old)
    shutil.rmtree(trash, ignore_errors=True)
