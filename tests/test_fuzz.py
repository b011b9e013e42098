"""Fuzzing the decoder, the parser and the analyzer with random and mutated inputs.

Whatever the bytes, the only exception is ParseError, no control character survives, and
time grows in proportion to size. A few seconds by default; set RESSEARCH_FUZZ_EXAMPLES
(e.g. 5000) for a long run.
"""

from __future__ import annotations

import os
import re
import time

import pytest
from hypothesis import HealthCheck, given, settings, strategies as st

from conftest import SEEDS
from indexer import ParseError, parse_bytes, parse_text
from indexer.analysis import french_analyzer, index_terms
from indexer.decode import CONTROL_CHARS, decode, normalize

EXAMPLES = int(os.environ.get("RESSEARCH_FUZZ_EXAMPLES", "40"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, database=None,
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
SEED_BYTES = [s.read_bytes() for s in SEEDS]
CONTROL = re.compile(f"[{CONTROL_CHARS}]")
ANALYZER = french_analyzer()

# Pieces a hostile or damaged file is made of.
HOSTILE = st.sampled_from([
    " " * 5000, "\t" * 3000, "\u00a0\u2009" * 2000, "\n" * 3000, "\x1b[2J", "\x1b]0;titre\x07", "\u009b31m",
    "\u202e", "\u2066", "\ufeff", "\x00", "\r", "\f", "1" * 3000, "-\n" * 500, "*" * 500, "’" * 500,
    "Rappelant ", "1. Prie ", "L’Assemblée générale,", "soixante-dix-huitième session", "I’homme",
])


def _parse(data: bytes):
    try:
        return parse_bytes(data, "fuzz.txt")
    except ParseError as e:
        assert str(e) and "\n" not in str(e)
        return None


def _assert_clean(res) -> None:
    if res is None:
        return
    for p in res.paragraphs:
        assert not CONTROL.search(p.text), p.text
    for value in (res.title, res.symbol, res.organ):
        assert value is None or not CONTROL.search(value)


@FUZZ
@given(st.binary(max_size=4096))
def test_random_bytes_parse_or_give_a_one_line_reason(data):
    _assert_clean(_parse(data))


@FUZZ
@given(st.sampled_from(range(len(SEED_BYTES))), st.lists(st.tuples(st.integers(0, 1 << 30), st.integers(0, 255)),
                                                         min_size=1, max_size=20))
def test_byte_flips_of_real_resolutions(seed, flips):
    data = bytearray(SEED_BYTES[seed])
    for at, value in flips:
        data[at % len(data)] = value
    res = _parse(bytes(data))
    _assert_clean(res)


@FUZZ
@given(st.sampled_from(range(len(SEED_BYTES))), st.integers(0, 1 << 30), st.integers(0, 255))
def test_a_single_damaged_byte_never_refuses_the_whole_file(seed, at, value):
    data = bytearray(SEED_BYTES[seed])
    data[at % len(data)] = value
    try:
        res = parse_bytes(bytes(data), "flip.txt")
    except ParseError as e:
        # Only the structure may be lost (e.g. the flip hit the opening formula), never the text.
        assert not re.search("binary|undecodable|UTF-8", str(e)), str(e)
    else:
        _assert_clean(res)
        assert len(res.paragraphs) >= 1


@FUZZ
@given(st.sampled_from(range(len(SEED_BYTES))), st.lists(st.tuples(st.integers(0, 1 << 30), HOSTILE), max_size=8))
def test_hostile_pieces_spliced_into_real_resolutions(seed, pieces):
    text = SEED_BYTES[seed].decode("utf-8")
    for at, piece in pieces:
        at %= len(text)
        text = text[:at] + piece + text[at:]
    _assert_clean(_parse(text.encode("utf-8", errors="surrogatepass")))


@FUZZ
@given(st.text(max_size=3000))
def test_random_unicode_text(text):
    try:
        res = parse_text(normalize(text), "fuzz.txt")
    except ParseError:
        return
    assert res.paragraphs


@FUZZ
@given(st.text(max_size=2000) | st.lists(HOSTILE, max_size=6).map("".join))
def test_analyzer_takes_any_text(text):
    tokens = [t.text for t in ANALYZER(text)]
    assert all(isinstance(t, str) and t for t in tokens)
    terms, weight = index_terms(text)
    assert weight > 0 and all(term and pos >= 0 for term, pos in terms)


@FUZZ
@given(st.binary(max_size=2048))
def test_decode_removes_every_control_character(data):
    try:
        text, warnings = decode(data)
    except ParseError:
        return
    assert not CONTROL.search(text)
    assert "\r" not in text and "\f" not in text


def _best_time(data: bytes, repeat: int = 2) -> float:
    best = float("inf")
    for _ in range(repeat):
        t = time.perf_counter()
        _parse(data)
        best = min(best, time.perf_counter() - t)
    return best


SEED = SEED_BYTES[2].decode("utf-8")
AT = SEED.index("Réaffirmant sa ") + len("Réaffirmant sa ")


@pytest.mark.parametrize("name, piece", [
    ("blank run in a line", lambda n: " \t\u00a0" * (n // 3)),
    ("paragraph of many lines", lambda n: "coopération internationale\n" * (n // 27)),
    ("word-break hyphens", lambda n: "inter-\n" * (n // 7)),
    ("digit run", lambda n: "1" * n + "x"),
    ("long word", lambda n: "a" * n),
    ("many short lines", lambda n: "a\n" * (n // 2)),
])
def test_parse_time_grows_linearly(name, piece):
    n = 50_000
    small = _best_time((SEED[:AT] + piece(n) + SEED[AT:]).encode("utf-8"))
    large = _best_time((SEED[:AT] + piece(4 * n) + SEED[AT:]).encode("utf-8"))
    # Linear is 4; quadratic would be 16. The margin absorbs a busy machine.
    assert large < 10 * small + 0.05, f"{name}: {small:.3f}s for n, {large:.3f}s for 4n"
