"""Template tags for the staff admin's index: what waits for an editor after ingest."""

from django import template

from articles.models import DeliveryFile, Issue

register = template.Library()


@register.simple_tag
def waiting_for_staff() -> dict:
    """Counts of 日期待定 issues (pages nothing dated) and of held files not yet handled."""
    return {
        "undated": Issue.objects.undated().count(),
        "held": DeliveryFile.objects.filter(status="held", resolved=False).count(),
    }
