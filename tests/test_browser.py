"""The web page in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright):
layout on a phone and a desktop, facets, paging, resolution anchors, trace, escaping.

RESSEARCH_SCREENSHOTS=docs/ saves docs/screenshot.png (1280 px) and docs/screenshot-phone.png (390 px).
"""

from __future__ import annotations

import os
import socket
import threading
import time
from pathlib import Path

import pytest

from web_corpus import build_web_index

CHROMIUM = "/usr/bin/chromium"
PHONE, DESKTOP = {"width": 390, "height": 844}, {"width": 1280, "height": 900}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from query.searching import close_all

    yield build_web_index(tmp_path_factory.mktemp("browser"))
    close_all()


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


@pytest.fixture(scope="module")
def server(index, browser):
    import uvicorn

    from query.web import create_app

    port = _free_port()
    srv = uvicorn.Server(uvicorn.Config(create_app(index), host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 10
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(5)


@pytest.fixture
def open_page(browser):
    pages = []

    def make(viewport):
        page = browser.new_page(viewport=viewport)
        pages.append(page)
        return page

    yield make
    for page in pages:
        page.close()


def _fits(page) -> bool:
    """Nothing scrolls sideways: the document is no wider than the viewport."""
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def _screenshot(page, name: str) -> None:
    folder = os.environ.get("RESSEARCH_SCREENSHOTS")
    if folder:
        page.screenshot(path=str(Path(folder) / name), full_page=False)


def test_search_in_a_real_browser(server, open_page):
    page = open_page(DESKTOP)
    page.goto(server + "/")
    page.fill("input[name=q]", "Sud-Sud")
    page.press("input[name=q]", "Enter")
    page.wait_for_selector("article.card")
    assert page.locator("article.card").count() == 4
    assert page.locator("mark", has_text="Sud-Sud").count() >= 4
    _screenshot(page, "screenshot.png")

    page.click("ul[data-facet=verb] a:has-text('Prie')")
    page.wait_for_load_state()
    assert "verb=Prie" in page.url
    assert {v.strip() for v in page.locator("article .verb").all_inner_texts()} == {"Prie"}

    page.click("article.card a.symbol")
    page.wait_for_load_state()
    assert "/r/53/" in page.url
    assert page.locator(".para.target").count() == 1


def test_phone_layout_folds_facets_above_full_width_cards(server, open_page):
    page = open_page(PHONE)
    page.goto(server + "/?q=Sud-Sud")
    assert _fits(page)
    facets = page.locator("details.facets")
    assert not facets.evaluate("d => d.open") and not page.locator("ul[data-facet=verb]").is_visible()
    cards = page.locator("article.card")
    assert cards.count() == 4
    width = page.evaluate("window.innerWidth")
    assert all(box["width"] >= 0.9 * width for box in (cards.nth(i).bounding_box() for i in range(4)))
    assert facets.bounding_box()["y"] < cards.first.bounding_box()["y"]  # above the results
    _screenshot(page, "screenshot-phone.png")
    page.click("details.facets > summary")
    assert page.locator("ul[data-facet=verb]").is_visible() and _fits(page)
    page.click("ul[data-facet=kind] a:has-text('dispositif')")
    page.wait_for_load_state()
    assert "kind=operative" in page.url and _fits(page)
    assert {t.strip()[0] for t in page.locator("article .label").all_inner_texts()} == {"§"}


def test_desktop_layout_keeps_facets_beside_the_results(server, open_page):
    page = open_page(DESKTOP)
    page.goto(server + "/?q=Sud-Sud")
    assert _fits(page)
    facets = page.locator("details.facets")
    assert facets.evaluate("d => d.open") and page.locator("ul[data-facet=verb]").is_visible()
    aside, card = facets.bounding_box(), page.locator("article.card").first.bounding_box()
    assert aside["x"] + aside["width"] <= card["x"] and abs(aside["y"] - card["y"]) < 120


@pytest.mark.parametrize("viewport", [PHONE, DESKTOP], ids=["phone", "desktop"])
@pytest.mark.parametrize("path", [
    "/", "/?q=quokkamarine", "/?q=coop%C3%A9ration&page=2", "/r/71/250", "/r/53/...?para=op3",
    "/trace?ref=68/160:op1", "/trace?ref=71/250:pre1", "/r/99/999", "/?q=le+la",
    "/r/A/HRC/53/L.5/Rev.1/Add.1/Corr.2/une-cote-bien-trop-longue-pour-un-telephone-sans-espace"])
def test_nothing_scrolls_sideways(server, open_page, viewport, path):
    page = open_page(viewport)
    page.goto(server + path)
    assert _fits(page), path


def test_long_symbol_lists_wrap_inside_the_card(server, open_page):
    page = open_page(PHONE)
    page.goto(server + "/?q=quokkamarine")
    card = page.locator("article.card", has_text="A/CONF.227").first.bounding_box()
    assert card["x"] >= 0 and card["x"] + card["width"] <= PHONE["width"]
    assert page.locator("article.card .title").first.inner_text().startswith("Essai <script>")


def test_pager_numbers_and_next(server, open_page):
    page = open_page(PHONE)
    page.goto(server + "/?q=coop%C3%A9ration")
    assert page.locator(".pager [aria-current=page]").inner_text() == "1"
    assert page.locator(".pager a[rel=prev]").count() == 0
    page.click(".pager a[rel=next]")
    page.wait_for_load_state()
    assert "page=2" in page.url and page.locator(".pager [aria-current=page]").inner_text() == "2"
    page.click(".pager a:text-is('3')")
    page.wait_for_load_state()
    assert "page=3" in page.url and page.locator("article.card").count() == 10
    page.click(".pager a[rel=prev]")
    page.wait_for_load_state()
    assert "page=2" in page.url and _fits(page)


def test_resolution_page_scrolls_to_the_paragraph(server, open_page):
    page = open_page(PHONE)
    page.goto(server + "/r/68/160?para=" + "paragraphe 5 du dispositif")
    target = page.locator(".para.target")
    assert target.count() == 1 and target.get_attribute("id") == "op5"
    box = target.bounding_box()
    assert 0 <= box["y"] < PHONE["height"] and page.evaluate("window.scrollY") > 0
    assert target.locator(".label").inner_text() == "paragraphe 5 du dispositif"
    page.goto(server + "/r/53/...")
    assert "002_0d3b84d2626458c8.txt" in page.locator(".shown-copy").inner_text()
    assert "000_11bf369c9702862e.txt" in page.locator(".other-copies").inner_text()


def test_trace_page_toggles_order_and_shows_a_legend(server, open_page):
    page = open_page(PHONE)
    page.goto(server + "/trace?ref=68/160:op1")
    assert page.locator(".legend del").inner_text() == "supprimé"
    assert page.locator(".legend ins").inner_text() == "ajouté"
    first = page.locator("article.card .symbol").all_inner_texts()
    page.click(".order a:has-text('par date')")
    page.wait_for_load_state()
    assert "by=date" in page.url and page.locator(".order strong").inner_text() == "par date"
    # By date: the clause history, one card a version, oldest first, on a phone too.
    assert page.locator(".history-summary").inner_text().startswith("adopté pour la première fois dans")
    dates = page.locator("li.version").evaluate_all(
        "cards => cards.map(c => c.querySelector('.date') ? c.querySelector('.date').textContent : '')")
    years = [int(d.split()[-1]) for d in dates if d]
    assert len(dates) >= 2 and years == sorted(years)
    assert set(page.locator("li.version .symbol").all_inner_texts()) <= set(first) | {"A/RES/68/160"}
    against = page.locator("li.version details.against-reference").first
    assert not against.locator(".snippet").is_visible()
    against.locator("summary").click()
    assert against.locator(".snippet").is_visible() and _fits(page)


def test_corpus_markup_never_runs(server, open_page):
    page = open_page(DESKTOP)
    for path in ("/?q=zanzibarite", "/?q=quokkamarine", "/r/71/250", "/r/70/999", "/trace?ref=71/250:op1",
                 "/r/%3Cscript%3Ewindow.pwned=5%3C%2Fscript%3E"):
        page.goto(server + path)
        assert page.evaluate("window.pwned === undefined"), path
    page.goto(server + "/?q=zanzibarite")
    shown = page.locator("section.results").inner_text()
    assert "<script>window.pwned = 1</script>" in shown and "<b>du tout</b>" in shown


def test_pasting_a_paragraph_traces_it(server, open_page):
    page = open_page(PHONE)
    page.goto(server + "/")
    page.fill("textarea[name=text]", "Prie le Haut-Commissaire des Nations Unies aux droits de l’homme de continuer "
                                     "à renforcer la coopération Sud-Sud et triangulaire dans le domaine des droits de l’homme")
    page.click(".trace-form button")
    page.wait_for_load_state()
    assert "/trace?text=" in page.url and page.locator("h1").inner_text() == "Même langage que ce passage"
    assert page.locator("article.card").count() >= 1 and _fits(page)
    assert page.locator("article.card .symbol").first.inner_text() == "53/..."


def test_home_page_and_its_examples(server, open_page):
    page = open_page(PHONE)
    page.goto(server + "/")
    stats = page.locator("ul.stats").inner_text()
    assert "résolution" in stats and "paragraphes" in stats and "Sessions 53 à 71." in stats
    examples = page.locator("ul.examples a")
    assert examples.count() == 3
    first = examples.first.inner_text()
    examples.first.click()
    page.wait_for_load_state()
    assert page.input_value("input[name=q]") == first and page.locator("article.card").count() >= 1


def test_unknown_resolution_page_offers_a_text_search(server, open_page):
    page = open_page(PHONE)
    response = page.goto(server + "/r/99/999")
    assert response.status == 404 and page.locator("h1").inner_text() == "Résolution introuvable"
    page.click("a.search-as-text")
    page.wait_for_load_state()
    assert page.input_value("input[name=q]") == "99/999" and _fits(page)
