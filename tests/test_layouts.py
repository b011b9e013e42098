"""The same resolution in other encodings and layouts parses to the same paragraphs."""

from __future__ import annotations

import codecs

import pytest

from conftest import SEEDS
from indexer import parse_bytes, parse_text

GA_68_160 = SEEDS[2]
GA_65_218 = SEEDS[3]


def shape(res):
    return [(p.kind, p.number, p.verb, p.text) for p in res.paragraphs]


@pytest.fixture(scope="module")
def reference():
    return parse_bytes(GA_68_160.read_bytes(), "ref")


def test_crlf_and_bom(reference):
    data = codecs.BOM_UTF8 + GA_68_160.read_bytes().replace(b"\n", b"\r\n")
    res = parse_bytes(data, "crlf.txt")
    assert shape(res) == shape(reference)
    assert res.title == reference.title


def test_utf16_with_bom(reference):
    res = parse_bytes(GA_68_160.read_text(encoding="utf-8").encode("utf-16"), "utf16.txt")
    assert shape(res) == shape(reference)


@pytest.mark.parametrize("encoding", ["cp1252", "latin-1"])
def test_legacy_encodings(encoding, reference):
    text = GA_68_160.read_text(encoding="utf-8")
    if encoding == "latin-1":
        text = text.replace("’", "'").replace("œ", "oe")
    res = parse_bytes(text.encode(encoding), f"{encoding}.txt")
    assert [(k, n, v) for k, n, v, _ in shape(res)] == [(k, n, v) for k, n, v, _ in shape(reference)]
    assert res.paragraphs[0].text.startswith("Réaffirmant sa volonté de promouvoir la coopération")
    # Without bytes 0x80-0x9F, Latin-1 and Windows-1252 are the same text: either name is right.
    assert any(w.startswith("not UTF-8; read as") for w in res.warnings)


def test_doubly_encoded_utf8_is_repaired(reference):
    mojibake = GA_68_160.read_text(encoding="utf-8").encode("utf-8").decode("cp1252", errors="replace")
    res = parse_text_with_decode(mojibake)
    assert res.paragraphs[0].text.startswith("Réaffirmant sa volonté")


def parse_text_with_decode(text: str):
    return parse_bytes(text.encode("utf-8"), "mojibake.txt")


def test_whole_text_on_one_line(reference):
    flat = " ".join(GA_68_160.read_text(encoding="utf-8").split())
    assert "\n" not in flat and len(flat) > 5000
    res = parse_text(flat, "flat.txt")
    assert [(k, n, v) for k, n, v, _ in shape(res)] == [(k, n, v) for k, n, v, _ in shape(reference)]
    assert (res.symbol, res.organ, res.session, res.adopted) == ("68/160", "Assemblée générale", 68, "2013-12-18")


def test_one_line_markdown_layout_flattened_too():
    flat = " ".join(GA_65_218.read_text(encoding="utf-8").split())
    res = parse_text(flat, "flat.md")
    assert [p.number for p in res.paragraphs if p.kind == "operative"] == list(range(1, 13))
    assert res.paragraphs[0].verb == "Réaffirmant"


def test_number_alone_on_its_line_joins_the_verb():
    text = GA_68_160.read_text(encoding="utf-8").replace(" 2. Estime", " 2.\nEstime")
    res = parse_text(text, "split.txt")
    assert [p.number for p in res.paragraphs if p.kind == "operative"] == list(range(1, 15))
