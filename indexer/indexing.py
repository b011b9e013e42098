"""Corpus directory → paragraph documents → Whoosh index, incrementally and crash-safely.

Whoosh commits are atomic (a new table of contents is written, then renamed), so an
interrupted run leaves the last committed index intact. Long runs commit every
CHECKPOINT_BYTES of text, so the next run only redoes the files after the last checkpoint.
Parsing and indexing run in worker processes, each writing its own segment. Each commit
carries the record of the files it holds (manifest.py), which decides what a re-run redoes.
"""

from __future__ import annotations

import ctypes
import errno
import fcntl
import glob
import multiprocessing
import os
import shutil
import signal
import sys
import threading
import time
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

from whoosh.index import LockError
from whoosh.writing import SegmentWriter

from . import manifest, store
from .corpus import CorpusError, Scan, scan
from .decode import printable
from .documents import documents
from .formats import Unreadable
from .model import ParseError
from .parse import parse_resolutions
from .schema import INDEX_NAME
from .whoosh_internals import (cache_column_misses, clean_unlisted, close_segment, commit_segments, finish_segment,
                               posting_ids, segment_prefix)

CHECKPOINT_BYTES = 64 << 20  # text indexed between commits (about 80,000 paragraphs)
# A file whose parsing takes longer is skipped: parsing is linear, so only a hostile or
# pathological file gets near this (a 2 MB resolution parses in well under a second).
FILE_SECONDS = 10.0
# Held for the whole run (rebuilds included); an OS lock, so it dies with its holder.
LOCK_NAME = ".ressearch-write.lock"


# Segments are written as separate files, not Whoosh's default compound file: opening a
# compound segment copies each of its sub-files into memory (about 0.1 s per 100k
# paragraphs, paid by every one-shot `ressearch query`).
# Pool memory per worker: a checkpoint's postings stay in memory instead of being spilled to
# disk and merged back (1M paragraphs indexed in 5.5 min instead of 7.3). Two workers use
# about 3 GB at most.
WRITER_MB = 1536


cache_column_misses()


@dataclass
class BuildReport:
    """What an indexing run did."""

    index: Path
    files_seen: int = 0
    files_indexed: int = 0
    files_unchanged: int = 0
    files_removed: int = 0
    files_kept: int = 0  # unreadable this time; their indexed paragraphs were kept
    paragraphs_indexed: int = 0
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (printable file name, reason)
    warnings: list[tuple[str, str]] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)  # clean-up of an earlier interrupted run
    seconds: float = 0.0


@dataclass
class Drift:
    """How the index differs from its corpus folder (`ressearch index DIR --check`)."""

    index: Path
    new: list[str] = field(default_factory=list)  # in the folder, never indexed
    changed: list[str] = field(default_factory=list)  # indexed, changed since
    missing: list[str] = field(default_factory=list)  # recorded as indexed, paragraphs not in the index
    gone: list[str] = field(default_factory=list)  # indexed, no longer in the folder
    skipped: list[tuple[str, str]] = field(default_factory=list)  # odd entries and refused files
    files: int = 0  # files recorded for this folder

    @property
    def in_sync(self) -> bool:
        """Whether a run of `index` would change nothing."""
        return not (self.new or self.changed or self.missing or self.gone)


class BuildError(Exception):
    """The run could not start or finish; str() is the one-line reason."""


@dataclass
class FileResult:
    """One file's outcome in a worker."""

    key: str
    signature: str
    paragraphs: int = 0
    reason: str | None = None  # why it was not indexed
    kept: bool = False  # not read at all (or too slow): the index keeps what it had
    warnings: list[str] = field(default_factory=list)


class _TooSlow(Exception):
    pass


def _alarm(signum, frame):
    raise _TooSlow


@contextmanager
def _time_budget(seconds: float | None):
    # SIGALRM can only be handled in a process's main thread; elsewhere there is no budget.
    if not seconds or not hasattr(signal, "setitimer") or threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _parse_one(key: str, sig: str, seconds: float | None) -> tuple[FileResult, list]:
    try:
        with _time_budget(seconds):
            resolutions = parse_resolutions(key)
    except _TooSlow:
        return FileResult(key, sig, reason=f"too slow to parse (over {seconds:g} s); its indexed paragraphs are kept",
                          kept=True), []
    except Unreadable as e:
        return FileResult(key, sig, reason=f"{e}; its indexed paragraphs are kept", kept=True), []
    except ParseError as e:
        return FileResult(key, sig, reason=str(e)), []
    except Exception as e:  # a parser bug must cost one file, not the run
        return FileResult(key, sig, reason=f"internal parser error: {type(e).__name__}: {e}"), []
    result = FileResult(key, sig, warnings=[w for res in resolutions for w in res.warnings])
    return result, resolutions


def _index_files(index_dir: str, items: list[tuple[str, str]], counter=None, on_file=None,
                 seconds: float | None = FILE_SECONDS) -> tuple:
    """Parse files and write their paragraphs into a new segment of the index.

    Runs in a worker process (Whoosh's MpWriter does the same with documents it is sent;
    here each worker also parses, so no documents cross process boundaries).
    """
    ix = store.open_for_write(Path(index_dir), create=False)
    writer = SegmentWriter(ix, _lk=False, limitmb=WRITER_MB, compound=False)
    results = []
    try:
        for key, sig in items:
            result, resolutions = _parse_one(key, sig, seconds)
            for doc in documents(resolutions, f"{key}|{sig}"):
                writer.add_document(**doc)
                result.paragraphs += 1
            results.append(result)
            if counter is not None:
                with counter.get_lock():
                    counter.value += 1
            if on_file is not None:
                on_file()
        segment = finish_segment(writer)
    except BaseException:
        # Close files, but no cancel(): it would delete the temporary folder the other
        # writers share. The half-written segment is in no TOC; the next run deletes it.
        try:
            close_segment(writer)
        except Exception:
            pass
        raise
    return segment, results


_counter = None
PR_SET_PDEATHSIG = 1


def _init_worker(counter, parent: int, inherited: tuple[int, ...]) -> None:
    global _counter
    _counter = counter
    # The forked worker shares the parent's lock files; holding them would keep the index
    # locked after the parent dies. Closing the copies leaves the locks to the parent alone.
    for fd in inherited:
        try:
            os.close(fd)
        except OSError:
            pass
    # The parent stops its workers itself (Ctrl-C, SIGTERM): they must not die half-way first.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for sig in (signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, signal.SIG_DFL)
    _die_with_parent(parent)


def _die_with_parent(parent: int) -> None:
    """End this worker when its parent ends, even by kill -9 (no orphan holding memory)."""
    if sys.platform.startswith("linux"):
        try:
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0)
        except (OSError, AttributeError):
            pass
    if os.getppid() != parent:  # the parent died before prctl took effect
        os._exit(1)
    threading.Thread(target=_watch_parent, args=(parent,), daemon=True).start()


def _watch_parent(parent: int) -> None:
    # Fallback where PR_SET_PDEATHSIG does not exist: a re-parented worker notices it.
    while True:
        time.sleep(0.5)
        if os.getppid() != parent:
            os._exit(1)


def _index_files_in_worker(index_dir: str, items: list[tuple[str, str]], seconds: float | None) -> tuple:
    return _index_files(index_dir, items, _counter, seconds=seconds)


def _chunks(items: list[tuple[str, str, int]], max_bytes: int) -> Iterator[list[tuple[str, str]]]:
    chunk, size = [], 0
    for key, sig, nbytes in items:
        chunk.append((key, sig))
        size += nbytes
        if size >= max_bytes:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def indexed_files(ix) -> dict[str, manifest.Entry]:
    """file → its record entry, for every file the index holds at its latest generation."""
    record = manifest.read(Path(ix.storage.folder), ix.latest_generation())
    if record is not None:
        return record
    # An index written before the record existed: the files of its live documents, with
    # unknown signatures (so each is re-read once).
    return {key: manifest.Entry(None, count) for key, count in _live_files(ix).items()}


def _live_files(ix) -> dict[str, int]:
    # Deleted documents' terms stay in the term list until a merge: count live postings.
    out = {}
    with ix.reader() as reader:
        for raw in reader.lexicon("file"):
            key = raw.decode("utf-8") if isinstance(raw, bytes) else raw
            count = len(posting_ids(reader, "file", raw))
            if count:
                out[key] = count
    return out


def build(
    corpus_dir: str | os.PathLike,
    index: str | os.PathLike | None = None,
    *,
    rebuild: bool = False,
    procs: int | None = None,
    progress: Callable[[int, int], None] | None = None,
    file_seconds: float | None = FILE_SECONDS,
) -> BuildReport:
    """Index every resolution file under corpus_dir; re-runs only touch what changed."""
    start = time.perf_counter()
    path = store.resolve(index)
    try:
        found = scan(corpus_dir)
    except CorpusError as e:
        raise BuildError(str(e)) from None
    report = BuildReport(index=path, files_seen=len(found.files) + len(found.skipped))
    report.skipped += found.skipped
    procs = procs or min(2, os.cpu_count() or 1)

    with _RunLock(path) as lock:
        report.notes += _clean_leftovers(path)
        old = store.other_version(path)
        if old is not None and not rebuild:
            # An index of another format cannot be updated, only replaced; the old one stays
            # usable by its version until the new one is swapped in.
            rebuild = True
            report.notes.append(f"the index was built by another version of ressearch ({old}); rebuilt in the "
                                f"format this one reads ({INDEX_NAME})")
        target = path
        if rebuild:
            # Build beside the old index and swap at the end: an interrupted rebuild
            # leaves the old index in place.
            target = path.with_name(path.name + f".rebuild-{os.getpid()}")
        try:
            _run(found, target, report, procs, progress, file_seconds, lock.fd)
            if rebuild:
                _swap(target, path)
        except BaseException as e:
            if rebuild:
                shutil.rmtree(target, ignore_errors=True)
            else:
                _clean_leftovers(target)
            if isinstance(e, OSError):
                raise BuildError(_location_problem(e, target)) from None
            if isinstance(e, BrokenProcessPool):
                raise BuildError(f"a worker process died while indexing ({e}); the index keeps its last commit") from None
            raise
    report.seconds = time.perf_counter() - start
    return report


def _run(found: Scan, target: Path, report: BuildReport, procs: int,
         progress: Callable[[int, int], None] | None, seconds: float | None, lock_fd: int) -> None:
    try:
        ix = store.open_for_write(target, create=True)
    except store.IndexUnavailable as e:
        raise BuildError(str(e)) from None
    try:
        writer = SegmentWriter(ix, limitmb=64, compound=False)
    except LockError:
        raise BuildError(f"another `ressearch index` is writing to {target}; wait for it to finish") from None

    known = indexed_files(ix)
    record = dict(known)
    todo = []
    for key, (sig, size) in found.files.items():
        entry = known.get(key)
        if entry is None or entry.signature != sig:
            todo.append((key, sig, size))
        elif entry.refused:
            report.skipped.append((printable(key), f"{entry.refused} (unchanged since it was refused)"))
        else:
            report.files_unchanged += 1
    report.files_kept += sum(1 for key in known if key not in found.files and found.owns(key) and found.keeps(key))
    gone = [key for key in known if key not in found.files and found.owns(key) and not found.keeps(key)]

    pool = None
    pending = bool(gone)  # changes not yet committed
    try:
        if found.missing:
            if not any(found.owns(key) for key in known):
                raise BuildError(found.missing)  # a mistyped path: nothing indexed there either
            report.notes.append(f"{printable(found.root)} no longer exists: its indexed files are removed")
        for key in gone:
            if record.pop(key).paragraphs:
                writer.delete_by_term("file", key)
                report.files_removed += 1
        if procs > 1 and len(todo) >= 2 * procs:
            # Fork: workers start at once without re-importing; they inherit the lock
            # descriptors, which they close (in a spawned worker those numbers mean nothing).
            context = multiprocessing.get_context("fork" if "fork" in multiprocessing.get_all_start_methods() else None)
            counter = context.Value("q", 0)
            inherited = ()
            if context.get_start_method() == "fork":
                inherited = tuple(fd for fd in (lock_fd, _lock_fd(writer)) if fd is not None)
            pool = ProcessPoolExecutor(procs, mp_context=context, initializer=_init_worker,
                                       initargs=(counter, os.getpid(), inherited))
        done = 0
        for chunk in _chunks(todo, CHECKPOINT_BYTES):
            if pool is None:
                seen = [done]

                def tick() -> None:
                    seen[0] += 1
                    if progress:
                        progress(seen[0], len(todo))

                segments = [_index_files(str(target), chunk, on_file=tick, seconds=seconds)]
            else:
                futures = [pool.submit(_index_files_in_worker, str(target), chunk[i::procs], seconds)
                           for i in range(procs)]
                while wait(futures, timeout=0.25).not_done:
                    if progress:
                        progress(done + counter.value, len(todo))
                segments = [f.result() for f in futures]
                counter.value = 0
            for _segment, results in segments:
                for r in results:
                    _account(r, known, record, writer, report)
            _commit(writer, [seg for seg, _ in segments if seg is not None], record)
            writer = SegmentWriter(ix, limitmb=64, compound=False)
            pending = False
            done += len(chunk)
            if progress:
                progress(done, len(todo))
        if pending:
            _commit(writer, [], record)  # removals only
        else:
            _abandon(writer)  # nothing changed: keep the index generation as it is
    except BaseException:
        if pool is not None:
            _stop(pool)
            pool = None
        _abandon(writer)
        raise
    finally:
        if pool is not None:
            pool.shutdown(wait=True)


def _account(r: FileResult, known: dict, record: dict, writer: SegmentWriter, report: BuildReport) -> None:
    shown = printable(r.key)
    report.warnings += [(shown, w) for w in r.warnings]
    if r.kept:
        report.skipped.append((shown, r.reason))
        report.files_kept += r.key in known
        return
    # The old version's paragraphs go only now, once the new version was read: the
    # deletion applies to the committed segments, not to the workers' new ones.
    if r.key in known and known[r.key].paragraphs:
        writer.delete_by_term("file", r.key)
    if r.reason:
        report.skipped.append((shown, r.reason))
        record[r.key] = manifest.Entry(r.signature, 0, r.reason)
    else:
        report.files_indexed += 1
        report.paragraphs_indexed += r.paragraphs
        record[r.key] = manifest.Entry(r.signature, r.paragraphs)


def check(corpus_dir: str | os.PathLike, index: str | os.PathLike | None = None) -> Drift:
    """Compare the index with its corpus folder without changing anything."""
    path = store.resolve(index)
    try:
        found = scan(corpus_dir)
        ix = store.open_for_search(path)
    except (CorpusError, store.IndexUnavailable) as e:
        raise BuildError(str(e)) from None
    known = indexed_files(ix)
    live = _live_files(ix)
    drift = Drift(index=path, skipped=list(found.skipped))
    for key, entry in known.items():
        if not found.owns(key):
            continue
        drift.files += 1
        if key not in found.files:
            if not found.keeps(key):
                drift.gone.append(printable(key))
        elif entry.signature != found.files[key][0]:
            drift.changed.append(printable(key))
        elif entry.refused:
            drift.skipped.append((printable(key), entry.refused))
        if entry.paragraphs != live.get(key, 0) and entry.signature is not None:
            drift.missing.append(printable(key))
    drift.new = [printable(k) for k in found.files if k not in known]
    drift.missing += [printable(k) for k in live if k not in known and found.owns(k)]
    return drift


def _abandon(writer: SegmentWriter) -> None:
    # Give up this run's changes without touching the committed index; always unlock.
    if writer.is_closed:  # already committed (and unlocked)
        return
    try:
        writer.cancel()
        # Whoosh's cancel() leaves the files of the segment it had begun (the locking
        # writer adds no documents, so that segment is never in a table of contents).
        prefix = segment_prefix(writer)
        for name in os.listdir(writer.storage.folder):
            if name.startswith(prefix):
                os.unlink(os.path.join(writer.storage.folder, name))
    except Exception:
        pass
    finally:
        if writer.writelock is not None:
            try:
                writer.writelock.release()
            except Exception:
                pass


def _stop(pool: ProcessPoolExecutor) -> None:
    # Interrupted: end the workers now instead of waiting for their chunks. What they wrote
    # is in no table of contents; the clean-up deletes it.
    for process in list((pool._processes or {}).values()):
        try:
            process.kill()
        except Exception:
            pass
    pool.shutdown(wait=True, cancel_futures=True)


def _lock_fd(writer: SegmentWriter) -> int | None:
    return getattr(writer.writelock, "fd", None)


def _commit(writer: SegmentWriter, segments: list, record: dict) -> None:
    # MpWriter's multi-segment commit: deletions and merges by the locking writer, then
    # the workers' finished segments join the table of contents in one atomic write,
    # preceded by the record of the files that generation holds.
    folder = Path(writer.storage.folder)
    commit_segments(writer, segments, before_toc=lambda: manifest.write(folder, writer.generation, record))
    manifest.prune(folder, writer.generation)


def _swap(new: Path, old: Path) -> None:
    trash = old.with_name(old.name + f".old-{os.getpid()}")
    if old.exists():
        old.rename(trash)
    try:
        new.rename(old)
    except BaseException:
        if trash.exists():
            trash.rename(old)  # the old index stays in place
        raise
    shutil.rmtree(trash, ignore_errors=True)


def _clean_leftovers(path: Path) -> list[str]:
    """Delete what an interrupted or failed run left (segments in no TOC, rebuild folders).

    Called with the run lock held, so nothing found here belongs to a running writer.
    """
    notes = []
    for pattern in (".rebuild-*", ".old-*"):
        for leftover in sorted(glob.glob(glob.escape(str(path)) + pattern)):
            shutil.rmtree(leftover, ignore_errors=True)
            notes.append(f"removed {printable(Path(leftover).name)}, left by an interrupted run")
    if not store.exists(path):
        return notes
    try:
        before = set(os.listdir(path))
        ix = store.open_for_write(path, create=False)
        # A writer outside ressearch's run lock (a library user's) may own unlisted files.
        writelock = ix.lock("WRITELOCK")
        if not writelock.acquire():
            return notes
        try:
            generation = clean_unlisted(ix, INDEX_NAME)
            shutil.rmtree(path / f"{INDEX_NAME}.tmp", ignore_errors=True)
            for name in os.listdir(path):
                if name.startswith(f"_{INDEX_NAME}_") and ".toc." in name:  # a TOC write cut short
                    os.unlink(path / name)
            manifest.prune(path, generation)
        finally:
            writelock.release()
        removed = before - set(os.listdir(path))
    except Exception:  # a damaged index is reported by the run itself
        return notes
    if removed:
        notes.append(f"removed {len(removed)} files left in the index by an interrupted run")
    return notes


def _location_problem(e: OSError, target: Path) -> str:
    if e.errno == errno.ENOSPC:
        return f"disk full while writing the index at {printable(str(target))}; nothing of this run was kept"
    if e.errno == errno.EDQUOT:
        return f"disk quota exceeded while writing the index at {printable(str(target))}; nothing of this run was kept"
    where = printable(str(e.filename)) if e.filename else printable(str(target))
    return f"cannot write the index at {printable(str(target))}: {e.strerror or e} ({where})"


class _RunLock:
    """An exclusive OS lock (flock) on the index location for a whole run.

    It covers `--rebuild` too, which writes elsewhere until its final swap. The kernel
    releases it when its holder dies, however it dies: no stale lock.
    """

    def __init__(self, path: Path) -> None:
        self.path = path
        self.fd: int | None = None

    def __enter__(self) -> "_RunLock":
        shown = printable(str(self.path))
        if self.path.exists() and not self.path.is_dir():
            raise BuildError(f"cannot use {shown} as the index folder: it is a file")
        try:
            self.path.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.path / LOCK_NAME, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o644)
        except OSError as e:
            raise BuildError(f"cannot write to the index folder {shown}: {e.strerror}") from None
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except OSError:
            os.close(fd)
            raise BuildError(f"another `ressearch index` is writing to {shown}; wait for it to finish") from None
        self.fd = fd
        return self

    def __exit__(self, *exc) -> None:
        try:
            fcntl.flock(self.fd, fcntl.LOCK_UN)
        finally:
            os.close(self.fd)
