"""Copies of one paragraph (an OCR'd and a clean file, or re-adopted word for word) shown
as one hit, represented by its cleanest copy."""

from __future__ import annotations

from .similarity import is_copy

_ACCENTED = frozenset("àâäçéèêëîïôöùûüÿœÀÂÇÉÈÊËÎÏÔÙÛŒ")
_BUCKET = 64  # characters: copies differ in length by at most a tenth plus a little


def fold(searcher, ranked: list[tuple[float | None, int]], limit: int, wanted: int,
         file_clean=None) -> list[tuple[float | None, int, list[int]]]:
    """Group ranked (score, docnum) under the best-ranked copy: [(score, docnum, copies)].

    Pages of `limit` groups are made in rank order, and a page is sealed when the next
    page's first group appears: a later copy of a sealed group is a hit of its own. So a
    page's content never depends on how far the ranking was read, and paging shows every
    paragraph exactly once. A hit is compared only with groups of about its length on the
    current page. Stops once `wanted` groups exist. The representative of a group is its
    cleanest copy (most accented letters: scans lose accents); between copies of one
    resolution as clean as each other, the one whose whole file is cleaner
    (`file_clean(file)`), so a scan never stands for the clean text because one paragraph
    happened to survive scanning intact.
    """
    def cleaner(doc: int, text: str, other_doc: int, other: str) -> bool:
        mine, theirs = cleanliness(text), cleanliness(other)
        if mine != theirs or file_clean is None:
            return mine > theirs
        a, b = searcher.stored_fields(doc), searcher.stored_fields(other_doc)
        # Two copies of one resolution (a scan and a clean text): the cleaner file wins.
        return a.get("symbol") == b.get("symbol") and file_clean(a["file"]) > file_clean(b["file"])

    groups: list[list] = []  # [score, docnum, copies, text]
    by_length: dict[int, list[list]] = {}  # the current page's groups by length
    for score, doc in ranked:
        text = searcher.stored_fields(doc)["body"]
        bucket = len(text) // _BUCKET
        for group in (g for b in (bucket - 1, bucket, bucket + 1) for g in by_length.get(b, ())):
            other = group[3]
            if abs(len(text) - len(other)) <= len(other) // 10 + 20 and is_copy(other, text):
                if cleaner(doc, text, group[1], other):
                    group[1], doc, group[3] = doc, group[1], text
                group[2].append(doc)
                break
        else:
            if len(groups) >= wanted:
                break
            if len(groups) % limit == 0:
                by_length = {}  # a new page: the previous one is sealed
            group = [score, doc, [], text]
            groups.append(group)
            by_length.setdefault(bucket, []).append(group)
    return [(score, doc, copies) for score, doc, copies, _ in groups]


def cleanliness(text: str) -> int:
    """Accented letters in the text: a clean copy has them, a scan loses some."""
    return sum(1 for ch in text if ch in _ACCENTED)


def file_cleanliness(searcher, cache: dict, file: str) -> float:
    """Accented letters per character over a whole indexed file (cached per index generation)."""
    scores = cache.setdefault("file_cleanliness", {})
    if file not in scores:
        texts = [searcher.stored_fields(d)["body"] for d in searcher.document_numbers(file=file)]
        chars = sum(len(t) for t in texts)
        scores[file] = sum(cleanliness(t) for t in texts) / chars if chars else 0.0
    return scores[file]
