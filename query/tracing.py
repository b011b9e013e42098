"""Agreed language: where a paragraph's wording was adopted before, and how it changed."""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, field

import numpy as np
from whoosh import query as wq

from indexer import symbols

from .messages import msg
from .errors import BadQuery, NotFound
from .folding import cleanliness
from .history import History, history
from .labels import label
from .request import date_of
from .sanitize import stored_text
from .similarity import is_copy, similarity, stems, word_diff

MIN_SIMILARITY = 0.25  # below this, paragraphs share words but not language (see bench/trace_quality.py)
CANDIDATES = 300  # paragraphs fetched by their rare words before similarity is measured
SELECT_WORDS = 12  # how many of the reference's rarest words select those candidates
_REF = re.compile(r"^(?P<symbol>.+?)\s*:\s*(?P<kind>op|pre|annex)\s*(?P<number>\d+)$", re.IGNORECASE)


@dataclass
class Paragraph:
    """A stored paragraph, as `trace` and `show` present it."""

    file: str
    symbol: str | None
    organ: str | None
    session: int | None
    adopted: str | None
    kind: str
    number: int | None
    position: int
    verb: str | None
    text: str
    title: str | None = None
    ordinal: int | None = None  # place in its resolution
    path: str | None = None  # the file's absolute path (`file` is relative to the corpus folder)
    annex: str | None = None  # kind "annex": the title of the annex

    @property
    def label(self) -> str:
        """`op 3` / `pre 2`."""
        return label(self)


@dataclass
class TraceHit(Paragraph):
    """A paragraph carrying the reference's language."""

    similarity: float = 0.0
    diff: list = field(default_factory=list)  # [(op, text)], op in equal/delete/insert

    def to_dict(self) -> dict:
        """The JSON shape of `ressearch trace --json`."""
        data = asdict(self)
        out = {k: data[k] for k in ("file", "symbol", "session", "adopted", "kind", "number", "position",
                                    "verb", "similarity", "text")}
        out.update(label=self.label, diff=[list(segment) for segment in self.diff])
        return out


@dataclass
class Trace:
    """The reference paragraph (None for a typed passage) and the paragraphs like it; ordered
    by date, also the clause history those paragraphs make."""

    reference: Paragraph | None
    text: str
    hits: list[TraceHit]
    history: History | None = None


@dataclass
class Folded:
    """A trace hit shown once for all its copies (the cleanest copy represents them)."""

    hit: TraceHit
    copies: list[TraceHit]


def fold_copies(hits) -> list[Folded]:
    """Trace hits grouped with their copies (same words up to OCR damage), in the order of
    each group's first hit; the cleanest copy (most accented letters) represents a group."""
    groups: list[list] = []
    for hit in hits:
        group = next((g for g in groups if is_copy(g[0].text, hit.text)), None)
        if group is None:
            groups.append([hit])
        else:
            group.append(hit)
    out = []
    for group in groups:
        best = max(group, key=lambda h: cleanliness(h.text))  # max keeps the first among equals
        out.append(Folded(best, [h for h in group if h is not best]))
    return out


def copies_of_reference(reference, hits) -> tuple[list, list]:
    """(other copies of the reference resolution's paragraph, the remaining hits): a scan of
    the reference is not a place its language was adopted again."""
    if reference is None:
        return [], list(hits)
    own = [h for h in hits if h.symbol == reference.symbol and is_copy(reference.text, h.text)]
    return own, [h for h in hits if not any(h is o for o in own)]


def _paragraph(stored: dict, cls=Paragraph, **extra) -> Paragraph:
    stored = stored_text(stored)
    return cls(
        file=stored["file"], symbol=stored.get("symbol"), organ=stored.get("organ"),
        session=stored.get("session"), adopted=date_of(stored.get("adopted")),
        kind=stored["kind"], number=stored.get("number"), position=stored["position"],
        verb=stored.get("verb"), text=stored["body"], title=stored.get("title"),
        ordinal=stored.get("ordinal"), annex=stored.get("annex"), **extra,
    )


def resolution_copies(searcher, symbol: str) -> list[list[Paragraph]]:
    """Every copy (file) of the resolution with this symbol (any printed form), the cleanest first."""
    from .folding import cleanliness

    key = symbols.key(symbol)
    if not key:
        raise BadQuery(msg("which_resolution"))
    by_copy: dict[tuple, list[Paragraph]] = {}
    for docnum in searcher.document_numbers(symbol=key):
        d = searcher.stored_fields(docnum)
        by_copy.setdefault((d["file"], d.get("symbol")), []).append(_paragraph(d))
    if not by_copy:
        raise NotFound(msg("no_resolution", symbol=symbol))
    copies = [sorted(ps, key=lambda p: p.position) for ps in by_copy.values()]
    # The cleanest text (OCR loses accents) represents the resolution, then the fullest.
    return sorted(copies, key=lambda ps: (-cleanliness(" ".join(p.text for p in ps)), -len(ps), ps[0].file))


def find_paragraph(searcher, ref: str, root: str = "") -> Paragraph:
    """The paragraph named by `68/160:op1`, `65/218:pre3` or `FILE#POSITION` (indexed paragraphs only)."""
    ref = (ref or "").strip()
    if "#" in ref:
        file, _, pos = ref.rpartition("#")
        if not pos.isdigit() or not file:
            raise BadQuery(msg("bad_position_ref", ref=ref))
        # Only the index is consulted, never the file system: the name is matched as given,
        # then as an absolute path (no symlinks followed).
        for name in dict.fromkeys((file, os.path.abspath(file), os.path.join(root, file) if root else file)):
            for docnum in searcher.document_numbers(file=name):
                d = searcher.stored_fields(docnum)
                if d["position"] == int(pos):
                    return _paragraph(d)
        raise NotFound(msg("no_paragraph_in_file", position=pos, file=file))
    m = _REF.match(ref)
    if not m:
        raise BadQuery(msg("bad_ref", ref=ref))
    kind = {"op": "operative", "pre": "preambular", "annex": "annex"}[m.group("kind").lower()]
    number = int(m.group("number"))
    copies = resolution_copies(searcher, m.group("symbol"))
    for p in copies[0]:
        if p.kind == kind and (p.number == number if kind != "preambular" else (p.ordinal or p.position) == number):
            return p
    raise NotFound(msg("no_paragraph", symbol=m.group("symbol"), label=f"{m.group('kind').lower()} {number}"))


def _candidates(searcher, words: list[str], idf, postings) -> list[int]:
    """The CANDIDATES paragraphs sharing most of the (rare) words, by BM25 over them, best
    first (ties: the earlier paragraph)."""
    if postings is None:
        return [r.docnum for r in searcher.search(wq.Or([wq.Term("body", w) for w in words]), limit=CANDIDATES)]
    from .ranking import bm25

    k1 = searcher.weighting.K1
    parts = [(idf(w), postings(w)) for w in words]
    # One dense accumulator over the index: a reference's words may each be in a tenth of a
    # million paragraphs, too many postings to add up one by one.
    scores = np.zeros(searcher.doc_count_all())
    for w_idf, p in parts:
        scores += np.bincount(p.ids, weights=bm25(w_idf, p.weights, k1), minlength=len(scores))
    held = np.flatnonzero(scores)
    if len(held) > CANDIDATES:
        floor = np.partition(scores[held], len(held) - CANDIDATES)[len(held) - CANDIDATES]
        held = held[scores[held] >= floor]  # the best CANDIDATES and those tied with the last
    order = np.lexsort((held, -scores[held]))
    return held[order][:CANDIDATES].tolist()


def trace_in(
    searcher,
    ref: str | None = None,
    *,
    text: str | None = None,
    limit: int = 20,
    by: str = "similarity",
    min_similarity: float = MIN_SIMILARITY,
    postings=None,
    root: str = "",
) -> Trace:
    """Paragraphs of the corpus that carry the same language as a reference paragraph or passage.

    `postings(word)` gives a word's cached postings as arrays (query.vectors.Postings, the
    engine's cache); the candidates are then scored from them with numpy instead of by Whoosh.
    """
    if by not in ("similarity", "date"):
        raise BadQuery(msg("trace_order"))
    if (ref is None) == (text is None):
        raise BadQuery(msg("trace_what"))
    reference = None
    if ref is not None:
        reference = find_paragraph(searcher, ref, root)
        text = reference.text
    if not text or not text.strip():
        raise BadQuery(msg("trace_empty"))
    words = sorted(set(stems(text)))
    if not words:
        raise BadQuery(msg("trace_stop_words"))
    idf_cache: dict[str, float] = {}

    def idf(word: str) -> float:
        if word not in idf_cache:
            idf_cache[word] = searcher.idf("body", word)
        return idf_cache[word]

    # Candidates come from the index by the reference's rarest words: a paragraph with the
    # same language shares most of them, and a union of a few short posting lists is quick.
    present = [w for w in words if searcher.doc_frequency("body", w)]
    rarest = sorted(present, key=lambda w: -idf(w))[:SELECT_WORDS]
    if not rarest:
        return Trace(reference=reference, text=text, hits=[])
    hits = []
    for docnum in _candidates(searcher, rarest, idf, postings):
        stored = searcher.stored_fields(docnum)
        if reference and stored["file"] == reference.file and stored["position"] == reference.position:
            continue
        score = similarity(text, stored["body"], idf)
        if score >= min_similarity:
            hits.append(_paragraph(stored, TraceHit, similarity=round(score, 3)))
    hits.sort(key=lambda h: (-h.similarity, h.file, h.position))
    hits = hits[:limit]
    for hit in hits:
        hit.diff = word_diff(text, hit.text)
    if by == "date":
        hits.sort(key=lambda h: (h.adopted or "9999", h.session if h.session is not None else 9999, -h.similarity))
        return Trace(reference=reference, text=text, hits=hits, history=history(text, hits, reference))
    return Trace(reference=reference, text=text, hits=hits)


def trace(ref: str | None = None, *, text: str | None = None, index=None, limit: int = 20, by: str = "similarity",
          min_similarity: float | None = None) -> Trace:
    """Library shortcut: `query.searching.trace` on the index at `index`."""
    from .searching import trace as run

    return run(ref, text=text, index=index, limit=limit, by=by, min_similarity=min_similarity)


def resolution(symbol: str, index=None) -> list[list[Paragraph]]:
    """Library shortcut: `query.searching.resolution` on the index at `index`."""
    from .searching import resolution as run

    return run(symbol, index)
