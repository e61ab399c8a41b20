"""The local words admin: names the word segmenter keeps whole; a change rebuilds the search
index in the background, and the list shows where that rebuild stands."""

from __future__ import annotations

import datetime as dt

from django.contrib import admin

from .. import curation, jobs
from ..models import LocalWord
from .common import CuratedHistoryAdmin, short_time


@admin.register(LocalWord)
class LocalWordAdmin(CuratedHistoryAdmin):
    list_display = ("word", "tag", "freq", "note", "created")
    list_filter = ("tag",)
    search_fields = ("word", "note")
    fields = ("word", "tag", "freq", "note")

    change_list_template = "admin/articles/localword/change_list.html"

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "rebuild_status": rebuild_status_text()}
        return super().changelist_view(request, extra_context)

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        curation.local_words_changed()

    def delete_model(self, request, obj):
        super().delete_model(request, obj)
        curation.local_words_changed()

    def delete_queryset(self, request, queryset):
        super().delete_queryset(request, queryset)
        curation.local_words_changed()


def rebuild_status_text() -> str:
    """One line for editors: where the background rebuild with the local words stands."""
    status = jobs.search_rebuild_status()
    if status is None:
        return "本地词改动后，搜索索引会在后台按新词典重建（约需几分钟），期间搜索照常可用。"

    def at(key):
        value = status.get(key)
        return short_time(dt.datetime.fromisoformat(value)) if value else "?"

    if status["state"] == "running":
        queued = "；其后还会再重建一次，以包含最新的改动" if status.get("again") else ""
        return f"搜索索引正在后台按新词典重建（{at('started')} 开始{queued}），期间搜索照常可用。"
    if status["state"] == "done":
        return f"搜索索引已于 {at('finished')} 按当前词典重建完成。"
    return f"搜索索引重建失败（{at('started')} 开始），详见数据目录中的 {jobs.REBUILD_LOG_FILE}；再保存一个词即重试。"
