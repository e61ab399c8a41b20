"""The paper admin: the titles the archive holds, their short names (for URLs) and which one is
the default (the original /issues/… URLs)."""

from __future__ import annotations

from django.contrib import admin
from django.utils.html import format_html
from simple_history.admin import SimpleHistoryAdmin

from ..links import archive_url
from ..models import Paper
from .common import HistoryWithoutNoiseMixin


@admin.register(Paper)
class PaperAdmin(HistoryWithoutNoiseMixin, SimpleHistoryAdmin):
    list_display = ("name", "slug", "is_default", "issue_count", "public_link")
    fields = ("name", "slug", "is_default")
    search_fields = ("name", "slug")

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(n_issues=Count("issues"))

    @admin.display(description="期数", ordering="n_issues")
    def issue_count(self, obj):
        return obj.n_issues

    @admin.display(description="网站")
    def public_link(self, obj):
        return format_html('<a href="{}">各期目录</a>', archive_url(obj))
