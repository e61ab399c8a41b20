"""Pages of the research tools. Thin: formatting lives in ``citations`` / ``exports`` /
``trend``, searching behind ``searching.find``, records in ``records``."""

from __future__ import annotations

import datetime as dt
from urllib.parse import urlencode

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.safestring import mark_safe
from django.views.decorators.http import require_safe

from articles.models import Article, Issue

from . import searching
from .citations import bibtex, ris
from .exports import MAX_EXPORT, results_csv
from .forms import AdvancedSearchForm, fields_from_search
from .records import reference_for, today
from .trend import MAX_QUERIES, month_trend, trend_csv, year_trend
from .trend_chart import COLOURS, DASHES, trend_svg

MAX_COLUMN_CHOICES = 300
ARTICLES = Article.objects.with_page().prefetch_related("bylines__person")


def download(body: str, filename: str, content_type: str) -> HttpResponse:
    response = HttpResponse(body, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def _reference(request, pk: int):
    article = get_object_or_404(ARTICLES, pk=pk)
    return reference_for(article, request.build_absolute_uri(article.get_absolute_url()))


@require_safe
def article_ris(request, pk: int):
    return download(ris([_reference(request, pk)]), f"jnwb-{pk}.ris", "application/x-research-info-systems")


@require_safe
def article_bibtex(request, pk: int):
    return download(bibtex([_reference(request, pk)]), f"jnwb-{pk}.bib", "application/x-bibtex")


# --------------------------------------------------------------------------- exports of results

EXPORT_FORMATS = {
    "csv": ("text/csv", "csv"),
    "ris": ("application/x-research-info-systems", "ris"),
    "bib": ("application/x-bibtex", "bib"),
}


def _search_request_or_400(request):
    """The results page's own parameters (q, filters, sort), or a 400 page saying what is wrong."""
    from articles.search_views import BadSearch, read_search_request

    try:
        return read_search_request(request), None
    except BadSearch as exc:
        return None, render(request, "search/error.html", {"error": str(exc), "query": request.GET.get("q", "")},
                            status=400)


def ordered_articles(ids: list[int]) -> list[Article]:
    by_id = ARTICLES.in_bulk(ids)
    return [by_id[pk] for pk in ids if pk in by_id]


@require_safe
def results_export(request, fmt: str):
    """/search/export.csv|ris|bib?q=…: the current results, in the page's order, up to 1,000."""
    search_request, error = _search_request_or_400(request)
    if error:
        return error
    if search_request.parsed.is_empty:
        return render(request, "search/error.html", {"error": "导出需要搜索词。", "query": ""}, status=400)
    found = searching.find_form(search_request.form, limit=MAX_EXPORT)
    accessed = today()
    refs = [reference_for(a, request.build_absolute_uri(a.get_absolute_url()), accessed)
            for a in ordered_articles(found.ids)]
    content_type, extension = EXPORT_FORMATS[fmt]
    body = {"csv": results_csv, "ris": ris, "bib": bibtex}[fmt](refs)
    response = download(body, f"jnwb-search-{accessed:%Y%m%d}.{extension}", content_type)
    response["X-Result-Count"] = str(found.count)
    return response


# --------------------------------------------------------------------------- 高级检索


@require_safe
def advanced_search(request):
    """/search/advanced/: the form; filled in, it sends the reader to the ordinary /search/ URL.

    Given a results page's own parameters (``q`` and its filters: the 修改检索 link), the form
    opens filled in with that search, to refine it."""
    papers = sorted(set(Issue.objects.order_by().values_list("paper__name", flat=True).distinct()))
    columns = list(Article.objects.exclude(section="").order_by().values_list("section", flat=True)
                   .distinct()[:MAX_COLUMN_CHOICES])
    choices = {"papers": [str(p) for p in papers], "columns": sorted(columns)}
    if "q" in request.GET:  # the form never sends q: this is a search to refine
        initial, faithful = fields_from_search(request.GET)
        params = {k: v for k, v in request.GET.items() if k in REFINED_PARAMS and v}
        return render(request, "research/advanced.html", {
            "form": AdvancedSearchForm(initial=initial, **choices),
            "refining": {"query": request.GET.get("q", ""), "faithful": faithful,
                         "url": f"{reverse('search:page')}?{urlencode(params)}"},
        })
    bound = any(name in request.GET for name in AdvancedSearchForm.base_fields)
    form = AdvancedSearchForm(request.GET if bound else None, **choices)
    if bound and form.is_valid():
        return redirect(form.search_url(reverse("search:page")))
    return render(request, "research/advanced.html", {"form": form}, status=400 if bound else 200)


# The results page's parameters a refined search starts from (its page number is left behind).
REFINED_PARAMS = ("q", "paper", "column", "print_page", "from", "to", "year", "reporter", "sort", "mode")


# --------------------------------------------------------------------------- 趋势


class BadTrend(ValueError):
    """Parameters the trend cannot use; the message says which (answered with 400)."""


def _trend_request(request) -> tuple[list[str], int | None]:
    queries = [q.replace("\x00", "").strip() for q in request.GET.getlist("q")]
    queries = list(dict.fromkeys(q for q in queries if q))
    if len(queries) > MAX_QUERIES:
        raise BadTrend(f"最多同时比较 {MAX_QUERIES} 个检索式，您给了 {len(queries)} 个。")
    for raw in queries:
        searching.parse(raw)  # QueryError for an over-long query
    year_text = request.GET.get("year", "")
    if not year_text:
        return queries, None
    if not (year_text.isascii() and year_text.isdigit() and 1900 <= int(year_text) <= 2100):
        raise BadTrend(f"年份 {year_text!r} 无法识别，请写四位数字，如 2023。")
    return queries, int(year_text)


def _trend_or_error(request):
    try:
        queries, year = _trend_request(request)
    except (BadTrend, searching.QueryError) as exc:
        return None, render(request, "research/trend.html", {"error": str(exc), "queries": []}, status=400)
    if not queries:
        return None, None
    return (month_trend(queries, year) if year else year_trend(queries)), None


def _query_string(pairs) -> str:
    return urlencode([(k, v) for k, v in pairs if v not in (None, "")])


@require_safe
def trend_page(request):
    """/search/trend/?q=无锡&q=苏州[&year=2019]: a chart and a table of matches per year (month)."""
    trend, error = _trend_or_error(request)
    if error:
        return error
    context = {"queries": request.GET.getlist("q")[:MAX_QUERIES], "max_queries": MAX_QUERIES}
    if trend is None:
        return render(request, "research/trend.html", context)
    base = [("q", q) for q in trend.queries]
    search_path = reverse("search:page")
    rows = []
    for i, (key, label) in enumerate(zip(trend.keys, trend.labels)):
        cells = []
        for q, counts in zip(trend.queries, trend.counts):
            if trend.year:
                first = dt.date(trend.year, key, 1)
                last = dt.date(trend.year + (key == 12), key % 12 + 1, 1) - dt.timedelta(days=1)
                params = [("q", q), ("from", first.isoformat()), ("to", last.isoformat())]
            else:
                params = [("q", q), ("year", key)]
            cells.append({"count": counts[i], "url": f"{search_path}?{_query_string(params)}"})
        row = {"label": label, "cells": cells}
        if not trend.year:
            row["url"] = f"{reverse('research:trend')}?{_query_string([*base, ('year', key)])}"
        rows.append(row)
    what = f"{trend.year}年各月" if trend.year else "各年"
    context.update(
        trend=trend,
        rows=rows,
        series=[{"query": q, "total": t, "colour": COLOURS[i % len(COLOURS)], "dash": DASHES[i % len(DASHES)]}
                for i, (q, t) in enumerate(zip(trend.queries, trend.totals))],
        chart=mark_safe(trend_svg(trend.labels, list(zip(trend.queries, trend.counts)),
                                  f"{'、'.join(trend.queries)}：{what}文章数")),
        what=what,
        csv_url=f"{reverse('research:trend-csv')}?{_query_string([*base, ('year', trend.year)])}",
        years_url=f"{reverse('research:trend')}?{_query_string(base)}" if trend.year else None,
    )
    return render(request, "research/trend.html", context)


@require_safe
def trend_download(request):
    """/search/trend.csv?…: the trend table as CSV."""
    trend, error = _trend_or_error(request)
    if error:
        return error
    if trend is None:
        return render(request, "research/trend.html", {"error": "请给出至少一个检索式：?q=无锡", "queries": []},
                      status=400)
    name = f"jnwb-trend-{trend.year}.csv" if trend.year else "jnwb-trend.csv"
    return download(trend_csv(trend), name, "text/csv")
