"""Pages of the research tools. Thin: formatting lives in ``citations`` / ``exports`` /
``trend``, searching behind ``searching.find``, records in ``records``."""

from __future__ import annotations

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.views.decorators.http import require_safe

from articles.models import Article

from . import searching
from .citations import bibtex, ris
from .exports import MAX_EXPORT, results_csv
from .records import reference_for, today

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
    except (searching.QueryError, BadSearch) as exc:
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
    found = searching.find(search_request.raw, filters=search_request.filters, sort=search_request.sort,
                           limit=MAX_EXPORT)
    accessed = today()
    refs = [reference_for(a, request.build_absolute_uri(a.get_absolute_url()), accessed)
            for a in ordered_articles(found.ids)]
    content_type, extension = EXPORT_FORMATS[fmt]
    body = {"csv": results_csv, "ris": ris, "bib": bibtex}[fmt](refs)
    response = download(body, f"jnwb-search-{accessed:%Y%m%d}.{extension}", content_type)
    response["X-Result-Count"] = str(found.count)
    return response
