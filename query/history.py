"""A clause's history: the versions of a paragraph across resolutions, in date order (pure).

Built from `trace` hits: copies of one text (an OCR'd and a clean file, the same paragraph
re-adopted word for word) fold into one version that lists where else it was adopted, and
each version carries its word diff against the previous version (what changed at that
step) and against the reference.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from typing import TYPE_CHECKING

from .folding import cleanliness
from .messages import Message, msg

if TYPE_CHECKING:  # a trace hit or the reference paragraph (tracing imports this module)
    from .tracing import Paragraph as ParagraphLike
from .similarity import is_copy, word_diff

Segments = list[tuple[str, str]]  # [(op, text)], op in equal/delete/insert


@dataclass
class Version:
    """One wording of the clause: where it was first adopted, and every copy of it."""

    symbol: str | None
    organ: str | None
    session: int | None
    adopted: str | None  # ISO date, None when the text does not state it
    kind: str
    number: int | None
    position: int
    file: str
    verb: str | None
    text: str
    ordinal: int | None  # place in its resolution (labels count preambular paragraphs by it)
    similarity: float | None  # to the reference; None for the reference itself
    is_reference: bool = False
    also_in: list[str] = field(default_factory=list)  # other symbols with this text, in date order
    files: list[str] = field(default_factory=list)  # every file holding this text (copies included)
    diff_previous: Segments | None = None  # from the previous version's text; None for the first
    diff_reference: Segments = field(default_factory=list)  # from the reference text

    @property
    def when(self) -> str:
        """The adoption year, else `session N`, else `undated`."""
        return self.when_in("en")

    def when_in(self, lang: str) -> str:
        """`when` in the reader's language (`2013`, `53e session`, `sans date`)."""
        if self.adopted:
            return self.adopted[:4]
        return msg("session_n", n=self.session).text(lang) if self.session is not None else msg("undated").text(lang)

    def name(self, lang: str = "en") -> str:
        """`A/RES/68/160 (2013)`: the symbol (else the file) and when; a Council symbol has its year already."""
        when = self.when_in(lang)
        if self.symbol and f"({when})" in self.symbol:
            return self.symbol
        return f"{self.symbol or self.file} ({when})"


@dataclass
class Summary:
    """First adoption, number of changes, last change."""

    first: Version | None
    changes: int
    last_change: Version | None  # the last version that changed the wording; None if never

    def message(self, lang: str = "en") -> Message:
        """The summary as a message of the table (names of versions in `lang`)."""
        if self.first is None:
            return msg("history_none")
        if not self.changes or self.last_change is None:
            return msg("history_unchanged", first=self.first.name(lang))
        return msg("history_changes", n=self.changes, first=self.first.name(lang),
                   last=self.last_change.name(lang))

    def line(self, lang: str = "en") -> str:
        """`first adopted in 65/218 (2010), changed 2 times, last in 68/160 (2013)`."""
        return self.message(lang).text(lang)


@dataclass
class History:
    """The versions of a clause in date order, with a summary."""

    reference_text: str
    versions: list[Version]
    summary: Summary

    def to_dict(self) -> dict:
        """JSON shape: versions (diffs as [op, text] lists), and the summary with its line."""
        return {
            "reference_text": self.reference_text,
            "versions": [asdict(v) for v in self.versions],
            "summary": {
                "line": self.summary.line(), "changes": self.summary.changes,
                "first": self.summary.first.symbol if self.summary.first else None,
                "last_change": self.summary.last_change.symbol if self.summary.last_change else None,
            },
        }


def _order(p: ParagraphLike) -> tuple:
    # Dated versions by date; undated ones after them, by session (a draft has no date).
    # Among copies of one resolution the cleanest text comes first and so represents them.
    return (p.adopted is None, p.adopted or "", p.session if p.session is not None else 10**6,
            p.symbol or "", -cleanliness(p.text), p.file, p.position)


def _version(p: ParagraphLike, reference_text: str, is_reference: bool) -> Version:
    return Version(
        symbol=p.symbol, organ=getattr(p, "organ", None), session=p.session, adopted=p.adopted, kind=p.kind,
        number=p.number, position=p.position, file=p.file, verb=p.verb, text=p.text,
        ordinal=getattr(p, "ordinal", None),
        similarity=None if is_reference else getattr(p, "similarity", None), is_reference=is_reference,
        files=[p.file], diff_reference=word_diff(reference_text, p.text),
    )


def history(reference_text: str, hits: Iterable[ParagraphLike], reference: ParagraphLike | None = None) -> History:
    """The clause history of `reference_text` from its trace hits (and the reference paragraph, if any).

    A hit joins an existing version when its text is a copy of that version's (`is_copy`:
    same words up to OCR damage) and it is a copy of the same resolution, of the same date, or
    of the version just before it (re-adopted word for word); otherwise it starts a new one.
    """
    items = [(h, False) for h in hits] + ([(reference, True)] if reference is not None else [])
    items.sort(key=lambda item: _order(item[0]))
    versions: list[Version] = []
    for p, is_ref in items:
        home = _home(versions, p)
        if home is None:
            v = _version(p, reference_text, is_ref)
            if versions:
                v.diff_previous = word_diff(versions[-1].text, v.text)
            versions.append(v)
            continue
        if p.file not in home.files:
            home.files.append(p.file)
        if p.symbol and p.symbol != home.symbol and p.symbol not in home.also_in:
            home.also_in.append(p.symbol)
        if is_ref:
            home.is_reference = True
    changes = len(versions) - 1 if versions else 0
    summary = Summary(first=versions[0] if versions else None, changes=changes,
                      last_change=versions[-1] if changes else None)
    return History(reference_text=reference_text, versions=versions, summary=summary)


def _home(versions: list[Version], p: ParagraphLike) -> Version | None:
    # The version this paragraph is a copy of: same resolution, same date, or the latest one.
    for i, v in enumerate(versions):
        latest = i == len(versions) - 1
        same_text_group = (p.symbol is not None and v.symbol == p.symbol) or (
            p.adopted is not None and v.adopted == p.adopted) or latest
        if same_text_group and is_copy(v.text, p.text):
            return v
    return None
