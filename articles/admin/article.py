"""The article admin: the change form with the parser's values beside corrected fields, the
bylines inline, the list with its filters, and the article's history with its byline changes."""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Count
from django.http import HttpResponseRedirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import format_html

from .. import curation
from ..models import CURATED_ARTICLE_FIELDS, Article, Byline, Issue, Page, Paper, Person
from .common import (
    COLLAPSIBLE_FILTER,
    CuratedHistoryAdmin,
    LabelledRowsFormSet,
    byline_rows,
    is_plain_number,
    is_revert,
    pinyin_key,
    short_time,
)

# The fields of the article form, in the order an editor reads a printed article.
ARTICLE_FORM_FIELDS = (
    "kicker", "headline", "subheadline", "section", "dateline", "dateline_place", "source", "lead", "body",
    "editor_note", "photo_credits", "captions", "cross_references",
)
# Printed lines kept as lists: edited one per line.
LINE_LIST_FIELDS = ("photo_credits", "captions", "cross_references")


def parsed_help(name: str, value) -> str:
    """HTML (escaped) showing the parser's value of a field, for the help text beside it."""
    if name == "bylines":
        shown = "、".join(f"{role} {who}".strip() for who, role in value) or "（无署名）"
    elif name == "dateline":
        shown = value.isoformat() if value else "（无）"
    elif isinstance(value, list):
        shown = "；".join(value) or "（空）"
    else:
        shown = value or "（空）"
    if name in ("lead", "body"):
        return format_html(
            '<details class="parsed-value"><summary>解析值（点开查看）</summary><pre>{}</pre></details>', shown
        )
    return format_html('<span class="parsed-value">解析值：{}</span>', shown)


class ArticleAdminForm(forms.ModelForm):
    """The article change form, with the version it was loaded at and revert boxes."""

    # The article's version when the form was opened (Article.version is not editable).
    loaded_version = forms.IntegerField(widget=forms.HiddenInput, min_value=0, label="打开时的版本")
    revert_headline = forms.BooleanField(required=False, label="恢复为解析值")
    revert_section = forms.BooleanField(required=False, label="恢复为解析值")
    revert_dateline = forms.BooleanField(required=False, label="恢复为解析值")
    revert_source = forms.BooleanField(required=False, label="恢复为解析值")
    revert_lead = forms.BooleanField(required=False, label="恢复为解析值")
    revert_body = forms.BooleanField(required=False, label="恢复为解析值")
    revert_bylines = forms.BooleanField(required=False, label="署名恢复为解析值")
    revert_kicker = forms.BooleanField(required=False, label="恢复为解析值")
    revert_subheadline = forms.BooleanField(required=False, label="恢复为解析值")
    revert_dateline_place = forms.BooleanField(required=False, label="恢复为解析值")
    revert_editor_note = forms.BooleanField(required=False, label="恢复为解析值")
    revert_photo_credits = forms.BooleanField(required=False, label="恢复为解析值")
    revert_captions = forms.BooleanField(required=False, label="恢复为解析值")
    revert_cross_references = forms.BooleanField(required=False, label="恢复为解析值")
    photo_credits = forms.CharField(
        label="摄影", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="照片署名，如 沈生华 摄；一行一个",
    )
    captions = forms.CharField(
        label="图片说明", required=False, widget=forms.Textarea(attrs={"rows": 3, "cols": 80}), help_text="一行一条",
    )
    cross_references = forms.CharField(
        label="相关报道", required=False, widget=forms.Textarea(attrs={"rows": 2, "cols": 60}),
        help_text="如 相关报道见第二版；一行一条",
    )

    class Meta:
        model = Article
        fields = ARTICLE_FORM_FIELDS
        widgets = {
            "headline": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "kicker": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "subheadline": forms.TextInput(attrs={"class": "vLargeTextField"}),
            "editor_note": forms.Textarea(attrs={"rows": 3, "cols": 80}),
            "lead": forms.Textarea(attrs={"rows": 4, "cols": 80}),
            "body": forms.Textarea(attrs={"rows": 24, "cols": 80}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # The fields that changed, once curation saved them (for the admin's change message).
        self.curation_changed: list[str] = []
        instance = self.instance
        for name in LINE_LIST_FIELDS:
            value = self.initial.get(name)
            if isinstance(value, (list, tuple)):
                self.initial[name] = "\n".join(str(v) for v in value)
        if instance.pk:
            # A revert from the history opens an old copy; the version that counts is today's.
            if is_revert(instance):
                current = Article.objects.filter(pk=instance.pk).first()
                self.initial["loaded_version"] = current.version if current else 0
                # Reverting brings back the corrections of that version. A field nobody had
                # corrected then goes back to the parser's value of today, not to that day's
                # parser output, which a later ingest may have replaced.
                if current is not None:
                    for name in ARTICLE_FORM_FIELDS:
                        if name not in (instance.edited_fields or []) and name in (current.parsed or {}):
                            value = curation.parsed_value(current, name)
                            self.initial[name] = "\n".join(value) if name in LINE_LIST_FIELDS else value
            else:
                self.initial["loaded_version"] = instance.version
            for name in CURATED_ARTICLE_FIELDS:
                if name in (instance.parsed or {}) and f"revert_{name}" in self.fields:
                    self.fields[f"revert_{name}"].help_text = parsed_help(name, curation.parsed_value(instance, name))

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and "loaded_version" in cleaned:
            # The check is curation's; asked here too, so a stale copy comes back as the form
            # with its message (it also locks the row until the admin's transaction ends, so
            # the save that follows checks the same version).
            try:
                curation.article_check_version(article_id=self.instance.pk, expected_version=cleaned["loaded_version"])
            except curation.StaleEdit as stale:
                raise ValidationError(conflict_message(stale.article, stale.expected_version), code="stale") from None
        for name in ARTICLE_FORM_FIELDS:
            if cleaned.get(f"revert_{name}") and name in (self.instance.parsed or {}):
                cleaned[name] = curation.parsed_value(self.instance, name)
        return cleaned


def conflict_message(current: Article, loaded_version: int) -> str:
    later = current.history.filter(version__gt=loaded_version).select_related("history_user").order_by("history_date")
    who = "、".join(dict.fromkeys(str(r.history_user or "导入程序") for r in later)) or "他人"
    last = later.last()
    when = f"于 {short_time(last.history_date)} " if last else ""
    what = f"（{last.history_change_reason}）" if last and last.history_change_reason else ""
    return (
        f"没有保存：你打开本页之后，这篇文章已被 {who} {when}修改{what}。"
        "为免覆盖对方的改动，你的修改没有写入，仍保留在下面的表单里。"
        "请先复制你的改动，再重新打开本页，在最新版本上修改。"
    )


class ArticleMoveForm(forms.Form):
    """Where the "move articles" action puts them: a page of a dated issue, named by the paper,
    the date and the page as staff know it (its order 1, 2, … or as printed: 头版, 第3版, A02)."""

    paper = forms.ModelChoiceField(Paper.objects.all(), label="报纸", empty_label=None)
    date = forms.DateField(
        label="出版日期", widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
        help_text="目标版面所在的一期，如 2023-08-18",
    )
    page = forms.CharField(
        label="版面", max_length=20, help_text="第几版（1 即头版），或印出的版次，如 头版、第3版、A02",
    )

    def clean(self):
        cleaned = super().clean()
        paper, date, wanted = cleaned.get("paper"), cleaned.get("date"), (cleaned.get("page") or "").strip()
        if paper is None or date is None or not wanted:
            return cleaned
        issue = Issue.objects.filter(paper=paper, date_issued=date).first()
        if issue is None:
            raise ValidationError(f"《{paper}》{date:%Y-%m-%d} 没有这一期：请先导入这一期，或换一个日期。")
        pages = list(issue.pages.order_by("sequence"))
        target = page_named(pages, wanted)
        if target is None:
            names = "、".join(p.display_label for p in pages)
            raise ValidationError(f"{issue.date_label}这一期没有“{wanted}”这一版；本期各版：{names}。")
        cleaned["target"] = target
        return cleaned


def page_named(pages: list[Page], wanted: str) -> Page | None:
    """The page of ``pages`` (one issue's) that staff mean by ``wanted``: its order (2, ２), its
    name as shown (头版, 第2版, A02) or its label as printed."""
    wanted = wanted.strip()
    if wanted.isdecimal():
        number = int(wanted)  # int() reads full-width digits too
        return next((p for p in pages if p.sequence == number), None)
    folded = wanted.upper()
    return next((p for p in pages if folded in (p.display_label.upper(), (p.label or "").upper())), None)


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


class BylineInlineFormSet(LabelledRowsFormSet):
    row_name = "第{n}个署名"

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


class ColumnFilter(admin.AllValuesFieldListFilter):
    """栏目, with the articles printed under no column named as such rather than as an empty
    link (which a screen reader cannot name: axe "link-name", serious)."""

    template = COLLAPSIBLE_FILTER

    def choices(self, changelist):
        for choice in super().choices(changelist):
            if choice["display"] == "" or choice["display"].startswith(" ("):  # " (12)" with facets
                choice["display"] = "（无栏目）" + choice["display"]
            yield choice


class YearFilter(admin.SimpleListFilter):
    title = "年份"
    parameter_name = "year"
    template = COLLAPSIBLE_FILTER

    def lookups(self, request, model_admin):
        years = Issue.objects.dates("date_issued", "year", order="DESC")
        return [(str(d.year), f"{d.year}年") for d in years]

    def queryset(self, request, queryset):
        if is_plain_number(self.value()):
            return queryset.filter(page__issue__date_issued__year=int(self.value()))
        return queryset


class ReporterFilter(admin.SimpleListFilter):
    title = "记者"
    parameter_name = "reporter"

    template = COLLAPSIBLE_FILTER

    def lookups(self, request, model_admin):
        people = Person.objects.annotate(n=Count("bylines")).filter(n__gt=0).values_list("pk", "name")
        return [(str(pk), name) for pk, name in sorted(people, key=lambda p: pinyin_key(p[1]))]

    def queryset(self, request, queryset):
        if is_plain_number(self.value()):
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


@admin.register(Article)
class ArticleAdmin(CuratedHistoryAdmin):
    form = ArticleAdminForm
    inlines = [BylineInline]
    list_display = ("headline_or_blank", "issue_date", "page_label", "section", "reporters", "is_edited", "public_link")
    list_filter = (YearFilter, ("section", ColumnFilter), ReporterFilter, EditedFilter, "page__issue__paper")
    search_fields = ("headline", "lead", "body", "bylines__person__name")
    date_hierarchy = "page__issue__date_issued"
    list_select_related = ("page", "page__issue")
    list_per_page = 50
    readonly_fields = ("page_link", "source_page_link", "sequence", "edited_fields_display")
    object_history_template = "admin/articles/object_history_with_bylines.html"
    change_form_template = "admin/articles/article/change_form.html"
    view_on_site = True
    actions = ["move_to_page"]

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

    @admin.display(description="已更正", ordering="edited_fields")
    def is_edited(self, obj):
        # A mark on corrected articles only; an uncorrected one is the normal case, left blank.
        if not obj.edited_fields:
            return ""
        fields = "、".join(curation.FIELD_LABELS.get(n, n) for n in obj.edited_fields)
        return format_html('<span class="edited-mark" title="人工更正：{}">✎ 已更正</span>', fields)

    @admin.display(description="网站")
    def public_link(self, obj):
        return format_html('<a href="{}">查看</a>', obj.get_absolute_url())

    # ---- change form

    @admin.display(description="版面")
    def page_link(self, obj):
        return format_html(
            '<a href="{}">{}</a>（源文件 {}）', obj.page.get_absolute_url(), obj.page, obj.page.source_file
        )

    @admin.display(description="原刊版面")
    def source_page_link(self, obj):
        page = obj.source_page
        if page is None:
            return "—"
        return format_html(
            '<a href="{}">{}</a>（源文件 {}；已由编辑移到现在的版面，再次导入不会移回）',
            page.get_absolute_url() or "#", page, page.source_file,
        )

    @admin.display(description="人工更正的字段（导入不覆盖）")
    def edited_fields_display(self, obj):
        return "、".join(curation.FIELD_LABELS.get(n, n) for n in obj.edited_fields) or "无"

    def get_fieldsets(self, request, obj=None):
        # A history revert form edits an old copy: no revert-to-parser boxes there.
        revert = is_revert(obj)

        def with_revert(name):
            if obj is not None and not revert and curation.differs_from_parsed(obj, name):
                return (name, f"revert_{name}")
            return name

        main = [with_revert(n) for n in ("kicker", "headline", "subheadline", "section", "dateline", "dateline_place", "source")]
        text = [with_revert(n) for n in ("editor_note", "lead", "body")]
        pictures = [with_revert(n) for n in ("photo_credits", "captions", "cross_references")]
        info = ["page_link", "sequence", "edited_fields_display", "loaded_version"]
        if obj is not None and obj.source_page_id and obj.source_page_id != obj.page_id:
            info.insert(1, "source_page_link")  # moved by staff: where the source printed it
        if obj is not None and not revert and curation.differs_from_parsed(obj, "bylines"):
            info.insert(0, "revert_bylines")
        return [
            (None, {"fields": main}),
            ("正文", {"fields": text, "description": "段与段之间空一行。"}),
            ("图片与相关报道", {"fields": pictures, "description": "摄影与图片说明不是署名；一行一条。"}),
            ("出处与状态", {"fields": info}),
        ]

    def change_view(self, request, object_id, form_url="", extra_context=None):
        extra_context = {
            **(extra_context or {}),
            "people_names": sorted(Person.objects.values_list("name", flat=True), key=pinyin_key),
        }
        return super().change_view(request, object_id, form_url, extra_context)

    def save_model(self, request, obj, form, change):
        # The change itself is made in save_related, once the bylines are known too; a revert
        # from the history has no bylines (and no save_related), so it is made here.
        if is_revert(obj):
            self._correct(request, form, bylines=None, reason="从历史版本恢复")

    def save_related(self, request, form, formsets, change):
        bylines = None
        for formset in formsets:
            if isinstance(formset, BylineInlineFormSet):
                bylines = formset.bylines() if formset.has_changed() else None
        if form.cleaned_data.get("revert_bylines"):
            bylines = curation.parsed_value(form.instance, "bylines")
        self._correct(request, form, bylines=bylines)

    def _correct(self, request, form, bylines, reason=""):
        current = Article.objects.get(pk=form.instance.pk)
        changes = {name: form.cleaned_data[name] for name in ARTICLE_FORM_FIELDS if name in form.cleaned_data}
        if bylines is not None:
            changes["bylines"] = bylines
        form.curation_changed = curation.article_correct(
            article=current, changes=changes, user=request.user,
            expected_version=form.cleaned_data["loaded_version"], reason=reason,
        )

    def construct_change_message(self, request, form, formsets, add=False):
        changed = getattr(form, "curation_changed", [])
        if not changed:
            return []
        return [{"changed": {"fields": [curation.FIELD_LABELS[n] for n in changed]}}]

    def delete_model(self, request, obj):
        curation.article_delete(article=obj, user=request.user)

    def delete_queryset(self, request, queryset):
        curation.articles_delete(articles=queryset, user=request.user)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
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
        extra_context = {**(extra_context or {}), "byline_history": byline_rows(bylines)}
        return super().history_view(request, object_id, extra_context)

    # ---- bulk actions

    @admin.action(description="把所选文章移到另一版面", permissions=["change"])
    def move_to_page(self, request, queryset):
        """Second step: where to (paper, date, page); saving moves them all in one transaction
        (curation.articles_move). Their URLs stay as they are."""
        articles = list(
            queryset.select_related("page", "page__issue", "page__issue__paper")
            .order_by("page__issue__date_issued", "page__issue_id", "page__sequence", "sequence")[:MOVE_AT_ONCE]
        )
        if request.POST.get("post") == "yes":
            form = ArticleMoveForm(request.POST)
            if form.is_valid():
                target = form.cleaned_data["target"]
                moved = curation.articles_move(articles=articles, page=target, user=request.user)
                stayed = len(articles) - len(moved)
                self.message_user(
                    request,
                    format_html(
                        '已把 {} 篇文章移到 <a href="{}">{}</a>，文章网址不变。{}',
                        len(moved), target.get_absolute_url(), target,
                        f"另有 {stayed} 篇本来就在这一版，没有动。" if stayed else "",
                    ),
                    messages.SUCCESS,
                )
                return None
        else:
            first = articles[0].page.issue if articles else None
            form = ArticleMoveForm(initial={
                "paper": first.paper_id if first else Paper.objects.default().pk,
                "date": first.date_issued if first else None,
            })
        context = {
            **self.admin_site.each_context(request),
            "title": "把所选文章移到另一版面",
            "opts": self.opts,
            "articles": articles,
            "form": form,
            "more": queryset.count() > len(articles),
            "at_once": MOVE_AT_ONCE,
            "action_checkbox_name": admin.helpers.ACTION_CHECKBOX_NAME,
        }
        return TemplateResponse(request, "admin/articles/article/move_articles.html", context)


# The move form lists at most this many articles; the rest wait for the next round.
MOVE_AT_ONCE = 100
