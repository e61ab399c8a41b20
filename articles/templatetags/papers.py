"""Template tags for the archive's papers: the calendar URL of the paper a page is about."""

from django import template

from articles.links import archive_url as _archive_url
from articles.models import Paper

register = template.Library()


@register.simple_tag
def archive_url(paper=None, year=None, month=None) -> str:
    """``{% archive_url paper year month %}``: the default paper's calendar is ``/issues/…``,
    another paper's ``/papers/<slug>/issues/…``."""
    return _archive_url(paper if isinstance(paper, Paper) else None, year, month)
