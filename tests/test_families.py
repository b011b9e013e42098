"""Follow-up resolution families (tests/families/): they parse like real resolutions, and
trace finds each clause's versions across years and organs."""

from __future__ import annotations

import sys

import pytest

from conftest import ROOT
from indexer import parse_file
from query.similarity import similarity, stems
from query.tracing import MIN_SIMILARITY

sys.path.insert(0, str(ROOT / "bench"))
import trace_quality  # noqa: E402

FAMILIES = sorted((ROOT / "tests" / "families").glob("*.txt"))


@pytest.fixture
def index(families_index):
    return families_index


@pytest.mark.parametrize("path", FAMILIES, ids=lambda p: p.name)
def test_family_texts_parse_as_adopted_resolutions(path):
    r = parse_file(path)
    assert r.document_type == "resolution" and r.adopted and not r.warnings
    assert r.organ in ("Assemblée générale", "Conseil des droits de l’homme", "Conseil de sécurité")
    assert r.title if r.organ != "Conseil de sécurité" else r.title is None  # a Council resolution has no title line
    ops = [p.number for p in r.paragraphs if p.kind == "operative"]
    assert ops == list(range(1, len(ops) + 1)) and len(ops) >= 7
    assert all(p.verb for p in r.paragraphs)


def test_trace_quality_over_seeds_and_families(index):
    precision, recall, mistakes = trace_quality.evaluate(index, MIN_SIMILARITY)
    assert precision >= 0.9 and recall >= 0.9, mistakes


@pytest.mark.parametrize("family", ["extreme poverty (GA)", "right to food (HRC, GA)", "UNDOF mandate (SC)"])
def test_each_family_is_traced(index, family):
    precision, recall, mistakes = trace_quality.evaluate(index, MIN_SIMILARITY, trace_quality.FAMILIES[family])
    assert precision >= 0.9 and recall >= 0.9, mistakes


def test_the_session_named_in_a_paragraph_does_not_count_as_language():
    a = "Décide de poursuivre l’examen de la question à sa soixante-neuvième session."
    b = "Décide de poursuivre l’examen de la question à sa trente et unième session."
    assert stems(a) == stems(b)
    assert similarity(a, b, lambda w: 1.0) == 1.0
    assert "deux" in stems("Souligne que les deux parties sont tenues de respecter l’Accord")  # a lone cardinal stays


def test_a_quoted_title_is_a_citation_not_shared_language():
    a = ("Rappelant sa résolution 70/1 du 25 septembre 2015, intitulée « Transformer notre monde : le Programme "
         "de développement durable à l’horizon 2030 »,")
    b = ("Rappelant la résolution 70/1 de l’Assemblée générale, intitulée « Transformer notre monde : le Programme "
         "de développement durable à l’horizon 2030 », dans laquelle l’Assemblée a adopté des objectifs universels,")
    assert "transform" not in stems(a) and "rappel" in stems(a)
    assert similarity(a, b, lambda w: 1.0) < 0.5
