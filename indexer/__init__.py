"""Text in → parsed resolution → paragraph documents → index."""

from .model import Paragraph, ParseError, Resolution
from .parse import parse_bytes, parse_file, parse_text

__all__ = ["Paragraph", "ParseError", "Resolution", "parse_bytes", "parse_file", "parse_text"]
