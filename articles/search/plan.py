"""haystack's query objects (``SQ`` trees), compiled to a plan every engine can run.

haystack normally turns a ``SQ`` tree into a query string in the engine's own language, which
the backend parses again. Our engines match exactly on normalised text, not through a query
parser, so ``PlanSearchQuery.build_query`` returns a small tree instead (``Contains``,
``Compare``, ``And``, ``Or``, ``Not``, ``Everything``), with values already in Python form and
text already in matching form. Each engine's backend evaluates the tree (``search`` receives
it as its ``query_string``). A backend given a plain string (``raw_search``, ``narrow``) parses
it with ``parse_string``.

What each lookup means, on every engine:

- ``content`` (haystack's "any text") and ``text``: ``filter(content="无锡 发展")`` holds every
  whitespace-separated word as an exact substring (as haystack's backends do with words);
  ``content__exact`` / ``Exact(...)`` one exact substring (spaces ignored, they are line wraps);
  ``AutoQuery`` / ``Raw`` are read in the site's query language (``language``).
- ``headline``: ``contains``/``content`` an exact substring, ``exact`` the whole headline.
- ``body`` (the lead and paragraphs, without headlines, bylines or captions): as ``content``,
  only in the body; ``exact`` is one exact substring of it.
- ``reporters``/``column``: ``exact``, ``in``, ``startswith``, ``contains`` (a substring of one
  value), ``content`` = ``exact``. Values compare in matching form (full width, traditional
  characters and case do not matter).
- ``year``/``issue_date``/``django_id``: ``exact``, ``in``, ``gt``/``gte``/``lt``/``lte``, ``range``.
- ``django_ct``: ``exact``/``in``. ``fuzzy`` and ``endswith``, and lookups on other fields, raise
  ``NotImplementedError`` (never a silent wrong answer).
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass

from haystack.backends import SearchNode
from haystack.inputs import AutoQuery, BaseInput, Exact, Raw

from . import fields
from .normalize import normalize

TEXT_FIELDS = {fields.CONTENT: fields.TEXT, fields.TEXT: fields.TEXT, fields.HEADLINE: fields.HEADLINE, fields.BODY: fields.BODY}
VALUE_FIELDS = {fields.REPORTERS, fields.COLUMN, fields.PAPER, fields.PAGE_LABEL}
ORDERED_FIELDS = {fields.YEAR, fields.ISSUE_DATE, fields.PAGE_NUMBER, "django_id"}
COMPARISONS = {"exact", "in", "gt", "gte", "lt", "lte", "range", "startswith", "contains"}


@dataclass(frozen=True)
class Everything:
    def __str__(self):
        return "*"


@dataclass(frozen=True)
class Contains:
    """``field`` (``text``, ``headline`` or ``body``) holds ``form`` exactly; for
    ``reporters``/``column``, one value holds it."""

    field: str
    form: str

    def __str__(self):
        return f"{self.field}:{self.form!r}"


@dataclass(frozen=True)
class Compare:
    """``field`` compared with ``value`` (lookup ``op``); ``in`` and ``range`` take a tuple."""

    field: str
    op: str
    value: object

    def __str__(self):
        return f"{self.field}__{self.op}={self.value!r}"


@dataclass(frozen=True)
class And:
    children: tuple

    def __str__(self):
        return "(" + " AND ".join(map(str, self.children)) + ")"


@dataclass(frozen=True)
class Or:
    children: tuple

    def __str__(self):
        return "(" + " OR ".join(map(str, self.children)) + ")"


@dataclass(frozen=True)
class Not:
    child: object

    def __str__(self):
        return f"NOT {self.child}"


EVERYTHING = Everything()


def _and(children) -> object:
    children = tuple(c for c in children if c != EVERYTHING)
    if not children:
        return EVERYTHING
    return children[0] if len(children) == 1 else And(children)


# --------------------------------------------------------------------------- values


def _python_value(field: str, value):
    """A lookup value in the form the engines compare: int years and ids, dates, matching-form text."""
    if isinstance(value, BaseInput):
        value = value.query_string
    if field in (fields.YEAR, fields.PAGE_NUMBER, "django_id"):
        try:
            return int(value)
        except (TypeError, ValueError):
            raise ValueError(f"{field} takes a whole number, not {value!r}") from None
    if field == fields.ISSUE_DATE:
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        try:
            return dt.date.fromisoformat(str(value)[:10])
        except ValueError:
            raise ValueError(f"{field} takes a date, not {value!r}") from None
    if field == "django_ct":
        return str(value)
    return normalize(str(value))


def _content(field: str, op: str, value) -> object:
    target = TEXT_FIELDS[field]
    if isinstance(value, AutoQuery | Raw):
        from .language import parse_query, to_sq

        parsed = parse_query(value.query_string)
        return compile_sq(to_sq(parsed)) if not parsed.is_empty else EVERYTHING
    if isinstance(value, (list, tuple, set)) and op == "in":
        return Or(tuple(Contains(target, normalize(str(v))) for v in value)) if value else Or(())
    text = value.query_string if isinstance(value, BaseInput) else str(value)
    if op == "exact" and field == fields.HEADLINE:
        return Compare(fields.HEADLINE, "exact", normalize(text))
    if op == "exact" or isinstance(value, Exact):
        form = normalize(text)
        return Contains(target, form) if form else EVERYTHING
    if op in ("content", "contains"):
        words = [normalize(w) for w in text.split()]
        return _and(Contains(target, w) for w in words if w)
    raise NotImplementedError(f"the lookup {field}__{op} is not supported: use content, contains or exact")


def compile_leaf(field: str, op: str, value) -> object:
    if op in ("fuzzy", "endswith"):
        raise NotImplementedError(f"the lookup {field}__{op} is not supported by this archive's search engines")
    if field in TEXT_FIELDS:
        return _content(field, op, value)
    if field == "id":  # haystack's identifier "articles.article.<pk>"
        field, value = "django_id", (
            [str(v).rsplit(".", 1)[-1] for v in value] if op in ("in", "range") else str(value).rsplit(".", 1)[-1]
        )
    if field not in VALUE_FIELDS | ORDERED_FIELDS | {"django_ct"}:
        raise NotImplementedError(f"no field {field!r} in the search index")
    if op == "content":
        op = "exact"
    if op not in COMPARISONS:
        raise NotImplementedError(f"the lookup {field}__{op} is not supported")
    if op in ("contains", "startswith") and field not in VALUE_FIELDS:
        raise NotImplementedError(f"the lookup {field}__{op} is only for reporters, column, paper and page_label")
    if op in ("gt", "gte", "lt", "lte") and field not in ORDERED_FIELDS:
        raise NotImplementedError(f"the lookup {field}__{op} is only for year, issue_date, page_number and django_id")
    if op == "in":
        return Compare(field, "in", tuple(_python_value(field, v) for v in value))
    if op == "range":
        low, high = value
        return Compare(field, "range", (_python_value(field, low), _python_value(field, high)))
    return Compare(field, op, _python_value(field, value))


def compile_sq(node) -> object:
    """A haystack ``SQ``/``SearchNode`` tree as a plan."""
    parts = []
    for child in node.children:
        if isinstance(child, SearchNode):
            parts.append(compile_sq(child))
        else:
            expression, value = child
            field, op = node.split_expression(expression)
            parts.append(compile_leaf(field, op, value))
    if node.connector == SearchNode.OR:
        combined = EVERYTHING if EVERYTHING in parts else (parts[0] if len(parts) == 1 else Or(tuple(parts)))
        if not parts:
            combined = EVERYTHING
    else:
        combined = _and(parts)
    return Not(combined) if node.negated else combined


_FIELD_VALUE = re.compile(r'^\s*(?P<field>\w+?)(?:_exact)?\s*:\s*(?:"(?P<quoted>(?:[^"\\]|\\.)*)"|(?P<bare>\S+))\s*$')


def parse_string(query: str) -> object:
    """A plan for a string given to the backend: ``*`` (everything), ``field:value`` or
    ``field_exact:"value"`` (what ``narrow`` and haystack's faceted forms send), else the site's
    query language."""
    query = query or ""
    if query.strip() in ("", "*", "*:*"):
        return EVERYTHING
    match = _FIELD_VALUE.match(query)
    if match and match["field"] in VALUE_FIELDS | ORDERED_FIELDS | {"django_ct"}:
        value = match["quoted"] if match["quoted"] is not None else match["bare"]
        return compile_leaf(match["field"], "exact", re.sub(r"\\(.)", r"\1", value))
    from .language import parse_query, to_sq

    parsed = parse_query(query)
    return compile_sq(to_sq(parsed)) if not parsed.is_empty else EVERYTHING


def positive_forms(plan, negated: bool = False) -> list[str]:
    """The text forms a plan asks for (not under a NOT): what ranking scores and snippets mark."""
    if isinstance(plan, Contains):
        return [] if negated or plan.field not in (fields.TEXT, fields.HEADLINE, fields.BODY) else [plan.form]
    if isinstance(plan, Not):
        return positive_forms(plan.child, not negated)
    if isinstance(plan, And | Or):
        return list(dict.fromkeys(f for c in plan.children for f in positive_forms(c, negated)))
    return []


class PlanSearchQuery:
    """Mixin for an engine's haystack ``SearchQuery``: the query is a plan, not a string."""

    def build_query(self):
        plan = compile_sq(self.query_filter)
        narrow = [parse_string(q) for q in sorted(self.narrow_queries)]
        return _and([plan, *narrow])

    def build_params(self, spelling_query=None):
        params = super().build_params(spelling_query=spelling_query)
        params.pop("narrow_queries", None)  # already part of the plan
        return params

    def run(self, spelling_query=None, **kwargs):
        """haystack's run, keeping the engine's notes (a bound the query hit) in ``notes``."""
        final_query = self.build_query()
        search_kwargs = self.build_params(spelling_query=spelling_query)
        search_kwargs.update(kwargs)
        results = self.backend.search(final_query, **search_kwargs)
        self._results = results.get("results", [])
        self._hit_count = results.get("hits", 0)
        self._facet_counts = self.post_process_facets(results)
        self._spelling_suggestion = results.get("spelling_suggestion", None)
        self.notes = list(results.get("notes") or [])
        self.take_engine_results(results)

    # Whether the last count is exact, and its (lower, upper) bounds when it is an estimate
    # (an engine that estimates large counts returns ``hits_exact`` and ``hits_bounds``).
    hits_exact = True
    hits_bounds = None

    def take_engine_results(self, results: dict) -> None:
        """What an engine's query class keeps of its own result keys."""
        self.hits_exact = results.get("hits_exact", True)
        self.hits_bounds = results.get("hits_bounds")

    def _clone(self, klass=None, using=None):
        clone = super()._clone(klass=klass, using=using)
        clone.hits_exact, clone.hits_bounds = self.hits_exact, self.hits_bounds
        return clone

    def build_query_fragment(self, field, filter_type, value):
        # Only str(self) uses strings: show the plan.
        return str(compile_leaf(field, filter_type, value))

    def __str__(self):
        return str(self.build_query())

    def get_spelling_suggestion(self, preferred_query=None):
        raise NotImplementedError(
            "spelling suggestions are not offered: exact Chinese substrings have no spelling; "
            "a search that finds nothing falls back to its jieba words instead (match=words)"
        )


__all__ = [
    "EVERYTHING",
    "And",
    "Compare",
    "Contains",
    "Everything",
    "Not",
    "Or",
    "PlanSearchQuery",
    "compile_sq",
    "parse_string",
    "positive_forms",
]
