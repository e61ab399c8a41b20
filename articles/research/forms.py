"""高级检索: a form that builds the ordinary ``/search/?…`` query, so every search it makes
can be bookmarked, shared and refined in the search box.

The words become the query language of the search box (``a b "短语" x OR y -z``, with a scope
such as ``标题:`` before each term when the reader picks one); paper, column, page, dates,
year, reporter, sort and match mode become the results page's own parameters.

``fields_from_search`` goes the other way (修改检索 on the results page): the results page's
parameters read back into the form's fields, so a search can be refined where it was built.
For every query this form writes, writing the fields again gives the same query; a query typed
by hand that the boxes cannot say (two OR groups, a scope on only some words, an excluded
phrase) is filled in as closely as they can, and ``faithful`` is False so the page says so.
"""

from __future__ import annotations

import datetime as dt
import re
from urllib.parse import urlencode

from django import forms

from articles.search.language import SCOPE_NAMES, QueryError, parse_query

SCOPES = [
    ("", "任意位置（标题、正文、署名）"),
    ("标题", "只在标题中"),
    ("正文", "只在正文中（不含标题、署名）"),
    ("作者", "只在作者署名中"),
    ("栏目", "只在栏目名中"),
]
SORTS = [("relevance", "相关度"), ("newest", "最新在前"), ("oldest", "最早在前")]
MODES = [("", "自动：先精确，找不到再分词"), ("exact", "精确"), ("words", "分词")]
MAX_FIELD = 100
_QUOTES = re.compile("[\"“”‘’「」『』＂]")


def _terms(text: str) -> list[str]:
    """Words typed in a box, split on spaces (the ideographic one too); quotes dropped, since the
    box they were typed in already says how to read them."""
    return [t for t in _QUOTES.sub(" ", text or "").split() if t not in ("OR", "或", "|", "｜")]


def _scoped(term: str, scope: str, phrase: bool = False) -> str:
    text = f'"{term}"' if phrase else term
    return f"{scope}:{text}" if scope else text


def build_query(*, all_words: str = "", phrase: str = "", any_words: str = "", none_words: str = "",
                scope: str = "") -> str:
    """The search box's query for the boxes' words: ``a b "短语" x OR y -z``, each with ``scope``."""
    parts = [_scoped(t, scope) for t in _terms(all_words)]
    phrase = " ".join(_QUOTES.sub(" ", phrase or "").split())
    if phrase:
        parts.append(_scoped(phrase, scope, phrase=True))
    any_terms = [_scoped(t, scope) for t in _terms(any_words)]
    if any_terms:
        parts.append(" OR ".join(any_terms))
    parts.extend("-" + _scoped(t, scope) for t in _terms(none_words))
    return " ".join(parts)


def _meaning(parsed) -> tuple:
    """What a parsed query asks for, whatever order or spelling it was written in."""
    groups = frozenset(frozenset((t.form, t.scope, t.phrase) for t in g) for g in parsed.groups)
    return groups, frozenset((t.form, t.scope) for t in parsed.excluded)


def words_from_query(raw: str) -> tuple[dict[str, str], bool]:
    """The word boxes (all_words, phrase, any_words, none_words, scope) that write ``raw`` again,
    and whether they mean exactly what it does."""
    try:
        parsed = parse_query(raw)
    except QueryError:
        return {}, False
    terms = [t for g in parsed.groups for t in g] + list(parsed.excluded)
    scopes = {t.scope for t in terms}
    common = scopes.pop() if len(scopes) == 1 else None

    def written(term) -> str:
        if common is None and term.scope != "text":
            return f"{SCOPE_NAMES[term.scope]}:{term.text}"
        return term.text

    all_words: list[str] = []
    any_words: list[str] = []
    phrase = None
    for group in parsed.groups:
        if len(group) > 1:
            (all_words if any_words else any_words).extend(written(t) for t in group)
            continue
        term = group[0]
        if term.phrase and phrase is None:
            phrase = term.text
        elif phrase is not None and not any_words and not term.phrase:
            # After the phrase the form writes only its any-of words: one of them alone is here.
            any_words.append(written(term))
        else:
            all_words.append(written(term))
    boxes = {
        "all_words": " ".join(all_words),
        "phrase": " ".join((phrase or "").split()),
        "any_words": " ".join(any_words),
        "none_words": " ".join(written(t) for t in parsed.excluded),
        "scope": SCOPE_NAMES.get(common, "") if common else "",
    }
    try:
        faithful = _meaning(parse_query(build_query(**boxes))) == _meaning(parsed)
    except QueryError:
        faithful = False
    return {k: v for k, v in boxes.items() if v}, faithful


def fields_from_search(params) -> tuple[dict, bool]:
    """The form's initial values for a results page's parameters (``q``, ``paper``, ``column``,
    ``print_page``, ``from``, ``to``, ``year``, ``reporter``, ``sort``, ``mode``), and whether
    the word boxes say exactly what ``q`` says."""
    initial, faithful = words_from_query(params.get("q", ""))
    for field, name in (("paper", "paper"), ("column", "column"), ("print_page", "print_page"),
                        ("year", "year"), ("reporter", "reporter"), ("sort", "sort"), ("mode", "mode")):
        value = (params.get(name) or "").strip()
        if value:
            initial[field] = value
    for field, name in (("date_from", "from"), ("date_to", "to")):
        value = (params.get(name) or "").strip()
        if value:
            try:
                initial[field] = dt.date.fromisoformat(value)
            except ValueError:
                initial[field] = value  # shown as it was, and the form says what is wrong with it
    return initial, faithful


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
    date_from = forms.DateField(label="出版日期 起", required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    date_to = forms.DateField(label="止", required=False, widget=forms.DateInput(format="%Y-%m-%d", attrs={"type": "date"}))
    year = forms.IntegerField(label="年份", required=False, min_value=1900, max_value=2100,
                              help_text="只看这一年的文章，如：2023")
    reporter = forms.CharField(label="记者", required=False, max_length=100,
                               help_text="署名人的完整姓名，只看此人署名的文章。如：高美梅")
    sort = forms.ChoiceField(label="排序", required=False, choices=SORTS, initial="relevance")
    mode = forms.ChoiceField(label="匹配方式", required=False, choices=MODES,
                             help_text="精确：文章里有与所填文字完全相同的一段；分词：把连写的词拆开，各词都出现即可。")

    def __init__(self, *args, papers: list[str] = (), columns: list[str] = (), **kwargs):
        super().__init__(*args, **kwargs)
        papers = list(papers)
        wanted = (self.initial.get("paper") or "") if not self.is_bound else ""
        if wanted and wanted not in papers:
            papers.append(wanted)  # a search being refined keeps its paper, even one not in the archive
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
        return build_query(**{k: data.get(k) or "" for k in ("all_words", "phrase", "any_words", "none_words", "scope")})

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
            "year": str(data["year"]) if data.get("year") else "",
            "reporter": (data.get("reporter") or "").strip(),
            "sort": data.get("sort") if data.get("sort") not in ("", "relevance") else "",
            "mode": data.get("mode") or "",
        }
        return {k: v for k, v in params.items() if v}

    def search_url(self, path: str) -> str:
        return f"{path}?{urlencode(self.search_params())}"
