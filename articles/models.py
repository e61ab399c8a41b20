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
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models
from django.db.models.functions import TruncMonth
from django.urls import reverse
from simple_history.models import HistoricalRecords

# Article fields a staff correction may lock against re-ingest.
CURATED_ARTICLE_FIELDS = (
    "headline", "section", "dateline", "lead", "body", "source", "bylines",
    "kicker", "subheadline", "photo_credits", "captions", "dateline_place", "editor_note", "cross_references",
)
# Curated fields that hold a list of printed lines (JSON lists of strings).
LIST_ARTICLE_FIELDS = ("photo_credits", "captions", "cross_references")


class ChineseJSONEncoder(DjangoJSONEncoder):
    """JSON as UTF-8 text, not \\u escapes."""

    def __init__(self, *args, **kwargs):
        kwargs["ensure_ascii"] = False
        super().__init__(*args, **kwargs)


class TextJSONField(models.JSONField):
    """A JSONField that stores Chinese as UTF-8 text rather than \\u escapes: on SQLite an
    article's parser snapshot took 9 KB escaped for 4.7 KB of text, and the history table holds
    it again (PostgreSQL's jsonb is unaffected). Rows written with escapes read back the same.
    The encoder is not part of the schema, so the field deconstructs as Django's own JSONField
    and needs no migration (a migration would remake every table on SQLite)."""

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("encoder", ChineseJSONEncoder)
        super().__init__(*args, **kwargs)

    def deconstruct(self):
        name, _path, args, kwargs = super().deconstruct()
        if kwargs.get("encoder") is ChineseJSONEncoder:
            del kwargs["encoder"]
        return name, "django.db.models.JSONField", args, kwargs


# Where an issue's date came from: the delivery said it (option or manifest), its folder or
# file name did, the text's datelines were read for it, or nothing told it (日期待定).
DATE_SOURCES = [("given", "来源给出"), ("path", "路径给出"), ("inferred", "文中推断"), ("unknown", "日期待定")]

DEFAULT_PAPER_SLUG = "jnwb"


def default_paper() -> str:
    """The default paper's name, as printed (江南晚报 unless staff renamed it)."""
    paper = Paper.objects.filter(is_default=True).only("name").first()
    return paper.name if paper else getattr(settings, "NEWSARCHIVE_PAPER", "江南晚报")


def default_paper_id() -> int:
    """Primary key of the default paper (created on first use), the default of ``Issue.paper``."""
    paper = Paper.objects.filter(is_default=True).first()
    if paper is None:
        paper, _ = Paper.objects.get_or_create(
            slug=DEFAULT_PAPER_SLUG,
            defaults={"name": getattr(settings, "NEWSARCHIVE_PAPER", "江南晚报"), "is_default": True},
        )
    return paper.pk


class PaperQuerySet(models.QuerySet):
    def default(self) -> "Paper":
        return self.get(pk=default_paper_id())


class Paper(models.Model):
    """A title the archive holds (江南晚报, 无锡日报, ...). The default one is addressed by the
    archive's original URLs (``/issues/<date>/``); the others under ``/papers/<slug>/``."""

    name = models.CharField("报名", max_length=40, unique=True)
    slug = models.SlugField(
        "简称", max_length=20, unique=True, help_text="网址中用的小写字母，一般为拼音首字母，如 jnwb、wxrb"
    )
    is_default = models.BooleanField("默认报纸", default=False, help_text="原有网址 /issues/… 指向的报纸；只能有一份")
    created = models.DateTimeField("添加时间", auto_now_add=True)

    objects = PaperQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        verbose_name = "报纸"
        verbose_name_plural = "报纸"
        ordering = ["-is_default", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["is_default"], condition=models.Q(is_default=True), name="paper_only_one_default"
            ),
        ]

    def __str__(self) -> str:
        return self.name


class IssueQuerySet(models.QuerySet):
    def dated(self):
        """Issues with a date: what calendars and public lists show."""
        return self.filter(date_issued__isnull=False)

    def undated(self):
        """日期待定: pages whose date nothing told, waiting for staff to set it."""
        return self.filter(date_issued__isnull=True)

    def of_default_paper(self):
        return self.filter(paper_id=default_paper_id())

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
            self.dated()
            .annotate(month=TruncMonth("date_issued"))
            .values("month")
            .annotate(n=models.Count("pk"))
            .order_by("month")
        )
        return [(row["month"], row["n"]) for row in rows]


class Issue(models.Model):
    paper = models.ForeignKey(
        Paper, on_delete=models.PROTECT, related_name="issues", verbose_name="报纸", default=default_paper_id
    )
    # NULL: 日期待定, a page nothing dated; it stays out of calendars and public lists until
    # staff set the date (each such page is its own issue: two undated pages need not share a day).
    date_issued = models.DateField("出版日期", null=True, blank=True)
    date_source = models.CharField("日期来源", max_length=10, choices=DATE_SOURCES, default="inferred")
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
        if self.date_issued is None:
            return f"{self.paper} 日期待定（#{self.pk}）"
        mark = "（日期为推断）" if self.date_inferred else ""
        return f"{self.paper} {self.date_issued:%Y-%m-%d}{mark}"

    @property
    def date_label(self) -> str:
        """The date as printed in Chinese, or 日期待定."""
        if self.date_issued is None:
            return "日期待定"
        return f"{self.date_issued.year}年{self.date_issued.month}月{self.date_issued.day}日"

    def get_absolute_url(self) -> str:
        """The issue's public page; an undated issue has none (staff reach it in the admin)."""
        if self.date_issued is None:
            return ""
        if self.paper.is_default:
            return reverse("articles:issue-detail", kwargs={"date": self.date_issued.isoformat()})
        return reverse(
            "articles:paper-issue-detail", kwargs={"paper": self.paper.slug, "date": self.date_issued.isoformat()}
        )


class Page(models.Model):
    issue = models.ForeignKey(Issue, on_delete=models.CASCADE, related_name="pages", verbose_name="期")
    sequence = models.PositiveSmallIntegerField("版序", help_text="本期内的顺序，从 1 开始")
    label = models.CharField("版名", max_length=40, blank=True, help_text="印出的版次，如 A02、第4版、04")
    label_given = models.BooleanField(
        "版次由来源给出", default=False, help_text="版次来自导入选项、路径、清单或电子版行，而非按顺序推得"
    )
    section = models.CharField("版面名称", max_length=60, blank=True, help_text="如 要闻、经济（电子版“第A02版:要闻”）")
    source_file = models.CharField("源文件", max_length=255, help_text="文件名，如 A03.txt")
    source_path = models.CharField(
        "源路径", max_length=1000, blank=True, help_text="导入时的完整路径；同名文件在不同文件夹是不同的版面"
    )
    sha256 = models.CharField("SHA-256", max_length=64, unique=True)
    text_sha256 = models.CharField(
        "文本 SHA-256", max_length=64, blank=True, help_text="解码后文本的摘要：同一版面换了编码再送来也能认出"
    )
    # The page's text with every space and line break removed and full-width forms folded
    # (NFKC): the same page re-sent with other spacing, blank lines or ，/, is the same page.
    content_key = models.CharField("内容指纹", max_length=64, unique=True, null=True, blank=True, editable=False)
    credits = TextJSONField("版面署名", default=list, blank=True)  # [{"role": "值班编委", "names": [...]}]
    ingested = models.DateTimeField("导入时间", auto_now=True)

    class Meta:
        verbose_name = "版面"
        verbose_name_plural = "版面"
        ordering = ["issue", "sequence"]
        constraints = [
            models.UniqueConstraint(fields=["issue", "sequence"], name="page_unique_issue_sequence"),
        ]
        indexes = [
            models.Index(fields=["text_sha256"], name="page_text_sha256_idx"),
            models.Index(fields=["source_path"], name="page_source_path_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.issue.paper} {self.issue.date_label} {self.display_label}"

    @property
    def display_label(self) -> str:
        return page_display_label(self.label, self.sequence, given=self.label_given)

    def get_absolute_url(self) -> str:
        issue = self.issue
        if issue.date_issued is None:
            return ""
        if issue.paper.is_default:
            return reverse(
                "articles:page-detail", kwargs={"date": issue.date_issued.isoformat(), "sequence": self.sequence}
            )
        return reverse(
            "articles:paper-page-detail",
            kwargs={"paper": issue.paper.slug, "date": issue.date_issued.isoformat(), "sequence": self.sequence},
        )


# Labels ingest made up when the paper printed none: not printed labels, so not shown as such.
_MADE_UP_PAGE_LABEL = re.compile(r"(头版|第[0-9０-９]+版)")
# A printed page number, however the source wrote it: 4, 04, 第4版, 第04版, ４.
_NUMBERED_PAGE_LABEL = re.compile(r"第?\s*0*([0-9０-９]+)\s*版?")


def page_display_label(label: str, sequence: int, *, given: bool | None = None) -> str:
    """The one name of a page everywhere on the site, chosen once: a printed page number N is
    头版 for 1 and 第N版 otherwise, whether the source wrote 4, 04 or 第04版; any other printed
    label is shown as printed (A02, B2); a page whose label the source did not give (``given``
    False, or a label ingest made up) is named by its order in the issue the same way."""
    label = (label or "").strip()
    if given is False or not label or (given is None and _MADE_UP_PAGE_LABEL.fullmatch(label)):
        number = sequence
    else:
        numbered = _NUMBERED_PAGE_LABEL.fullmatch(label)
        if numbered is None:
            return label
        number = int(numbered.group(1))  # int() reads full-width digits too
    return "头版" if number == 1 else f"第{number}版"



class Delivery(models.Model):
    """One run of ``manage.py ingest``: a newsroom's delivery, when it came, what went in and what
    was held for staff (open-oni's LoadBatchEvent)."""

    started = models.DateTimeField("开始时间", auto_now_add=True)
    finished = models.DateTimeField("结束时间", null=True, blank=True)
    command = models.CharField("导入命令", max_length=2000, blank=True, help_text="选项与路径，照原样记录")
    created_count = models.PositiveIntegerField("新增", default=0)
    updated_count = models.PositiveIntegerField("更新", default=0)
    skipped_count = models.PositiveIntegerField("跳过", default=0)
    held_count = models.PositiveIntegerField("待审", default=0)
    failed_count = models.PositiveIntegerField("失败", default=0)

    class Meta:
        verbose_name = "导入批次"
        verbose_name_plural = "导入批次"
        ordering = ["-started", "-pk"]
        get_latest_by = "started"

    def __str__(self) -> str:
        return f"{self.started:%Y-%m-%d %H:%M} 导入（新增 {self.created_count}，待审 {self.held_count}，失败 {self.failed_count}）"


class DeliveryFile(models.Model):
    """One file of a delivery and what became of it. A ``held`` file is an update that would have
    replaced most of a loaded page's text: it waits here, text and all, for staff."""

    STATUSES = [
        ("created", "新增"), ("updated", "更新"), ("skipped", "已导入，跳过"),
        ("held", "待人工审核"), ("failed", "失败"),
    ]

    delivery = models.ForeignKey(Delivery, on_delete=models.CASCADE, related_name="files", verbose_name="导入批次")
    path = models.CharField("文件", max_length=1000)
    status = models.CharField("结果", max_length=10, choices=STATUSES)
    message = models.CharField("说明", max_length=1000, blank=True)
    page = models.ForeignKey(
        Page, on_delete=models.SET_NULL, null=True, blank=True, related_name="deliveries", verbose_name="版面"
    )
    held_text = models.TextField("待审文本", blank=True, help_text="被暂缓的新文本，供编辑比对")
    source = TextJSONField("来源给出的信息", default=dict, blank=True, help_text="报纸、日期、版次、版面名称")
    resolved = models.BooleanField("已处理", default=False, help_text="待审文件经编辑处理后勾选")

    class Meta:
        verbose_name = "导入文件"
        verbose_name_plural = "导入文件"
        ordering = ["delivery", "pk"]
        indexes = [models.Index(fields=["status", "resolved"], name="deliveryfile_status_idx")]

    def __str__(self) -> str:
        return f"{self.path}：{self.get_status_display()}"


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
        """Articles for public pages, with their page, issue and paper: those of dated issues
        only (a 日期待定 page waits in the admin until staff give it a date)."""
        return self.select_related("page", "page__issue", "page__issue__paper").filter(
            page__issue__date_issued__isnull=False
        )

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
    kicker = models.CharField("引题", max_length=300, blank=True, help_text="印在主标题上方的一行")
    subheadline = models.CharField("副题", max_length=300, blank=True, help_text="印在主标题下方的一行")
    headline_from_lead = models.BooleanField(
        "标题取自首句", default=False, help_text="原文没有标题（简讯、图片新闻）：标题是正文第一句"
    )
    photo_credits = TextJSONField("摄影", default=list, blank=True, help_text='如 ["沈生华 摄"]，一行一个')
    captions = TextJSONField("图片说明", default=list, blank=True, help_text="▲、图:、图片： 开头的说明文字")
    dateline_place = models.CharField("电头地点", max_length=40, blank=True, help_text="本报南京1月2日电 中的 南京")
    editor_note = models.TextField("编者按", blank=True)
    cross_references = TextJSONField("相关报道", default=list, blank=True, help_text="如 相关报道见第二版")
    parsed = TextJSONField("解析值", default=dict, blank=True, editable=False)
    # Who the article is in its source, whichever page staff put it on since: the page whose
    # file printed it and a fingerprint of its printed text (services.article_fingerprints).
    # A re-ingest of that page finds it by these, so it neither comes back as a duplicate nor
    # moves back to where it was printed.
    source_page = models.ForeignKey(
        "Page", on_delete=models.SET_NULL, null=True, blank=True, related_name="sourced_articles",
        verbose_name="原版面", editable=False,
    )
    source_fingerprint = models.CharField("原文指纹", max_length=64, blank=True, editable=False)
    edited_fields = TextJSONField("人工更正的字段", default=list, blank=True, editable=False)
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
            models.UniqueConstraint(
                fields=["source_page", "source_fingerprint"], condition=~models.Q(source_fingerprint=""),
                name="article_unique_source",
            ),
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
        return f"《{issue.paper}》{issue.date_label} {self.page.display_label}，{self}"


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
    page_sequences = TextJSONField("原版序", default=dict, blank=True)
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
