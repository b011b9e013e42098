"""The local web page: routes through the test client, then a real headless Chromium."""

from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path

import pytest
from starlette.testclient import TestClient

from conftest import SEEDS

CHROMIUM = "/usr/bin/chromium"
HOSTILE = """Résolution adoptée par l’Assemblée générale le 1er mars 2020

70/999. Essai de sécurité

L’Assemblée générale,

Rappelant la résolution <script>window.pwned = 1</script> et <img src=x onerror="window.pwned=2"> zanzibarite,

1. Prie le Secrétaire général de ne rien faire <b>du tout</b> zanzibarite ;

2. Décide de demeurer saisie de la question.

99e séance plénière
1er mars 2020
"""


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from indexer import build
    from query.searching import close_all

    root = tmp_path_factory.mktemp("web")
    corpus = root / "corpus"
    corpus.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, corpus / seed.name)
    (corpus / "hostile.txt").write_text(HOSTILE, encoding="utf-8")
    build(corpus, index=root / "index", procs=1)
    yield root / "index"
    close_all()


@pytest.fixture(scope="module")
def client(index):
    from query.web import create_app

    with TestClient(create_app(index)) as c:
        yield c


def test_search_page_shows_cards_with_highlights_and_facets(client):
    r = client.get("/", params={"q": "Sud-Sud"})
    assert r.status_code == 200
    assert r.text.count('class="card"') == 4  # eight paragraphs, folded in pairs
    assert "<mark>Sud-Sud</mark>" in r.text and "aussi dans" in r.text
    for facet in ("organ", "session", "kind", "verb"):
        assert f'data-facet="{facet}"' in r.text
    assert "Conscient</span><span>2" in r.text.replace("\n", "")


def test_facet_links_filter_and_live_in_the_url(client):
    r = client.get("/", params={"q": "coopération", "verb": "Prie"})
    assert r.status_code == 200
    assert 'class="verb">Prie' in r.text and 'class="verb">Réaffirme' not in r.text
    assert "verb=Prie" in r.text  # the active filter can be removed or bookmarked


def test_paging(client):
    first = client.get("/", params={"q": "coopération"}).text
    second = client.get("/", params={"q": "coopération", "page": 2}).text
    assert "page=2" in first and "11–20" in second


def test_resolution_page_marks_the_paragraph(client):
    r = client.get("/r/68/160", params={"para": "op2"})
    assert r.status_code == 200
    assert 'class="para target" id="op2"' in r.text and r.text.count('class="para') == 23


def test_trace_page_shows_word_diffs(client):
    r = client.get("/trace", params={"ref": "68/160:op2"})
    assert r.status_code == 200 and "<del>Estime</del> <ins>Considère</ins>" in r.text


def test_json_api_mirrors_the_cli(client):
    data = client.get("/api/search", params={"q": "Sud-Sud", "limit": 2}).json()
    assert data["total"] == 8 and len(data["hits"]) == 2
    assert set(data["hits"][0]) >= {"file", "symbol", "kind", "number", "verb", "score", "snippet", "also_in"}
    assert dict(data["facets"]["organ"]) == {"Conseil des droits de l’homme": 8}
    assert client.get("/api/trace", params={"ref": "68/160:op1"}).json()["hits"]
    # Facet counts respect the filters in force.
    filtered = client.get("/api/search", params={"q": "coopération", "verb": "Prie"}).json()
    assert [v for v, _ in filtered["facets"]["verb"]] == ["Prie"]
    assert filtered["total"] == sum(n for _, n in filtered["facets"]["kind"])


def test_corpus_and_query_text_are_escaped(client):
    r = client.get("/", params={"q": "zanzibarite"})
    assert "<script>window.pwned" not in r.text and "&lt;script&gt;window.pwned" in r.text
    assert "<img src=x" not in r.text and "<b>du tout</b>" not in r.text
    r = client.get("/", params={"q": '"><script>alert(1)</script>'})
    assert "<script>alert(1)" not in r.text
    assert "<script>window.pwned" not in client.get("/r/70/999").text


@pytest.mark.parametrize("path, params, status", [
    ("/", {"q": "le la"}, 400),
    ("/", {"q": "droits", "kind": "foo"}, 400),
    ("/", {"q": "x", "session": "abc"}, 400),
    ("/", {"q": "droits", "page": "deux"}, 400),
    ("/r/99/999", {}, 404),
    ("/trace", {"ref": "nonsense"}, 400),
    ("/nowhere", {}, 404),
    ("/api/search", {"q": "droits", "limit": "100000"}, 400),
    ("/api/search", {"q": "droits", "session": "abc"}, 400),
    ("/api/trace", {"ref": "nowhere.txt#\x00"}, 400),
    ("/api/trace", {"ref": "99/999:op1"}, 404),
])
def test_bad_requests_get_a_friendly_4xx(client, path, params, status):
    r = client.get(path, params=params)
    assert r.status_code == status
    assert "Traceback" not in r.text


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture(scope="module")
def server(index):
    import uvicorn

    from query.web import create_app

    port = _free_port()
    config = uvicorn.Config(create_app(index), host="127.0.0.1", port=port, log_level="warning")
    srv = uvicorn.Server(config)
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 10
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)


@pytest.fixture(scope="module")
def browser():
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI"):
            pytest.fail(f"{CHROMIUM} missing: .ci/run installs Debian's chromium")
        pytest.skip(f"{CHROMIUM} not installed (apt-get install chromium)")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=[
            "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"])
        yield b
        b.close()


def test_in_a_real_browser(server, browser, tmp_path):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(server + "/")
    page.fill("input[name=q]", "Sud-Sud")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("article.card")
    assert page.locator("article.card").count() == 4
    assert page.locator("mark", has_text="Sud-Sud").count() >= 4
    shot = Path(os.environ.get("RESSEARCH_SCREENSHOT", tmp_path / "results.png"))
    page.screenshot(path=str(shot), full_page=False)

    page.click("ul[data-facet=verb] a:has-text('Prie')")
    page.wait_for_load_state()
    assert "verb=Prie" in page.url
    assert {v.strip() for v in page.locator("article .verb").all_inner_texts()} == {"Prie"}

    page.click("article.card a.symbol")
    page.wait_for_load_state()
    assert "/r/53/" in page.url
    assert page.locator(".para.target").count() == 1

    page.goto(server + "/?q=zanzibarite")
    assert page.evaluate("window.pwned === undefined")
    shown = page.locator("section.results").inner_text()
    assert "<script>window.pwned = 1</script>" in shown and "<b>du tout</b>" in shown
    page.close()


def test_serve_binds_loopback_and_warns_otherwise(index, run_cli, monkeypatch):
    import uvicorn

    calls = []
    monkeypatch.setattr(uvicorn.Server, "run", lambda self, sockets: calls.append(sockets[0].getsockname()[:2]))
    port = _free_port()
    quiet = run_cli("serve", "--index", index, "--port", port)
    assert quiet.exit_code == 0 and calls[-1] == ("127.0.0.1", port) and "warning" not in quiet.stderr
    port = _free_port()
    loud = run_cli("serve", "--index", index, "--host", "0.0.0.0", "--port", port)
    assert calls[-1] == ("0.0.0.0", port) and "warning" in loud.stderr
    missing = run_cli("serve", "--index", index.parent / "nowhere")
    assert missing.exit_code == 4 and "no index" in missing.stderr
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        taken = run_cli("serve", "--index", index, "--port", busy.getsockname()[1])
    assert taken.exit_code == 1 and "cannot listen" in taken.stderr and "serving" not in taken.stdout
