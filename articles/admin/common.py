"""What the model admins share: the history without noise, revert rights, byline history rows."""

from __future__ import annotations

import unicodedata
from functools import lru_cache

import opencc
from django import forms
from pypinyin import lazy_pinyin
from django.core.exceptions import PermissionDenied
from django.db.models import Q
from django.http import HttpResponseRedirect
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.text import smart_split, unescape_string_literal
from django.utils import timezone
from simple_history.admin import SimpleHistoryAdmin
from simple_history.template_utils import HistoricalRecordContextHelper, ObjDiffDisplay

from ..models import Article, Person, PersonRedirect
from ..search.normalize import normalize_char

# Noise in the history's list of changes: the parser's copy, the save counter, the timestamp.
HISTORY_HIDDEN_FIELDS = ("parsed", "version", "updated", "source_fingerprint")


class LabelledRowsFormSet(forms.BaseInlineFormSet):
    """An inline table whose every input has a name of its own ("第2行：版名"): the column heads
    label a row's inputs for sighted editors, not for screen readers (axe: "label", critical)."""

    row_name = "第{n}行"

    def add_fields(self, form, index):
        super().add_fields(form, index)
        row = self.row_name.format(n=index + 1) if index is not None else "新的一行"
        for field in form.fields.values():
            field.widget.attrs["aria-label"] = f"{row}：{field.label or '删除'}"


def short_time(moment) -> str:
    return timezone.localtime(moment).strftime("%Y-%m-%d %H:%M")


# A list filter that starts folded when it has many values (reporters, columns, years).
COLLAPSIBLE_FILTER = "admin/articles/collapsible_filter.html"


def pinyin_key(name: str) -> tuple[str, str]:
    """Sort key for names, as a Chinese reader looks them up: pinyin, then the characters
    (周惠王陈陶高黄 → 陈 高 黄 惠 陶 王 周)."""
    return " ".join(lazy_pinyin(name)).lower(), name


def is_plain_number(value: str | None) -> bool:
    # str.isdigit() alone accepts '²' and other digits int() refuses.
    return bool(value) and value.isascii() and value.isdigit()


def is_revert(obj) -> bool:
    """True for the copy a history revert form edits (simple_history's ``record.instance``)."""
    return obj is not None and getattr(obj, "_history", None) is not None


class ChineseDiffDisplay(ObjDiffDisplay):
    """A long old → new value is shortened around where it changed; the gap says so in Chinese
    (〔略去 737 字〕), not "[737 chars]"."""

    def shortened_str(self, prefix: str, num_skipped_chars: int, suffix: str) -> str:
        return f"{prefix}〔略去 {num_skipped_chars} 字〕{suffix}"


class ChineseRecordContextHelper(HistoricalRecordContextHelper):
    """Old → new values as an editor reads them: 是/否 rather than True/False, a choice by its
    Chinese name (文中推断 → 来源给出, not inferred → given), （空） rather than None."""

    def prepare_delta_change_value(self, change, value):
        if isinstance(value, bool):
            return "是" if value else "否"
        if value is None or value == "" or value == []:
            return "（空）"
        field = self.model._meta.get_field(change.field)
        if field.choices:
            return dict(field.flatchoices).get(value, value)
        return super().prepare_delta_change_value(change, value)

    def get_obj_diff_display(self) -> ObjDiffDisplay:
        return ChineseDiffDisplay(max_length=self.max_displayed_delta_change_chars)


class HistoryWithoutNoiseMixin:
    """The history lists real changes: not the parser copy, the version counter or timestamps."""

    def get_historical_record_context_helper(self, request, historical_record):
        return ChineseRecordContextHelper(self.model, historical_record)

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


def public_return_path(request) -> str | None:
    """The public page a change form was opened from (``?next=``, which the 编辑 links on the
    public article, issue and reporter pages add), if it is a path on this site: never another
    host, scheme or the admin itself, so the parameter cannot send an editor elsewhere."""
    target = request.GET.get("next") or ""
    if not target.startswith("/") or target.startswith(("//", "/\\")) or target.startswith("/admin/"):
        return None
    if not url_has_allowed_host_and_scheme(target, allowed_hosts={request.get_host()}, require_https=False):
        return None
    return target


_s2t = opencc.OpenCC("s2t")
_HALF_PUNCTUATION = {c: chr(ord(c) + 0xFEE0) for c in "!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~"}


@lru_cache(maxsize=512)
def search_variants(term: str) -> tuple[str, ...]:
    """The spellings an admin search for ``term`` tries, so 無錫 finds 无锡 and (无锡) finds
    （无锡）: the term as typed, its form under the search normaliser (simplified, half-width),
    that form with full-width punctuation or digits, and its traditional form. The database
    keeps the text as printed; these cover how the paper prints it, in either script."""
    typed = "".join(c for c in term if c.isspace() or unicodedata.category(c) not in ("Cc", "Cf", "Cs"))
    simplified = "".join(normalize_char(c) or (c if c.isspace() else "") for c in typed)
    full_punctuation = simplified.translate(str.maketrans(_HALF_PUNCTUATION))
    full_width = "".join(chr(ord(c) + 0xFEE0) if "!" <= c <= "~" else c for c in simplified)
    traditional = _s2t.convert(simplified)
    variants = [typed, simplified, full_punctuation, full_width, traditional,
                traditional.translate(str.maketrans(_HALF_PUNCTUATION))]
    return tuple(dict.fromkeys(v for v in variants if v.strip()))


# Words of one admin search that count; past them a pasted paragraph adds no more conditions.
SEARCH_WORDS = 12


class NormalisedSearchMixin:
    """Admin list search in which traditional/simplified and full/half width are alike
    (``search_variants``); each word must match, in any of the search fields."""

    def get_search_results(self, request, queryset, search_term):
        fields = self.get_search_fields(request)
        if not search_term or not fields:
            return super().get_search_results(request, queryset, search_term)
        words = []
        for bit in list(smart_split(search_term))[:SEARCH_WORDS]:
            if bit[:1] in ('"', "'") and bit[-1:] == bit[:1] and len(bit) > 1:
                bit = unescape_string_literal(bit)
            either = Q()
            for variant in search_variants(bit):
                for field in fields:
                    either |= Q(**{f"{field}__icontains": variant})
            if either:
                words.append(either)
        # One filter() for all words, so a related field (bylines__person__name) is one join.
        if words:
            queryset = queryset.filter(Q(*words))
        return queryset, any("__" in field for field in fields)


class CuratedHistoryAdmin(NormalisedSearchMixin, HistoryWithoutNoiseMixin, SimpleHistoryAdmin):
    """A model admin whose history may be read by staff who may view, and reverted only by
    staff who may change: simple_history shows a view-only account the revert form without its
    button, but would still save a POST of it. A change form opened from a public page's 编辑
    link goes back to that page after 保存."""

    def response_change(self, request, obj):
        response = super().response_change(request, obj)
        if not any(key in request.POST for key in ("_continue", "_addanother", "_saveasnew")):
            target = public_return_path(request)
            if target is not None:
                return HttpResponseRedirect(target)
        return response

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        if request.method == "POST" and not self.has_change_history_permission(request):
            raise PermissionDenied
        return super().history_form_view(request, object_id, version_id, extra_context)


def byline_rows(records) -> list[dict]:
    kinds = {"+": "加入", "~": "改动", "-": "删除"}
    records = list(records)
    before = {r.history_id: r.prev_record for r in records if r.history_type == "~"}
    people = {r.person_id for r in records} | {p.person_id for p in before.values() if p is not None}
    names = dict(Person.objects.filter(pk__in=people).values_list("pk", "name"))
    # A reporter merged into another is gone, but its old name is kept with the redirect.
    merged = {
        r.old_id: f"{r.old_name}（已并入{r.person.name}）"
        for r in PersonRedirect.objects.filter(old_id__in=people - set(names)).select_related("person")
    }
    headlines = dict(Article.objects.filter(pk__in={r.article_id for r in records}).values_list("pk", "headline"))

    def shown(record) -> str:
        name = names.get(record.person_id) or merged.get(record.person_id, f"（已删除的记者 {record.person_id}）")
        return f"{record.role} {name}" if record.role else name

    return [
        {
            "when": r.history_date,
            "user": r.history_user,
            "kind": kinds.get(r.history_type, r.history_type),
            "byline": shown(r),
            # A change shows what the byline was: "记者 张三 → 通讯员 张三".
            "before": shown(before[r.history_id]) if before.get(r.history_id) is not None else "",
            "position": r.position,
            "article_id": r.article_id,
            "headline": headlines.get(r.article_id, f"（已删除的文章 {r.article_id}）"),
            "reason": r.history_change_reason,
        }
        for r in records
    ]
