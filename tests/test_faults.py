"""Faults during indexing: kills, signals, moved files, permissions, odd entries, full disks.

After each fault the index must hold exactly what a clean build of the same folder holds:
the same (file, position, body) for every stored paragraph.
"""

from __future__ import annotations

import os
import random
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from whoosh import index as whoosh_index

from conftest import ROOT, SEEDS
from indexer import BuildError, build
from indexer.indexing import LOCK_NAME, _RunLock, check
from indexer.schema import INDEX_NAME
from query.searching import close_all


def stored(index: Path, root: Path) -> set[tuple[str, int, str]]:
    """(file relative to root, position, body) of every live paragraph of the index."""
    close_all()
    ix = whoosh_index.open_dir(str(index), indexname=INDEX_NAME)
    real = os.path.realpath(root)
    with ix.reader() as reader:
        return {(os.path.relpath(d["file"], real), d["position"], d["body"]) for d in reader.all_stored_fields()}


def clean_build(corpus: Path, tmp_path: Path) -> set[tuple[str, int, str]]:
    fresh = tmp_path / f"clean-{random.randrange(1 << 30)}"
    build(corpus, index=fresh)
    return stored(fresh, corpus)


def cli(*args, env=None, drop_root=False, **kwargs) -> subprocess.CompletedProcess:
    """Run `python -m query.cli ARGS` in a child process."""
    command = [sys.executable, "-m", "query.cli", *map(str, args)]
    if drop_root:
        command = _unprivileged(command)
    return subprocess.run(command, cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})},
                          capture_output=True, text=True, timeout=120, **kwargs)


def _unprivileged(command: list[str]) -> list[str]:
    # Root reads through any permission bits: drop the capabilities that let it.
    if os.geteuid() != 0:
        return command
    if not shutil.which("setpriv"):
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    caps = "-dac_override,-dac_read_search"
    return ["setpriv", f"--inh-caps={caps}", f"--bounding-set={caps}", *command]


def spawn_index(corpus: Path, index: Path) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, "-m", "query.cli", "index", str(corpus), "--index", str(index)],
                            cwd=ROOT, env={**os.environ, "PYTHONPATH": str(ROOT)},
                            stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True)


def children(pid: int) -> list[int]:
    out = []
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                stat = Path(f"/proc/{entry}/stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                out.append(int(entry))
    return out


def alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a zombie holds no memory and no lock


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    """100 resolution files (long enough to index that a kill lands mid-run), and their clean build."""
    corpus = tmp_path_factory.mktemp("big") / "corpus"
    corpus.mkdir()
    for i in range(25):
        for seed in SEEDS:
            shutil.copy(seed, corpus / f"k{i:02d}_{seed.name}")
    return corpus, clean_build(corpus, tmp_path_factory.mktemp("clean"))


@pytest.fixture
def corpus(tmp_path):
    corpus = tmp_path / "small"
    corpus.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, corpus / seed.name)
    return corpus


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="needs /proc")
@pytest.mark.parametrize("how", ["SIGKILL", "SIGTERM"])
def test_killed_indexer_leaves_no_worker_no_lock_and_a_complete_rerun(how, big, tmp_path):
    big_corpus, clean = big
    index = tmp_path / "ix"
    proc = spawn_index(big_corpus, index)
    workers: set[int] = set()
    deadline = None  # a random moment once the workers run
    while proc.poll() is None and (deadline is None or time.monotonic() < deadline):
        workers.update(children(proc.pid))
        if workers and deadline is None:
            deadline = time.monotonic() + random.uniform(0.0, 0.3)
        time.sleep(0.02)
    if proc.poll() is not None:
        pytest.fail("the run ended before it could be interrupted; make the corpus bigger")
    os.kill(proc.pid, getattr(signal, how))
    _, err = proc.communicate(timeout=30)
    if how == "SIGTERM":
        assert proc.returncode == 128 + signal.SIGTERM
        assert "interrupted: the index keeps its last completed state" in err and "Traceback" not in err
    deadline = time.monotonic() + 3  # the kernel kills them at once; the getppid fallback polls every 0.5 s
    while [pid for pid in workers if alive(pid)] and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workers and not [pid for pid in workers if alive(pid)]

    build(big_corpus, index=index)  # raises BuildError "another `ressearch index` is writing" if locked
    assert stored(index, big_corpus) == clean
    assert orphans(index) == []


def orphans(index: Path) -> list[str]:
    """Files in the index folder that belong to no segment of its table of contents."""
    ix = whoosh_index.open_dir(str(index), indexname=INDEX_NAME)
    segments = {s.segment_id() for s in ix._read_toc().segments}
    return [name for name in os.listdir(index)
            if name == f"{INDEX_NAME}.tmp"
            or (name.startswith(INDEX_NAME + "_") and name != f"{INDEX_NAME}_WRITELOCK"
                and name.split(".")[0] not in segments)]


def test_file_moved_out_and_back_with_the_same_size_and_mtime_is_indexed_again(corpus, tmp_path):
    index = tmp_path / "ix"
    build(corpus, index=index, procs=1)
    moved = corpus / SEEDS[1].name
    st = moved.stat()
    shutil.move(moved, tmp_path / "away.txt")
    assert build(corpus, index=index, procs=1).files_removed == 1
    shutil.move(tmp_path / "away.txt", moved)
    os.utime(moved, ns=(st.st_atime_ns, st.st_mtime_ns))
    assert (moved.stat().st_size, moved.stat().st_mtime_ns) == (st.st_size, st.st_mtime_ns)
    report = build(corpus, index=index, procs=1)
    assert report.files_indexed == 1
    assert stored(index, corpus) == clean_build(corpus, tmp_path)
    assert check(corpus, index).in_sync


def test_a_deleted_folder_named_again_has_its_paragraphs_removed_and_a_mistyped_one_is_an_error(corpus, tmp_path,
                                                                                                   run_cli):
    """`ressearch index OLD/` after OLD was deleted: its files leave the index (the other
    folders' stay); said once, then the path is reported as missing like any mistyped one."""
    index = tmp_path / "ix"
    other = tmp_path / "other"
    other.mkdir()
    shutil.copy(SEEDS[0], other / "kept.txt")
    build(corpus, index=index, procs=1)
    build(other, index=index, procs=1)
    shutil.rmtree(corpus)
    assert check(corpus, index).gone and not check(other, index).gone
    r = run_cli("index", corpus, "--index", index)
    assert r.exit_code == 0 and f"{corpus} no longer exists: its indexed files are removed" in r.stderr
    assert f"{len(SEEDS)} removed" in r.stdout and "no resolution files" not in r.stderr
    left = stored(index, other)
    assert left and {f for f, _, _ in left} == {"kept.txt"}  # only the other folder's file
    again = run_cli("index", corpus, "--index", index)
    assert again.exit_code == 1 and again.stderr.strip() == f"ressearch: {corpus}: No such file or directory"
    typo = run_cli("index", tmp_path / "smal", "--index", index)
    assert typo.exit_code == 1 and "No such file or directory" in typo.stderr
    assert stored(index, other)  # the mistyped path removed nothing


def test_the_formats_index_reads_are_the_ones_its_messages_name():
    from indexer.formats import EXTENSIONS
    from query import cli

    assert set(cli._FORMATS.split()) == set(EXTENSIONS) - {".htm"}


def test_bar_in_a_file_name_keeps_its_identity(corpus, tmp_path):
    index = tmp_path / "ix"
    shutil.copy(SEEDS[0], corpus / "projet|révisé.txt")
    first = build(corpus, index=index, procs=1)
    second = build(corpus, index=index, procs=1)
    assert (second.files_indexed, second.files_unchanged) == (0, 5)
    held = stored(index, corpus)
    assert held == clean_build(corpus, tmp_path) and len(held) == first.paragraphs_indexed
    copy = sorted((pos, body) for f, pos, body in held if f == "projet|révisé.txt")
    assert copy and copy == sorted((pos, body) for f, pos, body in held if f == SEEDS[0].name)


def test_odd_entries_are_skipped_with_a_reason_and_the_run_goes_on(corpus, tmp_path):
    (corpus / "loop.txt").symlink_to("loop.txt")
    (corpus / "dangling.txt").symlink_to("nowhere.txt")
    (corpus / "zero.txt").symlink_to("/dev/zero")
    os.mkfifo(corpus / "fifo.txt")
    shutil.copy(SEEDS[0], os.fsencode(corpus) + b"/latin1-\xe9\x1b[2J.txt")
    clean = clean_build_of_regular_files(corpus, tmp_path)
    r = cli("index", corpus, "--index", tmp_path / "ix")
    assert r.returncode == 0 and "Traceback" not in r.stderr
    skips = [line.removeprefix("ressearch: skipped ").split(": ", 1)
             for line in r.stderr.splitlines() if line.startswith("ressearch: skipped ")]
    reasons = {file.rsplit("/", 1)[-1]: reason for file, reason in skips}
    assert reasons == {
        "loop.txt": "symbolic link loop",
        "dangling.txt": "dangling symbolic link",
        "zero.txt": "not a regular file (a device)",
        "fifo.txt": "not a regular file (a FIFO)",
        "latin1-\\xe9\\x1b[2J.txt": "file name is not valid UTF-8; rename the file to index it",
    }
    assert "\x1b" not in r.stderr
    assert stored(tmp_path / "ix", corpus) == clean


def clean_build_of_regular_files(corpus: Path, tmp_path: Path) -> set:
    copy = tmp_path / "regular"
    copy.mkdir()
    for p in corpus.iterdir():
        if p.is_file() and not p.is_symlink() and os.fsencode(p.name).isascii():
            shutil.copy(p, copy / p.name)
    # Same folder name length is irrelevant: files are compared relative to their folder.
    return clean_build(copy, tmp_path)


def test_file_deleted_between_listing_and_reading_costs_one_skip(corpus, tmp_path, monkeypatch):
    import indexer.indexing as indexing

    index = tmp_path / "ix"
    build(corpus, index=index, procs=1)
    for seed in SEEDS:
        os.utime(corpus / seed.name, ns=(1, 1))
    victim = str((corpus / SEEDS[2].name).resolve())
    real = indexing.parse_resolutions

    def racing(path, *a, **k):
        if path == victim:
            os.unlink(path)
        return real(path, *a, **k)

    monkeypatch.setattr(indexing, "parse_resolutions", racing)
    report = build(corpus, index=index, procs=1)
    monkeypatch.undo()
    assert report.files_indexed == 3
    assert report.skipped == [(victim, "cannot read file: No such file or directory; its indexed paragraphs are kept")]
    assert report.files_removed == 0
    assert build(corpus, index=index, procs=1).files_removed == 1  # gone now: removed by the next run
    assert stored(index, corpus) == clean_build(corpus, tmp_path)


def test_unreadable_folder_and_file_keep_their_paragraphs(corpus, tmp_path):
    index = tmp_path / "ix"
    sub = corpus / "sub"
    sub.mkdir()
    shutil.move(corpus / SEEDS[3].name, sub / SEEDS[3].name)
    assert cli("index", corpus, "--index", index).returncode == 0
    before = stored(index, corpus)
    locked_file = corpus / SEEDS[0].name
    sub.chmod(0)
    locked_file.chmod(0)
    os.utime(locked_file)  # changed, but unreadable: what the index had must stay
    try:
        r = cli("index", corpus, "--index", index, drop_root=True)
        check_run = cli("index", corpus, "--index", index, "--check", drop_root=True)
    finally:
        sub.chmod(0o755)
        locked_file.chmod(0o644)
    assert r.returncode == 0, r.stderr
    assert "folder not read: Permission denied; its indexed files are kept" in r.stderr
    assert f"skipped {locked_file}: cannot read file: Permission denied; its indexed paragraphs are kept" in r.stderr
    assert "0 removed, 2 kept unread" in r.stdout
    assert stored(index, corpus) == before
    assert check_run.returncode == 1 and f"changed since indexed: {locked_file}" in check_run.stdout
    assert cli("index", corpus, "--index", index).returncode == 0
    assert stored(index, corpus) == clean_build(corpus, tmp_path)


def test_read_only_index_folder_and_index_path_that_is_a_file(corpus, tmp_path):
    index = tmp_path / "ix"
    assert cli("index", corpus, "--index", index).returncode == 0
    before = stored(index, corpus)
    files = sorted(os.listdir(index))
    os.utime(corpus / SEEDS[1].name, ns=(1, 1))
    index.chmod(0o555)
    try:
        r = cli("index", corpus, "--index", index, drop_root=True)
    finally:
        index.chmod(0o755)
    assert r.returncode == 1
    assert r.stderr.startswith(f"ressearch: cannot write the index at {index}: Permission denied")
    assert len(r.stderr.splitlines()) == 1
    assert sorted(os.listdir(index)) == files and stored(index, corpus) == before

    r = cli("index", corpus, "--index", corpus / SEEDS[0].name)
    assert r.returncode == 1
    assert r.stderr == f"ressearch: cannot use {corpus / SEEDS[0].name} as the index folder: it is a file\n"


def test_second_rebuild_is_refused_and_leftovers_are_cleaned(corpus, tmp_path):
    index = tmp_path / "ix"
    build(corpus, index=index, procs=1)
    with _RunLock(index):
        with pytest.raises(BuildError, match="another `ressearch index` is writing"):
            build(corpus, index=index, rebuild=True, procs=1)
        with pytest.raises(BuildError, match="another `ressearch index` is writing"):
            build(corpus, index=index, procs=1)
    # What a killed rebuild and a killed worker leave behind.
    (tmp_path / "ix.rebuild-99999").mkdir()
    (tmp_path / "ix.rebuild-99999" / "junk").write_bytes(b"x" * 1000)
    (index / f"{INDEX_NAME}_deadbeef00000000.pst").write_bytes(b"x" * 1000)
    assert orphans(index) == [f"{INDEX_NAME}_deadbeef00000000.pst"]
    report = build(corpus, index=index, rebuild=True, procs=1)
    assert "removed ix.rebuild-99999, left by an interrupted run" in report.notes
    assert "removed 1 files left in the index by an interrupted run" in report.notes
    assert orphans(index) == []
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.startswith("ix")) == ["ix"]
    assert stored(index, corpus) == clean_build(corpus, tmp_path)


def test_check_reports_drift_without_changing_anything(corpus, tmp_path):
    index = tmp_path / "ix"
    build(corpus, index=index, procs=1)
    assert cli("index", corpus, "--index", index, "--check").returncode == 0
    shutil.copy(SEEDS[0], corpus / "nouveau.txt")
    os.utime(corpus / SEEDS[1].name, ns=(1, 1))
    (corpus / SEEDS[2].name).unlink()
    files = sorted(os.listdir(index))
    r = cli("index", corpus, "--index", index, "--check")
    assert r.returncode == 1
    real = os.path.realpath(corpus)
    assert r.stdout.splitlines() == [
        f"new, not indexed: {real}/nouveau.txt",
        f"changed since indexed: {real}/{SEEDS[1].name}",
        f"indexed, no longer in the folder: {real}/{SEEDS[2].name}",
        "drift: 1 new, 1 changed, 0 missing from the index, 1 gone; run `ressearch index` to bring the index up to date",
    ]
    assert sorted(os.listdir(index)) == files
    build(corpus, index=index, procs=1)
    assert check(corpus, index).in_sync


def test_too_large_and_too_slow_files_are_refused_with_a_reason(corpus, tmp_path, monkeypatch):
    import indexer.formats as formats

    monkeypatch.setattr(formats, "MAX_BYTES", 20_000)
    report = build(corpus, index=tmp_path / "a", procs=1)
    sizes = {s.name: s.stat().st_size for s in SEEDS}
    too_large = {Path(f).name: r for f, r in report.skipped}
    assert set(too_large) == {n for n, size in sizes.items() if size > 20_000}
    assert all(r.startswith("file too large: 0 MB (the limit is 0 MB)") for r in too_large.values())
    again = build(corpus, index=tmp_path / "a", procs=1)  # refused files are not re-read, but still reported
    assert again.files_indexed == 0 and again.files_unchanged == len(SEEDS) - len(too_large)
    assert {Path(f).name: r for f, r in again.skipped} == {n: f"{r} (unchanged since it was refused)"
                                                         for n, r in too_large.items()}
    monkeypatch.undo()

    text = SEEDS[2].read_text(encoding="utf-8")
    at = text.index("Réaffirmant sa ") + len("Réaffirmant sa ")
    (corpus / "long.txt").write_text(text[:at] + "coopération internationale\n" * 200_000 + text[at:], encoding="utf-8")
    report = build(corpus, index=tmp_path / "b", procs=1, file_seconds=0.05)
    assert report.skipped == [(str((corpus / "long.txt").resolve()),
                               "too slow to parse (over 0.05 s); its indexed paragraphs are kept")]
    assert report.files_indexed == 4


@pytest.mark.skipif(os.geteuid() != 0 or not shutil.which("mount"), reason="mounting a tmpfs needs root")
def test_full_disk_is_a_one_line_error_and_the_next_run_works(corpus, tmp_path):
    mount = tmp_path / "small-disk"
    mount.mkdir()
    if subprocess.run(["mount", "-t", "tmpfs", "-o", "size=256k", "tmpfs", str(mount)],
                      capture_output=True).returncode != 0:
        pytest.skip("this machine does not allow mounting a tmpfs")
    try:
        index = mount / "ix"
        r = cli("index", corpus, "--index", index)
        assert r.returncode == 1
        assert r.stderr == f"ressearch: disk full while writing the index at {index}; nothing of this run was kept\n"
        assert sorted(os.listdir(index)) == [LOCK_NAME] or not [
            n for n in os.listdir(index) if n.startswith(INDEX_NAME) and not n.endswith("WRITELOCK")]
        subprocess.run(["mount", "-o", "remount,size=8m", str(mount)], check=True)
        r = cli("index", corpus, "--index", index)
        assert r.returncode == 0, r.stderr
        assert stored(index, corpus) == clean_build(corpus, tmp_path)
    finally:
        close_all()
        subprocess.run(["umount", "-l", str(mount)], capture_output=True)


def test_index_without_a_file_record_is_read_from_its_live_documents(corpus, tmp_path):
    # An index written before the record existed: its deleted documents' terms are still in
    # the term list, and must not make a file that came back look indexed.
    index = tmp_path / "ix"
    build(corpus, index=index, procs=1)
    moved = corpus / SEEDS[1].name
    st = moved.stat()
    shutil.move(moved, tmp_path / "away.txt")
    build(corpus, index=index, procs=1)
    shutil.move(tmp_path / "away.txt", moved)
    os.utime(moved, ns=(st.st_atime_ns, st.st_mtime_ns))
    for record in index.glob(".ressearch-files-*.json"):
        record.unlink()
    report = build(corpus, index=index, procs=1)
    assert report.files_indexed == len(SEEDS)  # signatures unknown: each file is read once more
    assert stored(index, corpus) == clean_build(corpus, tmp_path)
    assert build(corpus, index=index, procs=1).files_unchanged == len(SEEDS)
