"""The staff admin at /admin/: archive editors correct articles, reporters and issue dates.

Every change goes through ``articles.curation`` (never a plain ``obj.save()`` here), which
locks corrected fields against re-ingest, records who changed what in the history, refuses
a save made on a stale copy, and tells search. Beside each corrected field the form shows
what the parser produced, with a box to go back to it.
"""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import timezone
from django.utils.html import format_html, format_html_join
from simple_history.admin import SimpleHistoryAdmin

from . import curation
from .models import CURATED_ARTICLE_FIELDS, Article, Byline, Issue, LocalWord, Page, Person

# The fields of the article form, in the order an editor reads a printed article.
ARTICLE_FORM_FIELDS = ("headline", "section", "dateline", "source", "lead", "body")
# Noise in the history's list of changes: the parser's copy, the save counter, the timestamp.
HISTORY_HIDDEN_FIELDS = ("parsed", "version", "updated")


def _short_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


def parsed_help(name: str, value) -> str:
    """HTML (escaped) showing the parser's value of a field, for the help text beside it."""
    if name == "bylines":
        shown = "、".join(f"{role} {who}".strip() for who, role in value) or "（无署名）"
    elif name == "dateline":
        shown = value.isoformat() if value else "（无）"
    else:
        shown = value or "（空）"
    if name in ("lead", "body"):
        return format_html(
            '<details class="parsed-value"><summary>解析值（点开查看）</summary><pre>{}</pre></details>', shown
        )
    return format_html('<span class="parsed-value">解析值：{}</span>', shown)


# ---------------------------------------------------------------- articles --------


class ArticleAdminForm(forms.ModelForm):
    """The article change form, with the version it was loaded at and revert boxes."""

    # The article's version when the form was opened (Article.version is not editable).
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0)
    revert_headline = forms.BooleanField(required=False, label="恢复为解析值")
    revert_section = forms.BooleanField(required=False, label="恢复为解析值")
    revert_dateline = forms.BooleanField(required=False, label="恢复为解析值")
    revert_source = forms.BooleanField(required=False, label="恢复为解析值")
    revert_lead = forms.BooleanField(required=False, label="恢复为解析值")
    revert_body = forms.BooleanField(required=False, label="恢复为解析值")
    revert_bylines = forms.BooleanField(required=False, label="署名恢复为解析值")

    class Meta:
        model = Article
        fields = ARTICLE_FORM_FIELDS
        widgets = {
            "headline": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "lead": forms.Textarea(attrs={"rows": 4, "cols": 80}),
            "body": forms.Textarea(attrs={"rows": 24, "cols": 80}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        instance = self.instance
        if instance.pk:
            # A revert from the history opens an old copy; the version that counts is today's.
            if getattr(instance, "_history", None) is not None:
                current = Article.objects.filter(pk=instance.pk).first()
                self.initial["loaded_version"] = current.version if current else 0
                # Reverting brings back the corrections of that version. A field nobody had
                # corrected then goes back to the parser's value of today, not to that day's
                # parser output, which a later ingest may have replaced.
                if current is not None:
                    for name in ARTICLE_FORM_FIELDS:
                        if name not in (instance.edited_fields or []) and name in (current.parsed or {}):
                            self.initial[name] = curation.parsed_value(current, name)
            else:
                self.initial["loaded_version"] = instance.version
            for name in CURATED_ARTICLE_FIELDS:
                if name in (instance.parsed or {}) and f"revert_{name}" in self.fields:
                    self.fields[f"revert_{name}"].help_text = parsed_help(name, curation.parsed_value(instance, name))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "loaded_version" in cleaned:
            # Locks the row until the admin's transaction ends, so two saves cannot both pass.
            current = Article.objects.select_for_update().filter(pk=self.instance.pk).first()
            if current is not None and current.version != cleaned["loaded_version"]:
                raise ValidationError(conflict_message(current, cleaned["loaded_version"]), code="stale")
        for name in ARTICLE_FORM_FIELDS:
            if cleaned.get(f"revert_{name}") and name in (self.instance.parsed or {}):
                cleaned[name] = curation.parsed_value(self.instance, name)
        return cleaned


def conflict_message(current: Article, loaded_version: int) -> str:
    later = current.history.filter(version__gt=loaded_version).select_related("history_user").order_by("history_date")
    who = "、".join(dict.fromkeys(str(r.history_user or "导入程序") for r in later)) or "他人"
    last = later.last()
    when = f"于 {_short_time(last.history_date)} " if last else ""
    what = f"（{last.history_change_reason}）" if last and last.history_change_reason else ""
    return (
        f"没有保存：你打开本页之后，这篇文章已被 {who} {when}修改{what}。"
        "为免覆盖对方的改动，你的修改没有写入，仍保留在下面的表单里。"
        "请先复制你的改动，再重新打开本页，在最新版本上修改。"
    )


class BylineInlineForm(forms.ModelForm):
    """One byline: the person is typed by name (a new name creates a reporter)."""

    name = forms.CharField(
        label="姓名", max_length=60,
        widget=forms.TextInput(attrs={"list": "byline-people", "autocomplete": "off"}),
    )

    class Meta:
        model = Byline
        fields = ("position", "name", "role")

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and self.instance.person_id:
            self.initial.setdefault("name", self.instance.person.name)

    def validate_unique(self):
        # Bylines are replaced as a whole on save (curation.article_correct), so two rows may
        # swap positions without tripping over the (article, position) constraint.
        pass


class BylineInlineFormSet(forms.BaseInlineFormSet):
    def validate_unique(self):
        pass

    def bylines(self) -> list[tuple[str, str]]:
        """The (name, role) pairs the editor left, in order of their position numbers."""
        rows = []
        for index, form in enumerate(self.forms):
            data = getattr(form, "cleaned_data", None) or {}
            if not data.get("name") or data.get("DELETE"):
                continue
            rows.append((data.get("position") or 0, index, data["name"], data.get("role") or ""))
        return [(name, role) for _, _, name, role in sorted(rows)]


class BylineInline(admin.TabularInline):
    model = Byline
    form = BylineInlineForm
    formset = BylineInlineFormSet
    fields = ("position", "name", "role")
    extra = 1
    max_num = 40
    verbose_name = "署名"
    verbose_name_plural = "署名（按顺序；改名字即改署名，新名字会新建记者）"

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("person").order_by("position")

    def get_formset(self, request, obj=None, **kwargs):
        # Django would build up to 1,000 forms for a forged TOTAL_FORMS; no byline is that long.
        kwargs.setdefault("absolute_max", 60)
        return super().get_formset(request, obj, **kwargs)


class YearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"

    def lookups(self, request, model_admin):
        years = Issue.objects.dates("date_issued", "year", order="DESC")
        return [(str(d.year), f"{d.year}年") for d in years]

    def queryset(self, request, queryset):
        if _is_plain_number(self.value()):
            return queryset.filter(page__issue__date_issued__year=int(self.value()))
        return queryset


def _is_plain_number(value: str | None) -> bool:
    # str.isdigit() alone accepts '²' and other digits int() refuses.
    return bool(value) and value.isascii() and value.isdigit()


class ReporterFilter(admin.SimpleListFilter):
    title = "记者"
    parameter_name = "reporter"

    def lookups(self, request, model_admin):
        people = Person.objects.annotate(n=Count("bylines")).filter(n__gt=0).order_by("name")
        return [(str(p.pk), p.name) for p in people]

    def queryset(self, request, queryset):
        if _is_plain_number(self.value()):
            return queryset.filter(bylines__person_id=int(self.value())).distinct()
        return queryset


class EditedFilter(admin.SimpleListFilter):
    title = "人工更正"
    parameter_name = "edited"

    def lookups(self, request, model_admin):
        return [("yes", "有更正"), ("no", "未更正")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.exclude(edited_fields=[])
        if self.value() == "no":
            return queryset.filter(edited_fields=[])
        return queryset


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


@admin.register(Article)
class ArticleAdmin(HistoryWithoutNoiseMixin, SimpleHistoryAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = ("headline_or_blank", "issue_date", "page_label", "section", "reporters", "is_edited", "public_link")
    list_filter = (YearFilter, ("section", admin.AllValuesFieldListFilter), ReporterFilter, EditedFilter)
    search_fields = ("headline", "lead", "body", "bylines__person__name")
    date_hierarchy = "page__issue__date_issued"
    list_select_related = ("page", "page__issue")
    list_per_page = 50
    readonly_fields = ("page_link", "sequence", "edited_fields_display")
    object_history_template = "admin/articles/object_history_with_bylines.html"
    change_form_template = "admin/articles/article/change_form.html"
    view_on_site = True

    class Media:
        css = {"all": ["css/admin-curation.css"]}

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("bylines__person")

    def has_add_permission(self, request):
        return False  # articles come from the page files; ingest adds them

    # ---- list columns

    @admin.display(description="标题", ordering="headline")
    def headline_or_blank(self, obj):
        return obj.headline or "（无标题）"

    @admin.display(description="日期", ordering="page__issue__date_issued")
    def issue_date(self, obj):
        return obj.page.issue.date_issued

    @admin.display(description="版面", ordering="page__sequence")
    def page_label(self, obj):
        return obj.page.display_label

    @admin.display(description="署名")
    def reporters(self, obj):
        return "、".join(b.person.name for b in obj.bylines.all()) or obj.source

    @admin.display(description="已更正", boolean=True)
    def is_edited(self, obj):
        return bool(obj.edited_fields)

    @admin.display(description="网站")
    def public_link(self, obj):
        return format_html('<a href="{}">查看</a>', obj.get_absolute_url())

    # ---- change form

    @admin.display(description="版面")
    def page_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>（源文件 {}）', obj.page.get_absolute_url(), obj.page, obj.page.source_file
        )

    @admin.display(description="人工更正的字段（导入不覆盖）")
    def edited_fields_display(self, obj):
        return "、".join(curation.FIELD_LABELS.get(n, n) for n in obj.edited_fields) or "无"

    def _is_revert(self, request) -> bool:
        return getattr(request, "_curation_revert", False)

    def get_fieldsets(self, request, obj=None):
        def with_revert(name):
            if obj is not None and not self._is_revert(request) and curation.differs_from_parsed(obj, name):
                return (name, f"revert_{name}")
            return name

        main = [with_revert(n) for n in ("headline", "section", "dateline", "source")]
        text = [with_revert(n) for n in ("lead", "body")]
        info = ["page_link", "sequence", "edited_fields_display", "loaded_version"]
        if obj is not None and not self._is_revert(request) and curation.differs_from_parsed(obj, "bylines"):
            info.insert(0, "revert_bylines")
        return [
            (None, {"fields": main}),
            ("正文", {"fields": text, "description": "段与段之间空一行。"}),
            ("出处与状态", {"fields": info}),
        ]

    def get_inlines(self, request, obj):
        return [] if self._is_revert(request) else self.inlines

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "people_names": Person.objects.order_by("name").values_list("name", flat=True),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # The change itself is made in save_related, once the bylines are known too; a revert
        # from the history has no bylines, so it is made here.
        if self._is_revert(request):
            self._correct(request, obj, form, bylines=None)

    def save_related(self, request, form, formsets, change):
        bylines = None
        for formset in formsets:
            if isinstance(formset, BylineInlineFormSet):
                bylines = formset.bylines() if formset.has_changed() else None
        if form.cleaned_data.get("revert_bylines"):
            bylines = curation.parsed_value(form.instance, "bylines")
        self._correct(request, form.instance, form, bylines=bylines)

    def _correct(self, request, obj, form, bylines):
        current = Article.objects.get(pk=obj.pk)
        changes = {name: form.cleaned_data[name] for name in ARTICLE_FORM_FIELDS if name in form.cleaned_data}
        if bylines is not None:
            changes["bylines"] = bylines
        reason = "从历史版本恢复" if self._is_revert(request) else ""
        request._curation_changed = curation.article_correct(
            article=current, changes=changes, user=request.user,
            expected_version=form.cleaned_data["loaded_version"], reason=reason,
        )

    def construct_change_message(self, request, form, formsets, add=False):
        changed = getattr(request, "_curation_changed", [])
        if not changed:
            return []
        return [{"changed": {"fields": [curation.FIELD_LABELS[n] for n in changed]}}]

    def delete_model(self, request, obj):
        curation.article_delete(article=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        for article in queryset:
            curation.article_delete(article=article, user=request.user)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request._curation_revert = True
        if not Article.objects.filter(pk=object_id).exists():
            self.message_user(request, "这篇文章已删除，不能从历史版本恢复。", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:articles_article_changelist"))
        # The version check locks the row, which needs a transaction (the change view has one).
        with transaction.atomic():
            return super().history_form_view(request, object_id, version_id, extra_context)

    def history_view(self, request, object_id, extra_context=None):
        bylines = (
            Byline.history.filter(article_id=object_id)
            .select_related("history_user")
            .order_by("-history_date")[:200]
        )
        extra_context = {**(extra_context or {}), "byline_history": _byline_rows(bylines)}
        return super().history_view(request, object_id, extra_context)


def _byline_rows(records) -> list[dict]:
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


# ---------------------------------------------------------------- reporters -------


class PersonAdminForm(forms.ModelForm):
    class Meta:
        model = Person
        fields = ("name",)


@admin.register(Person)
class PersonAdmin(HistoryWithoutNoiseMixin, SimpleHistoryAdmin):
    form = PersonAdminForm
    list_display = ("name", "article_count", "public_link")
    search_fields = ("name",)
    actions = ["merge_people"]
    object_history_template = "admin/articles/object_history_with_bylines.html"
    view_on_site = True

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(article_count=Count("bylines__article", distinct=True))

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

    def history_view(self, request, object_id, extra_context=None):
        bylines = (
            Byline.history.filter(person_id=object_id)
            .select_related("history_user")
            .order_by("-history_date")[:200]
        )
        extra_context = {**(extra_context or {}), "byline_history": _byline_rows(bylines)}
        return super().history_view(request, object_id, extra_context)


# ---------------------------------------------------------------- issues ----------


class IssueAdminForm(forms.ModelForm):
    confirm_date = forms.BooleanField(
        label="确认日期无误", required=False,
        help_text="勾选并保存即确认此日期；改了日期则自动确认。确认后导入不再移动本期版面。",
    )

    class Meta:
        model = Issue
        fields = ("date_issued",)

    def validate_unique(self):
        # A date another issue already has is allowed: the pages join that issue
        # (curation.issue_confirm_date).
        pass


class PageInline(admin.TabularInline):
    model = Page
    fields = ("sequence", "label", "source_file", "credits_display", "article_count")
    readonly_fields = ("sequence", "source_file", "credits_display", "article_count")
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
        return [("yes", "推断的日期（待确认）"), ("no", "已确认")]

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.filter(date_inferred=True)
        if self.value() == "no":
            return queryset.filter(date_inferred=False)
        return queryset


@admin.register(Issue)
class IssueAdmin(HistoryWithoutNoiseMixin, SimpleHistoryAdmin):
    form = IssueAdminForm
    inlines = [PageInline]
    list_display = ("date_issued", "paper", "date_inferred", "date_confirmed_by_staff", "page_count", "article_count", "date_evidence", "public_link")
    list_filter = (InferredFilter, "date_confirmed_by_staff")
    date_hierarchy = "date_issued"
    ordering = ["-date_issued"]
    fields = ("paper", "date_issued", "confirm_date", "date_inferred", "date_confirmed_by_staff", "date_evidence")
    readonly_fields = ("paper", "date_inferred", "date_confirmed_by_staff", "date_evidence")
    actions = ["confirm_dates"]
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
        return format_html('<a href="{}">查看</a>', obj.get_absolute_url())

    def save_model(self, request, obj, form, change):
        # Nothing on the issue row itself is edited here except the date, which
        # save_related changes through curation once the page labels are saved. A revert from
        # the history has no save_related: the date it brings back is set here.
        if getattr(request, "_curation_revert", False):
            issue = Issue.objects.get(pk=obj.pk)
            request._curation_issue = curation.issue_confirm_date(
                issue=issue, date=form.cleaned_data["date_issued"], user=request.user
            )

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        request._curation_revert = True
        if not Issue.objects.filter(pk=object_id).exists():
            self.message_user(request, "这一期已不存在（日期更正时并入了别的一期），不能从历史版本恢复。", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:articles_issue_changelist"))
        return super().history_form_view(request, object_id, version_id, extra_context)

    def save_related(self, request, form, formsets, change):
        super().save_related(request, form, formsets, change)
        issue = Issue.objects.get(pk=form.instance.pk)
        wanted: dt.date = form.cleaned_data["date_issued"]
        if wanted != issue.date_issued or form.cleaned_data.get("confirm_date"):
            request._curation_issue = curation.issue_confirm_date(issue=issue, date=wanted, user=request.user)

    def response_change(self, request, obj):
        kept = getattr(request, "_curation_issue", None)
        if kept is not None and kept.pk != obj.pk:
            self.message_user(request, f"该日期已有一期，本期版面已并入 {kept}。", messages.WARNING)
            return HttpResponseRedirect(reverse("admin:articles_issue_change", args=[kept.pk]))
        return super().response_change(request, kept or obj)

    @admin.action(description="确认所选各期的日期", permissions=["change"])
    def confirm_dates(self, request, queryset):
        count = 0
        for issue in queryset.filter(Q(date_inferred=True) | Q(date_confirmed_by_staff=False)):
            curation.issue_confirm_date(issue=issue, user=request.user)
            count += 1
        self.message_user(request, f"已确认 {count} 期的日期。", messages.SUCCESS)


# ---------------------------------------------------------------- dictionary ------


@admin.register(LocalWord)
class LocalWordAdmin(SimpleHistoryAdmin):
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
    status = curation.search_rebuild_status()
    if status is None:
        return "本地词改动后，搜索索引会在后台按新词典重建（约需几分钟），期间搜索照常可用。"

    def at(key):
        value = status.get(key)
        return _short_time(dt.datetime.fromisoformat(value)) if value else "?"

    if status["state"] == "running":
        queued = "；其后还会再重建一次，以包含最新的改动" if status.get("again") else ""
        return f"搜索索引正在后台按新词典重建（{at('started')} 开始{queued}），期间搜索照常可用。"
    if status["state"] == "done":
        return f"搜索索引已于 {at('finished')} 按当前词典重建完成。"
    return f"搜索索引重建失败（{at('started')} 开始），详见数据目录中的 {curation.REBUILD_LOG_FILE}；再保存一个词即重试。"
