"""Hostile input on the query side: control and bidi characters in corpus text and file
names never reach an output; bad references and parameters are clean errors, never a 500;
a running server follows rebuilds; SIGTERM stops it."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time

import pytest
from starlette.testclient import TestClient

from conftest import ROOT, SEEDS, jsonl
from indexer import build
from query import Engine, SearchRequest
from query.web import create_app

UNSAFE = ["\x1b", "\x9b", "\u202e", "\u2066", "\x07", "\x08", "\x02", "\x03"]
HOSTILE_NAME = "res\x1b[2J\u202eevil.txt"


@pytest.fixture(scope="module")
def hostile(tmp_path_factory):
    """A corpus whose text and file name carry terminal escapes and bidi overrides."""
    root = tmp_path_factory.mktemp("hostile")
    corpus = root / "corpus"
    corpus.mkdir()
    text = (ROOT / "corpus" / "003_367e980c57a681ce.txt").read_text(encoding="utf-8")
    # Two control characters (the decoder refuses more as binary) and bidi overrides, which it keeps.
    text = text.replace("Réaffirme qu’un des buts", "Réaffirme\x1b qu’un des \u202ebuts\x02", 1)
    text = text.replace("Renforcement de la coopération", "Renforcement\x03 de la \u2066coopération", 1)
    (corpus / HOSTILE_NAME).write_text(text, encoding="utf-8")
    build(corpus, index=root / "index", procs=1)
    engine = Engine(root / "index")
    yield engine
    engine.close()


def _clean(text: str) -> bool:
    return not any(ch in text for ch in UNSAFE if ch != "\x1b") and "\x1b[2J" not in text


def test_terminal_output_carries_no_control_characters(hostile, run_cli):
    for args in (["query", "buts"], ["query", "buts", "--json"], ["show", "68/160"], ["trace", "68/160:op1"]):
        r = run_cli(*args, "--index", hostile.path)
        assert r.exit_code == 0, r.stderr
        assert _clean(r.stdout) and "\x1b" not in r.stdout, args  # not a terminal: no colour codes either
    rows = jsonl(run_cli("query", "buts", "--json", "--index", hostile.path).stdout)
    assert rows and all(_clean(json.dumps(row, ensure_ascii=False)) for row in rows)


def test_library_results_are_clean_and_markers_stay_ours(hostile):
    results = hostile.search(SearchRequest(text="buts coopération", mark=("\x02", "\x03"), limit=20))
    for hit in results:
        stripped = hit.snippet.replace("\x02", "").replace("\x03", "")
        assert _clean(stripped) and _clean(hit.text) and _clean(hit.file) and _clean(hit.title or "")
        # Every marker pair is one we put around a matched word.
        assert hit.snippet.count("\x02") == hit.snippet.count("\x03")


def test_web_page_escapes_and_never_marks_corpus_bytes(hostile):
    with TestClient(create_app(hostile)) as client:
        page = client.get("/", params={"q": "buts"}).text
        assert _clean(page) and page.count("<mark>") == page.count("</mark>")
        assert all(_clean(client.get(url).text) for url in ("/r/68/160", "/trace?ref=68/160:op1"))


@pytest.mark.parametrize("params", [
    {"ref": "nowhere.txt#\x00"}, {"ref": "/proc/self/loop.txt#1"}, {"ref": "../../../etc/passwd#1"},
    {"ref": "#"}, {"ref": "x" * 5000}, {"text": "\x00" * 10},
])
def test_odd_trace_references_are_clean_errors(hostile, params):
    with TestClient(create_app(hostile), raise_server_exceptions=False) as client:
        for path in ("/api/trace", "/trace"):
            r = client.get(path, params=params)
            assert r.status_code in (400, 404), (path, params, r.status_code)
        assert "error" in client.get("/api/trace", params=params).json()


@pytest.mark.parametrize("params", [
    {"q": "x" * 6000}, {"q": "droits", "page": "1000000"}, {"q": "droits", "limit": "100000"},
    {"q": "droits", "page": "-1"}, {"q": "adopted:[2020 TO 2010]"}, {"q": '"'}, {"q": "((("},
    {"q": "droits", "session": "abc"}, {"q": "droits", "organ": 'nothing" OR kind:"operative'},
])
def test_odd_searches_answer_at_once_without_a_500(hostile, params):
    with TestClient(create_app(hostile), raise_server_exceptions=False) as client:
        for path in ("/api/search", "/"):
            start = time.perf_counter()
            r = client.get(path, params=params)
            assert r.status_code in (200, 400), (path, params, r.status_code)
            assert time.perf_counter() - start < 5
        if params.get("organ"):
            assert client.get("/api/search", params=params).json()["total"] == 0


def test_huge_queries_are_bounded(hostile):
    from query import BadQuery

    start = time.perf_counter()
    with pytest.raises(BadQuery, match="no word of at most"):
        hostile.search(SearchRequest(text="x" * 100_000))
    pasted = " ".join(["coopération", "internationale", "droits"] * 2000)
    results = hostile.search(SearchRequest(text=pasted))
    assert results.hits and any("first 300 words" in str(n) for n in results.notes)
    assert time.perf_counter() - start < 5


def test_reversed_ranges_mean_the_same_range_for_dates_and_sessions(hostile):
    def total(q):
        return hostile.search(SearchRequest(text=q)).total

    assert total("adopted:[2020 TO 2010]") == total("adopted:[2010 TO 2020]") > 0
    assert total("session:[70 TO 60]") == total("session:[60 TO 70]") > 0


def test_a_running_server_follows_rebuilds(tmp_path):
    corpus_a, corpus_b = tmp_path / "a", tmp_path / "b"
    corpus_a.mkdir()
    corpus_b.mkdir()
    (corpus_a / SEEDS[2].name).write_bytes(SEEDS[2].read_bytes())  # 68/160
    (corpus_b / SEEDS[3].name).write_bytes(SEEDS[3].read_bytes())  # 65/218
    index = tmp_path / "index"
    build(corpus_a, index=index, procs=1)
    with TestClient(create_app(index), raise_server_exceptions=False) as client:
        def symbols():
            r = client.get("/api/search", params={"q": "coopération", "limit": 100})
            assert r.status_code == 200
            return {h["symbol"] for h in r.json()["hits"]}

        assert symbols() == {"A/RES/68/160"}
        build(corpus_b, index=index, rebuild=True, procs=1)
        assert symbols() == {"A/RES/65/218"}
        (corpus_b / SEEDS[2].name).write_bytes(SEEDS[2].read_bytes())
        build(corpus_b, index=index, procs=1)
        assert symbols() == {"A/RES/65/218", "A/RES/68/160"}
        build(corpus_a, index=index, rebuild=True, procs=1)
        assert symbols() == {"A/RES/68/160"}
        assert client.get("/r/65/218").status_code == 404


@pytest.mark.parametrize("sig", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT])
def test_serve_stops_on_sigterm_sighup_and_ctrl_c(hostile, sig):
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.Popen([sys.executable, "-m", "query.cli", "serve", "--index", str(hostile.path), "--port",
                             str(port)], env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        deadline = time.time() + 20
        while time.time() < deadline:
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        proc.send_signal(sig)
        proc.wait(timeout=10)
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        proc.stdout.close()
        proc.stderr.close()
    assert proc.returncode is not None
