"""The delivery admin: each ingest run (导入批次) with what became of every file, and the files
held for staff (an update that would have replaced most of a loaded page), which an editor
can compare and apply (采用) or set aside."""

from __future__ import annotations

from django.contrib import admin, messages
from django.utils.html import format_html

from .. import services
from ..models import Delivery, DeliveryFile


class DeliveryFileInline(admin.TabularInline):
    model = DeliveryFile
    fields = ("path", "status", "message", "page", "resolved")
    readonly_fields = fields
    extra = 0
    can_delete = False
    show_change_link = True

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Delivery)
class DeliveryAdmin(admin.ModelAdmin):
    list_display = ("started", "created_count", "updated_count", "skipped_count", "held_count", "failed_count", "command")
    readonly_fields = ("started", "finished", "command", "created_count", "updated_count", "skipped_count",
                       "held_count", "failed_count")
    fields = readonly_fields
    inlines = [DeliveryFileInline]
    date_hierarchy = "started"

    def has_add_permission(self, request):
        return False  # deliveries are recorded by manage.py ingest

    def has_change_permission(self, request, obj=None):
        return False


class HeldFilter(admin.SimpleListFilter):
    title = "待审"
    parameter_name = "held"

    def lookups(self, request, model_admin):
        return [("open", "待人工审核（未处理）")]

    def queryset(self, request, queryset):
        if self.value() == "open":
            return queryset.filter(status="held", resolved=False)
        return queryset


@admin.register(DeliveryFile)
class DeliveryFileAdmin(admin.ModelAdmin):
    list_display = ("path", "status", "resolved", "message", "page", "delivery")
    list_filter = (HeldFilter, "status", "resolved")
    search_fields = ("path", "message")
    readonly_fields = ("delivery", "path", "status", "message", "page", "source", "held_text_display")
    fields = ("delivery", "path", "status", "message", "page", "source", "held_text_display", "resolved")
    actions = ["apply_held"]

    def has_add_permission(self, request):
        return False

    @admin.display(description="待审文本")
    def held_text_display(self, obj):
        if not obj.held_text:
            return "—"
        return format_html('<pre style="white-space:pre-wrap;max-height:30em;overflow:auto">{}</pre>', obj.held_text)

    @admin.action(description="采用所选待审文件（更新对应版面）", permissions=["change"])
    def apply_held(self, request, queryset):
        done = 0
        for held in queryset.filter(status="held", resolved=False):
            try:
                services.held_file_apply(held=held, user=request.user)
            except Exception as exc:  # a file that cannot be applied is said by name; the rest go on
                self.message_user(request, f"{held.path}：未能采用（{exc}）", messages.ERROR)
                continue
            done += 1
        self.message_user(request, f"已采用 {done} 个待审文件。", messages.SUCCESS)
