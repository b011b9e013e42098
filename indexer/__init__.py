"""Text in → parsed resolution → paragraph documents → index."""

from .indexing import BuildError, BuildReport, build
from .model import Paragraph, ParseError, Resolution
from .parse import parse_bytes, parse_file, parse_text

__all__ = [
    "BuildError", "BuildReport", "Paragraph", "ParseError", "Resolution",
    "build", "parse_bytes", "parse_file", "parse_text",
]
