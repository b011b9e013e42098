"""The local search page (`ressearch serve`): the query library behind HTML and a JSON API.

Every string from the corpus or the query is escaped by Jinja2; matches and diffs are
marked with control characters first and turned into <mark>/<del>/<ins> only after
escaping, so no corpus text can inject markup.
"""

from __future__ import annotations

import contextlib
import os
from pathlib import Path
from urllib.parse import urlencode, quote

from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from .engine import Engine
from .messages import msg
from .errors import BadQuery, IndexUnavailable, NotFound, QueryError
from .labels import KIND_FR, label
from .request import FILTERS, Filters, SearchRequest

PAGE_SIZE = 10
_OPEN, _CLOSE = "\x02", "\x03"  # match markers; corpus text never holds them (query/sanitize.py)
FACET_NAMES = [("organ", "Organe"), ("session", "Session"), ("kind", "Type"), ("verb", "Verbe"),
               ("addressee", "Destinataire")]
STATUS = {BadQuery: 400, NotFound: 404, IndexUnavailable: 503}


def _status(error: QueryError) -> int:
    return next((code for cls, code in STATUS.items() if isinstance(error, cls)), 400)


def _highlight(text: str) -> Markup:
    return Markup(str(escape(text)).replace(_OPEN, "<mark>").replace(_CLOSE, "</mark>"))


def _diff(segments) -> Markup:
    tags = {"delete": ("<del>", "</del>"), "insert": ("<ins>", "</ins>")}
    out = []
    for op, text in segments:
        start, end = tags.get(op, ("", ""))
        out.append(f"{start}{escape(text)}{end}")
    return Markup(" ".join(out))


def _anchor(p) -> str:
    return label(p).replace(" ", "")


def _resolution_url(hit) -> str:
    return f"/r/{quote(hit.symbol or '', safe='/')}?para={_anchor(hit)}#{_anchor(hit)}"


def _trace_url(hit) -> str:
    return "/trace?" + urlencode({"ref": f"{hit.symbol}:{_anchor(hit)}"})


def _int(value: str | None, default: int, name: str) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        raise BadQuery(msg("whole_number", name=name, value=value)) from None


def create_app(engine: Engine | str | os.PathLike | None = None) -> Starlette:
    """The web application over one engine (or the index at a path; None: the default index)."""
    owned = not isinstance(engine, Engine)
    if owned:
        engine = Engine(engine)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        if owned:
            engine.close()
    templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
    env = templates.env
    env.globals.update(highlight=_highlight, diff=_diff, label=label, anchor=_anchor,
                       resolution_url=_resolution_url, trace_url=_trace_url,
                       trace_ref_url=_trace_url, basename=lambda f: Path(f).name,
                       facet_names=FACET_NAMES, kind_fr=KIND_FR)

    def _filters(request: Request) -> dict:
        return {name: request.query_params.get(name, "").strip() for name in FILTERS
                if request.query_params.get(name, "").strip()}

    def page(request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        filters = _filters(request)
        context = {"q": q, "filters": filters, "page": 1, "results": None, "error": None}
        status = 200

        def url(**changes) -> str:
            params = {"q": q, **filters, **changes}
            return "/?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})

        context.update(
            facet_url=lambda name, value: url(**{name: value}, page=None),
            remove_url=lambda name: url(**{name: None}, page=None),
            page_url=lambda n: url(page=n),
            facet_label=lambda name, value: KIND_FR.get(value, value) if name == "kind" else value,
        )
        if q or filters:
            try:
                page_no = max(1, _int(request.query_params.get("page"), 1, "page"))
                context["page"] = page_no
                results = engine.search(SearchRequest(text=q, filters=Filters.from_values(filters), page=page_no,
                                                      limit=PAGE_SIZE, mark=(_OPEN, _CLOSE), facets=True))
            except QueryError as e:
                context["error"] = e.text("fr")
                status = _status(e)
            else:
                context.update(results=results, first=results.first, last=results.first + len(results.hits) - 1)
        return templates.TemplateResponse(request, "search.html", context, status_code=status)

    def resolution_page(request: Request) -> Response:
        symbol = request.path_params["symbol"]
        try:
            copies = engine.resolution(symbol)
        except QueryError as e:
            return _error_page(templates, request, e.text("fr"), _status(e))
        target = request.query_params.get("para", "").replace(" ", "")
        return templates.TemplateResponse(request, "resolution.html", {
            "q": "", "first": copies[0][0], "paragraphs": copies[0], "others": copies[1:], "target": target})

    def trace_page(request: Request) -> Response:
        ref = request.query_params.get("ref", "")
        by = request.query_params.get("by", "similarity")
        try:
            result = engine.trace(ref or None, text=None if ref else "", by=by)
        except QueryError as e:
            return templates.TemplateResponse(request, "trace.html", {"q": "", "ref": ref, "error": e.text("fr")},
                                              status_code=_status(e))
        return templates.TemplateResponse(request, "trace.html", {"q": "", "ref": ref, "result": result, "by": by})

    def api_search(request: Request) -> Response:
        try:
            search_request = SearchRequest(
                text=request.query_params.get("q", ""), filters=Filters.from_values(_filters(request)),
                page=_int(request.query_params.get("page"), 1, "page"),
                limit=_int(request.query_params.get("limit"), PAGE_SIZE, "limit"),
                fold=request.query_params.get("fold", "1") != "0", facets=True)
            results = engine.search(search_request)
        except QueryError as e:
            return JSONResponse({"error": str(e)}, status_code=_status(e))
        return JSONResponse(results.to_dict())

    def api_trace(request: Request) -> Response:
        ref, text = request.query_params.get("ref"), request.query_params.get("text")
        try:
            result = engine.trace(ref or None, text=None if ref else (text or ""),
                                  by=request.query_params.get("by", "similarity"))
        except QueryError as e:
            return JSONResponse({"error": str(e)}, status_code=_status(e))
        return JSONResponse({"reference": ref, "hits": [h.to_dict() for h in result.hits]})

    async def not_found(request: Request, exc) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "unknown address"}, status_code=404)
        return _error_page(templates, request, "Page inconnue.", 404)

    async def server_error(request: Request, exc) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "internal error: the request could not be answered"}, status_code=500)
        return _error_page(templates, request, "Erreur interne : la requête n’a pas pu aboutir.", 500)

    return Starlette(
        routes=[
            Route("/", page),
            Route("/r/{symbol:path}", resolution_page),
            Route("/trace", trace_page),
            Route("/api/search", api_search),
            Route("/api/trace", api_trace),
        ],
        exception_handlers={404: not_found, 500: server_error},
        lifespan=lifespan,
    )


def _error_page(templates, request: Request, message: str, status: int) -> HTMLResponse:
    return templates.TemplateResponse(request, "search.html", {
        "q": "", "filters": {}, "page": 1, "results": None, "error": message,
        "facet_url": None, "remove_url": None, "page_url": None, "facet_label": None,
    }, status_code=status)
