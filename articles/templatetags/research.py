"""Template tags of the research tools: the citation box on an article page."""

from __future__ import annotations

from django import template
from django.urls import reverse

from articles.research.citations import chicago, gbt7714
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
