"""Search pages: the results page ``/search/``, the JSON API ``/api/search/``, OpenSearch.

Views stay thin: ``articles.search.query`` parses and runs the search, ``snippets`` marks the
hits. Both pages take the same parameters: ``q``, ``year``, ``reporter``, ``column``, ``from``,
``to`` (ISO dates), ``sort`` (relevance/newest/oldest) and ``page``.
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.search.query import (
    SORTS,
    Filters,
    IndexUnavailable,
    ParsedQuery,
    QueryError,
    parse_query,
    search,
)
from articles.search.snippets import highlight, snippet
from articles.research.facets import facet_groups
from articles.research.records import api_bylines, api_place

PER_PAGE = 20
MAX_PAGES = 50  # deeper than anyone reads; keeps every request's work bounded
SORT_LABELS = {"relevance": "相关度", "newest": "最新", "oldest": "最早"}
FACET_LABELS = {"year": "年份", "reporter": "记者", "column": "栏目"}
FILTER_PARAMS = ("year", "reporter", "column", "from", "to")


class BadSearch(ValueError):
    """A parameter we cannot use; the message says which and why (answered with 400)."""


@dataclass
class SearchRequest:
    raw: str
    parsed: ParsedQuery
    filters: Filters
    sort: str
    page: int


def _text_param(request, name: str, limit: int = 100) -> str:
    value = request.GET.get(name, "")
    value = value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "").strip()
    if len(value) > limit:
        raise BadSearch(f"参数 {name} 太长。")
    return value


def _date_param(request, name: str) -> dt.date | None:
    value = _text_param(request, name, 20)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise BadSearch(f"日期 {name}={value!r} 无法识别，请用 YYYY-MM-DD 格式，如 2023-08-18。") from None


def read_search_request(request) -> SearchRequest:
    """The search the request asks for. Raises BadSearch (400), QueryError (400) or Http404."""
    raw = request.GET.get("q", "")
    parsed = parse_query(raw)
    year_text = _text_param(request, "year", 10)
    year = None
    if year_text:
        if not year_text.isascii() or not year_text.isdigit() or not 1900 <= int(year_text) <= 2100:
            raise BadSearch(f"年份 {year_text!r} 无法识别，请写四位数字，如 2023。")
        year = int(year_text)
    filters = Filters(
        year=year,
        reporter=_text_param(request, "reporter") or None,
        column=_text_param(request, "column") or None,
        date_from=_date_param(request, "from"),
        date_to=_date_param(request, "to"),
    )
    sort = request.GET.get("sort", "relevance")
    if sort not in SORTS:
        sort = "relevance"
    page_text = request.GET.get("page", "1")
    if not (page_text.isascii() and page_text.isdigit()) or not 1 <= int(page_text) <= MAX_PAGES:
        raise Http404("没有这一页。")
    return SearchRequest(raw=parsed.raw, parsed=parsed, filters=filters, sort=sort, page=int(page_text))


def run_search(req: SearchRequest):
    """One page of results with the articles loaded; Http404 for a page past the end."""
    outcome = search(
        req.parsed, filters=req.filters, sort=req.sort, offset=(req.page - 1) * PER_PAGE, limit=PER_PAGE
    )
    pages = min(MAX_PAGES, max(1, math.ceil(outcome.count / PER_PAGE)))
    if req.page > pages:
        raise Http404("没有这一页。")
    ids = [hit.article_id for hit in outcome.hits]
    by_id = Article.objects.with_page().prefetch_related("bylines__person").in_bulk(ids)
    terms = req.parsed.include
    results = [
        {
            "article": by_id[pk],
            "headline": highlight(by_id[pk].headline, terms),
            "snippet": snippet(by_id[pk].paragraphs, terms),
        }
        for pk in ids
        if pk in by_id  # an article deleted since the index was written is skipped
    ]
    return outcome, results, pages


def _url(request, path: str, **changes) -> str:
    params = {k: v for k, v in request.GET.items() if k in ("q", "sort", *FILTER_PARAMS) and v}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"{path}?{urlencode(params)}" if params else path


@require_safe
def search_page(request):
    raw = request.GET.get("q", "")
    context = {"query": raw.replace("\x00", ""), "sort_labels": SORT_LABELS}
    try:
        req = read_search_request(request)
    except (QueryError, BadSearch) as exc:
        context["error"] = str(exc)
        return render(request, "search/error.html", context, status=400)
    context.update(sort=req.sort, filters=req.filters, parsed=req.parsed)
    if req.parsed.is_empty:
        context["needs_terms"] = bool(req.parsed.raw)
        return render(request, "search/search.html", context)
    try:
        outcome, results, pages = run_search(req)
    except IndexUnavailable:
        from newsarchive.middleware import search_unavailable_response

        return search_unavailable_response(request)
    path = reverse("search:page")
    context.update(
        searched=True,
        count=outcome.count,
        seconds=outcome.seconds,
        first_number=(req.page - 1) * PER_PAGE + 1,
        results=results,
        facets=facet_groups(request.GET, outcome.facets, lambda **changes: _url(request, path, **changes)),
        page=req.page,
        pages=pages,
        capped=outcome.count > MAX_PAGES * PER_PAGE,
        previous_url=_url(request, path, page=str(req.page - 1)) if req.page > 1 else None,
        next_url=_url(request, path, page=str(req.page + 1)) if req.page < pages else None,
        sort_links=[
            {"label": label, "url": _url(request, path, sort=key), "current": key == req.sort}
            for key, label in SORT_LABELS.items()
        ],
        active_filters=[
            {"label": label, "value": request.GET.get(name), "url": _url(request, path, **{name: None})}
            for name, label in (*FACET_LABELS.items(), ("from", "起"), ("to", "止"))
            if request.GET.get(name)
        ],
    )
    return render(request, "search/search.html", context)


def _json_error(message: str, status: int) -> JsonResponse:
    return JsonResponse({"error": message}, status=status, json_dumps_params={"ensure_ascii": False})


def allow_any_origin(view):
    """``Access-Control-Allow-Origin: *`` on the API's answers, errors included, so a script on
    any site can read them (GET/HEAD only; there is nothing to write and no cookie is used)."""
    from functools import wraps

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        response = view(request, *args, **kwargs)
        response["Access-Control-Allow-Origin"] = "*"
        return response

    return wrapped


@allow_any_origin
@require_safe
def search_api(request):
    try:
        req = read_search_request(request)
    except (QueryError, BadSearch) as exc:
        return _json_error(str(exc), 400)
    except Http404 as exc:
        return _json_error(str(exc), 404)
    if req.parsed.is_empty:
        return JsonResponse({"count": 0, "results": [], "next": None, "previous": None,
                             "facets": {name: [] for name in FACET_LABELS}})
    try:
        outcome, results, pages = run_search(req)
    except Http404 as exc:
        return _json_error(str(exc), 404)
    except IndexUnavailable:
        from newsarchive.middleware import search_unavailable_response

        return search_unavailable_response(request)
    path = reverse("search:api")

    def page_url(number):
        return request.build_absolute_uri(_url(request, path, page=str(number)))

    body = {
        "count": outcome.count,
        "results": [
            {
                "id": r["article"].pk,
                "url": request.build_absolute_uri(r["article"].get_absolute_url()),
                "headline": r["article"].headline,
                "issue_date": r["article"].page.issue.date_issued.isoformat(),
                **api_place(r["article"]),
                "bylines": api_bylines(r["article"]),
                "snippet": str(r["snippet"]),
            }
            for r in results
        ],
        "next": page_url(req.page + 1) if req.page < pages else None,
        "previous": page_url(req.page - 1) if req.page > 1 else None,
        "facets": {
            name: [{"value": value, "count": count} for value, count in outcome.facets.get(name, [])]
            for name in FACET_LABELS
        },
    }
    return JsonResponse(body, json_dumps_params={"ensure_ascii": False})


@require_safe
def opensearch(request):
    """OpenSearch description: lets a browser add the archive as a search engine."""
    return render(
        request,
        "search/opensearch.xml",
        {
            "html_url": request.build_absolute_uri(reverse("search:page")),
            "json_url": request.build_absolute_uri(reverse("search:api")),
            "self_url": request.build_absolute_uri(reverse("search:opensearch")),
        },
        content_type="application/opensearchdescription+xml; charset=utf-8",
    )


__all__ = ["opensearch", "search_api", "search_page"]
