"""The local web page through the test client: routes, French words from the one table,
cards, pager, trace, resolution page, error pages, escaping. (A real browser: test_browser.py.)"""

from __future__ import annotations

import re
import shutil
import socket
from html import unescape


import pytest
from starlette.testclient import TestClient

from conftest import SEEDS
from web_corpus import build_web_index


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    from query.searching import close_all

    yield build_web_index(tmp_path_factory.mktemp("web"))
    close_all()


@pytest.fixture(scope="module")
def client(index):
    from query.web import create_app

    with TestClient(create_app(index)) as c:
        yield c


def cards(html: str) -> list[str]:
    """The result cards of a page, as HTML."""
    return re.findall(r'<article class="card">(.*?)</article>', html, re.S)


def texts(html: str, cls: str) -> list[str]:
    """The text of every element with this class, unescaped."""
    return [unescape(re.sub(r"<[^>]+>", "", m)).strip()
            for m in re.findall(rf'class="{cls}"[^>]*>(.*?)</', html, re.S)]


# -- search results --------------------------------------------------------------------

def test_search_page_shows_cards_with_highlights_and_facets(client):
    r = client.get("/", params={"q": "Sud-Sud"})
    assert r.status_code == 200
    assert len(cards(r.text)) == 4  # eight paragraphs, folded in pairs
    assert "<mark>Sud-Sud</mark>" in r.text and texts(r.text, "also")[0].startswith("aussi dans : 53/...")
    for facet in ("organ", "session", "kind", "verb"):
        assert f'data-facet="{facet}"' in r.text
    assert "Conscient</span><span>2" in r.text.replace("\n", "")
    assert '<details class="facets" id="facets" open>' in r.text and "<summary>Affiner</summary>" in r.text


def test_cards_show_what_a_reader_cites(client, index):
    html = client.get("/", params={"q": "coopération"}).text
    drafts = [c for c in cards(html) if ">53/...</a>" in c]
    adopted = [c for c in cards(html) if ">A/RES/68/160</a>" in c]
    assert drafts and adopted
    assert all('class="draft">projet de résolution' in c for c in drafts)
    assert not any('class="draft"' in c for c in adopted)
    assert all('class="date">18 décembre 2013' in c and 'class="session">68e session' in c for c in adopted)
    assert all("Renforcement de la coopération internationale" in c for c in drafts + adopted)  # the title
    labels = texts(html, "label")
    assert labels and all(re.fullmatch(r"§ \d+|al\. \d+ pr\.", label) for label in labels)
    # Files named by their base name only: never the folder they were indexed from.
    corpus = str(index.parent / "corpus")
    assert corpus not in html and str(index) not in html
    assert all(re.search(r"fichier \d{3}_[0-9a-f]{16}\.txt$", a) for a in texts(html, "also"))


def test_score_only_on_ranked_results(client):
    ranked = client.get("/", params={"q": "coopération"}).text
    assert len(texts(ranked, "score")) == len(cards(ranked)) and texts(ranked, "score")[0].startswith("pertinence ")
    filtered = client.get("/", params={"verb": "Prie"}).text
    assert cards(filtered) and texts(filtered, "score") == []


@pytest.mark.parametrize("french, english", [("dispositif", "operative"), ("opératif", "operative"),
                                             ("préambule", "preambular"), ("preambule", "preambular")])
def test_kind_filter_in_either_language(client, french, english):
    fr = client.get("/", params={"q": "coopération", "kind": french})
    en = client.get("/", params={"q": "coopération", "kind": english})
    assert fr.status_code == en.status_code == 200
    assert cards(fr.text) == cards(en.text) and cards(fr.text)
    labels = texts(fr.text, "label")
    assert all(label.startswith("§" if english == "operative" else "al.") for label in labels)
    shown = "dispositif" if english == "operative" else "préambule"
    for page in (fr.text, en.text):  # the active filter, and its facet, in French
        assert f"{shown} ✕" in page
        assert re.search(rf'class="active"><span>{shown}</span>', page)


def test_notes_and_errors_are_french(client):
    some = client.get("/", params={"q": "coopération zanzibarite quokkamarine"})
    assert "Aucun paragraphe ne contient tous les mots" in some.text
    assert "no paragraph has all the words" not in some.text
    field = client.get("/", params={"q": "vreb:prie"}).text
    assert "« vreb » n’est pas un champ" in field and "is not a field" not in field
    bad = client.get("/", params={"q": "droits", "session": "abc"})
    assert bad.status_code == 400 and "Une session est un nombre (68), pas « abc »." in bad.text
    assert "<h1>Requête illisible</h1>" in bad.text


def test_english_page_from_the_same_table(index):
    from query.messages import MESSAGES
    from query.web import create_app

    french_only = {v["fr"] for v in MESSAGES.values() if v["fr"] != v["en"] and "{" not in v["fr"] and len(v["fr"]) > 3}
    with TestClient(create_app(index, lang="en")) as en:
        pages = [en.get("/").text, en.get("/", params={"q": "coopération"}).text,
                 en.get("/trace", params={"ref": "68/160:op2"}).text, en.get("/r/99/999").text,
                 en.get("/r/68/160").text]
    assert ">Search</button>" in pages[0] and "<summary>Refine</summary>" in pages[1]
    assert "Resolution not found" in pages[3] and ">op 2</span>" in pages[4]
    for page in pages:
        assert not [s for s in french_only if s in page]


def test_every_message_has_every_language_and_both_plural_forms():
    from query.messages import LANGUAGES, MESSAGES, date_text, msg, number

    assert all(set(v) == set(LANGUAGES) for v in MESSAGES.values())
    stems = {k.rsplit(".", 1)[0] for k in MESSAGES if k.endswith((".one", ".other"))}
    assert all(f"{s}.one" in MESSAGES and f"{s}.other" in MESSAGES for s in stems)
    assert [msg("n_paragraphs", n=n, count=number(n, "fr")).text("fr") for n in (0, 1, 2, 12345)] == \
        ["0 paragraphe", "1 paragraphe", "2 paragraphes", "12\u202f345 paragraphes"]
    assert msg("n_paragraphs", n=0, count="0").text("en") == "0 paragraphs"
    assert date_text("2013-12-01", "fr") == "1er décembre 2013" and date_text("2010-08-21", "fr") == "21 août 2010"
    with pytest.raises(KeyError):
        msg("no_such_key")


# -- home page -------------------------------------------------------------------------

def test_home_page_says_what_is_indexed(client, index):
    from indexer import parse_file
    from indexer.symbols import key

    # Brute force: parse every file of the corpus.
    parsed = [parse_file(f) for f in sorted((index.parent / "corpus").iterdir())]
    resolutions = {(p.organ, key(p.symbol)) for p in parsed if p.document_type == "resolution"}
    drafts = {(p.organ, key(p.symbol)) for p in parsed if p.document_type == "draft_resolution"}
    paragraphs = sum(len(p.paragraphs) for p in parsed)
    sessions = sorted(p.session for p in parsed if p.session)
    years = sorted(int(p.adopted[:4]) for p in parsed if p.adopted)
    html = unescape(client.get("/").text)
    one = lambda n, word: f"{n} {word}" + ("" if n < 2 else "s")  # noqa: E731
    assert (f"L’index contient {one(len(resolutions), 'résolution')} et {len(drafts)} projet"
            f"{'s' if len(drafts) > 1 else ''} de résolution, {one(paragraphs, 'paragraphe')} dans "
            f"{one(len(parsed), 'fichier')}.") in html
    assert f"Sessions {sessions[0]} à {sessions[-1]}." in html and f"Adoptés de {years[0]} à {years[-1]}." in html
    assert "Organes : Conseil des droits de l’homme, Assemblée générale." in html


def test_stats_are_kept_per_generation(index, tmp_path):
    from indexer import build
    from query.engine import Engine

    copy = tmp_path / "index"
    shutil.copytree(index, copy)
    engine = Engine(copy)
    before = engine.stats()
    assert engine.stats() is before  # computed once
    extra = tmp_path / "more"
    extra.mkdir()
    shutil.copy(SEEDS[0], extra / "again.txt")
    build(extra, index=copy, procs=1)
    after = engine.stats()
    assert after.files == before.files + 1 and after.paragraphs > before.paragraphs
    assert after.drafts == before.drafts  # a second copy of the same draft is the same draft
    engine.close()


def test_home_page_examples_find_paragraphs(client):
    html = client.get("/").text
    links = re.findall(r'<li><a href="(/\?q=[^"]+)">', html)
    assert len(links) == 3
    for link in links:
        r = client.get(unescape(link))
        assert r.status_code == 200 and cards(r.text), link


# -- pager -----------------------------------------------------------------------------

def test_page_numbers_against_every_case():
    from query.web import page_numbers

    for last in range(1, 25):
        for page in range(1, last + 1):
            shown = page_numbers(page, last)
            numbers = [n for n in shown if n is not None]
            expected = sorted({1, last} | {n for n in range(page - 2, page + 3) if 1 <= n <= last})
            assert numbers == expected
            for a, b in zip(shown, shown[1:]):  # a gap marker exactly where numbers are skipped
                if a is not None and b is not None:
                    assert b == a + 1
            assert None not in (shown[0], shown[-1]) and (None, None) not in zip(shown, shown[1:])


def test_pager_walks_every_paragraph_exactly_once(client):
    url, seen, pages = "/?q=coop%C3%A9ration", 0, 0
    total = client.get("/api/search", params={"q": "coopération"}).json()["total"]
    while url:
        html = client.get(unescape(url)).text
        pages += 1
        assert re.search(rf'<span aria-current="page">{pages}</span>', html)
        seen += len(cards(html)) + len(texts(html, "also"))
        nxt = re.search(r'<a href="([^"]+)" rel="next">suivante →</a>', html)
        if pages > 1:
            assert 'rel="prev">← précédente</a>' in html and '>1</a>' in html
        url = nxt.group(1) if nxt else None
    assert seen == total and pages > 2
    assert "page=" not in re.search(r'<a href="([^"]+)" rel="prev">', html).group(1) or pages > 2


def test_pager_never_offers_a_page_past_the_last(client):
    html = client.get("/", params={"q": "coopération", "page": 2}).text
    offered = [int(n) for n in re.findall(r'aria-label="page (\d+)"', html)]
    assert offered == [1, 3]
    for n in offered:
        assert cards(client.get("/", params={"q": "coopération", "page": n}).text)
    one_page = client.get("/", params={"q": "Sud-Sud"}).text
    assert 'class="pager"' not in one_page


# -- resolution page -------------------------------------------------------------------

def test_resolution_page_marks_the_paragraph(client):
    r = client.get("/r/68/160", params={"para": "op2"})
    assert r.status_code == 200
    assert 'class="para target" id="op2"' in r.text and r.text.count('class="para') == 23
    assert "paragraphe 2 du dispositif" in r.text and "alinéa 3 du préambule" in r.text
    assert "18 décembre 2013" in r.text


@pytest.mark.parametrize("para, anchor", [
    ("op3", "op3"), ("§ 3", "op3"), ("paragraphe 3 du dispositif", "op3"), ("al. 4 pr.", "pre4"),
    ("alinéa 4 du préambule", "pre4"), ("pre 4", "pre4"), ("alinea4", "pre4")])
def test_resolution_anchor_in_either_language(client, para, anchor):
    html = client.get("/r/68/160", params={"para": para}).text
    assert re.findall(r'class="para target" id="(\w+)"', html) == [anchor]
    assert f"document.getElementById(\"{anchor}\").scrollIntoView()" in html


def test_resolution_page_unknown_paragraph_says_so(client):
    html = client.get("/r/68/160", params={"para": "op99"}).text
    assert "Cette résolution n’a pas de paragraphe « op99 »." in html and "para target" not in html


def test_resolution_page_shows_the_clean_copy_and_lists_the_others(client):
    html = unescape(client.get("/r/53/...").text)
    assert "Texte affiché : 002_0d3b84d2626458c8.txt" in html  # the clean copy, not the scan
    assert "États Membres" in html and "Etats Membres" not in html
    assert "Une autre copie de ce texte est indexée :" in html and "000_11bf369c9702862e.txt" in html
    assert "/work/" not in html and "/tmp/" not in html


# -- trace page ------------------------------------------------------------------------

def test_trace_page_shows_word_diffs_and_a_legend(client):
    r = client.get("/trace", params={"ref": "68/160:op2"})
    assert r.status_code == 200 and "<del>Estime</del> <ins>Considère</ins>" in r.text
    assert "Différences avec la référence : <del>supprimé</del> <ins>ajouté</ins>" in r.text
    assert "<h1>Même langage que A/RES/68/160, paragraphe 2 du dispositif</h1>" in unescape(r.text)


def versions(html: str) -> list[str]:
    """The version cards of a clause history page, as HTML."""
    return re.findall(r'<li class="card version[^"]*">(.*?)</li>', html, re.S)


def test_trace_page_orders_by_similarity_or_reads_as_a_clause_history(client):
    by_sim = client.get("/trace", params={"ref": "68/160:op1"}).text
    by_date = client.get("/trace", params={"ref": "68/160:op1", "by": "date"}).text
    sims = [float(s.split()[1].replace(",", ".")) for s in texts(by_sim, "similarity")]
    assert sims == sorted(sims, reverse=True) and len(sims) > 2
    assert not versions(by_sim) and 'class="history-summary"' not in by_sim
    api = client.get("/api/trace", params={"ref": "68/160:op1", "by": "date"}).json()
    dated = [h["adopted"] or "9999" for h in api["hits"]]
    assert dated == sorted(dated)
    # By date the page is the clause history: one card a version, in the API's order.
    history = api["history"]
    shown = versions(by_date)
    assert not cards(by_date) and len(shown) == len(history["versions"]) >= 2
    for card, v in zip(shown, history["versions"]):
        assert f">{v['symbol']}</a>" in card
        if v["diff_previous"] is None:  # the first version is printed whole
            assert "première version" in card and "<del>" not in card.split("</details>")[0]
        else:  # what changed at that step, then (folded away) the diff against the reference
            step = card.split('<details class="against-reference">')[0]
            assert [unescape(w) for w in re.findall(r"<del>(.*?)</del>", step)] == \
                [t for op, t in v["diff_previous"] if op == "delete"]
            assert [unescape(w) for w in re.findall(r"<ins>(.*?)</ins>", step)] == \
                [t for op, t in v["diff_previous"] if op == "insert"]
            assert v["is_reference"] or "Différences avec la référence" in card
        for symbol in v["also_in"]:
            assert symbol in unescape(card) and "inchangé dans" in unescape(card)
    assert sum("is-reference" in c for c in re.findall(r'<li class="card version[^"]*"', by_date)) == 1
    # The summary line in French, naming the first version and counting the changes.
    summary = texts(by_date, "history-summary")[0]
    first = history["versions"][0]["symbol"]
    assert summary.startswith(f"adopté pour la première fois dans {first} (")
    changes = history["summary"]["changes"]
    assert (f"modifié {changes} fois" if changes > 1 else "modifié une fois" if changes else "inchangé depuis") in summary
    assert "Modifications par rapport à la version précédente" in by_date
    assert '<strong aria-current="true">par date</strong>' in by_date
    assert '<a href="/trace?ref=68%2F160%3Aop1&amp;by=date">par date</a>' in by_sim
    assert '<strong aria-current="true">par similarité</strong>' in by_sim


def test_trace_page_folds_copies(client):
    html = client.get("/trace", params={"ref": "68/160:op1"}).text
    api = client.get("/api/trace", params={"ref": "68/160:op1"}).json()["hits"]
    drafts = [h for h in api if h["symbol"] == "53/..." and h["label"] == "op 1"]
    assert len(drafts) == 2  # the scan and the clean file of the draft
    folded = [c for c in cards(html) if ">53/...</a>" in c and ">§ 1<" in c]
    assert len(folded) == 1
    assert "aussi dans : 53/... § 1 — fichier 000_11bf369c9702862e.txt" in unescape(folded[0])
    assert "États" in unescape(folded[0])  # the clean copy is shown
    assert len(cards(html)) + len(texts(html, "also")) == len(api)


def test_fold_copies_keeps_first_order_and_cleanest_copy():
    from query.tracing import TraceHit
    from query.tracing import fold_copies

    clean = "Prie les États Membres de coopérer pleinement avec le Haut-Commissariat à cette fin ;"
    scan = "Prie les Etats Membres de coopérer pleinement avec le Haut-Commissariat a cette fin ;"
    other = "Invite les organismes des Nations Unies à renforcer leur coordination dans ce domaine ;"

    def hit(text, file):
        return TraceHit(file=file, symbol="53/...", organ=None, session=53, adopted=None, kind="operative",
                        number=4, position=1, verb=text.split()[0], text=text)
    groups = fold_copies([hit(scan, "scan.txt"), hit(other, "b.txt"), hit(clean, "clean.txt")])
    assert [(g.hit.file, [c.file for c in g.copies]) for g in groups] == \
        [("clean.txt", ["scan.txt"]), ("b.txt", [])]


def test_a_resolution_named_by_its_number_is_one_click_away(client):
    r = client.get("/", params={"q": "résolution 65/218"})
    assert r.status_code == 200
    assert "A/RES/65/218" in texts(r.text, "symbol")
    assert "La résolution A/RES/65/218 elle-même figure dans le corpus" in unescape(r.text)
    link = re.search(r'<a href="(/r/[^"]+)">Lire la résolution A/RES/65/218 en entier</a>', r.text)
    assert link and "Renforcement de la coopération internationale" in client.get(link.group(1)).text
    assert client.get("/api/search", params={"q": "résolution 65/218"}).json()["resolution"] == "A/RES/65/218"
    assert client.get("/api/search", params={"q": "résolution 99/999"}).json()["resolution"] is None


# -- error pages -----------------------------------------------------------------------

def test_unknown_resolution_is_a_404_with_a_search_link(client):
    r = client.get("/r/99/999")
    assert r.status_code == 404
    assert "<h1>Résolution introuvable</h1>" in r.text and "Requête illisible" not in r.text
    assert 'href="/?q=99%2F999"' in r.text and "Chercher « 99/999 » dans le texte" in r.text
    trace = client.get("/trace", params={"ref": "99/999:op1"})
    assert trace.status_code == 404 and "<h1>Résolution introuvable</h1>" in trace.text
    para = client.get("/trace", params={"ref": "68/160:op99"})
    assert para.status_code == 404 and "<h1>Paragraphe introuvable</h1>" in para.text
    nowhere = client.get("/nowhere")
    assert nowhere.status_code == 404 and "<h1>Page introuvable</h1>" in nowhere.text


def test_index_gone_is_a_503(index, tmp_path):
    from query.web import create_app

    copy = tmp_path / "index"
    shutil.copytree(index, copy)
    with TestClient(create_app(copy)) as c:
        assert c.get("/").status_code == 200
        shutil.rmtree(copy)
        for path, params in [("/", {}), ("/", {"q": "droits"}), ("/r/68/160", {}), ("/trace", {"ref": "68/160:op1"})]:
            r = c.get(path, params=params)
            assert r.status_code == 503 and "<h1>Index indisponible</h1>" in r.text, path
            assert "L’index ne peut pas être lu pour le moment" in r.text
            assert re.search(r"<details><summary>Détail technique</summary><p>no index at ", r.text)
            assert "Traceback" not in r.text
        assert c.get("/api/search", params={"q": "droits"}).status_code == 503


@pytest.mark.parametrize("path, params, status", [
    ("/", {"q": "le la"}, 400),
    ("/", {"q": "droits", "kind": "foo"}, 400),
    ("/", {"q": "x", "session": "abc"}, 400),
    ("/", {"q": "droits", "page": "deux"}, 400),
    ("/r/99/999", {}, 404),
    ("/trace", {"ref": "nonsense"}, 400),
    ("/trace", {"ref": "68/160:op1", "by": "hasard"}, 400),
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
    if not path.startswith("/api/") and status == 400:
        assert "<h1>Requête illisible</h1>" in r.text


# -- API and escaping ------------------------------------------------------------------

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
    echoed = client.get("/", params={"q": "coopération \x1b[31m\u202e"}).text  # a link carrying %1B
    assert "\x1b" not in echoed and "\u202e" not in echoed and 'value="coopération \ufffd[31m\ufffd"' in echoed
    assert "<script>window.pwned" not in client.get("/r/70/999").text


def test_hostile_title_and_symbol_are_escaped(client):
    for html in (client.get("/", params={"q": "quokkamarine"}).text, client.get("/r/71/250").text,
                 client.get("/trace", params={"ref": "71/250:op1"}).text):
        assert "<script>window.pwned = 3" not in html and "<img src=x" not in html
        assert "&lt;script&gt;window.pwned = 3&lt;/script&gt;" in html or "71/250" in html
    card = cards(client.get("/", params={"q": "quokkamarine"}).text)[0]
    assert 'class="title">Essai &lt;script&gt;window.pwned = 3&lt;/script&gt; de titre &lt;img' in card
    hostile = "<script>alert(2)</script>"
    for r in (client.get("/r/" + hostile), client.get("/trace", params={"ref": hostile + ":op1"}),
              client.get("/", params={"q": "x", "verb": hostile})):
        assert "<script>alert(2)" not in r.text and r.status_code in (200, 400, 404)
    assert "&lt;script&gt;alert(2)&lt;/script&gt;" in client.get("/r/" + hostile).text


def test_highlight_marks_only_after_escaping():
    from query.web import _highlight

    assert str(_highlight("a <b>\x02c\x03</b> & d")) == "a &lt;b&gt;<mark>c</mark>&lt;/b&gt; &amp; d"


# -- labels ----------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("op3", ("operative", 3)), ("op 3", ("operative", 3)), ("§ 2", ("operative", 2)),
    ("paragraphe 2 du dispositif", ("operative", 2)), ("pre2", ("preambular", 2)),
    ("al. 3 pr.", ("preambular", 3)), ("alinéa 3 du préambule", ("preambular", 3)),
    ("annexe § 4", ("annex", 4)), ("paragraphe 4 de l’annexe", ("annex", 4)), ("annex4", ("annex", 4)),
    ("paragraphe 2 du préambule", None), ("op", None), ("zz3", None), ("", None),
])
def test_parse_label_reads_both_languages(text, expected):
    from query.labels import parse_label

    assert parse_label(text) == expected


def test_parse_label_reads_back_every_label():
    from query.hits import Copy
    from query.labels import label, label_fr, names, parse_label

    for kind in ("operative", "preambular", "annex"):
        for n in range(1, 40):
            p = Copy(file="f", symbol="1/1", kind=kind, number=None if kind == "preambular" else n,
                     position=n + 3, ordinal=n)
            for text in (label(p), label_fr(p), label_fr(p, short=True)):
                assert names(p, *parse_label(text)), text


# -- serve -----------------------------------------------------------------------------

def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


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


def test_trace_lists_the_reference_scans_with_the_reference(client):
    html = unescape(client.get("/trace", params={"ref": "53/...:op1"}).text)
    reference = re.search(r'<div class="card reference">(.*?)</div>\s*</div>', html, re.S).group(1)
    assert "aussi dans : 53/... § 1 — fichier 000_11bf369c9702862e.txt" in html
    assert not [c for c in cards(html) if ">53/...</a>" in c and ">§ 1<" in c]
    # Re-adoptions stay dated when folded: the history of the language is kept.
    assert ("aussi dans : A/RES/68/160 § 1, 18 décembre 2013 — fichier 003_367e980c57a681ce.txt" in html or
            "aussi dans : A/RES/65/218 § 1, 21 décembre 2010 — fichier 004_d9ecf5b0cce4680d.txt" in html)
    by_date = unescape(client.get("/trace", params={"ref": "53/...:op1", "by": "date"}).text)
    # By date, the re-adoption is one version of the clause history: unchanged in the later one.
    assert "inchangé dans A/RES/68/160" in by_date or "inchangé dans A/RES/65/218" in by_date
    assert "53/..." in reference


def test_home_page_syntax_examples_are_valid_queries(client):
    html = unescape(client.get("/").text)
    examples = [c for c in re.findall(r"<code>(.*?)</code>", html) if c != '"…"']
    assert len(examples) >= 5
    for example in examples:
        r = client.get("/", params={"q": example})
        assert r.status_code == 200 and cards(r.text), example


def test_past_the_last_page_leads_back_to_the_first(client):
    html = client.get("/", params={"q": "coopération", "page": 50}).text
    assert "La page 50 est au-delà de la dernière page de résultats." in html and not cards(html)
    assert re.findall(r'aria-label="page (\d+)"', html) == ["1"] and 'rel="prev"' not in html
    assert "Aucun paragraphe ne correspond" not in html


def test_fold_copies_against_the_known_partition():
    """Generated trace hits: scans (accents lost at random) of a few seed paragraphs; each
    group must be exactly one seed paragraph's copies, represented by its cleanest copy."""
    import random

    from unidecode import unidecode

    from indexer import parse_file
    from query.folding import cleanliness
    from query.tracing import TraceHit
    from query.tracing import fold_copies

    bases = [p.text for p in parse_file(SEEDS[2]).paragraphs if len(p.text) > 120][:8]
    rng = random.Random(7)
    for _ in range(30):
        hits, origin = [], {}
        for i in range(rng.randint(1, 14)):
            base = rng.randrange(len(bases))
            words = bases[base].split(" ")
            damaged = " ".join(unidecode(w) if rng.random() < 0.3 else w for w in words)
            hit = TraceHit(file=f"f{i}.txt", symbol="68/160", organ=None, session=68, adopted=None,
                           kind="operative", number=1, position=i, verb=None, text=damaged)
            hits.append(hit)
            origin[id(hit)] = base
        groups = fold_copies(hits)
        assert sorted(id(h) for g in groups for h in [g.hit, *g.copies]) == sorted(map(id, hits))
        assert len(groups) == len({origin[id(h)] for h in hits})
        for g in groups:
            assert {origin[id(h)] for h in [g.hit, *g.copies]} == {origin[id(g.hit)]}
            assert cleanliness(g.hit.text) == max(cleanliness(h.text) for h in [g.hit, *g.copies])
        firsts = [next(i for i, h in enumerate(hits) if origin[id(h)] == origin[id(g.hit)]) for g in groups]
        assert firsts == sorted(firsts)  # groups in the order of their first hit
