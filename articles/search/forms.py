"""The search form, and running it: what every search page of the site calls.

``ArchiveSearchForm`` is a haystack ``SearchForm`` that reads the parameters the search page,
the API, feeds and the advanced search share: ``q``, ``year``, ``reporter``, ``column``,
``paper``, ``print_page`` (as printed, A02, or the page's number), ``from``/``to`` (ISO dates), ``sort`` (relevance/newest/oldest) and ``mode`` (``exact``,
``words``, or empty: exact, and the words when exact finds nothing). ``form.search()`` is the
``SearchQuerySet`` of the exact reading, as haystack's forms do.

``run_search_form(form, page=1)`` runs it: one page of haystack results, the exact count, the
facets, and whether the exact search or its words answered (``match``)::

    form = ArchiveSearchForm(request.GET)
    if form.is_valid():
        found = run_search_form(form, page=2)
        found.count, found.results, found.facets, found.match
    else:
        form.first_error()  # a message for the reader (answer 400)
"""

from __future__ import annotations

import datetime as dt
import time
from dataclasses import dataclass, field

from django import forms
from haystack.forms import SearchForm
from haystack.query import EmptySearchQuerySet

from .language import ParsedQuery, QueryError, parse_query, words_query
from .query import SORTS, Filters, searchqueryset, site_facets, term_count

PER_PAGE = 20
MODES = ("exact", "words")
MATCH_LABELS = {"exact": "精确", "words": "分词"}


def _clean_text(value: str) -> str:
    return value.encode("utf-8", "replace").decode("utf-8").replace("\x00", "").strip()


class ArchiveSearchForm(SearchForm):
    """The archive's search parameters, checked; errors carry a message for the reader."""

    year = forms.CharField(required=False, strip=False)
    reporter = forms.CharField(required=False, strip=False)
    column = forms.CharField(required=False, strip=False)
    paper = forms.CharField(required=False, strip=False)
    print_page = forms.CharField(required=False, strip=False)
    sort = forms.CharField(required=False)
    mode = forms.CharField(required=False)

    def __init__(self, data=None, *args, **kwargs):
        if data is not None:
            # NUL separates terms in a query and is dropped elsewhere; Django's fields refuse it.
            data = {key: data.get(key, "").replace("\x00", " " if key == "q" else "") for key in data}
        super().__init__(data, *args, **kwargs)
        self.fields["q"].strip = False
        self.fields["q"].validators = []
        for name in ("from", "to"):
            self.fields[name] = forms.CharField(required=False, strip=False)
        for name in self.fields:
            if name != "q":
                self.fields[name].validators = []

    # -- checking

    def clean_q(self):
        raw = self.cleaned_data.get("q") or ""
        try:
            self.cleaned_data["parsed"] = parse_query(raw)
        except QueryError as exc:
            raise forms.ValidationError(str(exc)) from None
        return self.cleaned_data["parsed"].raw

    def _text(self, name: str, limit: int = 100) -> str:
        value = _clean_text(self.cleaned_data.get(name) or "")
        if len(value) > limit:
            raise forms.ValidationError(f"参数 {name} 太长。")
        return value

    def clean_year(self):
        text = self._text("year", 10)
        if not text:
            return None
        if not text.isascii() or not text.isdigit() or not 1900 <= int(text) <= 2100:
            raise forms.ValidationError(f"年份 {text!r} 无法识别，请写四位数字，如 2023。")
        return int(text)

    def clean_reporter(self):
        return self._text("reporter") or None

    def clean_column(self):
        return self._text("column") or None

    def clean_paper(self):
        return self._text("paper", 40) or None

    def clean_print_page(self):
        return self._text("print_page", 20) or None

    def clean_sort(self):
        sort = self.cleaned_data.get("sort") or "relevance"
        return sort if sort in SORTS else "relevance"

    def clean_mode(self):
        mode = self.cleaned_data.get("mode") or ""
        return mode if mode in MODES else ""

    def clean(self):
        cleaned = super().clean()
        for name in ("from", "to"):
            if name in self.errors:
                continue
            try:
                text = self._text(name, 20)
            except forms.ValidationError as exc:
                self.add_error(name, exc)
                continue
            if not text:
                cleaned[name] = None
                continue
            try:
                cleaned[name] = dt.date.fromisoformat(text)
            except ValueError:
                self.add_error(
                    name, f"日期 {name}={text!r} 无法识别，请用 YYYY-MM-DD 格式，如 2023-08-18。"
                )
        return cleaned

    def first_error(self) -> str:
        """The first problem, as a sentence for the reader."""
        for errors in self.errors.values():
            return str(errors[0])
        return ""

    # -- what was asked

    @property
    def parsed(self) -> ParsedQuery:
        return self.cleaned_data["parsed"]

    @property
    def filters(self) -> Filters:
        c = self.cleaned_data
        return Filters(
            year=c.get("year"),
            reporter=c.get("reporter"),
            column=c.get("column"),
            date_from=c.get("from"),
            date_to=c.get("to"),
            paper=c.get("paper"),
            page=c.get("print_page"),
        )

    def search(self):
        """The ``SearchQuerySet`` of the exact reading, with facets (haystack's form API)."""
        if not self.is_valid() or self.parsed.is_empty:
            return self.no_query_found()
        return searchqueryset(self.parsed, self.filters, self.cleaned_data["sort"])

    def no_query_found(self):
        return EmptySearchQuerySet()

    def get_suggestion(self):
        return None  # see plan.PlanSearchQuery.get_spelling_suggestion


@dataclass
class SearchPage:
    """One page of a search: what the pages, the API and the research tools show."""

    parsed: ParsedQuery  # the query as read exactly
    filters: Filters
    sort: str
    mode: str  # as asked: "", "exact" or "words"
    match: str  # what answered: "exact" or "words"
    count: int
    results: list  # haystack SearchResults (pk, score, stored fields)
    count_exact: bool = True  # False: the engine estimated (beyond 10,000 candidates): show 约 N
    count_bounds: tuple[int, int] | None = None  # with an estimate: the engine's (lower, upper) bounds
    facets: dict[str, list[tuple[str, int]]] = field(default_factory=dict)
    words: list[str] = field(default_factory=list)  # with match "words": the words required
    answered: ParsedQuery | None = None  # the query that answered (the words query, or parsed)
    notes: list[str] = field(default_factory=list)  # bounds the search hit, for the reader
    seconds: float = 0.0

    @property
    def marked(self) -> tuple[str, ...]:
        return (self.answered or self.parsed).marked


def _run(parsed, filters, sort, offset, limit, facets, notes=None):
    sqs = searchqueryset(parsed, filters, sort, facets=facets)
    results = list(sqs[offset : offset + limit]) if limit > 0 else []
    count = sqs.count()
    if notes is not None:
        notes.extend(n for n in getattr(sqs.query, "notes", []) if n not in notes)
    exact = getattr(sqs.query, "hits_exact", True)  # both engines estimate beyond 10,000 candidates
    bounds = None if exact else getattr(sqs.query, "hits_bounds", None)
    return results, count, (site_facets(sqs.facet_counts()) if facets and count else {}), (exact, bounds)


def run_search_form(form: ArchiveSearchForm, *, page: int = 1, per_page: int = PER_PAGE, facets: bool = True) -> SearchPage:
    """Run a valid form for one page (1-based). Exact first; with mode "" and nothing found,
    each term found nowhere is split into its jieba words and those are searched, all required;
    with mode "words" the words are searched directly."""
    started = time.perf_counter()
    parsed, filters = form.parsed, form.filters
    sort, mode = form.cleaned_data["sort"], form.cleaned_data["mode"]
    offset = (page - 1) * per_page
    found = SearchPage(parsed=parsed, filters=filters, sort=sort, mode=mode, match="exact", count=0, results=[])
    if parsed.is_empty:
        return found
    if mode != "words":
        found.results, found.count, found.facets, (found.count_exact, found.count_bounds) = _run(
            parsed, filters, sort, offset, per_page, facets, found.notes
        )
        found.answered = parsed
    if mode == "words" or (mode == "" and found.count == 0):
        singles = {g[0] for g in parsed.groups if len(g) == 1 and g[0].scope == "text"}
        unmatched = singles if mode == "words" else {t for t in singles if term_count(t) == 0}
        words, split = words_query(parsed, unmatched)
        if mode == "words" or (split and words.groups != parsed.groups):
            notes: list[str] = []
            results, count, counted, exact = _run(words, filters, sort, offset, per_page, facets, notes)
            # Without a mode, the words answer only when they find something: otherwise the
            # page says plainly that the exact text is nowhere.
            if mode == "words" or count:
                found.match, found.words, found.answered = "words", split, words
                found.results, found.count, found.facets = results, count, counted
                found.count_exact, found.count_bounds = exact
                found.notes = notes
    found.seconds = time.perf_counter() - started
    return found


__all__ = ["MATCH_LABELS", "MODES", "PER_PAGE", "ArchiveSearchForm", "SearchPage", "run_search_form"]
