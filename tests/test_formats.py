"""PDF, Word and HTML files: read through `indexer.formats`, parsed like text (tests/docgen.py makes them)."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from docgen import render, un_docx, un_pdf
from indexer import ParseError, parse_file
from indexer.formats import EXTENSIONS, NO_TEXT_LAYER, html_text
from indexer.parse import parse_content, parse_resolutions

ROOT = Path(__file__).resolve().parent.parent
SOURCES = [ROOT / "corpus" / "003_367e980c57a681ce.txt", ROOT / "corpus" / "004_d9ecf5b0cce4680d.txt",
           ROOT / "tests" / "data" / "sc_2394.txt", ROOT / "tests" / "data" / "hrc_res_53_4.txt",
           ROOT / "tests" / "eras" / "ecosoc_1235_xlii.txt", ROOT / "tests" / "data" / "hrc_draft_l5.txt"]


def shape(res):
    return [(p.kind, p.number, p.verb, p.text) for p in res.paragraphs]


def test_every_format_is_listed():
    assert {".txt", ".md", ".pdf", ".docx", ".html", ".htm"} <= set(EXTENSIONS)


@pytest.mark.parametrize("source", SOURCES, ids=lambda p: p.name)
def test_pdf_reads_back_as_the_text_it_was_made_from(source, tmp_path):
    """Oracle: a resolution set as a UN-style PDF (running symbol, job number, page numbers over
    several pages) parses to the same paragraphs, word for word, as its text."""
    ref = parse_file(source)
    pdf = un_pdf(render(ref), tmp_path / "r.pdf", ref.doc_symbol or ref.symbol)
    res = parse_file(pdf)
    assert (res.symbol, res.doc_symbol, res.organ) == (ref.symbol, ref.doc_symbol, ref.organ)
    assert shape(res) == shape(ref)
    assert not any("13-44851" in p.text or "/RES/" in p.text.split(" ")[-1] for p in res.paragraphs)


def test_a_volume_in_one_pdf_gives_every_resolution(tmp_path):
    refs = [parse_file(s) for s in SOURCES[2:]]
    pdf = un_pdf("\n\n".join(render(r) for r in refs), tmp_path / "volume.pdf", "S/INF/22")
    got = parse_resolutions(pdf)
    assert [r.symbol for r in got] == [r.symbol for r in refs]
    assert [shape(r) for r in got] == [shape(r) for r in refs]


def test_pdf_without_text_layer_asks_for_ocr(tmp_path):
    pdf = un_pdf("", tmp_path / "scan.pdf", "A/RES/68/160", text_layer=False)
    # Only the running symbol and footer are text: page furniture, not a text layer.
    with pytest.raises(ParseError) as e:
        parse_file(pdf)
    assert str(e.value) == NO_TEXT_LAYER


def test_pdf_with_no_text_at_all_says_run_ocr(tmp_path):
    from fpdf import FPDF

    pdf = FPDF()
    pdf.add_page()
    for y in range(20, 270, 5):
        pdf.line(10, y, 200, y)
    pdf.output(str(tmp_path / "scan.pdf"))
    with pytest.raises(ParseError) as e:
        parse_file(tmp_path / "scan.pdf")
    assert str(e.value) == NO_TEXT_LAYER


@pytest.mark.parametrize("numbering", [True, False], ids=["word-list-numbering", "typed-numbers"])
@pytest.mark.parametrize("source", SOURCES[:3], ids=lambda p: p.name)
def test_docx_reads_back_as_the_text_it_was_made_from(source, numbering, tmp_path):
    ref = parse_file(source)
    res = parse_file(un_docx(render(ref), tmp_path / "r.docx", list_numbering=numbering))
    assert (res.symbol, res.organ) == (ref.symbol, ref.organ)
    assert shape(res) == shape(ref)


@pytest.mark.parametrize("suffix, data", [
    (".pdf", b""), (".pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj <<"), (".pdf", b"<html>not a pdf</html>"),
    (".pdf", b"\x00" * 100), (".docx", b""), (".docx", b"PK\x03\x04 not really a zip"), (".docx", b"just text")])
def test_broken_pdf_or_docx_is_refused_in_one_line(suffix, data, tmp_path):
    path = tmp_path / f"broken{suffix}"
    path.write_bytes(data)
    with pytest.raises(ParseError) as e:
        parse_file(path)
    assert str(e.value) and "\n" not in str(e.value)


def test_html_scripts_navigation_and_edit_links_are_not_text():
    page = ("<html><head><script>var s = '1. Décide de tout';</script></head><body>"
            "<nav><ul><li>Résolution 187</li></ul></nav><h1>Titre <span class='mw-editsection'>[modifier]</span></h1>"
            "<p>Le Conseil de sécurité,<p>Notant la situation,<div>1. <b>Décide</b> de rester saisi.</div>")
    text = html_text(page.encode("utf-8"))
    assert "Décide de tout" not in text and "Résolution 187" not in text and "modifier" not in text
    assert text.split("\n").count("Le Conseil de sécurité,") == 1 and "1. Décide de rester saisi." in text


def test_html_in_windows_1252_with_unclosed_tags(tmp_path):
    page = ('<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1252"></head><body>'
            "<p>R\xe9solution 220 (1966)<br>du 16 mars 1966<p>Le Conseil de s\xe9curit\xe9,<p>Notant que la Force "
            "demeure n\xe9cessaire,<p>1. R\xe9affirme ses r\xe9solutions ;<p>2. Prolonge le stationnement de la Force."
            "<p>Adopt\xe9e \xe0 l\x92unanimit\xe9 \xe0 la 1275e s\xe9ance.<div><span>")
    path = tmp_path / "r220.htm"
    path.write_bytes(page.encode("latin-1"))
    res = parse_file(path)
    assert (res.symbol, res.doc_symbol, res.adopted) == ("220 (1966)", "S/RES/220 (1966)", "1966-03-16")
    assert [(p.kind, p.number, p.verb) for p in res.paragraphs] == [
        ("preambular", None, "Notant"), ("operative", 1, "Réaffirme"), ("operative", 2, "Prolonge")]


def test_extracted_text_is_normalised_like_text_files():
    res = parse_content("L'Assemblée générale,\n\nRappelant sa résolution,\n\n1. Décide de rester saisie.\n", "x.html")[0]
    assert res.organ == "Assemblée générale" and res.paragraphs[0].text == "Rappelant sa résolution,"


def test_parse_command_reads_a_pdf(run_cli, tmp_path):
    ref = parse_file(SOURCES[2])
    pdf = un_pdf(render(ref), tmp_path / "sc.pdf", ref.doc_symbol)
    result = run_cli("parse", str(pdf), "--json")
    record = json.loads(result.stdout)
    assert record["doc_symbol"] == "S/RES/2394 (2017)" and len(record["paragraphs"]) == len(ref.paragraphs)
    bad = tmp_path / "scan.pdf"
    bad.write_bytes(b"%PDF-1.4 broken")
    result = run_cli("parse", str(bad))
    assert result.exit_code == 1 and str(bad) in result.stderr


def test_docx_zip_bomb_is_refused(tmp_path, monkeypatch):
    import indexer.formats as formats

    ref = parse_file(SOURCES[0])
    path = un_docx(render(ref), tmp_path / "r.docx")
    monkeypatch.setattr(formats, "_MAX_UNZIPPED", 1000)  # the real file expands past this
    with pytest.raises(ParseError) as e:
        parse_file(path)
    assert "expands to more than" in str(e.value)


def test_index_reads_every_format_and_lists_what_it_skips(tmp_path):
    from indexer import build
    from query import search
    from query.searching import close_all

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    ref = parse_file(SOURCES[2])
    un_pdf(render(ref), corpus / "sc.pdf", ref.doc_symbol)
    un_docx(render(parse_file(SOURCES[0])), corpus / "ga.docx")
    (corpus / "r186.html").write_bytes((ROOT / "tests" / "eras" / "wikisource_sc_186.html").read_bytes())
    un_pdf("", corpus / "scan.pdf", "A/RES/1/1", text_layer=False)
    (corpus / "broken.docx").write_bytes(b"PK\x03\x04")
    report = build(corpus, index=tmp_path / "ix")
    assert report.files_indexed == 3
    assert {Path(p).name: reason for p, reason in report.skipped}["scan.pdf"] == NO_TEXT_LAYER
    assert "broken.docx" in {Path(p).name for p, _ in report.skipped}
    try:
        hits = list(search("forces armées", index=tmp_path / "ix", symbol="S/RES/2394 (2017)", limit=50))
        assert hits and all(Path(h.file).name == "sc.pdf" for h in hits)
        assert list(search("force maintien paix", index=tmp_path / "ix", symbol="186 (1964)"))
    finally:
        close_all()
