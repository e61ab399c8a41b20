"""The reader's query language, parsed, and compiled to haystack's query objects (``SQ``).

Syntax, and nothing else is syntax (the user's string never reaches an engine's parser):

- terms separated by spaces (the ideographic space too) must all appear;
- a phrase in quotes keeps its spaces: ``"…"`` ``“…”`` ``‘…’`` ``「…」`` ``『…』`` ``＂…＂``
  (an unclosed quote runs to the end);
- a leading ``-`` (also ``－``, ``—``, ``–``, ``−``, ``﹣``) excludes a term or phrase;
- ``OR``, ``或`` or ``|`` between terms: either may appear;
- a scope before a term: ``标题:``/``headline:``, ``正文:``/``body:`` (the lead and paragraphs
  only), ``作者:``/``byline:``, ``栏目:``/``column:`` (``:`` or ``：``); any other ``word:`` is
  text, searched as typed.

Every term is put in matching form (``normalize``), so 無錫 finds 无锡 and ＲＦ３６０ finds RF360.
Field names of the engines, wildcards, ``~``, brackets and AND/NOT are searched as text.

``to_sq`` compiles a parsed query to one ``SQ``: what a ``SearchQuerySet`` filters with, on any
engine. ``words_query`` is the "分词" reading of a query that found nothing: each unmatched term
split into jieba words, all required.
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from haystack.inputs import Exact
from haystack.query import SQ

from . import fields
from .normalize import normalize

MAX_QUERY_CHARS = 200
MAX_TERMS = 32

# Opening quote -> closing quote.
QUOTES = {'"': '"', "＂": "＂", "“": "”", "‘": "’", "「": "」", "『": "』", "”": "”"}
MINUS = "-－—–−﹣"
OR_WORDS = {"OR", "或", "|", "｜"}
SCOPES = {
    "标题": "headline",
    "headline": "headline",
    "作者": "byline",
    "byline": "byline",
    "栏目": "column",
    "column": "column",
    "正文": "body",
    "body": "body",
}
SCOPE_FIELDS = {
    "text": fields.CONTENT, "headline": fields.HEADLINE, "body": fields.BODY, "byline": fields.REPORTERS,
    "column": fields.COLUMN,
}
# The name a page writes before a term of each scope (the search box's own spelling).
SCOPE_NAMES = {"headline": "标题", "body": "正文", "byline": "作者", "column": "栏目"}


class QueryError(ValueError):
    """A query we refuse, with a message for the user (the pages answer 400)."""


@dataclass(frozen=True)
class Term:
    text: str  # as typed (without quotes or scope)
    form: str  # matching form
    scope: str = "text"  # text, headline, body, byline or column
    phrase: bool = False


@dataclass(frozen=True)
class ParsedQuery:
    raw: str
    groups: tuple[tuple[Term, ...], ...] = ()  # all groups required; any term of a group
    excluded: tuple[Term, ...] = ()

    @property
    def is_empty(self) -> bool:
        return not self.groups

    @property
    def include(self) -> tuple[str, ...]:
        """Matching forms of the required whole-text terms (no alternatives, no scope)."""
        return tuple(
            dict.fromkeys(g[0].form for g in self.groups if len(g) == 1 and g[0].scope == "text")
        )

    @property
    def exclude(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.form for t in self.excluded if t.scope == "text"))

    @property
    def marked(self) -> tuple[str, ...]:
        """Forms a results page marks in headlines and snippets: every wanted text, headline or
        body term."""
        return tuple(
            dict.fromkeys(t.form for g in self.groups for t in g if t.scope in ("text", "headline", "body"))
        )


def _sanitise(raw: str) -> str:
    # Lone surrogates (from %ED%A0%80 and the like) cannot be encoded: drop them. NUL is never
    # text; it separates terms like a space.
    return raw.encode("utf-8", "ignore").decode("utf-8").replace("\x00", " ")


@dataclass
class _Token:
    text: str
    excluded: bool = False
    phrase: bool = False
    scope: str = "text"
    is_or: bool = False


def _tokens(text: str) -> list[_Token]:
    tokens: list[_Token] = []
    i, n = 0, len(text)
    while i < n:
        if text[i].isspace():
            i += 1
            continue
        excluded = False
        if text[i] in MINUS and i + 1 < n and not text[i + 1].isspace():
            excluded, i = True, i + 1
        scope = "text"
        if text[i] not in QUOTES:
            # A scope: a known word followed by a colon and something to search.
            for colon in (":", "："):
                head, sep, rest = text[i:].partition(colon)
                if sep and head in SCOPES and rest[:1] and not rest[:1].isspace() and not any(
                    c.isspace() for c in head
                ):
                    scope, i = SCOPES[head], i + len(head) + 1
                    break
        if text[i] in QUOTES:
            close = QUOTES[text[i]]
            end = text.find(close, i + 1)
            end = n if end < 0 else end  # an unclosed quote runs to the end
            tokens.append(_Token(text[i + 1 : end], excluded=excluded, phrase=True, scope=scope))
            i = end + 1
            continue
        start = i
        while i < n and not text[i].isspace() and text[i] not in QUOTES and text[i] not in "|｜":
            i += 1
        if start == i and text[i] in "|｜":
            i += 1
        word = text[start:i]
        if scope == "text" and not excluded and word in OR_WORDS:
            tokens.append(_Token(word, is_or=True))
        else:
            tokens.append(_Token(word, excluded=excluded, scope=scope))
    return tokens


def parse_query(raw: str) -> ParsedQuery:
    """Parse what the user typed; raises ``QueryError`` when it is too long to be a search."""
    raw = _sanitise(raw).strip()
    if len(raw) > MAX_QUERY_CHARS:
        raise QueryError(f"搜索词太长：最多 {MAX_QUERY_CHARS} 个字符，您输入了 {len(raw)} 个。")
    tokens = _tokens(raw)
    words = [t for t in tokens if not t.is_or]
    if len(words) > MAX_TERMS:
        raise QueryError(f"搜索词太多：最多 {MAX_TERMS} 个，您输入了 {len(words)} 个。")
    groups: list[list[Term]] = []
    excluded: dict[Term, None] = {}
    join_next = False
    for token in tokens:
        if token.is_or:
            join_next = bool(groups)
            continue
        form = normalize(token.text)
        if not form:
            continue
        term = Term(text=token.text, form=form, scope=token.scope, phrase=token.phrase)
        if token.excluded:
            excluded[term] = None
            join_next = False
            continue
        if join_next:
            if term not in groups[-1]:
                groups[-1].append(term)
        else:
            groups.append([term])
        join_next = False
    unique: dict[tuple[Term, ...], None] = {tuple(g): None for g in groups}
    return ParsedQuery(raw=raw, groups=tuple(unique), excluded=tuple(excluded))


# --------------------------------------------------------------------------- to haystack


def term_sq(term: Term) -> SQ:
    """One term as haystack's query object: an exact substring of the text, the headline, the
    body, a reporter's name or the column."""
    field = SCOPE_FIELDS[term.scope]
    if field == fields.CONTENT:
        return SQ(content=Exact(term.form))
    return SQ(**{f"{field}__contains": term.form})


def to_sq(parsed: ParsedQuery) -> SQ:
    """The whole query as one ``SQ`` (AND of its groups, OR within a group, NOT of exclusions).
    An empty query gives an empty ``SQ`` (which matches everything): callers check ``is_empty``."""
    result = SQ()
    for group in parsed.groups:
        alternatives = term_sq(group[0])
        for term in group[1:]:
            alternatives |= term_sq(term)
        result &= alternatives
    for term in parsed.excluded:
        result &= ~term_sq(term)
    return result


def words_query(parsed: ParsedQuery, unmatched: set[Term]) -> tuple[ParsedQuery, list[str]]:
    """The query with each unmatched whole-text term (not a quoted phrase) replaced by its jieba
    words (each required); returns it and the words in order, for the label."""
    from .analysis import split_words

    groups: list[tuple[Term, ...]] = []
    words: list[str] = []
    for group in parsed.groups:
        term = group[0]
        # A phrase in quotes was asked for as typed: it stays whole.
        if len(group) == 1 and term in unmatched and term.scope == "text" and not term.phrase:
            split = split_words(group[0].form)
            for word in split:
                words.append(word)
                groups.append((Term(text=word, form=word),))
        else:
            groups.append(group)
    unique = tuple(dict.fromkeys(groups))
    return replace(parsed, groups=unique), list(dict.fromkeys(words))


__all__ = [
    "MAX_QUERY_CHARS",
    "MAX_TERMS",
    "ParsedQuery",
    "QueryError",
    "SCOPE_NAMES",
    "Term",
    "parse_query",
    "to_sq",
    "words_query",
]
