"""How an article's text becomes index terms, computed once per article.

Three jobs, three kinds of terms:

- *Candidates* (no dictionary): the distinct characters and adjacent-character pairs
  (unigrams and bigrams) of the matching form, in ``text``. A query of one or two characters is
  one such term, exact by itself; a longer query's articles contain all its bigrams, and the
  query module confirms the phrase against the article's matching form in the text store
  (``textstore``), so recall never depends on how jieba split the article.
- *Ranking*: jieba words (search mode, so 集成电路 also yields 集成, 电路) in ``words``, scored
  with BM25, so an article about 集成电路 beats one where the characters meet by chance; and the
  headline's unigrams and bigrams in ``headline``, for the headline boost.
- *Verification*: the matching form itself, headline first (``ArticleTerms.record``), and
  where in it the body lies (``body_start``/``body_length``) for the ``正文:`` scope.

Whoosh fields normally run an analyser on a string. Our field types also accept the terms
already computed by ``analyse``: the text is normalised once and given to jieba once, and each
field takes its share. Given a plain string, a field analyses it itself, so the fields still
work for any caller that hands them text. No positions are stored: the text store confirms
phrases far faster than Whoosh's per-document position matching, and postings without
positions are smaller and cheaper to write.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections import Counter
from dataclasses import dataclass

import jieba
from whoosh import fields, formats
from whoosh.analysis import Token, Tokenizer
from whoosh.system import pack_uint

from .normalize import PART_SEPARATOR, normalize

__all__ = [
    "ArticleTerms",
    "GramsField",
    "HeadlineGramsField",
    "WordsField",
    "add_words",
    "analyse",
    "body_span",
    "counted_words",
    "part_forms",
    "load_jieba",
    "query_words",
    "split_words",
    "split_parts",
]

# Parts of a document (headline, paragraphs, bylines) are separated by blank lines.
_PART_BREAK = re.compile(r"\n\s*\n")

_jieba_lock = threading.Lock()
_jieba_loaded = False


def load_jieba(cache_dir: str | os.PathLike | None = None) -> None:
    """Load jieba's dictionary now (about a second), not inside the first request that needs it.

    ``cache_dir`` is where jieba keeps its prepared dictionary (by default it writes to /tmp;
    we keep all state in the data folder).
    """
    global _jieba_loaded
    with _jieba_lock:
        if _jieba_loaded:
            return
        jieba.setLogLevel(logging.WARNING)
        if cache_dir is not None:
            jieba.dt.tmp_dir = str(cache_dir)
        jieba.initialize()
        _jieba_loaded = True


_added_words: set[str] = set()


def add_words(words) -> None:
    """Teach jieba local names ``(word, freq, tag)`` so ranking keeps them whole.

    Recall never depends on this (it uses characters), only which words score. A word removed
    from the list stays known until the process restarts, which only affects ranking.
    """
    load_jieba()
    for word, freq, tag in words:
        form = normalize(word)
        if form and form not in _added_words:
            jieba.add_word(form, freq or None, tag or None)
            _added_words.add(form)


def split_parts(text: str) -> list[str]:
    """A document's parts: the blank-line separated blocks of the rendered index template."""
    return [p for p in _PART_BREAK.split(text) if p.strip()]


def _is_word(token: str) -> bool:
    # Punctuation and symbols carry no relevance; single CJK characters and Latin/digits do.
    return any(c.isalnum() for c in token)


def jieba_words(form: str) -> list[str]:
    """jieba's search-mode words of normalised text (no part separators inside)."""
    load_jieba()
    return [w for w in jieba.cut_for_search(form, HMM=True) if _is_word(w)]


def counted_words(forms) -> Counter:
    """jieba's search-mode words of each normalised part (no separators inside), counted; as
    ``jieba_words`` gives them, but each distinct token is checked once, not each occurrence."""
    load_jieba()
    counts: Counter = Counter()
    for form in forms:
        counts.update(jieba.cut_for_search(form, HMM=True))
    for token in [t for t in counts if not _is_word(t)]:
        del counts[token]
    return counts


def query_words(term: str) -> list[str]:
    """The ranking words of one normalised query term."""
    return list(dict.fromkeys(jieba_words(term)))


def split_words(term: str) -> list[str]:
    """jieba's precise-mode words of one normalised query term (赵建军集成电路 → 赵建军, 集成电路):
    what the "分词" match requires when the term itself is found nowhere."""
    load_jieba()
    return list(dict.fromkeys(w for w in jieba.cut(term, HMM=True) if _is_word(w)))


@dataclass
class ArticleTerms:
    """Everything the index stores about one document's text, from one pass over it."""

    grams: set[str]  # unigrams and bigrams of the matching form (no bigram spans two parts)
    words: Counter  # jieba words and their counts
    headline: set[str]  # unigrams and bigrams of the headline
    record: str  # the text-store record: headline form, separator, every part's form
    headline_length: int  # characters of the record that are the headline
    body_start: int = 0  # where in the record the body's parts begin (characters)
    body_length: int = 0  # characters of the body's parts (0: no body)


def grams(form: str) -> set[str]:
    """Unigrams and bigrams of a matching form; no bigram spans a part separator."""
    found = set(form)
    found.update(form[i : i + 2] for i in range(len(form) - 1))
    return {g for g in found if PART_SEPARATOR not in g}


def part_forms(text: str) -> list[str]:
    """The matching forms of a document's non-empty parts, in order."""
    return [f for f in (normalize(p) for p in split_parts(text)) if f]


def body_span(form: str, body_form: str) -> int:
    """Where ``body_form`` (parts joined by the separator) stands in ``form`` as whole parts, or -1."""
    if not body_form:
        return -1
    sep = PART_SEPARATOR
    # Padded with separators, a match starts at the separator before the body: at the body's
    # own index in ``form``.
    return (sep + form + sep).find(sep + body_form + sep)


def analyse(text: str, headline: str = "", body: str = "") -> ArticleTerms:
    """The terms of one article: ``text`` is the rendered document (parts split by blank lines),
    ``body`` its body alone (lead and paragraphs, blank-line separated)."""
    forms = part_forms(text)
    form = PART_SEPARATOR.join(forms)
    words = counted_words(forms)
    headline_form = normalize(headline)
    record = headline_form + PART_SEPARATOR + form
    body_form = PART_SEPARATOR.join(part_forms(body))
    start = body_span(form, body_form)
    found = grams(form)
    if body_form and start >= 0:
        body_start = len(headline_form) + 1 + start
    elif body_form:
        # The body is not a run of the text's parts (a template that renders it otherwise):
        # it goes after them, so the body scope stays exact and the text still holds it.
        body_start = len(record) + 1
        record += PART_SEPARATOR + body_form
        found |= grams(body_form)
    else:
        body_start = 0
    return ArticleTerms(
        grams=found,
        words=words,
        headline=grams(headline_form),
        record=record,
        headline_length=len(headline_form),
        body_start=body_start,
        body_length=len(body_form),
    )


class _NormalisingTokenizer(Tokenizer):
    """Only for Whoosh code paths that analyse text themselves (never our query building)."""

    def __call__(self, value, positions=False, chars=False, keeporiginal=False, removestops=True,
                 start_pos=0, start_char=0, tokenize=True, mode="", **kwargs):
        token = Token(positions, chars, removestops=removestops, mode=mode, **kwargs)
        for pos, char in enumerate(normalize(value)):
            token.text = char
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + pos
            yield token


class _PreAnalysedField(fields.FieldType):
    """A field whose ``index`` takes the terms ``analyse`` computed, or a string to analyse.

    Scorable even where we never score: Whoosh looks up every posting's field length while
    writing, from a column when the field has lengths and with a file ``stat`` when not.
    """

    def __init__(self, format):
        super().__init__(format=format, analyzer=_NormalisingTokenizer(), scorable=True, stored=False)

    def index(self, value, **kwargs):
        if isinstance(value, str):
            value = self.terms_of(value)
        return self.postings(value)

    def terms_of(self, text: str):  # pragma: no cover - defined by each subclass
        raise NotImplementedError

    def postings(self, value):
        for term in value:
            yield term.encode("utf-8"), 1, 1.0, b""


class GramsField(_PreAnalysedField):
    """``text``: which unigrams and bigrams occur (existence only: candidates, never scored)."""

    def __init__(self):
        super().__init__(formats.Existence())

    def terms_of(self, text):
        return analyse(text).grams


class HeadlineGramsField(GramsField):
    """``headline``: the unigrams and bigrams of one short text."""

    def terms_of(self, text):
        return grams(normalize(text))


class WordsField(_PreAnalysedField):
    """``words``: jieba words and their counts, scored with BM25 for ranking."""

    def __init__(self):
        super().__init__(formats.Frequency())

    def terms_of(self, text):
        return analyse(text).words

    def postings(self, words: Counter):
        for word, count in words.items():
            yield word.encode("utf-8"), count, float(count), pack_uint(count)
