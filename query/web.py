"""The local search page (`ressearch serve`): the query library behind HTML and a JSON API.

Every string from the corpus or the query is escaped by Jinja2; matches and diffs are
marked with control characters first and turned into <mark>/<del>/<ins> only after
escaping, so no corpus text can inject markup.
"""

from __future__ import annotations

import os
import threading
from pathlib import Path
from urllib.parse import urlencode, quote

from markupsafe import Markup, escape
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.templating import Jinja2Templates

from .render import label
from .searching import FILTERS, QueryError, search
from .trace import resolution, trace

PAGE_SIZE = 10
_OPEN, _CLOSE = "\x02", "\x03"  # match markers, never present in decoded corpus text
FACET_NAMES = [("organ", "Organe"), ("session", "Session"), ("kind", "Type"), ("verb", "Verbe")]
KIND_LABELS = {"preambular": "préambule", "operative": "dispositif"}

# Whoosh readers share file handles: one request at a time reads the index.
_index_lock = threading.Lock()


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
    return f"op{p.number}" if p.kind == "operative" else f"pre{p.position}"


def _resolution_url(hit) -> str:
    return f"/r/{quote(hit.symbol or '', safe='/')}?para={_anchor(hit)}#{_anchor(hit)}"


def _trace_url(hit) -> str:
    return "/trace?" + urlencode({"ref": f"{hit.symbol}:{_anchor(hit)}"})


def create_app(index: str | os.PathLike | None = None) -> Starlette:
    """The web application over one index (None: the default index)."""
    templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
    env = templates.env
    env.globals.update(highlight=_highlight, diff=_diff, label=label, anchor=_anchor,
                       resolution_url=_resolution_url, trace_url=_trace_url,
                       trace_ref_url=_trace_url, basename=lambda f: Path(f).name,
                       facet_names=FACET_NAMES)

    def _filters(request: Request) -> dict:
        filters = {}
        for name in FILTERS:
            value = request.query_params.get(name, "").strip()
            if value:
                filters[name] = value
        return filters

    def page(request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        filters = _filters(request)
        try:
            page_no = max(1, int(request.query_params.get("page", "1")))
        except ValueError:
            page_no = 1
        context = {"q": q, "filters": filters, "page": page_no, "results": None, "error": None}
        status = 200

        def url(**changes) -> str:
            params = {"q": q, **filters, **changes}
            return "/?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})

        context.update(
            facet_url=lambda name, value: url(**{name: value}, page=None),
            remove_url=lambda name: url(**{name: None}, page=None),
            page_url=lambda n: url(page=n),
            facet_label=lambda name, value: KIND_LABELS.get(value, value) if name == "kind" else value,
        )
        if q:
            try:
                with _index_lock:
                    results = search(q, index=index, limit=PAGE_SIZE, page=page_no, mark=(_OPEN, _CLOSE),
                                     facets=True, **_coerce(filters))
            except QueryError as e:
                context["error"] = str(e)
                status = 400
            else:
                first = (page_no - 1) * PAGE_SIZE + 1
                context.update(results=results, first=first, last=first + len(results.hits) - 1)
        return templates.TemplateResponse(request, "search.html", context, status_code=status)

    def resolution_page(request: Request) -> Response:
        symbol = request.path_params["symbol"]
        try:
            with _index_lock:
                copies = resolution(symbol, index)
        except QueryError as e:
            return _error_page(templates, request, str(e), 404)
        target = request.query_params.get("para", "").replace(" ", "")
        return templates.TemplateResponse(request, "resolution.html", {
            "q": "", "first": copies[0][0], "paragraphs": copies[0], "others": copies[1:], "target": target})

    def trace_page(request: Request) -> Response:
        ref = request.query_params.get("ref", "")
        try:
            with _index_lock:
                result = trace(ref, index=index)
        except QueryError as e:
            return templates.TemplateResponse(request, "trace.html", {"q": "", "ref": ref, "error": str(e)},
                                              status_code=404 if "no " in str(e) else 400)
        return templates.TemplateResponse(request, "trace.html", {"q": "", "ref": ref, "result": result})

    def api_search(request: Request) -> Response:
        q = request.query_params.get("q", "")
        try:
            limit = min(100, max(1, int(request.query_params.get("limit", str(PAGE_SIZE)))))
            page_no = max(1, int(request.query_params.get("page", "1")))
        except ValueError:
            return JSONResponse({"error": "limit and page must be whole numbers"}, status_code=400)
        try:
            with _index_lock:
                results = search(q, index=index, limit=limit, page=page_no, facets=True,
                                 fold=request.query_params.get("fold", "1") != "0", **_coerce(_filters(request)))
        except QueryError as e:
            return JSONResponse({"error": str(e)}, status_code=400)
        hits = []
        for hit in results.hits:
            data = hit.to_dict()
            data.pop("title", None)
            hits.append(data)
        facets = {k: [[v, n] for v, n in vals] for k, vals in results.facets.items()}
        return JSONResponse({"query": q, "page": page_no, "total": results.total, "notes": results.notes,
                             "hits": hits, "facets": facets})

    def api_trace(request: Request) -> Response:
        ref, text = request.query_params.get("ref"), request.query_params.get("text")
        try:
            with _index_lock:
                result = trace(ref or None, text=text, index=index)
        except QueryError as e:
            return JSONResponse({"error": str(e)}, status_code=400)
        return JSONResponse({"reference": ref, "hits": [h.to_dict() for h in result.hits]})

    async def not_found(request: Request, exc) -> Response:
        return _error_page(templates, request, "Page inconnue.", 404)

    async def server_error(request: Request, exc) -> Response:
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
    )


def _coerce(filters: dict) -> dict:
    out = dict(filters)
    if "session" in out:
        try:
            out["session"] = int(out["session"])
        except ValueError:
            raise QueryError(f"session must be a number, not {out['session']!r}") from None
    return out


def _error_page(templates, request: Request, message: str, status: int) -> HTMLResponse:
    return templates.TemplateResponse(request, "search.html", {
        "q": "", "filters": {}, "page": 1, "results": None, "error": message,
        "facet_url": None, "remove_url": None, "page_url": None, "facet_label": None,
    }, status_code=status)
