"""The local search page (`ressearch serve`): the query library behind HTML and a JSON API.

Every string from the corpus or the query is escaped by Jinja2; matches and diffs are
marked with control characters first and turned into <mark>/<del>/<ins> only after
escaping, so no corpus text can inject markup. Every word of the page comes from the one
table of messages (query/messages.py), in the page's language.
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
from .errors import BadQuery, IndexUnavailable, NotFound, QueryError
from .labels import kind_of, label, label_fr, names, parse_label
from .messages import date_text, msg, number
from .request import FILTERS, MAX_WINDOW, Filters, SearchRequest
from .sanitize import safe
from .tracing import copies_of_reference, fold_copies

PAGE_SIZE = 10
_OPEN, _CLOSE = "\x02", "\x03"  # match markers; corpus text never holds them (query/sanitize.py)
FACET_NAMES = ("organ", "session", "kind", "verb", "addressee")
# Searches the home page offers, each showing a part of the query language.
EXAMPLES = ('"coopération Sud-Sud"', 'verb:prie "droit au développement"', "racisme session:[60 TO 70]")


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


def _whole_url(symbol: str) -> str:
    return f"/r/{quote(symbol, safe='/')}"


def _resolution_url(hit) -> str:
    return f"{_whole_url(hit.symbol or '')}?para={_anchor(hit)}#{_anchor(hit)}"


def _trace_url(hit, by: str | None = None) -> str:
    params = {"ref": f"{hit.symbol}:{_anchor(hit)}"}
    if by and by != "similarity":
        params["by"] = by
    return "/trace?" + urlencode(params)


def _int(value: str | None, default: int, name: str) -> int:
    try:
        return int(value) if value not in (None, "") else default
    except ValueError:
        raise BadQuery(msg("whole_number", name=name, value=value)) from None


def page_numbers(page: int, last: int, around: int = 2) -> list[int | None]:
    """Page numbers a pager shows: the first, the last, and `around` each side of `page`;
    None where numbers are left out (1 … 4 5 [6] 7 8 … 20)."""
    shown = sorted({1, last, *range(max(1, page - around), min(last, page + around) + 1)})
    out: list[int | None] = []
    for n in shown:
        if out and n - (out[-1] or 0) > 1:
            out.append(None)
        out.append(n)
    return out


def last_page(results, folded: bool = True) -> int:
    """The last page a pager may offer. Unfolded, the exact total says it; folded, copies make
    fewer hits than paragraphs, so `total` only bounds it: offer the next page if one exists."""
    if not results.more:
        return results.page
    if results.exact_total and not folded:
        return min(results.pages, MAX_WINDOW // results.limit)
    return results.page + 1


def create_app(engine: Engine | str | os.PathLike | None = None, lang: str = "fr") -> Starlette:
    """The web application over one engine (or the index at a path; None: the default index)."""
    owned = not isinstance(engine, Engine)
    if owned:
        engine = Engine(engine)

    @contextlib.asynccontextmanager
    async def lifespan(app):
        yield
        if owned:
            engine.close()

    def t(key: str, **params) -> str:
        return msg(key, **params).text(lang)

    def tn(key: str, n: int, **params) -> str:
        return msg(key, n=n, count=number(n, lang), **params).text(lang)

    def kind_name(value) -> str:
        kind = kind_of(str(value))
        return t(f"kind_{kind}") if kind else str(value)

    templates = Jinja2Templates(directory=str(Path(__file__).with_name("templates")))
    templates.env.globals.update(
        highlight=_highlight, diff=_diff, label=label, anchor=_anchor,
        # The UN's French paragraph names on a French page, `op 3` / `pre 2` on an English one.
        para_label=(label_fr if lang == "fr" else lambda p, short=False: label(p)),
        resolution_url=_resolution_url, whole_url=_whole_url, trace_url=_trace_url, basename=lambda f: Path(f or "").name,
        facet_names=FACET_NAMES, t=t, tn=tn, lang=lang, kind_name=kind_name,
        date=lambda iso: date_text(iso, lang), decimal=lambda x: f"{x:.2f}".replace(".", "," if lang == "fr" else "."),
        search_url=lambda text: "/?" + urlencode({"q": text}))

    def render(request: Request, name: str, context: dict, status: int = 200) -> HTMLResponse:
        # The query typed is echoed (title, search box): escaped by Jinja, and its control
        # characters, which a link may carry as `%1B`, replaced like the corpus's.
        context = {**context, "q": safe(context.get("q") or "")}
        return templates.TemplateResponse(request, name, context, status_code=status)

    def error_page(request: Request, error: QueryError | None, status: int, title: str, *,
                   text: str | None = None, search: str | None = None) -> HTMLResponse:
        detail = None
        if isinstance(error, IndexUnavailable):
            # The reason comes from the index store, in English, for whoever runs the server.
            error, text, detail = None, t("unavailable_help"), str(error)
        return render(request, "error.html", {
            "title": t(title), "message": error.text(lang) if error is not None else text, "search": search,
            "detail": detail}, status)

    def query_error_page(request: Request, error: QueryError) -> HTMLResponse:
        # A query error with no page of its own: a bad request, or the index unavailable.
        return error_page(request, error, error.http_status,
                          "title_unavailable" if error.http_status == 503 else "title_bad_request")

    def _filters(request: Request) -> dict:
        return {name: request.query_params.get(name, "").strip() for name in FILTERS
                if request.query_params.get(name, "").strip()}

    def page(request: Request) -> Response:
        q = request.query_params.get("q", "").strip()
        filters = _filters(request)
        if not (q or filters):
            return render(request, "home.html", {"stats": engine.stats(), "examples": EXAMPLES})

        def url(**changes) -> str:
            params = {"q": q, **filters, **changes}
            return "/?" + urlencode({k: v for k, v in params.items() if v not in (None, "")})

        try:
            page_no = _int(request.query_params.get("page"), 1, "page")
            results = engine.search(SearchRequest(text=q, filters=Filters.from_values(filters), page=page_no,
                                                  limit=PAGE_SIZE, mark=(_OPEN, _CLOSE), facets=True))
        except QueryError as e:
            return query_error_page(request, e)
        last = last_page(results)
        return render(request, "search.html", {
            "q": q, "filters": filters, "results": results, "page": results.page,
            "last": results.first + len(results.hits) - 1, "last_page": last,
            # Past the last page: only the way back to the first.
            "page_numbers": page_numbers(results.page, last) if results.hits else [1],
            "facet_url": lambda name, value: url(**{name: value}, page=None),
            "remove_url": lambda name: url(**{name: None}, page=None),
            "page_url": lambda n: url(page=n if n > 1 else None),
            "facet_label": lambda name, value: kind_name(value) if name == "kind" else value,
            "is_active": lambda name, value: _active(filters.get(name), name, value),
        })

    def resolution_page(request: Request) -> Response:
        symbol = request.path_params["symbol"]
        try:
            copies = engine.resolution(symbol)
        except NotFound as e:
            return error_page(request, e, 404, "title_no_resolution", search=symbol)
        except QueryError as e:
            return query_error_page(request, e)
        para = request.query_params.get("para", "").strip()
        wanted = parse_label(para) if para else None
        target = next((_anchor(p) for p in copies[0] if wanted and names(p, *wanted)), None)
        return render(request, "resolution.html", {
            "first": copies[0][0], "paragraphs": copies[0], "others": copies[1:], "target": target,
            "para": para if para and target is None else None})

    def trace_page(request: Request) -> Response:
        ref = request.query_params.get("ref", "").strip()
        text = request.query_params.get("text", "").strip()
        by = request.query_params.get("by", "similarity")
        try:
            result = engine.trace(ref or None, text=None if ref else text, by=by)
        except NotFound as e:
            symbol = ref.rpartition(":")[0] if ":" in ref else ref
            title = "title_no_resolution" if e.message.key == "no_resolution" else "title_no_paragraph"
            return error_page(request, e, 404, title, search=symbol or None)
        except QueryError as e:
            return query_error_page(request, e)

        def order_url(order: str) -> str:
            params = {"ref": ref} if ref else {"text": text}
            if order != "similarity":
                params["by"] = order
            return "/trace?" + urlencode(params)

        own, others = copies_of_reference(result.reference, result.hits)
        return render(request, "trace.html", {
            "ref": ref, "result": result, "by": by, "groups": fold_copies(others), "reference_copies": own,
            "order_url": order_url})

    def api_search(request: Request) -> Response:
        try:
            search_request = SearchRequest(
                text=request.query_params.get("q", ""), filters=Filters.from_values(_filters(request)),
                page=_int(request.query_params.get("page"), 1, "page"),
                limit=_int(request.query_params.get("limit"), PAGE_SIZE, "limit"),
                fold=request.query_params.get("fold", "1") != "0", facets=True)
            results = engine.search(search_request)
        except QueryError as e:
            return JSONResponse({"error": str(e)}, status_code=e.http_status)
        return JSONResponse(results.to_dict())

    def api_trace(request: Request) -> Response:
        ref, text = request.query_params.get("ref"), request.query_params.get("text")
        try:
            result = engine.trace(ref or None, text=None if ref else (text or ""),
                                  by=request.query_params.get("by", "similarity"))
        except QueryError as e:
            return JSONResponse({"error": str(e)}, status_code=e.http_status)
        body = {"reference": ref, "hits": [h.to_dict() for h in result.hits]}
        if result.history is not None:
            body["history"] = result.history.to_dict()
        return JSONResponse(body)

    async def not_found(request: Request, exc) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "unknown address"}, status_code=404)
        return error_page(request, None, 404, "title_no_page", text=t("no_page"))

    async def server_error(request: Request, exc) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": "internal error: the request could not be answered"}, status_code=500)
        return error_page(request, None, 500, "title_internal", text=t("internal"))

    async def unavailable(request: Request, exc: IndexUnavailable) -> Response:
        if request.url.path.startswith("/api/"):
            return JSONResponse({"error": str(exc)}, status_code=503)
        return error_page(request, exc, 503, "title_unavailable")

    return Starlette(
        routes=[
            Route("/", page),
            Route("/r/{symbol:path}", resolution_page),
            Route("/trace", trace_page),
            Route("/api/search", api_search),
            Route("/api/trace", api_trace),
        ],
        exception_handlers={404: not_found, 500: server_error, IndexUnavailable: unavailable},
        lifespan=lifespan,
    )


def _active(current: str | None, name: str, value) -> bool:
    # The kind filter may be typed in either language (dispositif = operative).
    if current is None:
        return False
    if name == "kind":
        return kind_of(current) == kind_of(str(value))
    return current == str(value)
