"""Parse time grows linearly with the input, even on hostile text (issue #13).

Not a speed test: each case compares the time for n units with the time for 4n units of the
same input. Quadratic behaviour makes that ratio ~16; linear, ~4. The bound is generous
(8), and CPU time is measured, so that a busy machine does not fail it.
"""

from __future__ import annotations

import random
import time

import pytest

from indexer.clean import join_lines
from indexer.model import ParseError
from indexer.parse import parse_all

_NUMBER_WORDS = "vingt et un deux trois quatre cinq six sept huit neuf dix cent mille soixante".split()


def _spelt_session(n: int) -> str:
    # A header line of spelt-out number words before "session" (text2num on it was quadratic).
    words = " ".join(_NUMBER_WORDS[i % len(_NUMBER_WORDS)] for i in range(n))
    return f"{words} session\n\nL’Assemblée générale,\n\nRappelant sa résolution,\n\n1. Décide de rester saisie.\n"


def _unknown_openers(n: int) -> str:
    # Many lines opening with unknown capitalised words (each was compared with the whole lexicon).
    rng = random.Random(n)
    lines = "".join(f"Zorglub{rng.randrange(10**9)}ation des parties,\n" for _ in range(n))
    return f"L’Assemblée générale,\n\nRappelant sa résolution,\n{lines}\n1. Décide de rester saisie.\n"


def _one_line(n: int) -> str:
    # One long line: the flattened-text breaks must not backtrack over it.
    return "L’Assemblée générale, " + "Notant que les États, " * n + "1. Décide de rester saisie."


def _one_line_no_breaks(n: int) -> str:
    return "Rappelant " + "a, b ; c. " * n


def _many_heading_lines(n: int) -> str:
    # A volume-like file of headings and formulas without bodies.
    return "".join(f"Résolution {i} (1966)\ndu 16 mars 1966\n\nLe Conseil de sécurité,\n\n" for i in range(n)) + \
        "Notant la situation,\n\n1. Décide de rester saisi.\n"


def _formulas_without_headings(n: int) -> str:
    # Formulas with nothing to split them into resolutions: one resolution that keeps growing.
    return "Résolution 220 (1966)\n\n" + "Le Conseil de sécurité,\n\nNotant la situation,\n\n" * n + "1. Décide de rester saisi.\n"


def _formulas_in_an_annex(n: int) -> str:
    return ("Résolution 220 (1966)\n\nLe Conseil de sécurité,\n\nNotant la situation,\n\n1. Décide de rester saisi.\n\n"
            "71e séance plénière\n\nAnnexe\n\n" + "Le Conseil de sécurité,\n\nNotant la situation,\n\n" * n)


def _volume(n: int) -> str:
    one = ("Résolution {i} (1966)\ndu 16 mars 1966\n\nLe Conseil de sécurité,\n\nNotant que la présence de la Force "
           "demeure nécessaire,\n\n1. Réaffirme ses résolutions ;\n\n2. Prolonge le stationnement de la Force.\n\n"
           "Adoptée à l’unanimité à la 1275e séance.\n\n1. Voir Documents officiels, document S/7191.\n\n")
    return "".join(one.format(i=200 + i) for i in range(n))


def _parse(text: str) -> None:
    try:
        parse_all(text, "speed.txt")
    except ParseError:
        pass


def _best(fn, arg, runs: int = 5) -> float:
    # CPU time of this process, best of several runs: other work on the machine barely moves it.
    best = float("inf")
    for _ in range(runs):
        start = time.process_time()
        fn(arg)
        best = min(best, time.process_time() - start)
    return best


@pytest.mark.parametrize("make,n", [
    (_spelt_session, 4000),
    (_unknown_openers, 1500),
    (_one_line, 3000),
    (_one_line_no_breaks, 8000),
    (_many_heading_lines, 400),
    (_formulas_without_headings, 1500),
    (_formulas_in_an_annex, 1500),
    (_volume, 150),
])
def test_parse_time_grows_linearly(make, n):
    small, large = make(n), make(4 * n)
    ratio = _best(_parse, large) / max(_best(_parse, small), 1e-4)
    assert ratio < 8, f"{make.__name__}: 4× the input took {ratio:.1f}× the time"


def test_joining_many_wrapped_lines_is_linear():
    def join(n: int) -> None:
        join_lines(["déve-"] * n)

    ratio = _best(join, 80000) / max(_best(join, 20000), 1e-4)
    assert ratio < 8
