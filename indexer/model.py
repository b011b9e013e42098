"""Plain data for a parsed resolution: the record and its paragraphs."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field


@dataclass
class Paragraph:
    """One preambular, operative or annex paragraph, its body cleaned onto one line."""

    kind: str  # "preambular" | "operative" | "annex" (a numbered paragraph of an annex)
    number: int | None  # operative or annex number (annexes number their own); None for preambular
    verb: str | None  # introductory word, accented, initial capital ("Réaffirme", "Prend note")
    text: str  # whole body from the introductory word to its end
    annex: str | None = None  # the annex's title, for kind "annex"


@dataclass
class Resolution:
    """A parsed resolution: metadata read from its header plus its paragraphs."""

    file: str
    symbol: str | None = None  # number as printed: "68/160", "53/...", "2394 (2017)"
    organ: str | None = None
    session: int | None = None
    document_type: str | None = None  # "resolution" | "draft_resolution"
    adopted: str | None = None  # ISO date
    title: str | None = None
    doc_symbol: str | None = None  # full document symbol, printed or derived from the organ: "A/RES/68/160"
    paragraphs: list[Paragraph] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        """The JSON shape of `ressearch parse --json`."""
        return asdict(self)


class ParseError(Exception):
    """A file that cannot be read as a resolution; str() is the one-line reason."""
