"""Synthetic page files for benchmarks and recall tests: twenty years of 江南晚报 from five pages.

Pure Python (no Django): ``build_pool`` parses the seed pages with ``articles.parsing`` and keeps
their sentences, headline parts, reporters and footers; ``generate`` recombines them into page
files in the delivered format (FORMAT.md) with the variations real deliveries have: both
punctuation widths, column breaks mid-sentence, one- and two-line headlines, bylines on their
own line or after the last sentence, 要闻快览 columns of wire items, CRLF line ends, GB18030,
UTF-8 with a BOM and UTF-16. Every page carries a year clue and datelines from which the parser
infers the intended issue date.

Each generated page comes with what the parser must give back (``Expected...``): the benchmark
counts on it to check recall, and ``tests/test_corpus.py`` checks the round trip. The same seed
gives the same bytes (one ``random.Random`` per corpus, no hashing of unordered sets).
"""

from __future__ import annotations

import codecs
import datetime as dt
import hashlib
import random
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

from articles import parsing

__all__ = [
    "ExpectedArticle",
    "ExpectedPage",
    "Pool",
    "RARE_SENTENCE",
    "RARE_TERM",
    "build_pool",
    "generate",
    "make_page",
]

FIRST_DAY = dt.date(2005, 1, 1)
LAST_DAY = dt.date(2024, 12, 31)  # twenty years of issues

# A term the generator plants in one local article in RARE_EVERY (counted over the corpus), so a
# benchmark knows exactly which articles a rare-term query must find.
RARE_TERM = "惠山泥人"
RARE_SENTENCE = "活动现场还展示了惠山泥人等非遗作品，吸引不少市民驻足观看。"
RARE_EVERY = 1000

# Strong year clues (a year in the name of an event, as in the seed pages).
_EVENTS = (
    "世界物联网博览会",
    "集成电路(无锡)创新发展大会",
    "无锡-慕尼黑产业合作交流会",
    "太湖人才峰会",
    "无锡马拉松",
    "中国(无锡)国际新能源大会",
)
_YEAR_CLUE_TEMPLATES = (
    "这也是{year}{event}的一项重要成果。",
    "相关项目已在{year}{event}上集中发布。",
    "与会代表还就筹办{year}{event}交换了意见。",
)
# A lead whose date is not at the start (`本报讯 第二届……大会8月8日上午在锡山区召开`).
_LATE_DATE_LEADS = (
    "第二届长三角集成电路工业应用一体化发展大会{date}上午在惠山区召开。",
    "全市产业集群建设推进会{date}下午在市行政中心举行。",
    "无锡高新区重点项目集中签约活动{date}在新吴区举行。",
)
_LONG_TAIL_TEMPLATES = (
    "{name}科技有限公司负责人表示，将继续加大在锡投入。",
    "{name}集团相关负责人介绍了项目推进情况。",
    "来自{name}研究院的专家作了主题发言。",
)
_WIRE_SOURCES = (("据新华社", "新华社"), ("据中新社", "中新社"), ("据人民日报", "人民日报"), ("新华社", "新华社"))
_ROLES_PRINTED = (("记者", "记者"), ("本报记者", "记者"), ("通讯员", "通讯员"))

_FULL_TO_HALF = str.maketrans({"，": ",", "：": ":", "；": ";", "！": "!", "？": "?", "（": "(", "）": ")"})
_HALF_TO_FULL = str.maketrans({",": "，", ":": "：", ";": "；", "!": "！", "?": "？"})
_PARENS_TO_FULL = str.maketrans({"(": "（", ")": "）"})

_YEAR = re.compile(r"(?<![\d.])(?:19|20)\d\d(?!\d)")
_DATE_PREFIX = re.compile(
    r"^(当地时间)?\d{1,2}月\d{1,2}(日|—\d{1,2}日|日至\d{1,2}日)(上午|下午|晚|晚间)?[，,]\s*"
)
_SENTENCE = re.compile(r"[^。！？]*[。！？][”’」』)）]*")
_CJK = re.compile(r"[\u3400-\u9fff]")


@dataclass(frozen=True)
class ExpectedArticle:
    headline: str
    paragraphs: tuple[str, ...]
    bylines: tuple[tuple[str, str | None], ...]  # (name, role) as the parser gives them
    source: str | None
    section: str | None
    dateline: dt.date | None
    has_lead: bool
    has_rare_term: bool = False


@dataclass(frozen=True)
class ExpectedPage:
    name: str
    data: bytes
    issue_date: dt.date
    articles: tuple[ExpectedArticle, ...]
    encoding: str  # utf-8, utf-8-sig, gb18030 or utf-16
    crlf: bool
    half_width: bool


@dataclass(frozen=True)
class Pool:
    """What the seed pages offer to recombine, cleaned of anything that would mislead the parser."""

    lead_sentences: tuple[str, ...]  # from 本报讯 leads, their own dateline removed
    body_sentences: tuple[str, ...]
    headline_parts: tuple[str, ...]  # main titles and subtitles (split at the printed space)
    wire_headlines: tuple[str, ...]
    reporters: tuple[str, ...]
    footers: tuple[tuple[str, ...], ...]  # masthead/imprint blocks, line by line
    name_chars: str  # characters for made-up company names (the long tail of a real vocabulary)


# --------------------------------------------------------------------------- the pool


def _clean(text: str) -> str:
    """Full-width ，：；！？ (the page decides its width later); no year and no page furniture."""
    text = text.translate(_HALF_TO_FULL)
    # A year in a seed sentence would vote for the seed's year, not the generated page's.
    text = re.sub(r"(?<![\d.])(?:19|20)\d\d(?!\d)年", "今年", text)
    return _YEAR.sub("", text)


def _usable_line(text: str) -> bool:
    """Safe as a line of article text: not furniture, no year clue, long enough to be prose."""
    return (
        len(text) >= 12
        and parsing._footer_strength(text) == 0
        and parsing.infer_year(text) == (None, "文中无年份线索", None)
        and "本报讯" not in text
        and not parsing._is_byline_line(text)
    )


def _sentences(paragraph: str) -> list[str]:
    return [s for s in (m.group(0).strip() for m in _SENTENCE.finditer(paragraph)) if s]


def build_pool(seed_pages: list[tuple[str, bytes]]) -> Pool:
    """Parse the seed pages (name, bytes) and collect what ``generate`` recombines."""
    lead_sentences: list[str] = []
    body_sentences: list[str] = []
    headline_parts: list[str] = []
    wire_headlines: list[str] = []
    reporters: list[str] = []
    footers: list[tuple[str, ...]] = []
    chars: list[str] = []
    for name, data in seed_pages:
        text = parsing.decode_page(data, name)
        page = parsing.parse_page(text, name)
        for article in page.articles:
            for b in article.bylines:
                if b.name not in reporters:
                    reporters.append(b.name)
            for part in _clean(article.headline).split(" "):
                if len(part) >= 8 and part not in headline_parts and _usable_line(part):
                    headline_parts.append(part)
            if article.section:
                head = _clean(article.headline)
                if head not in wire_headlines:
                    wire_headlines.append(head)
            for i, paragraph in enumerate(article.paragraphs):
                if i == 0 and article.has_lead:
                    paragraph = re.sub(r"^本报讯\s*", "", parsing.fold(paragraph).strip())
                    paragraph = _DATE_PREFIX.sub("", paragraph)
                    target = lead_sentences
                else:
                    target = body_sentences
                for sentence in _sentences(_clean(paragraph)):
                    if _usable_line(sentence) and sentence not in target:
                        target.append(sentence)
                for ch in paragraph:
                    if _CJK.match(ch) and ch not in chars:
                        chars.append(ch)
        # The footer: the run of imprint lines after the last line of article text.
        lines = [ln.strip() for ln in text.split("\n") if ln.strip()]
        last_text = max(i for i, ln in enumerate(lines) if parsing._footer_strength(ln) == 0)
        footer = tuple(lines[last_text + 1 :])
        if footer and footer not in footers:
            footers.append(footer)
    if not (lead_sentences and body_sentences and headline_parts and reporters):
        raise ValueError("seed pages give too little to recombine")
    # Recombine surnames and given names so a 20-year archive has more than nine reporters.
    people = list(reporters)
    for surname in dict.fromkeys(r[0] for r in reporters):
        for given in dict.fromkeys(r[1:] for r in reporters):
            if surname + given not in people:
                people.append(surname + given)
    return Pool(
        lead_sentences=tuple(lead_sentences),
        body_sentences=tuple(body_sentences),
        headline_parts=tuple(headline_parts),
        wire_headlines=tuple(
            dict.fromkeys(
                h for h in wire_headlines + [p for p in headline_parts if len(p) <= 30]
                if parsing._title_like(h, strict=True)
            )
        ),
        reporters=tuple(people),
        footers=tuple(footers),
        name_chars="".join(chars),
    )


def pool_from_dir(seeds_dir: Path) -> Pool:
    files = sorted(p for p in Path(seeds_dir).iterdir() if p.suffix.lower() == ".txt")
    return build_pool([(p.name, p.read_bytes()) for p in files])


# --------------------------------------------------------------------------- one page


@dataclass
class _Draft:
    """An article before the page's punctuation width is applied."""

    headline: str
    headline_lines: list[str]
    paragraphs: list[str]
    byline_text: str  # printed inside the parentheses
    bylines: tuple[tuple[str, str | None], ...]
    source: str | None
    section: str | None
    dateline: dt.date | None
    byline_own_line: bool
    rare: bool = False


def _dateline_phrase(rng: random.Random, day: dt.date, issue: dt.date) -> str:
    md = f"{day.month}月{day.day}"
    kind = rng.random()
    if kind < 0.12:
        return f"当地时间{md}日"
    if kind < 0.30:
        return f"{md}日{rng.choice(('上午', '下午', '晚'))}"
    end = min(issue.day, day.day + rng.randint(1, 3)) if day.month == issue.month else day.day
    if kind < 0.40 and end > day.day:
        return f"{md}—{end}日"
    if kind < 0.48 and end > day.day:
        return f"{md}日至{end}日"
    return f"{md}日"


def _paragraph(rng: random.Random, sentences: tuple[str, ...], lo: int, hi: int) -> str:
    return "".join(rng.choice(sentences) for _ in range(rng.randint(lo, hi)))


def _company(rng: random.Random, pool: Pool) -> str:
    return "".join(rng.choice(pool.name_chars) for _ in range(rng.randint(2, 3)))


def _headline(rng: random.Random, pool: Pool) -> str:
    main = rng.choice(pool.headline_parts)
    if rng.random() < 0.45:
        sub = rng.choice(pool.headline_parts)
        if sub != main:
            return f"{main} {sub}"
    return main


def _byline(rng: random.Random, pool: Pool) -> tuple[str, tuple[tuple[str, str | None], ...]]:
    a, b = rng.sample(pool.reporters, 2)
    kind = rng.random()
    if kind < 0.55:
        return a, ((a, None),)
    if kind < 0.75:
        return f"{a}、{b}", ((a, None), (b, None))
    if kind < 0.9:
        printed, role = rng.choice(_ROLES_PRINTED[:2])
        return f"{printed} {a}", ((a, role),)
    return f"记者 {a} 通讯员 {b}", ((a, "记者"), (b, "通讯员"))


def _local_article(
    rng: random.Random, pool: Pool, *, day: dt.date, issue: dt.date, target_chars: int, rare: bool
) -> _Draft:
    headline = _headline(rng, pool)
    if " " in headline and rng.random() < 0.35 and len(headline.split(" ")[0]) <= 40:
        headline_lines = headline.split(" ", 1)  # main title and subtitle printed on two lines
    else:
        headline_lines = [headline]
    if rng.random() < 0.08:
        lead = "本报讯 " + rng.choice(_LATE_DATE_LEADS).format(date=f"{day.month}月{day.day}日")
        lead += _paragraph(rng, pool.lead_sentences, 1, 2)
    else:
        lead = f"本报讯 {_dateline_phrase(rng, day, issue)}，{_paragraph(rng, pool.lead_sentences, 1, 3)}"
    paragraphs = [lead]
    size = len(lead)
    while size < target_chars or len(paragraphs) < 2:  # the parser cuts at a byline after the lead
        p = _paragraph(rng, pool.body_sentences, 2, 5)
        paragraphs.append(p)
        size += len(p)
    # A made-up company name: real archives have a long tail of names the dictionary lacks.
    k = rng.randrange(1, len(paragraphs)) if len(paragraphs) > 1 else 0
    paragraphs[k] += rng.choice(_LONG_TAIL_TEMPLATES).format(name=_company(rng, pool))
    if rare:
        paragraphs[-1] += RARE_SENTENCE
    byline_text, bylines = _byline(rng, pool)
    return _Draft(
        headline=headline,
        headline_lines=headline_lines,
        paragraphs=paragraphs,
        byline_text=byline_text,
        bylines=bylines,
        source=None,
        section=None,
        dateline=day,
        byline_own_line=rng.random() < 0.8,
        rare=rare,
    )


def _wire_item(rng: random.Random, pool: Pool, section: str) -> _Draft:
    headline = rng.choice(pool.wire_headlines)
    paragraphs = [_paragraph(rng, pool.body_sentences, 1, 3) for _ in range(rng.randint(1, 2))]
    printed, source = rng.choice(_WIRE_SOURCES)
    return _Draft(
        headline=headline,
        headline_lines=[headline],
        paragraphs=paragraphs,
        byline_text=printed,
        bylines=(),
        source=source,
        section=section,
        dateline=None,
        byline_own_line=True,
    )


def _break_columns(rng: random.Random, paragraph: str, rate: float) -> list[str]:
    """Cut a paragraph where a printed column might end: mid-sentence, even mid-word."""
    if rng.random() >= rate or len(paragraph) < 60:
        return [paragraph]
    for _ in range(8):
        cut = rng.randrange(20, len(paragraph) - 20)
        head, tail = paragraph[:cut], paragraph[cut:]
        if (
            not head[-1].isspace()
            and not tail[0].isspace()
            # A year clue cut in two (`20` / `23无锡...`) no longer dates the page.
            and not (head[-1].isdigit() or tail[0].isdigit())
            and not parsing.is_terminated(head)
            # A short comma-free first piece would read as the next wire item's headline.
            and not parsing._title_like(head, strict=True)
            and parsing._footer_strength(head) == 0
            and parsing._footer_strength(tail) == 0
            and not parsing._is_byline_line(tail)
        ):
            return [head, tail]
    return [paragraph]


def _width(text: str, half: bool, full_parens: bool) -> str:
    if half:
        return text.translate(_FULL_TO_HALF)
    return text.translate(_PARENS_TO_FULL) if full_parens else text


def make_page(
    rng: random.Random,
    pool: Pool,
    *,
    issue: dt.date,
    n_articles: int,
    name: str,
    plain: bool = False,
    first_local: int = 0,
) -> ExpectedPage:
    """One page of ``n_articles`` articles for ``issue`` (``plain``: UTF-8, LF, full width).

    ``first_local`` is how many 本报讯 articles came before this page in the corpus: the rare
    term goes into every ``RARE_EVERY``-th of them.
    """
    half = not plain and rng.random() < 0.3
    full_parens = rng.random() < 0.3
    wire_count = 0
    if n_articles >= 3 and rng.random() < 0.35:
        wire_count = rng.randint(1, min(3, n_articles - 2))
    local_count = n_articles - wire_count
    # Datelines: the issue's own day and up to two days before; the latest one dates the page.
    days = [issue - dt.timedelta(days=rng.choice((0, 0, 0, 1, 1, 2))) for _ in range(local_count)]
    days[rng.randrange(local_count)] = issue
    drafts = [
        _local_article(
            rng, pool, day=d, issue=issue, target_chars=int(rng.triangular(700, 2400, 1400)),
            rare=(first_local + i) % RARE_EVERY == RARE_EVERY // 2,
        )
        for i, d in enumerate(days)
    ]
    # The year, as the parser reads it: an event named with its year, in one article's text.
    clue = rng.choice(_YEAR_CLUE_TEMPLATES).format(year=issue.year, event=rng.choice(_EVENTS))
    holder = rng.choice(drafts)
    p = rng.randrange(len(holder.paragraphs))
    holder.paragraphs[p] += clue
    wires: list[_Draft] = []
    if wire_count:
        section = rng.choice(("要闻快览", "要闻快览", "新闻速递"))
        wires = [_wire_item(rng, pool, section) for _ in range(wire_count)]
    wires_first = bool(wires) and rng.random() < 0.25

    lines: list[str] = [""] * rng.randint(0, 3)
    break_rate = rng.choice((0.0, 0.15, 0.35))

    def emit(draft: _Draft) -> None:
        for hl in draft.headline_lines:
            lines.extend([_width(hl, half, full_parens), ""])
        paras = [_width(x, half, full_parens) for x in draft.paragraphs]
        byline = _width(f"({draft.byline_text})", half, full_parens)
        if not draft.byline_own_line:
            paras[-1] += byline
        for para in paras:
            for piece in _break_columns(rng, para, break_rate):
                lines.extend([piece, ""])
        if draft.byline_own_line:
            lines.extend([byline, ""])

    def emit_wires() -> None:
        lines.extend([wires[0].section or "", ""])
        for w in wires:
            emit(w)

    if wires_first:
        emit_wires()
    for d in drafts:
        emit(d)
    if wires and not wires_first:
        emit_wires()
    if pool.footers and rng.random() < 0.7:
        footer = rng.choice(pool.footers)
        lines.extend(_width(x, half, full_parens) for x in footer)
    text = "\n".join(lines) + "\n"

    ordered = (wires if wires_first else []) + drafts + ([] if wires_first else wires)
    expected = tuple(
        ExpectedArticle(
            headline=_width(d.headline, half, full_parens),
            paragraphs=tuple(_width(x, half, full_parens) for x in d.paragraphs),
            bylines=d.bylines,
            source=d.source,
            section=d.section,
            dateline=d.dateline,
            has_lead=d.section is None,
            has_rare_term=d.rare,
        )
        for d in ordered
    )

    encoding, crlf = "utf-8", False
    if not plain:
        roll = rng.random()
        encoding = "gb18030" if roll < 0.1 else "utf-8-sig" if roll < 0.2 else "utf-16" if roll < 0.23 else "utf-8"
        crlf = rng.random() < 0.15
    if crlf:
        text = text.replace("\n", "\r\n")
    data = text.encode(encoding)  # "utf-16" writes a BOM, "utf-8-sig" the UTF-8 BOM
    return ExpectedPage(
        name=name,
        data=data,
        issue_date=issue,
        articles=expected,
        encoding=encoding,
        crlf=crlf,
        half_width=half,
    )


# --------------------------------------------------------------------------- a corpus


def _page_sizes(rng: random.Random, n_articles: int) -> list[int]:
    sizes: list[int] = []
    left = n_articles
    while left > 0:
        k = min(left, rng.randint(3, 6))
        sizes.append(k)
        left -= k
    return sizes


def generate(pool: Pool, n_articles: int, seed: int = 0) -> Iterator[ExpectedPage]:
    """Pages holding exactly ``n_articles`` articles, in date order over 2005-2024."""
    rng = random.Random(f"jnwb-corpus-{seed}")
    sizes = _page_sizes(rng, n_articles)
    span = (LAST_DAY - FIRST_DAY).days
    offsets = sorted(rng.randrange(span + 1) for _ in sizes)
    local = 0
    for i, (size, offset) in enumerate(zip(sizes, offsets)):
        issue = FIRST_DAY + dt.timedelta(days=offset)
        tag = hashlib.sha256(f"{seed}-{i}".encode()).hexdigest()[:16]
        page = make_page(rng, pool, issue=issue, n_articles=size, name=f"{i:06d}_{tag}.txt", first_local=local)
        local += sum(a.has_lead for a in page.articles)
        yield page


def write_corpus(pool: Pool, out_dir: Path, n_articles: int, seed: int = 0) -> dict:
    """Write the pages into ``out_dir`` and a ``corpus.json`` summary; return the summary."""
    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    pages = articles = size = rare = 0
    for page in generate(pool, n_articles, seed):
        (out_dir / page.name).write_bytes(page.data)
        pages += 1
        articles += len(page.articles)
        size += len(page.data)
        rare += sum(a.has_rare_term for a in page.articles)
    return {
        "seed": seed,
        "articles": articles,
        "pages": pages,
        "bytes": size,
        "rare_term": RARE_TERM,
        "rare_term_articles": rare,
    }


def decode(data: bytes) -> str:
    """The text of a generated page (for tools that want the text without the parser)."""
    for bom, enc in ((codecs.BOM_UTF8, "utf-8-sig"), (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16")):
        if data.startswith(bom):
            return data.decode(enc)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        return data.decode("gb18030")
