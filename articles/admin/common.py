"""What the model admins share: the history without noise, revert rights, byline history rows."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin

from ..models import Article, Person

# Noise in the history's list of changes: the parser's copy, the save counter, the timestamp.
HISTORY_HIDDEN_FIELDS = ("parsed", "version", "updated")


def short_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def is_plain_number(value: str | None) -> bool:
    # str.isdigit() alone accepts '²' and other digits int() refuses.
    return bool(value) and value.isascii() and value.isdigit()


def is_revert(obj) -> bool:
    """True for the copy a history revert form edits (simple_history's ``record.instance``)."""
    return obj is not None and getattr(obj, "_history", None) is not None


class HistoryWithoutNoiseMixin:
    """The history lists real changes: not the parser copy, the version counter or timestamps."""

    def set_history_delta_changes(self, request, historical_records, foreign_keys_are_objs=True):
        previous = None
        for current in historical_records:
            if previous is not None:
                delta = previous.diff_against(
                    current, excluded_fields=HISTORY_HIDDEN_FIELDS, foreign_keys_are_objs=foreign_keys_are_objs
                )
                helper = self.get_historical_record_context_helper(request, previous)
                previous.history_delta_changes = helper.context_for_delta_changes(delta)
            previous = current


class CuratedHistoryAdmin(HistoryWithoutNoiseMixin, SimpleHistoryAdmin):
    """A model admin whose history may be read by staff who may view, and reverted only by
    staff who may change: simple_history shows a view-only account the revert form without its
    button, but would still save a POST of it."""

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def byline_rows(records) -> list[dict]:
    kinds = {"+": "加入", "~": "改动", "-": "删除"}
    names = dict(Person.objects.filter(pk__in={r.person_id for r in records}).values_list("pk", "name"))
    headlines = dict(Article.objects.filter(pk__in={r.article_id for r in records}).values_list("pk", "headline"))
    return [
        {
            "when": r.history_date,
            "user": r.history_user,
            "kind": kinds.get(r.history_type, r.history_type),
            "name": names.get(r.person_id, f"（已删除的记者 {r.person_id}）"),
            "role": r.role,
            "position": r.position,
            "article_id": r.article_id,
            "headline": headlines.get(r.article_id, f"（已删除的文章 {r.article_id}）"),
            "reason": r.history_change_reason,
        }
        for r in records
    ]
