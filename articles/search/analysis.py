"""How an article's text becomes index terms, computed once per article.

Two kinds of terms, for two jobs:

- *Recall* (exact, no dictionary): the character unigrams (``chars``) and the overlapping
  bigrams with their positions (``text``) of the matching form (see ``normalize``). A query of
  one character is a unigram term, of two a bigram term, of more a phrase of its overlapping
  bigrams at consecutive positions, which holds exactly when the query is a substring of one part
  of the article. Nothing depends on how jieba happened to split the article.
- *Ranking*: jieba words (search mode, so 集成电路 also yields 集成, 电路) in ``words``, scored
  with BM25, so an article about 集成电路 beats one where the characters meet by chance; and
  the headline's unigrams and bigrams in ``headline`` so a headline match can be boosted.

Whoosh fields normally run an analyser on a string. Our field types also accept the terms
already computed by ``analyse``: the text is normalised once and given to jieba once, and each
field takes its share. Given a plain string, a field analyses it itself, so the fields still
work for any caller that hands them text.
"""

from __future__ import annotations

import logging
import os
import re
import threading
from collections import Counter, defaultdict
from dataclasses import dataclass

import jieba
from whoosh import fields, formats
from whoosh.analysis import Token, Tokenizer
from whoosh.system import pack_uint

from .normalize import PART_SEPARATOR, normalize

__all__ = [
    "ArticleTerms",
    "BigramField",
    "CharField",
    "GramsField",
    "WordsField",
    "add_words",
    "analyse",
    "load_jieba",
    "query_words",
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


def query_words(term: str) -> list[str]:
    """The ranking words of one normalised query term."""
    return list(dict.fromkeys(jieba_words(term)))


@dataclass
class ArticleTerms:
    """Everything the index stores about one document's text, from one pass over it."""

    chars: set[str]
    bigrams: dict[str, list[int]]
    words: Counter
    headline: dict[str, list[int]]


def grams(form: str, *, unigrams_with_positions: bool = False) -> tuple[set[str], dict[str, list[int]]]:
    """Unigrams and position-keyed bigrams of a matching form; no bigram spans a separator.

    The position of a bigram is the index of its first character in ``form``, so bigrams of
    consecutive characters have consecutive positions, which is what a phrase query checks.
    """
    positions: dict[str, list[int]] = defaultdict(list)
    for i in range(len(form) - 1):
        pair = form[i : i + 2]
        if PART_SEPARATOR not in pair:
            positions[pair].append(i)
    chars = set(form)
    chars.discard(PART_SEPARATOR)
    if unigrams_with_positions:
        for i, char in enumerate(form):
            if char != PART_SEPARATOR:
                positions[char].append(i)
    return chars, positions


def analyse(text: str, headline: str = "") -> ArticleTerms:
    """The terms of one article: ``text`` is the rendered document (parts split by blank lines)."""
    forms = [f for f in (normalize(p) for p in split_parts(text)) if f]
    form = PART_SEPARATOR.join(forms)
    chars, bigrams = grams(form)
    words: Counter = Counter()
    for part in forms:
        words.update(jieba_words(part))
    _, headline_terms = grams(normalize(headline), unigrams_with_positions=True)
    return ArticleTerms(chars=chars, bigrams=dict(bigrams), words=words, headline=dict(headline_terms))


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
    """A field whose ``index`` takes the terms ``analyse`` computed, or a string to analyse."""

    def __init__(self, format, scorable=False):
        super().__init__(format=format, analyzer=_NormalisingTokenizer(), scorable=scorable, stored=False)

    def index(self, value, **kwargs):
        if isinstance(value, str):
            value = self.terms_of(value)
        return self.postings(value)

    def terms_of(self, text: str):  # pragma: no cover - defined by each subclass
        raise NotImplementedError

    def postings(self, value):  # pragma: no cover - defined by each subclass
        raise NotImplementedError


class _PositionsField(_PreAnalysedField):
    def __init__(self, field_boost=1.0):
        super().__init__(formats.Positions(field_boost=field_boost), scorable=True)

    def postings(self, positions: dict[str, list[int]]):
        encode = self.format.encode
        boost = self.format.field_boost
        for term, poslist in positions.items():
            yield term.encode("utf-8"), len(poslist), len(poslist) * boost, encode(poslist)


class BigramField(_PositionsField):
    """``text``: overlapping bigrams with positions (phrase queries give exact substrings)."""

    def terms_of(self, text):
        return analyse(text).bigrams


class GramsField(_PositionsField):
    """``headline``: unigrams and bigrams of one short text, with positions."""

    def terms_of(self, text):
        return grams(normalize(text), unigrams_with_positions=True)[1]


class CharField(_PreAnalysedField):
    """``chars``: which characters occur (existence only: recall, never scored)."""

    def __init__(self):
        super().__init__(formats.Existence(), scorable=True)

    def terms_of(self, text):
        return analyse(text).chars

    def postings(self, chars):
        for char in chars:
            yield char.encode("utf-8"), 1, 1.0, b""


class WordsField(_PreAnalysedField):
    """``words``: jieba words and their counts, scored with BM25 for ranking."""

    def __init__(self):
        super().__init__(formats.Frequency(), scorable=True)

    def terms_of(self, text):
        return analyse(text).words

    def postings(self, words: Counter):
        for word, count in words.items():
            yield word.encode("utf-8"), count, float(count), pack_uint(count)
