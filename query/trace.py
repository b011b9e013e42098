"""Agreed language: where a paragraph's wording was adopted before, and how it changed."""

from __future__ import annotations

import os
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path

from whoosh import query as wq

from indexer import store

from .render import label
from .searching import QueryError, open_searcher
from .similarity import similarity, stems, word_diff

MIN_SIMILARITY = 0.25  # below this, paragraphs share words but not language (see bench/trace_quality.py)
CANDIDATES = 300  # paragraphs fetched by their rare words before similarity is measured
SELECT_WORDS = 12  # how many of the reference's rarest words select those candidates
_REF = re.compile(r"^(?P<symbol>.+?)\s*:\s*(?P<kind>op|pre)\s*(?P<number>\d+)$", re.IGNORECASE)


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
        return {k: data[k] for k in ("file", "symbol", "session", "adopted", "kind", "number", "position",
                                     "verb", "similarity", "text", "diff")}


@dataclass
class Trace:
    """The reference paragraph (None for a typed passage) and the paragraphs like it."""

    reference: Paragraph | None
    text: str
    hits: list[TraceHit]


def _paragraph(stored: dict, cls=Paragraph, **extra) -> Paragraph:
    adopted = stored.get("adopted")
    return cls(
        file=stored["file"], symbol=stored.get("symbol"), organ=stored.get("organ"),
        session=stored.get("session"), adopted=adopted.date().isoformat() if adopted else None,
        kind=stored["kind"], number=stored.get("number"), position=stored["position"],
        verb=stored.get("verb"), text=stored["body"], title=stored.get("title"), **extra,
    )


def resolution(symbol: str, index: str | os.PathLike | None = None) -> list[list[Paragraph]]:
    """Every copy (file) of the resolution with this symbol, each as its paragraphs in order."""
    from indexer.schema import symbol_key

    searcher = open_searcher(store.resolve(index))
    docs = list(searcher.documents(symbol=symbol_key(symbol)))
    if not docs:
        raise QueryError(f"no resolution {symbol!r} in the index (try `ressearch query 'symbol:…'` or a full symbol like A/RES/68/160)")
    by_file: dict[str, list[Paragraph]] = {}
    for d in docs:
        by_file.setdefault(d["file"], []).append(_paragraph(d))
    copies = [sorted(ps, key=lambda p: p.position) for ps in by_file.values()]
    # The copy with most paragraphs first, then by name: the fullest text is the reference.
    return sorted(copies, key=lambda ps: (-len(ps), ps[0].file))


def find_paragraph(ref: str, index: str | os.PathLike | None = None) -> Paragraph:
    """The paragraph named by `68/160:op1`, `65/218:pre3` or `FILE#POSITION`."""
    ref = ref.strip()
    if "#" in ref:
        file, _, pos = ref.rpartition("#")
        if not pos.isdigit():
            raise QueryError(f"bad reference {ref!r}: after # comes the paragraph's position (FILE#5)")
        searcher = open_searcher(store.resolve(index))
        path = str(Path(file).resolve())
        for d in searcher.documents(file=path):
            if d["position"] == int(pos):
                return _paragraph(d)
        raise QueryError(f"no paragraph {pos} in {path} (is the file indexed?)")
    m = _REF.match(ref)
    if not m:
        raise QueryError(f"bad reference {ref!r}: write SYMBOL:opN or SYMBOL:preN (68/160:op1) or FILE#POSITION")
    kind = "operative" if m.group("kind").lower() == "op" else "preambular"
    number = int(m.group("number"))
    copies = resolution(m.group("symbol"), index)
    for p in copies[0]:
        if p.kind == kind and (p.number == number if kind == "operative" else p.position == number):
            return p
    label = f"op {number}" if kind == "operative" else f"pre {number}"
    raise QueryError(f"{m.group('symbol')} has no paragraph {label}")


def trace(
    ref: str | None = None,
    *,
    text: str | None = None,
    index: str | os.PathLike | None = None,
    limit: int = 20,
    by: str = "similarity",
    min_similarity: float = MIN_SIMILARITY,
) -> Trace:
    """Paragraphs of the corpus that carry the same language as a reference paragraph or passage."""
    if by not in ("similarity", "date"):
        raise QueryError("--by must be similarity or date")
    reference = None
    if ref:
        reference = find_paragraph(ref, index)
        text = reference.text
    if not text or not text.strip():
        raise QueryError("nothing to trace: give a paragraph reference or a non-empty --text")
    words = sorted(set(stems(text)))
    if not words:
        raise QueryError("nothing to trace: the passage has only stop words")
    searcher = open_searcher(store.resolve(index))
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
    for r in searcher.search(wq.Or([wq.Term("body", w) for w in rarest]), limit=CANDIDATES):
        stored = r.fields()
        if reference and stored["file"] == reference.file and stored["position"] == reference.position:
            continue
        score = similarity(text, stored["body"], idf)
        if score >= min_similarity:
            hits.append(_paragraph(stored, TraceHit, similarity=round(score, 3)))
    hits.sort(key=lambda h: -h.similarity)
    hits = hits[:limit]
    for hit in hits:
        hit.diff = word_diff(text, hit.text)
    if by == "date":
        hits.sort(key=lambda h: (h.adopted or "9999", h.session if h.session is not None else 9999, -h.similarity))
    return Trace(reference=reference, text=text, hits=hits)
