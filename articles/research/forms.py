"""高级检索: a form that builds the ordinary ``/search/?…`` query, so every search it makes
can be bookmarked, shared and refined in the search box.

The words become the query language of the search box (``a b "短语" x OR y -z``, with a scope
such as ``标题:`` before each term when the reader picks one); paper, column, page, dates and
sort become the results page's own parameters.
"""

from __future__ import annotations

import re
from urllib.parse import urlencode

from django import forms

SCOPES = [
    ("", "任意位置（标题、正文、署名）"),
    ("标题", "只在标题中"),
    ("正文", "只在正文中（不含标题、署名）"),
    ("作者", "只在作者署名中"),
    ("栏目", "只在栏目名中"),
]
SORTS = [("relevance", "相关度"), ("newest", "最新在前"), ("oldest", "最早在前")]
MAX_FIELD = 100
_QUOTES = re.compile("[\"“”‘’「」『』＂]")


def _terms(text: str) -> list[str]:
    """Words typed in a box, split on spaces (the ideographic one too); quotes dropped, since the
    box they were typed in already says how to read them."""
    return [t for t in _QUOTES.sub(" ", text or "").split() if t not in ("OR", "或", "|", "｜")]


def _scoped(term: str, scope: str, phrase: bool = False) -> str:
    text = f'"{term}"' if phrase else term
    return f"{scope}:{text}" if scope else text


class AdvancedSearchForm(forms.Form):
    all_words = forms.CharField(label="包含全部这些词", required=False, max_length=MAX_FIELD,
                                help_text="用空格分开，每个词都必须出现。如：集成电路 无锡")
    phrase = forms.CharField(label="包含完整短语", required=False, max_length=MAX_FIELD,
                             help_text="按原样连在一起出现，可含空格。如：民企 对接")
    any_words = forms.CharField(label="包含任意一个词", required=False, max_length=MAX_FIELD,
                                help_text="用空格分开，出现其中一个即可。如：无锡 苏州 常州")
    none_words = forms.CharField(label="不包含这些词", required=False, max_length=MAX_FIELD,
                                 help_text="用空格分开，出现任何一个的文章都不要。如：疫情")
    scope = forms.ChoiceField(label="在哪里找这些词", required=False, choices=SCOPES)
    paper = forms.ChoiceField(label="报纸", required=False, choices=[])
    column = forms.CharField(label="栏目", required=False, max_length=60, help_text="栏目名，如：要闻")
    print_page = forms.CharField(label="版次", required=False, max_length=10, help_text="如：A02 或 3")
    date_from = forms.DateField(label="出版日期 起", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    date_to = forms.DateField(label="止", required=False, widget=forms.DateInput(attrs={"type": "date"}))
    sort = forms.ChoiceField(label="排序", required=False, choices=SORTS, initial="relevance")

    def __init__(self, *args, papers: list[str] = (), columns: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["paper"].choices = [("", "全部报纸"), *((p, p) for p in papers)]
        self.columns = list(columns)

    def clean(self):
        data = super().clean()
        if not (_terms(data.get("all_words")) or _terms(data.get("phrase")) or _terms(data.get("any_words"))):
            raise forms.ValidationError("请至少在前三栏之一填写要找的词（只写“不包含”的词无法检索）。")
        start, end = data.get("date_from"), data.get("date_to")
        if start and end and start > end:
            self.add_error("date_to", "结束日期早于开始日期。")
        return data

    def query(self) -> str:
        """The search box's query for the words: ``a b "短语" x OR y -z``."""
        data = self.cleaned_data
        scope = data.get("scope") or ""
        parts = [_scoped(t, scope) for t in _terms(data.get("all_words"))]
        phrase = " ".join(_QUOTES.sub(" ", data.get("phrase") or "").split())
        if phrase:
            parts.append(_scoped(phrase, scope, phrase=True))
        any_terms = [_scoped(t, scope) for t in _terms(data.get("any_words"))]
        if any_terms:
            parts.append(" OR ".join(any_terms))
        parts.extend("-" + _scoped(t, scope) for t in _terms(data.get("none_words")))
        return " ".join(parts)

    def search_params(self) -> dict[str, str]:
        """The ``/search/`` parameters, only those that say something."""
        data = self.cleaned_data
        params = {
            "q": self.query(),
            "paper": data.get("paper") or "",
            "column": (data.get("column") or "").strip(),
            "print_page": (data.get("print_page") or "").strip(),
            "from": data["date_from"].isoformat() if data.get("date_from") else "",
            "to": data["date_to"].isoformat() if data.get("date_to") else "",
            "sort": data.get("sort") if data.get("sort") not in ("", "relevance") else "",
        }
        return {k: v for k, v in params.items() if v}

    def search_url(self, path: str) -> str:
        return f"{path}?{urlencode(self.search_params())}"
