"""The issue admin: confirm or correct an issue's date (its pages join another issue of that
date, if there is one), one by one or for several issues at once."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from .. import curation
from ..models import Issue, Page
from .common import CuratedHistoryAdmin, LabelledRowsFormSet, is_revert, public_return_path


class IssueAdminForm(forms.ModelForm):
    confirm_date = forms.BooleanField(
        label="确认日期无误", required=False,
        help_text="勾选并保存即确认此日期；改了日期则自动确认。确认后导入不再移动本期版面。",
    )

    class Meta:
        model = Issue
        fields = ("paper", "date_issued")

    def _get_validation_exclusions(self):
        # The (paper, date) constraint is not the model's to check here: a date another issue
        # of the paper has is a merge (curation.issue_confirm_date), another paper's is checked
        # in clean().
        exclude = super()._get_validation_exclusions()
        exclude.add("paper")
        return exclude

    def clean(self):
        cleaned = super().clean()
        paper, date = cleaned.get("paper"), cleaned.get("date_issued")
        if self.instance.pk and paper is not None and paper.pk != self.instance.paper_id and date is not None:
            if Issue.objects.filter(paper=paper, date_issued=date).exclude(pk=self.instance.pk).exists():
                raise forms.ValidationError(f"《{paper}》{date:%Y-%m-%d} 已有一期：请先改日期或合并。")
        return cleaned

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The model allows no date (日期待定, a page nothing dated); staff leave that state by
        # giving one, never by saving an empty date.
        field = self.fields["date_issued"]
        field.required = True
        if self.instance.pk and self.instance.date_issued is None:
            field.help_text = "日期待定：源文件和正文都没有给出日期。填上出版日期并保存，本期即进入日历。"

    def validate_unique(self):
        # A date another issue already has is allowed: the pages join that issue
        # (curation.issue_confirm_date).
        pass


class PageInline(admin.TabularInline):
    model = Page
    formset = LabelledRowsFormSet
    fields = ("sequence", "label", "section", "source_file", "source_path", "credits_display", "article_count")
    readonly_fields = ("sequence", "source_file", "source_path", "credits_display", "article_count")
    extra = 0
    can_delete = False
    show_change_link = False

    def has_add_permission(self, request, obj=None):
        return False  # pages come from files

    @admin.display(description="版面署名")
    def credits_display(self, obj):
        return "；".join(f"{c.get('role', '')}：{' '.join(c.get('names', []))}" for c in obj.credits or [])

    @admin.display(description="文章数")
    def article_count(self, obj):
        return obj.articles.count()


class InferredFilter(admin.SimpleListFilter):
    title = "日期"
    parameter_name = "inferred"

    def lookups(self, request, model_admin):
        return [("undated", "日期待定"), ("yes", "推断的日期（待确认）"), ("no", "已确认")]

    def queryset(self, request, queryset):
        if self.value() == "undated":
            return queryset.filter(date_issued__isnull=True)
        if self.value() == "yes":
            return queryset.filter(date_inferred=True)
        if self.value() == "no":
            return queryset.filter(date_inferred=False)
        return queryset


@admin.register(Issue)
class IssueAdmin(CuratedHistoryAdmin):
    form = IssueAdminForm
    inlines = [PageInline]
    list_display = ("date_issued", "paper", "date_source", "date_inferred", "date_confirmed_by_staff", "page_count", "article_count", "date_evidence", "public_link")
    list_filter = (InferredFilter, "paper", "date_source", "date_confirmed_by_staff")
    date_hierarchy = "date_issued"
    ordering = ["-date_issued"]
    fields = ("paper", "date_issued", "confirm_date", "date_source", "date_inferred", "date_confirmed_by_staff", "date_evidence")
    readonly_fields = ("date_source", "date_inferred", "date_confirmed_by_staff", "date_evidence")
    actions = ["confirm_dates", "set_dates"]
    view_on_site = True

    def get_queryset(self, request):
        return super().get_queryset(request).with_counts()

    def has_add_permission(self, request):
        return False  # issues come from ingest

    @admin.display(description="版数", ordering="page_count")
    def page_count(self, obj):
        return obj.page_count

    @admin.display(description="文章数", ordering="article_count")
    def article_count(self, obj):
        return obj.article_count

    @admin.display(description="网站")
    def public_link(self, obj):
        url = obj.get_absolute_url()
        return format_html('<a href="{}">查看</a>', url) if url else "日期待定"

    def save_model(self, request, obj, form, change):
        # Nothing on the issue row itself is edited here except the date, which
        # save_related changes through curation once the page labels are saved. A revert from
        # the history has no save_related: the date it brings back is set here.
        if is_revert(obj):
            issue = Issue.objects.get(pk=obj.pk)
            curation.issue_confirm_date(issue=issue, date=form.cleaned_data["date_issued"], user=request.user)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if not Issue.objects.filter(pk=object_id).exists():
            self.message_user(request, "这一期已不存在（日期更正时并入了别的一期），不能从历史版本恢复。", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:articles_issue_changelist"))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        issue = Issue.objects.get(pk=form.instance.pk)
        paper = form.cleaned_data.get("paper")
        if paper is not None and paper.pk != issue.paper_id:
            issue = curation.issue_set_paper(issue=issue, paper=paper, user=request.user)
        wanted: dt.date = form.cleaned_data["date_issued"]
        if wanted != issue.date_issued or form.cleaned_data.get("confirm_date"):
            curation.issue_confirm_date(issue=issue, date=wanted, user=request.user)

    def response_change(self, request, obj):
        # A date another issue of the paper already had: curation moved the pages to that
        # issue and deleted this one.
        if not Issue.objects.filter(pk=obj.pk).exists():
            kept = Issue.objects.filter(paper=obj.paper, date_issued=obj.date_issued).first()
            if kept is not None:
                self.message_user(request, f"该日期已有一期，本期版面已并入 {kept}。", messages.WARNING)
                if public_return_path(request) is not None and "_continue" not in request.POST:
                    return HttpResponseRedirect(kept.get_absolute_url())
                return HttpResponseRedirect(reverse("admin:articles_issue_change", args=[kept.pk]))
        return super().response_change(request, obj)

    @admin.action(description="确认所选各期的日期", permissions=["change"])
    def confirm_dates(self, request, queryset):
        # 日期待定 issues have no date to confirm: they are given one (为所选各期填写日期).
        pending = (
            queryset.filter(Q(date_inferred=True) | Q(date_confirmed_by_staff=False))
            .exclude(date_issued__isnull=True).order_by("date_issued")
        )
        count = curation.issues_confirm_dates(issues=pending, user=request.user)
        self.message_user(request, f"已确认 {count} 期的日期。", messages.SUCCESS)

    @admin.action(description="为所选各期填写日期（一次改好多期）", permissions=["change"])
    def set_dates(self, request, queryset):
        issues = list(queryset.order_by("date_issued", "pk")[:SET_DATES_AT_ONCE])
        if request.POST.get("post") == "yes":
            dates, errors = {}, {}
            for issue in issues:
                value = (request.POST.get(f"date-{issue.pk}") or "").strip()
                try:
                    dates[issue.pk] = dt.date.fromisoformat(value)
                except ValueError:
                    errors[issue.pk] = "请按 2024-09-30 的格式填写日期。"
                else:
                    if not MIN_DATE <= dates[issue.pk] <= dt.date.today() + dt.timedelta(days=1):
                        errors[issue.pk] = "日期不在报纸出版的年代内。"
            if not errors:
                kept = curation.issues_set_dates(dates=dates, user=request.user)
                self.message_user(
                    request,
                    f"已填写并确认 {len(dates)} 期的日期"
                    + (f"；其中 {len(dates) - len({i.pk for i in kept})} 期并入了同日的一期" if len({i.pk for i in kept}) < len(dates) else "")
                    + "。",
                    messages.SUCCESS,
                )
                return None
        else:
            errors = {}
        rows = [
            {"issue": issue, "value": request.POST.get(f"date-{issue.pk}") or (issue.date_issued.isoformat() if issue.date_issued else ""),
             "error": errors.get(issue.pk, "")}
            for issue in issues
        ]
        context = {
            **self.admin_site.each_context(request),
            "title": "为所选各期填写日期",
            "opts": self.opts,
            "rows": rows,
            "more": queryset.count() > len(issues),
            "at_once": SET_DATES_AT_ONCE,
            "errors": bool(errors),
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/issue/set_dates.html", context)


# One form holds at most this many issues; the rest wait for the next round.
SET_DATES_AT_ONCE = 100
MIN_DATE = dt.date(1900, 1, 1)
