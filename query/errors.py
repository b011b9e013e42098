"""The errors a search can end in. Each carries a `Message` (query/messages.py): str() is the
English line for the terminal and JSON, `.message.text("fr")` the French one for the web page."""

from __future__ import annotations

from .messages import Message


class QueryError(Exception):
    """A search that cannot be answered; `exit_code` and `http_status` say how the CLI and
    the web app report it."""

    exit_code = 2
    http_status = 400

    def __init__(self, message: Message | str):
        self.message = message if isinstance(message, Message) else Message("raw", {"text": message})
        super().__init__(str(self.message))

    def text(self, lang: str = "en") -> str:
        """The message in `lang` (en or fr)."""
        return self.message.text(lang)


class BadQuery(QueryError):
    """The query or a filter value cannot be read (CLI exit 2, web 400)."""


class NotFound(QueryError):
    """A resolution, paragraph or page that the index does not hold (CLI exit 3, web 404)."""

    exit_code = 3
    http_status = 404


class IndexUnavailable(QueryError):
    """No usable index at the path (missing, empty, another version, damaged; CLI exit 4, web 503)."""

    exit_code = 4
    http_status = 503
