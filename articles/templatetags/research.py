"""Template tags of the research tools: the citation box on an article page, the exports and
feed links and the 日期为推断 note on the results page."""

from __future__ import annotations

from urllib.parse import urlencode

from django import template
from django.urls import reverse

from articles.research.citations import chicago, gbt7714
from articles.research.exports import MAX_EXPORT
from articles.research.records import reference_for

register = template.Library()


@register.inclusion_tag("research/cite.html", takes_context=True)
def cite_article(context, article):
    """引用本文: GB/T 7714 and Chicago with today's access date and the stable URL, copy buttons,
    and links to the RIS, BibTeX and plain-text versions."""
    request = context["request"]
    ref = reference_for(article, request.build_absolute_uri(article.get_absolute_url()))
    return {
        "ref": ref,
        "styles": [
            {"id": "cite-gbt", "label": "GB/T 7714—2015", "text": gbt7714(ref)},
            {"id": "cite-chicago", "label": "Chicago", "text": chicago(ref)},
        ],
        "ris_url": reverse("research:article-ris", kwargs={"pk": article.pk}),
        "bibtex_url": reverse("research:article-bibtex", kwargs={"pk": article.pk}),
        "text_url": reverse("articles:article-text", kwargs={"pk": article.pk}),
    }


@register.simple_tag(takes_context=True)
def gbt_citation(context, article) -> str:
    """The GB/T 7714 line alone (the plain-text version's last line)."""
    request = context["request"]
    return gbt7714(reference_for(article, request.build_absolute_uri(article.get_absolute_url())))


@register.filter
def any_inferred(results) -> bool:
    """Whether any search result's issue date is inferred (the page then says what that means)."""
    return any(r["article"].page.issue.date_inferred for r in results)


SEARCH_PARAMS = ("q", "year", "reporter", "column", "from", "to", "paper", "print_page", "sort")


@register.inclusion_tag("research/search_tools.html", takes_context=True)
def search_tools(context):
    """Links that take the current results away: exports, the Atom feed, the trend."""
    request = context["request"]
    params = [(k, v) for k, v in request.GET.items() if k in SEARCH_PARAMS and v]
    query = urlencode(params)
    feed_query = urlencode([(k, v) for k, v in params if k != "sort"])
    return {
        "exports": [(label, f"{reverse(f'research:export-{fmt}')}?{query}")
                    for fmt, label in (("csv", "CSV"), ("ris", "RIS"), ("bib", "BibTeX"))],
        "feed_url": f"{reverse('research:search-feed')}?{feed_query}",
        "trend_url": f"{reverse('research:trend')}?{urlencode([('q', request.GET.get('q', ''))])}",
        "count": context.get("count", 0),
        "max_export": MAX_EXPORT,
    }


@register.inclusion_tag("research/related.html")
def related_articles(article):
    """相关文章 under an article: the same event, the same rare words, the same reporter."""
    from articles.research.related import related_to

    related = related_to(article)
    return {"related": related, "reporter_url": related.person.get_absolute_url() if related.person else None}

