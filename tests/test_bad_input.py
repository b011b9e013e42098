"""Broken files get a one-line reason; the other files are still parsed."""

from __future__ import annotations

import os

import pytest

from conftest import SEEDS
from indexer import ParseError, parse_bytes

GOOD = SEEDS[2].read_bytes()  # 68/160, hard-wrapped


@pytest.mark.parametrize("data, reason", [
    (b"", "empty file"),
    (b"  \n\n \t\n", "empty file"),
    (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 4, "binary"),
    (b"PK\x03\x04" + b"\x00\x14\x00\x08" * 200, "binary"),
    ("Communiqué de presse : le Secrétaire général s’est rendu à Genève.\n".encode() * 20, "not a resolution"),
    (b"\x7fELF\x02\x01\x01" + bytes(9) + b"\x03\x00>\x00\x01\x00\x00\x00" * 300, "binary"),
])
def test_bad_input_raises_a_one_line_reason(data, reason):
    with pytest.raises(ParseError, match=reason) as e:
        parse_bytes(data, "bad.txt")
    assert "\n" not in str(e.value)


def test_damaged_utf8_byte_is_replaced_with_a_warning_not_fatal():
    at = GOOD.index("Réaffirmant sa ".encode()) + len("Réaffirmant sa ".encode())
    res = parse_bytes(GOOD[:at] + b"\xc3(" + GOOD[at:], "damaged.txt")
    assert res.symbol == "68/160" and len(res.paragraphs) == 23
    assert any(w.startswith("damaged UTF-8: 1 undecodable byte") for w in res.warnings)
    assert res.paragraphs[0].text.startswith("Réaffirmant sa \ufffd(volonté de promouvoir")


def test_control_and_bidi_characters_are_removed_and_counted():
    text = GOOD.decode("utf-8")
    at = text.index("Réaffirmant sa ") + len("Réaffirmant sa ")
    hostile = text[:at] + "\x1b[2J\x1b]0;titre\x07\u009b31m \u202evol\u2066onté\u2069\x08" + text[at + len("volonté"):]
    res = parse_bytes(hostile.encode("utf-8"), "hostile.txt")
    assert res.paragraphs[0].text.startswith("Réaffirmant sa [2J]0;titre31m volonté de promouvoir")
    assert "removed 8 control characters" in res.warnings
    clean = parse_bytes(GOOD, "clean.txt")
    assert [p.text for p in res.paragraphs[1:]] == [p.text for p in clean.paragraphs[1:]]


def test_vertical_tab_and_line_separators_are_line_breaks():
    text = GOOD.decode("utf-8")
    for sep in ("\x0b", "\u2028", "\x85"):
        res = parse_bytes(text.replace("\n", sep).encode("utf-8"), "word-export.txt")
        assert [p.text for p in res.paragraphs] == [p.text for p in parse_bytes(GOOD).paragraphs]
        assert not any("control" in w for w in res.warnings)


def test_a_text_with_a_few_control_bytes_is_not_binary():
    lines = GOOD.split(b"\n")
    noisy = b"\n".join(line + (b"\x02\x03" if i % 10 == 0 else b"") for i, line in enumerate(lines))
    res = parse_bytes(noisy, "noisy.txt")
    assert len(res.paragraphs) == 23 and not any("\x02" in p.text for p in res.paragraphs)


def test_truncated_resolution_keeps_its_paragraphs_with_a_warning():
    text = GOOD.decode("utf-8")
    cut = text[: text.index("de prendre les mesures nécessaires pour") + 40]
    res = parse_bytes(cut.encode("utf-8"), "cut.txt")
    assert [p.number for p in res.paragraphs if p.kind == "operative"] == list(range(1, 11))
    assert any("truncated" in w for w in res.warnings)


def test_file_cut_inside_a_utf8_character_is_read_as_truncated():
    data = GOOD[: GOOD.index("Déclaration du Millénaire".encode()) + 2]  # ends inside "é"
    res = parse_bytes(data, "cut.txt")
    assert any("middle of a UTF-8 character" in w for w in res.warnings)
    assert res.symbol == "68/160"


def test_cli_reports_each_bad_file_and_carries_on(run_cli, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "binary.txt").write_bytes(b"\x00\x01\x02" * 100)
    result = run_cli("parse", tmp_path / "empty.txt", SEEDS[2], tmp_path / "binary.txt", tmp_path / "missing.txt")
    assert result.exit_code == 0
    errors = result.stderr.strip().splitlines()
    assert len(errors) == 3
    assert "empty.txt: empty file" in errors[0]
    assert "binary.txt: binary file" in errors[1]
    assert "missing.txt: cannot read file" in errors[2]
    assert "68/160" in result.stdout


def test_cli_fails_only_when_no_file_parsed(run_cli, tmp_path):
    (tmp_path / "empty.txt").write_bytes(b"")
    result = run_cli("parse", tmp_path / "empty.txt")
    assert result.exit_code == 1 and "Traceback" not in result.stderr + result.stdout


def test_file_names_print_on_one_line_without_control_characters():
    from indexer.decode import printable

    hostile = os.fsdecode(b"r\xe9solution\n\x1b]0;titre\x07\xe2\x80\xae.txt")
    assert printable(hostile) == "r\\xe9solution\\x0a\\x1b]0;titre\\x07\\u202e.txt"
    assert printable("68_160 coopération|révisé.txt") == "68_160 coopération|révisé.txt"
