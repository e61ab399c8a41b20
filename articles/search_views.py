"""Search pages: the results page ``/search/``, the JSON API ``/api/search/``, OpenSearch.

Views stay thin: ``articles.search.forms`` reads the parameters and runs the search through
haystack (``ArchiveSearchForm``, ``run_search_form``), ``snippets`` marks the hits. Both pages take
the same parameters: ``q``, ``year``, ``reporter``, ``column``, ``from``, ``to`` (ISO dates),
``sort`` (relevance/newest/oldest), ``mode`` (exact/words) and ``page``.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import Http404, JsonResponse
from django.shortcuts import render
from django.urls import reverse
from django.views.decorators.http import require_safe

from articles.models import Article
from articles.search.forms import MATCH_LABELS, PER_PAGE, ArchiveSearchForm, SearchPage, run_search_form
from articles.search.language import QUOTES
from articles.search.query import IndexUnavailable
from articles.search.snippets import highlight, snippet
from articles.research.facets import facet_groups
from articles.research.records import api_bylines, api_place

MAX_PAGES = 50  # deeper than anyone reads; keeps every request's work bounded
SORT_LABELS = {"relevance": "相关度", "newest": "最新", "oldest": "最早"}
FACET_LABELS = {"year": "年份", "reporter": "记者", "column": "栏目", "paper": "报纸"}
FILTER_PARAMS = ("year", "reporter", "column", "paper", "print_page", "from", "to")


class BadSearch(ValueError):
    """A parameter we cannot use; the message says which and why (answered with 400)."""


@dataclass
class SearchRequest:
    """A checked search request: the form's reading of the parameters, and the page asked for."""

    form: ArchiveSearchForm
    page: int

    @property
    def raw(self) -> str:
        return self.form.parsed.raw

    @property
    def parsed(self):
        return self.form.parsed

    @property
    def filters(self):
        return self.form.filters

    @property
    def sort(self) -> str:
        return self.form.cleaned_data["sort"]

    @property
    def mode(self) -> str:
        return self.form.cleaned_data["mode"]


def read_search_request(request) -> SearchRequest:
    """The checked search form and page number. Raises BadSearch (400) or Http404."""
    form = ArchiveSearchForm(request.GET)
    if not form.is_valid():
        raise BadSearch(form.first_error())
    page_text = request.GET.get("page", "1")
    if not (page_text.isascii() and page_text.isdigit()) or not 1 <= int(page_text) <= MAX_PAGES:
        raise Http404("没有这一页。")
    return SearchRequest(form=form, page=int(page_text))


def run_search(req: SearchRequest) -> tuple[SearchPage, list[dict], int]:
    """One page of results with the articles loaded and marked; Http404 for a page past the end."""
    found = run_search_form(req.form, page=req.page, per_page=PER_PAGE)
    pages = min(MAX_PAGES, max(1, math.ceil(found.count / PER_PAGE)))
    if req.page > pages:
        raise Http404("没有这一页。")
    ids = [int(r.pk) for r in found.results]
    by_id = Article.objects.with_page().prefetch_related("bylines__person").in_bulk(ids)
    terms = found.marked
    results = [
        {
            "article": by_id[pk],
            "headline": highlight(by_id[pk].headline, terms),
            "snippet": snippet(by_id[pk].paragraphs, terms),
        }
        for pk in ids
        if pk in by_id  # an article deleted since the index was written is skipped
    ]
    return found, results, pages


def _url(request, path: str, **changes) -> str:
    params = {k: v for k, v in request.GET.items() if k in ("q", "sort", "mode", *FILTER_PARAMS) and v}
    for key, value in changes.items():
        if value is None:
            params.pop(key, None)
        else:
            params[key] = value
    return f"{path}?{urlencode(params)}" if params else path


def echo(raw: str) -> str:
    """The query as typed, in quotes once: a query that has its own quotes is shown as it is."""
    return raw if any(c in QUOTES or c in QUOTES.values() for c in raw) else f"“{raw}”"


def _words_notice(request, found: SearchPage) -> dict | None:
    """What the page says when the words answered instead of the exact text."""
    if found.match != "words":
        return None
    path = reverse("search:page")
    return {
        "query": found.parsed.raw,
        "words": list(found.answered.include) if found.answered else found.words,
        "asked": found.mode == "words",
        "exact_url": _url(request, path, mode="exact", page=None),
    }


@require_safe
def search_page(request):
    raw = request.GET.get("q", "")
    context = {"query": raw.replace("\x00", ""), "sort_labels": SORT_LABELS, "match_labels": MATCH_LABELS,
               # 修改检索: the advanced page, filled in with this search (its own parameters)
               "advanced_url": _url(request, reverse("research:advanced"), page=None) if raw else reverse("research:advanced")}
    try:
        req = read_search_request(request)
    except BadSearch as exc:
        context["error"] = str(exc)
        return render(request, "search/error.html", context, status=400)
    parsed, page = req.parsed, req.page
    context.update(sort=req.sort, filters=req.filters, parsed=parsed, mode=req.mode)
    if parsed.is_empty:
        context["needs_terms"] = bool(parsed.raw)
        return render(request, "search/search.html", context)
    try:
        found, results, pages = run_search(req)
    except IndexUnavailable as exc:
        from newsarchive.middleware import search_unavailable_response

        return search_unavailable_response(request, getattr(exc, "reader_message", None))
    path = reverse("search:page")
    context.update(
        searched=True,
        count=found.count,
        count_exact=found.count_exact,
        seconds=found.seconds,
        match=found.match,
        words_notice=_words_notice(request, found),
        notes=found.notes,
        echo=echo(parsed.raw),
        words_url=_url(request, path, mode="words", page=None),
        first_number=(page - 1) * PER_PAGE + 1,
        results=results,
        facets=facet_groups(request.GET, found.facets, lambda **changes: _url(request, path, **changes)),
        page=page,
        pages=pages,
        capped=found.count > MAX_PAGES * PER_PAGE,
        previous_url=_url(request, path, page=str(page - 1)) if page > 1 else None,
        next_url=_url(request, path, page=str(page + 1)) if page < pages else None,
        sort_links=[
            {"label": label, "url": _url(request, path, sort=key, page=None), "current": key == found.sort}
            for key, label in SORT_LABELS.items()
        ],
        active_filters=[
            {"label": label, "value": request.GET.get(name), "url": _url(request, path, **{name: None})}
            for name, label in (*FACET_LABELS.items(), ("print_page", "版次"), ("from", "起"), ("to", "止"))
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
    except BadSearch as exc:
        return _json_error(str(exc), 400)
    except Http404 as exc:
        return _json_error(str(exc), 404)
    page = req.page
    if req.parsed.is_empty:
        return JsonResponse({"count": 0, "count_exact": True, "match": "exact", "results": [], "next": None, "previous": None,
                             "facets": {name: [] for name in FACET_LABELS}})
    try:
        found, results, pages = run_search(req)
    except Http404 as exc:
        return _json_error(str(exc), 404)
    except IndexUnavailable as exc:
        from newsarchive.middleware import search_unavailable_response

        return search_unavailable_response(request, getattr(exc, "reader_message", None))
    path = reverse("search:api")

    def page_url(number):
        return request.build_absolute_uri(_url(request, path, page=str(number)))

    body = {
        "count": found.count,
        # Beyond 10,000 candidates the engine estimates the count (the page says 约 N):
        # count_exact is then false and count_bounds gives the engine's [lower, upper].
        "count_exact": found.count_exact,
        "match": found.match,
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
        "next": page_url(page + 1) if page < pages else None,
        "previous": page_url(page - 1) if page > 1 else None,
        "facets": {
            name: [{"value": value, "count": count} for value, count in found.facets.get(name, [])]
            for name in FACET_LABELS
        },
    }
    if not found.count_exact and found.count_bounds:
        body["count_bounds"] = [int(found.count_bounds[0]), int(found.count_bounds[1])]
    if found.match == "words":
        body["words"] = list(found.answered.include) if found.answered else found.words
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
