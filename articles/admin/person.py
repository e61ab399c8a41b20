"""The reporter admin: rename a reporter everywhere, merge variant spellings of one name."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.contrib.admin.views.main import ORDER_VAR, ChangeList
from django.core.exceptions import ValidationError
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from .. import curation, links
from ..models import Byline, Person
from .common import CuratedHistoryAdmin, byline_rows, is_plain_number, pinyin_key


class PersonAdminForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ("name",)

    def clean_name(self):
        # Stored as curation stores it (runs of spaces as one), so "张  三" is the same name
        # as "张 三"; another reporter's name is refused with what to do instead.
        name = curation.person_name_normal(self.cleaned_data["name"])
        taken = Person.objects.filter(name=name).exclude(pk=self.instance.pk).first()
        if taken is not None:
            raise ValidationError(
                f"已有记者叫“{taken.name}”。若是同一人，请在记者列表中勾选两者，"
                "用“合并所选记者”合并；若是两个人，请换一个写法。",
                code="name_taken",
            )
        return name


class _SortedPage(list):
    """A list the admin's ChangeList can page through as if it were a queryset."""

    def _clone(self):
        return self


class PinyinChangeList(ChangeList):
    """Reporters in pinyin order (陈 高 黄 … 周) unless a column header asks for another; a
    database cannot sort by pinyin, so the (few thousand at most) names are sorted here."""

    def get_results(self, request):
        if ORDER_VAR not in self.params:
            self.queryset = _SortedPage(sorted(self.queryset, key=lambda p: pinyin_key(p.name)))
        super().get_results(request)


@admin.register(Person)
class PersonAdmin(CuratedHistoryAdmin):
    form = PersonAdminForm
    list_display = ("name", "article_count", "public_link")
    search_fields = ("name",)
    actions = ["merge_people"]
    object_history_template = "admin/articles/object_history_with_bylines.html"
    view_on_site = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("bylines__article", distinct=True))

    def get_changelist(self, request, **kwargs):
        return PinyinChangeList

    def has_add_permission(self, request):
        return False  # reporters come from bylines (ingest, or a name typed in an article's bylines)

    @admin.display(description="文章数", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    @admin.display(description="网站")
    def public_link(self, obj):
        return format_html('<a href="{}">查看</a>', obj.get_absolute_url())

    def save_model(self, request, obj, form, change):
        curation.person_rename(person=obj, name=form.cleaned_data["name"], user=request.user)

    @admin.action(description="合并所选记者（同一人的不同写法）", permissions=["change"])
    def merge_people(self, request, queryset):
        people = sorted(queryset, key=lambda p: (-p.article_count, p.name))
        if len(people) < 2:
            self.message_user(request, "请至少选择两个要合并的名字。", messages.WARNING)
            return None
        if request.POST.get("post") == "yes":
            into = next((p for p in people if str(p.pk) == request.POST.get("into")), None)
            if into is None:
                self.message_user(request, "请选择合并后保留的名字。", messages.ERROR)
            else:
                result = curation.person_merge(into=into, others=[p for p in people if p.pk != into.pk], user=request.user)
                self.message_user(
                    request,
                    f"已把 {'、'.join(result.merged_names)} 并入 {into.name}，"
                    f"移动 {len(result.moved_article_ids)} 篇文章的署名；这些署名不会再被导入覆盖。",
                    messages.SUCCESS,
                )
                return None
        context = {
            **self.admin_site.each_context(request),
            "title": "合并记者",
            "opts": self.opts,
            "people": people,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/person/merge_confirm.html", context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not Person.objects.filter(pk=object_id).exists():
            return self._gone(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _gone(self, request, object_id):
        """A reporter merged into another (or deleted): say where the articles went."""
        last = Person.history.filter(id=object_id).order_by("-history_date").first()
        name = last.name if last else f"记者 {object_id}"
        kept = links.person_for_old_id(int(object_id)) if is_plain_number(str(object_id)) else None
        if kept is not None:
            self.message_user(
                request,
                f"{name} 已并入 {kept.name}，不能再从历史版本恢复；其文章现署 {kept.name}。"
                "若合并有误，请在这些文章的署名里改回原名。",
                messages.WARNING,
            )
            return HttpResponseRedirect(reverse("admin:articles_person_change", args=[kept.pk]))
        self.message_user(request, f"{name} 已不存在，不能从历史版本恢复。", messages.WARNING)
        return HttpResponseRedirect(reverse("admin:articles_person_changelist"))

    def history_view(self, request, object_id, extra_context=None):
        bylines = (
            Byline.history.filter(person_id=object_id)
            .select_related("history_user")
            .order_by("-history_date")[:200]
        )
        extra_context = {**(extra_context or {}), "byline_history": byline_rows(bylines)}
        return super().history_view(request, object_id, extra_context)
