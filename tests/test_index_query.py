"""Index the seed corpus and query it as a user would, through the library and the CLI."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import SEEDS, jsonl
from indexer import BuildError, build
from indexer.store import INDEX_NAME
from query import QueryError, search
from query.hits import HIT_KEYS
from query.searching import close_all

OCR = "000_11bf369c9702862e.txt"
CLEAN = "002_0d3b84d2626458c8.txt"


@pytest.fixture
def corpus(tmp_path) -> Path:
    d = tmp_path / "corpus"
    d.mkdir()
    for seed in SEEDS:
        shutil.copy(seed, d / seed.name)
    return d


@pytest.fixture
def index(tmp_path, corpus) -> Path:
    path = tmp_path / "index"
    report = build(corpus, index=path, procs=1)
    assert report.paragraphs_indexed == 70 + 70 + 23 + 21
    yield path
    close_all()


def names(results) -> list[tuple[str, str, int | None]]:
    return [(Path(h.file).name, h.kind, h.number) for h in results]


def test_sud_sud_paragraphs_of_both_copies_of_the_draft_come_first(index):
    hits = search("cooperation sud-sud", index=index, limit=10, fold=False).hits
    # Ranked OR: the 8 paragraphs with both words first, then those with one of them.
    both = ["Sud-Sud" in h.text for h in hits]
    assert both == [True] * 8 + [False] * 2
    top4 = {(Path(h.file).name, h.kind, h.number, h.text.split()[0]) for h in hits[:4]}
    assert {f for f, *_ in top4} == {OCR, CLEAN}
    # The paragraph whose very subject is Sud-Sud cooperation ranks first.
    assert hits[0].text.startswith("Conscient que la coopération Sud-Sud")


def test_accents_and_case_do_not_matter(index):
    a = names(search("coopération Sud-Sud", index=index))
    assert a == names(search("COOPERATION SUD-SUD", index=index)) == names(search("cooperation sud-sud", index=index))


def test_ocr_text_is_found_by_the_clean_phrase(index):
    # The scan reads "droits de I’homme"; the parser's repair makes it findable.
    hits = search('"droits de l\'homme" verb:prie', index=index, limit=50, fold=False).hits
    assert any(Path(h.file).name == OCR for h in hits)
    assert {Path(h.file).name for h in hits} == {OCR, CLEAN, SEEDS[2].name, SEEDS[3].name}


@pytest.mark.parametrize("pasted, clean", [
    ("coopération dans le domaine des droits de I’homme", "coopération dans le domaine des droits de l’homme"),
    ('"droits de I\'homme" verb:prie', '"droits de l\'homme" verb:prie'),
    ("I’homme", "l’homme"),
    ('"coope\u0301ration technique"', '"coopération technique"'),  # accents typed decomposed (macOS)
    # Copied from a PDF: its lines, and a word broken across two of them.
    ("Estime que, outre leurs responsabilités vis-à-vis de leur propre so-\nciété, les États ont\n"
     "collectivement le devoir de faire respecter les principes de la dignité humaine",
     "Estime que, outre leurs responsabilités vis-à-vis de leur propre société, les États ont "
     "collectivement le devoir de faire respecter les principes de la dignité humaine"),
    # ...into a one-line search box, which takes line breaks for spaces.
    ("Estime que, outre leurs responsabilités vis-à-vis de leur propre so- ciété, les États ont "
     "collectivement le devoir de faire respecter les prin- cipes de la dignité humaine",
     "Estime que, outre leurs responsabilités vis-à-vis de leur propre société, les États ont "
     "collectivement le devoir de faire respecter les principes de la dignité humaine"),
    # ...with the footnote calls of a PDF, glued to a word or a superscript.
    ("de l’adoption de la Déclaration et du Programme d’action de Durban2, ainsi que leur contribution "
     "au renforcement de la coopération internationale dans le domaine des droits de l’homme",
     "de l’adoption de la Déclaration et du Programme d’action de Durban, ainsi que leur contribution "
     "au renforcement de la coopération internationale dans le domaine des droits de l’homme"),
    ("Déclaration et du Programme d’action de Durban² contribution au renforcement de la coopération",
     "Déclaration et du Programme d’action de Durban contribution au renforcement de la coopération"),
    # ...with its number.
    ("2. Estime que, outre leurs responsabilités vis-à-vis de leur propre société, les États ont "
     "collectivement le devoir de faire respecter les principes de la dignité humaine",
     "Estime que, outre leurs responsabilités vis-à-vis de leur propre société, les États ont "
     "collectivement le devoir de faire respecter les principes de la dignité humaine"),
])
def test_a_query_pasted_from_a_scan_reads_as_the_index_does(index, pasted, clean):
    # The scan prints the elided l’ as a capital I; the index holds the repaired text.
    found = search(pasted, index=index, limit=50, fold=False)
    assert found.total and found.total == search(clean, index=index, limit=50, fold=False).total
    assert [h.text for h in found.hits] == [h.text for h in search(clean, index=index, limit=50, fold=False).hits]


@pytest.mark.parametrize("phrase, ocr_words", [
    ('"accès équitable"', "acces équitable"),                    # the scan lost one accent
    ('"tendant à renforcer"', "tendant a renforcer"),            # à read as a
    ('"entre les États Membres"', "entre les Etats Membres"),    # capital É read as E
])
def test_a_phrase_typed_with_accents_finds_the_scan_that_lost_them(index, phrase, ocr_words):
    hits = search(phrase, index=index, limit=50, fold=False).hits
    ocr = [h for h in hits if Path(h.file).name == OCR]
    assert ocr and all(ocr_words in " ".join(h.text.split()) for h in ocr)
    assert any(Path(h.file).name == CLEAN for h in hits)


def test_a_phrase_typed_with_accents_is_not_the_more_usual_word_without(index):
    # `prié` (participle) typed is not `Prie` (the operative verb of most resolutions).
    hits = search('"prié"', index=index, limit=100, fold=False).hits
    assert hits and all("prié" in h.text.lower() or "prie" not in h.text.lower() for h in hits)
    assert len(hits) < len(search('"prie"', index=index, limit=100, fold=False).hits)


def test_exact_wording_ranks_its_paragraph_first(index):
    text = ("Estime que, outre leurs responsabilités vis-à-vis de leur propre société, les États ont "
            "collectivement le devoir de faire respecter les principes de la dignité humaine")
    hits = search(text, index=index, limit=3, fold=False).hits
    assert {(h.symbol, h.number) for h in hits[:2]} == {("A/RES/68/160", 2), ("A/RES/65/218", 2)}
    # Re-adopted word for word: one hit, the other resolution under "also in".
    top = search(text, index=index, limit=3).hits[0]
    assert {top.symbol, top.also_in[0].symbol} == {"A/RES/68/160", "A/RES/65/218"}


def test_phrase_ranks_exact_phrase_above_scattered_words(index):
    phrase = search('"coopération technique"', index=index, limit=20).hits
    assert phrase and all("coopération technique" in h.text for h in phrase)
    loose = search("coopération technique", index=index, limit=50).hits
    assert len(loose) > len(phrase)


def test_rare_word_outweighs_frequent_ones(index):
    hits = search("droits homme coopération terrorisme", index=index, limit=3).hits
    assert "terrorisme" in hits[0].text


def test_filters_and_fields(index):
    assert {h.verb for h in search("coopération", index=index, verb="prie", limit=50)} == {"Prie"}
    assert {h.kind for h in search("coopération kind:operative", index=index, limit=50)} == {"operative"}
    assert {h.session for h in search("coopération", index=index, session=68, limit=50)} == {68}
    ranged = {h.session for h in search("coopération session:[60 TO 70]", index=index, limit=200)}
    assert ranged == {65, 68}
    assert {h.symbol for h in search('dialogue symbol:"68/160"', index=index, limit=50)} == {"A/RES/68/160"}
    organ = search('dialogue organ:"assemblee generale"', index=index, limit=50)
    assert {h.organ for h in organ} == {"Assemblée générale"}
    assert {h.verb for h in search("verb:reaffirme", index=index, limit=100)} == {"Réaffirme"}
    assert {h.symbol for h in search("coop* adopted:2013", index=index, limit=100)} == {"A/RES/68/160"}
    assert all(h.text.split()[0] == "Prend" for h in search('verb:"prend note"', index=index, limit=50))


def test_paging(index):
    first = search("coopération", index=index, limit=5, page=1).hits
    second = search("coopération", index=index, limit=5, page=2).hits
    assert len(first) == len(second) == 5
    assert not {(h.file, h.position) for h in first} & {(h.file, h.position) for h in second}


def test_no_paragraph_with_every_word_falls_back_to_some_words(index):
    results = search("coopération zanzibar", index=index)
    assert results.hits and results.notes


@pytest.mark.parametrize("query, message", [
    ("le la les", "only stop words"),
    ("", "empty query"),
])
def test_bad_queries_get_a_clear_message(index, query, message):
    with pytest.raises(QueryError, match=message):
        search(query, index=index)


@pytest.mark.parametrize("query, note", [
    ('"droits de l’homme', "plain words"),
    ("auteur:dupont coopération", "'auteur' is not a field"),
    ("Prie le Secrétaire général de présenter a) un rapport ; b) une note (voir https://undocs.org/A/68/1)",
     "plain words"),
])
def test_text_that_is_not_syntax_is_read_as_words(index, query, note):
    results = search(query, index=index)
    assert any(note in str(n) for n in results.notes)


def test_cli_query_json(index, run_cli):
    result = run_cli("query", "coopération Sud-Sud", "--index", index, "--json", "--limit", "3")
    assert result.exit_code == 0
    hits = jsonl(result.stdout)
    assert len(hits) == 3
    for hit in hits:
        assert tuple(hit) == HIT_KEYS
        assert "[Sud-Sud]" in hit["snippet"]
    assert hits[0]["score"] >= hits[1]["score"] >= hits[2]["score"]


def test_cli_query_plain_output_marks_matches(index, run_cli):
    out = run_cli("query", "haut-commissaire rapport", "--index", index, "--kind", "operative").stdout
    assert "[Haut-Commissaire]" in out and "op 32" in out and "Prend note" in out
    assert "\x1b[" not in out  # not a terminal: no colour codes


def test_cli_errors_are_one_line(index, run_cli, tmp_path):
    r = run_cli("query", "x", "--index", tmp_path / "nowhere")
    assert r.exit_code != 0 and "no index" in r.stderr and "ressearch index" in r.stderr
    assert len(r.stderr.strip().splitlines()) == 1
    r = run_cli("query", "le la", "--index", index)
    assert r.exit_code == 2 and "only stop words" in r.stderr and len(r.stderr.strip().splitlines()) == 1
    r = run_cli("query", "xyzzyq", "--index", index)
    assert r.exit_code == 0 and "no paragraph matches" in r.stdout


def test_index_location_from_environment(corpus, tmp_path, run_cli):
    env = {"RESSEARCH_INDEX": str(tmp_path / "env-index")}
    assert run_cli("index", corpus, env=env).exit_code == 0
    assert (tmp_path / "env-index").is_dir()
    assert "Sud-Sud" in run_cli("query", "sud-sud", env=env).stdout
    close_all()


def test_reindex_is_incremental(index, corpus):
    again = build(corpus, index=index, procs=1)
    assert (again.files_indexed, again.files_unchanged) == (0, 4)

    changed = corpus / SEEDS[3].name
    changed.write_text(changed.read_text(encoding="utf-8").replace("soixante-sixième", "soixante-septième"),
                       encoding="utf-8")
    (corpus / SEEDS[2].name).unlink()
    report = build(corpus, index=index, procs=1)
    assert (report.files_indexed, report.files_unchanged, report.files_removed) == (1, 2, 1)
    assert search("soixante-septième", index=index).hits
    assert not search("soixante-sixième", index=index, limit=50).hits or \
        all("sixième" not in h.text for h in search("soixante-sixième", index=index, limit=50).hits)
    assert not [h for h in search("coopération", index=index, limit=500) if h.symbol == "A/RES/68/160"]


def test_broken_file_is_skipped_and_the_run_goes_on(corpus, tmp_path):
    (corpus / "empty.txt").write_bytes(b"")
    (corpus / "sub").mkdir()
    (corpus / "sub" / "notes.md").write_text("Compte rendu de réunion sans résolution.", encoding="utf-8")
    report = build(corpus, index=tmp_path / "ix", procs=1)
    assert report.files_indexed == 4
    reasons = dict((Path(f).name, r) for f, r in report.skipped)
    assert reasons == {"empty.txt": "empty file", "notes.md": reasons["notes.md"]}
    assert "not a resolution" in reasons["notes.md"]


def test_interrupted_run_leaves_previous_index_usable(index, corpus, monkeypatch):
    before = len(search("coopération", index=index, limit=1000, fold=False).hits)
    for seed in SEEDS:
        shutil.copy(seed, corpus / f"copy_{seed.name}")
    calls = []

    def flaky(path, *a, **k):
        calls.append(path)
        if len(calls) == 3:
            raise KeyboardInterrupt
        return real(path, *a, **k)

    import indexer.indexing as b
    real = b.parse_resolutions
    monkeypatch.setattr(b, "parse_resolutions", flaky)
    with pytest.raises(KeyboardInterrupt):
        build(corpus, index=index, procs=1)
    monkeypatch.setattr(b, "parse_resolutions", real)
    close_all()
    assert len(search("coopération", index=index, limit=1000, fold=False).hits) == before
    finished = build(corpus, index=index, procs=1)
    assert finished.files_indexed == 4
    assert len(search("coopération", index=index, limit=1000, fold=False).hits) == 2 * before


def test_killed_process_leaves_index_usable(index, corpus):
    for i in range(60):
        for seed in SEEDS:
            shutil.copy(seed, corpus / f"k{i}_{seed.name}")
    before = len(search("coopération", index=index, limit=1000, fold=False).hits)
    proc = subprocess.Popen([sys.executable, "-m", "query.cli", "index", str(corpus), "--index", str(index)],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, start_new_session=True)
    time.sleep(1.0)
    os.killpg(proc.pid, signal.SIGKILL)
    proc.wait()
    close_all()
    assert len(search("coopération", index=index, limit=1000, fold=False).hits) >= before
    report = build(corpus, index=index)
    assert report.files_unchanged + report.files_indexed == 244
    close_all()
    assert search("coopération", index=index, limit=10).total >= 61 * before // 2


def test_second_writer_gets_a_clear_message(index, corpus):
    from whoosh import index as wi
    ix = wi.open_dir(str(index), indexname=INDEX_NAME)
    writer = ix.writer()
    try:
        (corpus / SEEDS[0].name).touch()
        os.utime(corpus / SEEDS[0].name, (1, 1))
        with pytest.raises(BuildError, match="another `ressearch index` is writing"):
            build(corpus, index=index, procs=1)
    finally:
        writer.cancel()


def test_index_of_another_version_asks_for_rebuild(index, corpus):
    for f in index.iterdir():
        f.rename(f.with_name(f.name.replace(INDEX_NAME, "ressearch_v0_0")))
    with pytest.raises(QueryError, match="re-index needed"):
        search("coopération", index=index)
    report = build(corpus, index=index, procs=1)  # replaced, not updated
    assert any("another version" in n for n in report.notes) and report.files_indexed == 4
    close_all()
    assert search("coopération", index=index).hits


def test_parallel_build_matches_serial(corpus, tmp_path):
    for i in range(5):
        for seed in SEEDS:
            shutil.copy(seed, corpus / f"p{i}_{seed.name}")
    serial = build(corpus, index=tmp_path / "a", procs=1)
    parallel = build(corpus, index=tmp_path / "b", procs=2)
    assert serial.paragraphs_indexed == parallel.paragraphs_indexed == 6 * 184
    q = '"droits de l\'homme" prie'
    assert search(q, index=tmp_path / "a").total == search(q, index=tmp_path / "b").total
    close_all()


def test_index_accepts_one_file_and_counts_in_words(tmp_path, run_cli):
    one = run_cli("index", SEEDS[2], "--index", tmp_path / "ix")
    assert one.exit_code == 0 and "indexed 1 file (23 paragraphs)" in one.stdout
    again = run_cli("index", SEEDS[2], "--index", tmp_path / "ix")
    assert "indexed 0 files (0 paragraphs), 1 unchanged, 0 removed" in again.stdout
    # indexing the file's folder afterwards adds the others and keeps it
    folder = run_cli("index", SEEDS[2].parent, "--index", tmp_path / "ix")
    assert "indexed 3 files" in folder.stdout and "1 unchanged" in folder.stdout


def test_an_index_of_another_version_is_rebuilt_by_index(tmp_path, run_cli):
    from whoosh import fields, index as whoosh_index

    old = tmp_path / "ix"
    old.mkdir()
    whoosh_index.create_in(str(old), fields.Schema(body=fields.TEXT(stored=True)), indexname="ressearch_v1_2")
    assert "another version" in run_cli("query", "droits", "--index", old).stderr
    r = run_cli("index", SEEDS[2], "--index", old)
    assert r.exit_code == 0 and "another version of ressearch (ressearch_v1_2); rebuilt" in r.stderr
    assert "indexed 1 file (23 paragraphs)" in r.stdout
    assert run_cli("query", "droits", "--index", old).exit_code == 0


PASTED = "demande aux Etats de promouvoir un acces equitable et universel aux vaccins contre la COVID-19 pour tous les pays"


@pytest.fixture
def two_resolutions(tmp_path):
    """An index of Human Rights Council resolutions: {file: (symbol, date, operative paragraphs[, title])},
    alone or (`among_topics`) with the resolutions of tests/topics, so that words have realistic frequencies."""
    def make(files: dict[str, tuple[str, str, list[str]]], among_topics: bool = False) -> Path:
        corpus = tmp_path / "corpus"
        corpus.mkdir()
        for f in sorted((Path(__file__).parent / "topics").glob("*.txt")) if among_topics else ():
            shutil.copy(f, corpus / f.name)
        for name, (symbol, date, operative, *title) in files.items():
            paras = "\n\n".join(f"     {i}. {text}" for i, text in enumerate(operative, 1))
            (corpus / name).write_text(
                f"Nations Unies                                                       A/HRC/RES/{symbol}\n\n"
                f"Conseil des droits de l’homme\nQuarante-septième session\n\n"
                f"Résolution adoptée par le Conseil des droits de l’homme le {date}\n\n"
                f"{symbol}. {title[0] if title else 'Accès universel aux vaccins'}\n\n     Le Conseil des droits de l’homme,\n\n"
                f"     Rappelant la résolution 60/251 de l’Assemblée générale en date du 15 mars 2006,\n\n"
                f"{paras}\n\n                                                   45e séance\n", encoding="utf-8")
        build(corpus, index=tmp_path / "index", procs=1)
        return tmp_path / "index"

    yield make
    close_all()


def test_a_pasted_passage_finds_the_closest_wording_before_a_paragraph_sharing_its_words(two_resolutions, monkeypatch):
    """A reworded paste (typed without accents): the agreed language it comes from shares its
    runs of words; a shorter paragraph holds every word in another order, so plain BM25
    prefers it. The wording (the passage's word pairs, which hold its frequent words) puts
    the agreed language first."""
    index = two_resolutions({
        "agreed.txt": ("47/12", "12 juillet 2021", [
            "Demande aux États de promouvoir l’accès équitable, abordable, rapide et universel de tous les pays "
            "aux vaccins contre la COVID-19, notamment en levant les obstacles injustifiés qui entravent leur "
            "production et leur distribution ;",
            "Prie la Haute-Commissaire de lui présenter un rapport sur la question ;"]),
        "other.txt": ("48/3", "7 octobre 2021", [
            "Considère que l’accès de tous les pays et États aux vaccins universels contre la COVID-19, demande "
            "équitable, est à promouvoir ;"])})
    first = lambda: search(PASTED, index=index, limit=2, fold=False).hits[0].symbol  # noqa: E731
    assert first() == "A/HRC/RES/47/12"
    import query.engine
    import query.execution

    monkeypatch.setattr(query.engine, "PASSAGE_BONUS", 0.0)  # the bonus the engine passes for pastes
    monkeypatch.setattr(query.execution, "COMMON_SHARE", 1.0)  # no word too frequent to count alone
    assert first() == "A/HRC/RES/48/3"  # by the words alone


def test_a_pasted_passage_ranks_a_formula_sharing_one_of_its_words_after_paragraphs_sharing_several(two_resolutions,
                                                                                                      monkeypatch):
    """`Décide de rester saisi de la question.` shares one word (`rester`) with a long paste and,
    being short, scores high on BM25 alone; paragraphs holding several of the passage's rarer
    words (`Moyen-Orient`, `règlement`) come first once the share of the passage each holds counts."""
    pasted = ("la situation au Moyen-Orient reste tendue et risque de le rester tant qu’un règlement d’ensemble "
              "portant sur tous les aspects du problème n’aura pas été trouvé")
    index = two_resolutions({
        "formula.txt": ("50/2", "6 juillet 2022", ["Décide de rester saisi de la question."]),
        "region.txt": ("50/3", "6 juillet 2022", [
            "Exprime sa préoccupation devant les tensions persistantes dans la région du Moyen-Orient et "
            "souligne qu’aucun règlement durable ne pourra être trouvé sans la participation de toutes "
            "les parties, conformément aux résolutions pertinentes de l’Organisation des Nations Unies ;"])},
        among_topics=True)

    def first_formula_and_last_sharer() -> tuple[int, int]:
        found = [h.text for h in search(pasted, index=index, limit=20, fold=False)]
        formula = min(i for i, t in enumerate(found) if t.startswith("Décide de rester saisi"))
        sharers = [i for i, t in enumerate(found) if "Moyen-Orient" in t and ("règlement" in t or "négociations" in t)]
        return formula, max(sharers)

    formula, sharer = first_formula_and_last_sharer()
    assert sharer < formula
    import query.ranking

    monkeypatch.setattr(query.ranking, "COVERAGE_POWER", 0.0)
    formula, sharer = first_formula_and_last_sharer()
    assert formula < sharer  # by BM25 and the wording alone


def test_a_long_paste_finds_a_paragraph_sharing_only_its_words_of_middling_frequency(two_resolutions, monkeypatch):
    """The embargo paragraph of resolution 418 (1977), pasted: its rarest words (`fourniture`,
    `connexe`, `munitions`, `véhicules`…) are a dozen, and a paragraph on the same subject in
    other words shares only middling ones (`militaire`, `Afrique`): it must still be found."""
    pasted = ("Décide que tous les États cesseront immédiatement toute fourniture à l’Afrique du Sud d’armes et "
              "de matériel connexe de tous types, y compris la vente ou le transfert d’armes et de munitions, "
              "de véhicules et de matériel militaires ;")
    index = two_resolutions({"collaboration.txt": ("50/4", "6 juillet 2022", [
        "Prie instamment tous les États de mettre fin à toute collaboration militaire avec l’Afrique du Sud ;"])},
        among_topics=True)
    found = lambda: [h.symbol for h in search(pasted, index=index, limit=30, fold=False)]  # noqa: E731
    assert found()[0] == "S/RES/418 (1977)" and "A/HRC/RES/50/4" in found()
    import query.execution

    monkeypatch.setattr(query.execution, "SELECT_POSTINGS", 0.0)  # only the eight rarest words select
    assert "A/HRC/RES/50/4" not in found()


def test_a_pasted_passage_is_found_by_its_words_the_corpus_holds_however_many_it_lacks(two_resolutions):
    """A paste whose rarest words are absent from the corpus (another topic's names, scanning
    damage): those select nothing, and the words the corpus holds still find its paragraphs."""
    index = two_resolutions({"region.txt": ("50/3", "6 juillet 2022", [
        "Exprime sa préoccupation devant les tensions persistantes dans la région du Moyen-Orient ;"])})
    pasted = ("Exprime sa préoccupation devant la recrudescence des affrontements armés entre milices rivales "
              "autour de Goma, Bunia et Uvira dans l’Ituri et le Nord-Kivu")
    assert [h.symbol for h in search(pasted, index=index, limit=5, fold=False)] == ["A/HRC/RES/50/3"]


def test_typed_words_found_side_by_side_come_before_the_same_words_scattered(two_resolutions, monkeypatch):
    """`droit alimentation`: a short paragraph with both words apart, and tf 2 of one, beats
    the longer one naming `le droit à l’alimentation` on BM25 alone; side by side wins."""
    index = two_resolutions({
        "named.txt": ("49/13", "1er avril 2022", [
            "Réaffirme que le droit à l’alimentation de chacun doit être respecté par tous les États, "
            "y compris dans les situations de conflit armé et les catastrophes naturelles ;",
            "Prie la Haute-Commissaire de lui présenter un rapport sur la question ;"]),
        "apart.txt": ("49/14", "1er avril 2022", [
            "Souligne le droit de chacun, le droit des peuples et l’alimentation des enfants ;"])})
    ranked = lambda: [h.symbol for h in search("droit alimentation", index=index, limit=2, fold=False)]  # noqa: E731
    assert ranked() == ["A/HRC/RES/49/13", "A/HRC/RES/49/14"]
    import query.engine

    monkeypatch.setattr(query.engine, "WORDING_BONUS", 0.0)
    assert ranked() == ["A/HRC/RES/49/14", "A/HRC/RES/49/13"]  # by the words alone


def test_a_resolution_titled_by_the_typed_words_comes_first_among_equals(two_resolutions, monkeypatch):
    """The same sentence in two resolutions: the one whose title names the topic is about it."""
    sentence = "Encourage les États à renforcer la coopération Sud-Sud et triangulaire dans le domaine de la santé ;"
    index = two_resolutions({
        "a_health.txt": ("47/20", "13 juillet 2021", [sentence], "Accès universel aux médicaments"),
        "b_south.txt": ("47/21", "13 juillet 2021", [sentence], "Coopération Sud-Sud pour le développement")})
    ranked = lambda: [h.symbol for h in search("cooperation sud-sud", index=index, limit=2, fold=False)]  # noqa: E731
    assert ranked() == ["A/HRC/RES/47/21", "A/HRC/RES/47/20"]
    import query.ranking

    monkeypatch.setattr(query.ranking, "TITLE_BONUS", 0.0)
    assert ranked() == ["A/HRC/RES/47/20", "A/HRC/RES/47/21"]  # a tie, in index order


def test_an_instrument_named_by_its_title_finds_its_subject_not_other_instruments_relative_to_something(
        two_resolutions):
    """`relatif à` is "concerning" in every instrument's title: `Convention relative aux droits
    de l’enfant` finds paragraphs on children's rights before one naming another convention
    `relative au statut des réfugiés`."""
    index = two_resolutions({
        "refugees.txt": ("50/5", "6 juillet 2022", [
            "Demande aux États qui ne l’ont pas encore fait d’adhérer à la Convention relative au statut "
            "des réfugiés ;"]),
        "children.txt": ("50/6", "6 juillet 2022", [
            "Souligne qu’il faut prêter une attention particulière aux droits des enfants vivant dans "
            "l’extrême pauvreté ;"])}, among_topics=True)
    found = [h.symbol for h in search("Convention relative aux droits de l'enfant", index=index, limit=10, fold=False)]
    assert found.index("A/HRC/RES/50/6") < found.index("A/HRC/RES/50/5")
