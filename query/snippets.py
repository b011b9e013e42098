"""Highlighted snippets: the best window of a paragraph around the words a query matched."""

from __future__ import annotations

from indexer.analysis import TOKEN_PATTERN, gram_parts, normalize

WINDOW = 40  # words shown around the matches of a long paragraph


def query_terms(terms) -> set[str]:
    """Body terms of a query, with pair terms (`droit+homm`) split into their words."""
    out = set()
    for term in terms:
        out.update(gram_parts(term))
    return out


def _matches(surface: str, terms: set[str]) -> bool:
    term, parts = normalize(surface)
    return term in terms or any(p in terms for p in parts)


def snippet(text: str, terms: set[str], mark: tuple[str, str] = ("[", "]"), window: int = WINDOW) -> str:
    """`text` cut to the window with the most distinct matches, each match wrapped in `mark`."""
    tokens = [(m.start(), m.end(), m.group()) for m in TOKEN_PATTERN.finditer(text)]
    hits = [i for i, (_, _, word) in enumerate(tokens) if _matches(word, terms)]
    first, last = 0, len(tokens)
    if len(tokens) > window:
        first = _best_window(tokens, hits, window)
        last = first + window
    if not tokens:
        return text
    start = 0 if first == 0 else tokens[first][0]
    end = len(text) if last >= len(tokens) else tokens[last - 1][1]
    out, cursor = [], start
    for i in hits:
        if first <= i < last:
            s, e, word = tokens[i]
            out += [text[cursor:s], mark[0], word, mark[1]]
            cursor = e
    out.append(text[cursor:end])
    body = "".join(out)
    return ("… " if start > 0 else "") + body + (" …" if end < len(text) else "")


def _best_window(tokens, hits, window: int) -> int:
    # Most distinct matched words in the window, earliest on ties; slide over hit starts only.
    if not hits:
        return 0
    best, best_score = 0, -1
    for h in hits:
        first = max(0, min(h - 3, len(tokens) - window))
        words = {tokens[i][2].lower() for i in hits if first <= i < first + window}
        score = len(words) * 100 + sum(1 for i in hits if first <= i < first + window)
        if score > best_score:
            best, best_score = first, score
    return best
