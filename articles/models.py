"""The archive's data: issues of the paper, their printed pages, articles and the people in bylines.

Editable article fields keep two values apart: the current value (what readers see) and, in
``parsed``, what the parser last produced. ``edited_fields`` names the fields a person has
corrected; ingest never overwrites those (see ``services.page_ingest``).
"""

from __future__ import annotations

import datetime as dt
import re

from django.conf import settings
from django.core.validators import RegexValidator
from django.db import models
from django.db.models.functions import TruncMonth
from django.urls import reverse
from simple_history.models import HistoricalRecords

# Article fields a staff correction may lock against re-ingest.
CURATED_ARTICLE_FIELDS = ("headline", "section", "dateline", "lead", "body", "source", "bylines")


def default_paper() -> str:
    return getattr(settings, "NEWSARCHIVE_PAPER", "江南晚报")


class IssueQuerySet(models.QuerySet):
    def with_counts(self):
        return self.annotate(
            article_count=models.Count("pages__articles", distinct=True),
            page_count=models.Count("pages", distinct=True),
        )

    def previous_of(self, issue: "Issue") -> "Issue | None":
        """The same paper's issue printed before ``issue``, if any."""
        return self.filter(paper=issue.paper, date_issued__lt=issue.date_issued).order_by("-date_issued").first()

    def next_of(self, issue: "Issue") -> "Issue | None":
        return self.filter(paper=issue.paper, date_issued__gt=issue.date_issued).order_by("date_issued").first()

    def on_this_day(self, today: dt.date):
        """历史上的今天: issues printed on ``today``'s month and day in earlier years, newest first."""
        return self.filter(
            date_issued__month=today.month, date_issued__day=today.day, date_issued__year__lt=today.year
        ).order_by("-date_issued")

    def month_counts(self) -> list[tuple[dt.date, int]]:
        """(first day of month, number of issues) for every month that has an issue, oldest first."""
        rows = (
            self.annotate(month=TruncMonth("date_issued"))
            .values("month")
            .annotate(n=models.Count("pk"))
            .order_by("month")
        )
        return [(row["month"], row["n"]) for row in rows]


class Issue(models.Model):
    paper = models.CharField("报纸", max_length=40, default=default_paper)
    date_issued = models.DateField("出版日期")
    date_inferred = models.BooleanField(
        "日期为推断", default=True, help_text="日期由文中线索推断；编辑确认或更正后清除。"
    )
    date_evidence = models.CharField("推断依据", max_length=300, blank=True)
    date_confirmed_by_staff = models.BooleanField("日期经人工确认", default=False)
    created = models.DateTimeField(auto_now_add=True)

    objects = IssueQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "期"
        verbose_name_plural = "期"
        ordering = ["-date_issued"]
        get_latest_by = "date_issued"
        constraints = [
            models.UniqueConstraint(fields=["paper", "date_issued"], name="issue_unique_paper_date"),
        ]
        indexes = [models.Index(fields=["date_issued"], name="issue_date_idx")]

    def __str__(self) -> str:
        mark = "（日期为推断）" if self.date_inferred else ""
        return f"{self.paper} {self.date_issued:%Y-%m-%d}{mark}"

    def get_absolute_url(self) -> str:
        return reverse("articles:issue-detail", kwargs={"date": self.date_issued.isoformat()})


class Page(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="pages", verbose_name="期")
    sequence = models.PositiveSmallIntegerField("版序", help_text="本期内的顺序，从 1 开始")
    label = models.CharField("版名", max_length=40, blank=True)
    source_file = models.CharField("源文件", max_length=255, unique=True)
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    text_sha256 = models.CharField(
        "文本 SHA-256", max_length=64, blank=True, help_text="解码后文本的摘要：同一版面换了编码再送来也能认出"
    )
    credits = models.JSONField("版面署名", default=list, blank=True)  # [{"role": "值班编委", "names": [...]}]
    ingested = models.DateTimeField("导入时间", auto_now=True)

    class Meta:
        verbose_name = "版面"
        verbose_name_plural = "版面"
        ordering = ["issue", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "sequence"], name="page_unique_issue_sequence"),
        ]
        indexes = [models.Index(fields=["text_sha256"], name="page_text_sha256_idx")]

    def __str__(self) -> str:
        return f"{self.issue.paper} {self.issue.date_issued:%Y-%m-%d} {self.display_label}"

    @property
    def display_label(self) -> str:
        return page_display_label(self.label, self.sequence)

    def get_absolute_url(self) -> str:
        return reverse(
            "articles:page-detail", kwargs={"date": self.issue.date_issued.isoformat(), "sequence": self.sequence}
        )


# Labels ingest made up when the paper printed none: not printed labels, so not shown as such.
_MADE_UP_PAGE_LABEL = re.compile(r"(头版|第[0-9０-９]+版)")


def page_display_label(label: str, sequence: int) -> str:
    """The one name of a page everywhere on the site: the label as printed when the source gives
    one (A02, 要闻); otherwise 头版 for the first page and 第N版 for the others."""
    label = (label or "").strip()
    if label and not _MADE_UP_PAGE_LABEL.fullmatch(label):
        return label
    return "头版" if sequence == 1 else f"第{sequence}版"


class PersonQuerySet(models.QuerySet):
    def with_article_count(self):
        return self.annotate(article_count=models.Count("bylines__article", distinct=True))

    def reporters(self):
        """People with at least one article in the archive, most prolific first."""
        return self.with_article_count().filter(article_count__gt=0).order_by("-article_count", "name")


class Person(models.Model):
    name = models.CharField("姓名", max_length=60, unique=True)

    objects = PersonQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "记者"
        verbose_name_plural = "记者"
        ordering = ["name"]

    def __str__(self) -> str:
        return self.name

    def get_absolute_url(self) -> str:
        return reverse("articles:reporter-detail", kwargs={"pk": self.pk})


class ArticleQuerySet(models.QuerySet):
    def in_print_order(self):
        return self.order_by("-page__issue__date_issued", "page__sequence", "sequence")

    def with_page(self):
        return self.select_related("page", "page__issue")

    def by_person(self, person: "Person"):
        # A subquery rather than a join, so a person named twice on one article lists it once
        # without DISTINCT.
        return self.filter(pk__in=Byline.objects.filter(person=person).values("article"))

    def column_counts(self):
        """(栏目, number of articles) for every column printed in the archive, largest first."""
        return (
            self.exclude(section="").values_list("section").annotate(n=models.Count("pk")).order_by("-n", "section")
        )

    def previous_on_page(self, article: "Article") -> "Article | None":
        """The article printed just before ``article`` on its page, if any."""
        return self.filter(page_id=article.page_id, sequence__lt=article.sequence).order_by("-sequence").first()

    def next_on_page(self, article: "Article") -> "Article | None":
        return self.filter(page_id=article.page_id, sequence__gt=article.sequence).order_by("sequence").first()


class Article(models.Model):
    page = models.ForeignKey(Page, on_delete=models.CASCADE, related_name="articles", verbose_name="版面")
    sequence = models.PositiveSmallIntegerField("版内顺序")
    headline = models.CharField("标题", max_length=300, blank=True)
    section = models.CharField("栏目", max_length=60, blank=True)
    dateline = models.DateField("电头日期", null=True, blank=True)
    lead = models.TextField("导语", blank=True, help_text="“本报讯”开头的第一段；快讯类短稿为空")
    body = models.TextField("正文", blank=True, help_text="导语之后的各段，段与段之间空一行")
    source = models.CharField("稿源", max_length=60, blank=True, help_text="通讯社稿件的来源，如 新华社")
    parsed = models.JSONField("解析值", default=dict, blank=True, editable=False)
    edited_fields = models.JSONField("人工更正的字段", default=list, blank=True, editable=False)
    updated = models.DateTimeField(auto_now=True)
    # Moves on with every save (ingest or staff), so a change form opened before another
    # save can tell it is stale instead of silently overwriting it (see articles.curation).
    version = models.PositiveIntegerField("版本", default=0, editable=False)

    objects = ArticleQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "文章"
        verbose_name_plural = "文章"
        ordering = ["-page__issue__date_issued", "page__sequence", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["page", "sequence"], name="article_unique_page_sequence"),
        ]
        indexes = [models.Index(fields=["section"], name="article_section_idx")]

    def __str__(self) -> str:
        return self.headline or "（无标题）"

    def save(self, *args, **kwargs):
        self.version = (self.version or 0) + 1
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "version"}
        super().save(*args, **kwargs)

    def get_absolute_url(self) -> str:
        return reverse("articles:article-detail", kwargs={"pk": self.pk})

    @property
    def paragraphs(self) -> list[str]:
        """The lead first, then the body paragraphs."""
        return paragraphs_of(self.lead, self.body)

    @property
    def body_paragraphs(self) -> list[str]:
        return split_paragraphs(self.body)

    @property
    def first_sentence(self) -> str:
        """The opening sentence, without the 本报讯 tag, for lists of articles."""
        return first_sentence(self.paragraphs[0] if self.paragraphs else "")

    @property
    def issue(self) -> Issue:
        return self.page.issue

    def people(self) -> list[Person]:
        return [b.person for b in self.bylines.select_related("person")]

    @property
    def citation(self) -> str:
        issue = self.page.issue
        return f"《{issue.paper}》{issue.date_issued:%Y年%-m月%-d日} {self.page.display_label}，{self}"


class Byline(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="bylines", verbose_name="文章")
    person = models.ForeignKey(Person, on_delete=models.PROTECT, related_name="bylines", verbose_name="署名人")
    position = models.PositiveSmallIntegerField("顺序", default=0)
    role = models.CharField("身份", max_length=20, blank=True, help_text="记者、通讯员等；未印出则为空")
    history = HistoricalRecords()

    class Meta:
        verbose_name = "署名"
        verbose_name_plural = "署名"
        ordering = ["article", "position"]
        constraints = [
            models.UniqueConstraint(fields=["article", "position"], name="byline_unique_article_position"),
        ]
        indexes = [models.Index(fields=["person", "article"], name="byline_person_article_idx")]

    def __str__(self) -> str:
        return f"{self.role} {self.person}".strip()


class LocalWord(models.Model):
    """A local name (place, company, person) the word segmenter should keep whole, for ranking.

    Search reads them with ``LocalWord.objects.values_list("word", "freq", "tag")`` and hands
    each to ``jieba.add_word(word, freq, tag)``; recall never depends on this list.
    """

    TAGS = [("ns", "地名"), ("nt", "机构、企业"), ("nr", "人名"), ("nz", "其他专名")]

    word = models.CharField(
        "词", max_length=40, unique=True,
        validators=[RegexValidator(r"^\S+$", "词里不能有空格。")],
        help_text="如 梁溪区、锡东新城、卓品智能",
    )
    tag = models.CharField("类别", max_length=2, choices=TAGS, default="ns")
    freq = models.PositiveIntegerField(
        "词频", null=True, blank=True, help_text="一般留空：由分词器取刚好能把这个词整体切出的词频"
    )
    note = models.CharField("备注", max_length=200, blank=True)
    created = models.DateTimeField("添加时间", auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = "本地词"
        verbose_name_plural = "本地词（分词词典）"
        ordering = ["word"]

    def __str__(self) -> str:
        return self.word


class IssueDateRedirect(models.Model):
    """A date an issue was once published under at ``/issues/<date>/``, before staff corrected
    it or its pages joined another issue: that URL answers 301 to the issue (see
    ``articles.links``). ``page_sequences`` maps the old page numbers ("1") to page ids, so an
    old page URL finds its page after the pages were renumbered."""

    old_date = models.DateField("原出版日期")
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="old_dates", verbose_name="现在的一期")
    page_sequences = models.JSONField("原版序", default=dict, blank=True)
    created = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "旧日期转址"
        verbose_name_plural = "旧日期转址"
        ordering = ["-created", "-pk"]
        indexes = [models.Index(fields=["old_date"], name="issue_redirect_old_date_idx")]

    def __str__(self) -> str:
        return f"{self.old_date:%Y-%m-%d} → {self.issue}"


class PersonRedirect(models.Model):
    """A reporter's page id retired by a merge: ``/reporters/<old_id>/`` answers 301 to the
    person the name was merged into (see ``articles.links``)."""

    old_id = models.PositiveIntegerField("原编号", unique=True)
    old_name = models.CharField("原姓名", max_length=60)
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="old_ids", verbose_name="并入")
    created = models.DateTimeField("记录时间", auto_now_add=True)

    class Meta:
        verbose_name = "旧记者页转址"
        verbose_name_plural = "旧记者页转址"
        ordering = ["-created", "-pk"]

    def __str__(self) -> str:
        return f"{self.old_name}（{self.old_id}）→ {self.person}"


def split_paragraphs(text: str) -> list[str]:
    return [p.strip() for p in text.replace("\r\n", "\n").split("\n\n") if p.strip()]


def paragraphs_of(lead: str, body: str) -> list[str]:
    return ([lead.strip()] if lead.strip() else []) + split_paragraphs(body)


# Sentence-final punctuation, optionally followed by closing quotes/brackets; both widths,
# since the paper prints either. "." is left out: it is also the decimal point.
_SENTENCE_END = re.compile(r"[。！？!?…]+[”’」』）)]*")


def first_sentence(paragraph: str, limit: int = 90) -> str:
    text = paragraph.strip()
    text = re.sub(r"^本报讯\s*", "", text)
    # A short opener (友谊之花，丝路绽放。) says little alone: take sentences until there is
    # enough to tell what the article is about.
    end = 0
    for match in _SENTENCE_END.finditer(text):
        end = match.end()
        if end >= 20:
            break
    sentence = text[:end] if end >= 20 or end == len(text.rstrip()) else text
    if len(sentence) > limit:
        sentence = sentence[: limit - 1].rstrip() + "…"
    return sentence
