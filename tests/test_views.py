"""The public reading pages (articles/views.py) through the Django test client: what each page
shows a reader, that every bad URL is a friendly 404 (never a 500), that text is escaped, and
that every seed article is at most four clicks from the home page."""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from pathlib import Path

import pytest
from django.urls import reverse

from articles import views
from articles.models import Article, Byline, Issue, Page, Paper, Person
from articles.services import page_ingest

SEEDS = Path(__file__).resolve().parent.parent / "seeds"

pytestmark = pytest.mark.django_db


@pytest.fixture
def seeded():
    """The archive loaded from seeds/ (five front pages, twenty articles)."""
    for path in sorted(SEEDS.glob("*.txt")):
        page_ingest(path=path)
    assert Article.objects.count() == 20


def html(response) -> str:
    return response.content.decode()


def article_by_headline(start: str) -> Article:
    return Article.objects.with_page().get(headline__startswith=start)


def make_article(*, date=dt.date(2021, 5, 4), headline="标题", section="", lead="", body="正文。", people=(), source=""):
    issue, _ = Issue.objects.get_or_create(date_issued=date, defaults={"date_evidence": "测试"})
    page, _ = Page.objects.get_or_create(
        issue=issue, sequence=1, defaults={"source_file": f"{date}.txt", "sha256": f"{date}".ljust(64, "0")}
    )
    sequence = page.articles.count() + 1
    article = Article.objects.create(
        page=page, sequence=sequence, headline=headline, section=section, lead=lead, body=body, source=source
    )
    for position, name in enumerate(people):
        Byline.objects.create(article=article, person=Person.objects.get_or_create(name=name)[0], position=position)
    return article


# ---- Home ---------------------------------------------------------------------------------


def test_home_shows_paper_search_box_counts_latest_issues_and_calendar_link(client, seeded):
    page = html(client.get("/"))

    assert "<h1>江南晚报数字档案</h1>" in page
    assert '<form class="home-search" role="search" action="/search/" method="get">' in page
    assert '<label for="home-q">在全部文章中搜索</label>' in page and 'id="home-q" name="q"' in page
    assert re.search(r"<dt>期数</dt><dd>5</dd>.*<dt>文章</dt><dd>20</dd>.*记者</a></dt><dd>9</dd>", page, re.S)
    latest = re.findall(r'class="issue-list__date" href="(/issues/[\d-]+/)"', page)
    assert latest == ["/issues/2024-06-06/", "/issues/2023-08-18/", "/issues/2023-08-08/",
                      "/issues/2023-06-09/", "/issues/2022-11-03/"]
    assert 'href="/issues/"' in page and 'href="/issues/2023/"' in page


def test_home_shows_the_latest_issues_front_page_headlines(client, seeded):
    page = html(client.get("/"))

    front = page[page.index('<section class="home-front"'):page.index('<section class="home-this-day"')]
    assert '最新一期 · <a href="/issues/2024-06-06/">2024年6月6日</a> 头版' in front
    latest = Article.objects.filter(page__issue__date_issued="2024-06-06").order_by("sequence")
    headlines = re.findall(r'<h3 class="article-item__headline"><a href="(/articles/\d+/)">', front)
    assert headlines == [a.get_absolute_url() for a in latest] and len(headlines) == 3


def test_home_shows_issues_printed_on_this_day_in_earlier_years(client, seeded, monkeypatch):
    from django.utils import timezone

    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2026, 8, 18))
    older = make_article(date=dt.date(2019, 8, 18), headline="七年前的今天")
    make_article(date=dt.date(2019, 8, 17), headline="前一天的报纸")
    make_article(date=dt.date(2026, 8, 18), headline="今天的报纸")  # this year's is not history

    page = html(client.get("/"))
    this_day = page[page.index('<section class="home-this-day"'):page.index('<section class="home-latest"')]
    assert '历史上的今天 <span class="count">8月18日</span>' in this_day
    dates = re.findall(r'class="issue-list__date" href="(/issues/[\d-]+/)"', this_day)
    assert dates == ["/issues/2023-08-18/", "/issues/2019-08-18/"]
    assert "无锡代表团访问阿联酋艾因市" in this_day and older.headline in this_day  # their front-page headlines
    assert "前一天的报纸" not in this_day and "今天的报纸<" not in this_day

    monkeypatch.setattr(timezone, "localdate", lambda *args: dt.date(2026, 1, 2))
    assert "往年的1月2日没有收录的报纸" in html(client.get("/"))


def test_columns_are_listed_with_counts_and_each_has_its_articles_across_the_archive(client, seeded):
    make_article(date=dt.date(2021, 5, 4), headline="早年的快讯", section="要闻快览")
    make_article(date=dt.date(2021, 5, 5), headline="评论一则", section="锡城时评")

    listing = html(client.get("/columns/"))
    entries = re.findall(r'<a href="(/columns/[^"]+/)">([^<]+)</a> <span class="count">(\d+) 篇</span>', listing)
    assert [(name, n) for _, name, n in entries] == [("要闻快览", "2"), ("锡城时评", "1")]

    column = client.get(entries[0][0])
    page = html(column)
    assert column.status_code == 200 and "<h1>要闻快览</h1>" in page
    assert "刊于 2021年5月4日 至 2023年8月8日" in page
    assert page.index("氢能产业标准体系") < page.index("早年的快讯")  # newest first
    assert "评论一则" not in page
    assert '<input type="hidden" name="column" value="要闻快览">' in page  # search within it
    # The column name above an article leads to its column.
    article = article_by_headline("氢能产业标准体系")
    assert f'href="{entries[0][0]}">要闻快览</a>' in html(client.get(article.get_absolute_url()))
    assert client.get("/columns/没有这个栏目/").status_code == 404


def test_reporter_page_shows_roles_as_printed_years_active_and_a_search_of_their_articles(client, seeded):
    gao = Person.objects.get(name="高美梅")
    page = html(client.get(gao.get_absolute_url()))
    assert "<dt>署名身份</dt><dd>署名未印身份</dd>" in page  # the seeds print names only
    assert "<dt>刊文年份</dt><dd>2022—2024年</dd>" in page
    assert '<input type="hidden" name="reporter" value="高美梅">' in page and 'action="/search/"' in page

    for n, role in enumerate(["通讯员", "通讯员", "实习生"]):
        article = make_article(date=dt.date(2021, 3, 1 + n), headline=f"稿{n}")
        Byline.objects.create(article=article, person=gao, position=0, role=role)
    page = html(client.get(gao.get_absolute_url()))
    assert "<dt>署名身份</dt><dd>通讯员、实习生</dd>" in page and "<dt>刊文年份</dt><dd>2021—2024年</dd>" in page
    assert f'<a href="/reporters/{gao.pk}/">通讯员 高美梅</a>' in page  # the byline as printed


def test_the_search_within_a_reporter_and_a_column_finds_only_theirs(client, seeded, search_data_dir):
    from articles.search import indexing

    indexing.index_rebuild()
    gao = Person.objects.get(name="高美梅")
    form = html(client.get(gao.get_absolute_url()))
    action = re.search(r'<form class="within-search" role="search" action="([^"]+)"', form).group(1)
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', form))
    results = html(client.get(action, {**hidden, "q": "无锡"}))
    found = set(re.findall(r'href="/articles/(\d+)/"', results))
    theirs = {str(pk) for pk in Article.objects.by_person(gao).values_list("pk", flat=True)}
    assert found and found <= theirs  # 无锡 is in most articles; only 高美梅's come back
    everyone = set(re.findall(r'href="/articles/(\d+)/"', html(client.get("/search/", {"q": "无锡"}))))
    assert everyone - theirs

    column = html(client.get("/columns/要闻快览/"))
    hidden = dict(re.findall(r'<input type="hidden" name="(\w+)" value="([^"]*)">', column))
    assert hidden == {"column": "要闻快览"}
    results = html(client.get("/search/", {**hidden, "q": "氢能"}))
    hydrogen = article_by_headline("氢能产业标准体系")
    assert set(re.findall(r'href="/articles/(\d+)/"', results)) == {str(hydrogen.pk)}


@pytest.mark.parametrize(
    ("label", "sequence", "given", "shown"),
    [
        ("A02", 2, True, "A02"),  # as printed
        ("B2", 5, True, "B2"),
        ("4", 2, True, "第4版"),  # a printed number, however written, one way
        ("04", 2, True, "第4版"),
        ("第04版", 2, True, "第4版"),
        ("１", 3, True, "头版"),
        ("01", 1, True, "头版"),
        ("第1版", 1, None, "头版"),  # made up by an older ingest: by order
        ("第1版", 2, None, "第2版"),
        ("头版", 1, None, "头版"),
        ("", 1, False, "头版"),  # not given: by order
        ("", 3, False, "第3版"),
        ("第7版", 3, False, "第3版"),
    ],
)
def test_page_label_scheme(label, sequence, given, shown):
    from articles.models import page_display_label

    assert page_display_label(label, sequence, given=given) == shown


def test_one_page_label_everywhere_printed_when_given_else_toutban_or_di_n_ban(client, seeded):
    # Ingest has called the same front page 头版 or 第1版; it is 头版 on every page of the site.
    issue = Issue.objects.get(date_issued="2024-06-06")
    front = issue.pages.get()
    Page.objects.filter(pk=front.pk).update(label="第1版")
    Page.objects.create(issue=issue, sequence=2, label="", source_file="b.txt", sha256="b" * 64)
    printed = Page.objects.create(issue=issue, sequence=3, label="A03", label_given=True, section="城事",
                                  source_file="c.txt", sha256="c" * 64)
    Article.objects.create(page=printed, sequence=1, headline="第三版稿", body="正文。")

    issue_page = html(client.get("/issues/2024-06-06/"))
    assert re.findall(r'<h2 id="page-\d-title"><a href="[^"]+">([^<]+)</a>', issue_page) == ["头版", "第2版", "A03"]
    assert '">A03</a> <span class="page-section">城事</span></h2>' in issue_page  # the page's printed name
    article = article_by_headline("第三版稿")
    assert f'{article.page.get_absolute_url()}">A03</a>' in html(client.get(article.get_absolute_url()))
    assert "第1版" not in html(client.get("/"))
    month = html(client.get("/issues/2024/06/"))
    assert "第1版" not in month


def test_empty_archive_home_and_calendar_say_so(client):
    assert "档案中还没有任何一期" in html(client.get("/"))
    response = client.get("/issues/")
    assert response.status_code == 200 and "档案中还没有任何一期" in html(response)


# ---- Calendar -----------------------------------------------------------------------------


def test_calendar_lists_years_newest_first_with_months_that_have_issues(client, seeded):
    page = html(client.get(reverse("articles:archive")))

    years = re.findall(r'<h2 id="year-(\d{4})">', page)
    assert years == ["2024", "2023", "2022"]
    assert '<a href="/issues/2023/08/">8月<span class="month-row__count">2</span></a>' in page
    assert '<a href="/issues/2023/06/">6月<span class="month-row__count">1</span></a>' in page
    # A month with nothing in the archive is shown (the index has all twelve) but not linked.
    assert 'href="/issues/2023/01/"' not in page and '<span class="month-row__empty">1月</span>' in page


def test_year_page_is_a_calendar_linking_each_day_with_an_issue(client, seeded):
    response = client.get(reverse("articles:archive-year", kwargs={"year": 2023}))
    page = html(response)

    assert response.status_code == 200 and "<h1>2023年各期</h1>" in page
    day_links = re.findall(r'<a href="(/issues/[\d-]+/)" aria-label="[^"]+">\d+</a>', page)
    assert day_links == ["/issues/2023-06-09/", "/issues/2023-08-08/", "/issues/2023-08-18/"]
    assert '<a href="/issues/2023/08/">2023年8月</a>' in page  # month caption links to the month
    # Weeks start on Monday: 2023-08-18 was a Friday, the fifth column.
    week = next(row for row in page.split("<tr>") if 'aria-label="2023年8月18日"' in row)
    assert week.split("<td").index(next(c for c in week.split("<td") if "2023年8月18日" in c)) == 5
    assert 'rel="prev" href="/issues/2022/"' in page and 'rel="next" href="/issues/2024/"' in page


def test_month_page_lists_each_issue_with_its_headlines_in_printed_order(client, seeded):
    page = html(client.get(reverse("articles:archive-month", kwargs={"year": 2023, "month": 8})))

    assert "<h1>2023年8月各期</h1>" in page
    assert page.index('href="/issues/2023-08-08/">8月8日') < page.index('href="/issues/2023-08-18/">8月18日')
    first = article_by_headline("无锡代表团访问")
    second = article_by_headline("市政府召开集成电路")
    assert page.index(first.get_absolute_url()) < page.index(second.get_absolute_url())
    assert 'rel="prev" href="/issues/2023/06/"' in page and 'rel="next" href="/issues/2024/06/"' in page


# ---- An issue -----------------------------------------------------------------------------


def test_issue_page_shows_articles_in_order_with_bylines_column_first_sentence_and_credits(client, seeded):
    page = html(client.get("/issues/2023-08-18/"))

    assert "江南晚报 <time datetime=\"2023-08-18\">2023年8月18日</time>" in page
    headlines = re.findall(r'<h3 class="article-item__headline"><a href="/articles/\d+/">([^<]+)</a>', page)
    assert headlines == [
        "无锡代表团访问阿联酋艾因市 共同庆祝建立友好交流城市关系五周年",
        "市政府召开集成电路(无锡)创新发展大会合作成果落实推进会 扎实做好“后半篇文章”持续夯实地标性品牌",
        "我市与阿斯利康深化无锡供应基地建设合作",
    ]
    gao = Person.objects.get(name="高美梅")
    assert f'<a href="/reporters/{gao.pk}/">高美梅</a>' in page
    # The first sentence, without the 本报讯 tag; a short opener takes the next sentence too.
    assert "<p class=\"article-item__summary\">友谊之花，丝路绽放。当地时间8月15日，无锡代表团访问阿联酋艾因市，共同庆祝两市建立友好交流城市关系五周年。</p>" in page
    assert "<dt>值班编委</dt><dd>吴军 于成</dd>" in page and "<dt>封面责编</dt><dd>金钟</dd>" in page
    assert 'rel="prev" href="/issues/2023-08-08/"' in page and 'rel="next" href="/issues/2024-06-06/"' in page


def test_issue_page_shows_the_column_title_and_wire_source_of_short_items(client, seeded):
    page = html(client.get("/issues/2023-08-08/"))

    item = page[page.index('<p class="kicker"><a href="/columns/%E8%A6%81%E9%97%BB%E5%BF%AB%E8%A7%88/">要闻快览</a></p>'):]
    assert "氢能产业标准体系建设指南发布" in item[:300] and "据新华社" in item[:600]


def test_inferred_date_is_marked_and_a_confirmed_one_is_not(client, seeded):
    article = article_by_headline("无锡代表团访问")
    issue_page = html(client.get("/issues/2023-08-18/"))
    assert "<strong>日期为推断</strong>" in issue_page
    assert "2023世界物联网博览会" in issue_page  # the evidence is shown
    assert "日期为推断" in html(client.get(article.get_absolute_url()))

    Issue.objects.filter(date_issued="2023-08-18").update(date_inferred=False, date_confirmed_by_staff=True)
    assert "日期为推断" not in html(client.get("/issues/2023-08-18/"))
    assert "日期为推断" not in html(client.get(article.get_absolute_url()))


def test_first_and_last_issue_have_only_one_neighbour(client, seeded):
    first = html(client.get("/issues/2022-11-03/"))
    last = html(client.get("/issues/2024-06-06/"))
    assert 'rel="prev"' not in first and 'rel="next" href="/issues/2023-06-09/"' in first
    assert 'rel="next"' not in last and 'rel="prev" href="/issues/2023-08-18/"' in last


def test_each_printed_page_has_its_own_page_with_the_issues_other_pages(client, seeded):
    issue = Issue.objects.get(date_issued="2023-08-18")
    second = Page.objects.create(issue=issue, sequence=2, label="", source_file="p2.txt", sha256="2" * 64)
    Article.objects.create(page=second, sequence=1, headline="第二版的稿子", body="正文。")

    issue_page = html(client.get("/issues/2023-08-18/"))
    assert '<a href="/issues/2023-08-18/pages/2/">第2版</a>' in issue_page  # the page index

    front = html(client.get("/issues/2023-08-18/pages/1/"))
    assert "<h1>江南晚报 <time datetime=\"2023-08-18\">2023年8月18日</time> 头版</h1>" in front
    assert "无锡代表团访问阿联酋艾因市" in front and "第二版的稿子" not in front
    assert '<span aria-current="page">头版</span>' in front
    assert 'rel="next" href="/issues/2023-08-18/pages/2/"><span class="prev-next__dir">下一版</span>第2版' in front
    back = html(client.get("/issues/2023-08-18/pages/2/"))
    assert "第二版的稿子" in back and "无锡代表团" not in back
    assert 'rel="prev" href="/issues/2023-08-18/pages/1/"' in back and 'rel="next"' not in back


# ---- An article ---------------------------------------------------------------------------


def test_article_page_shows_headline_bylines_paragraphs_place_in_paper_and_neighbours(client, seeded):
    article = article_by_headline("市政府召开集成电路")
    before = article_by_headline("无锡代表团访问")
    after = article_by_headline("我市与阿斯利康")
    page = html(client.get(article.get_absolute_url()))

    assert f'<h1 class="article__headline">{article.headline}</h1>' in page
    wang = Person.objects.get(name="王怡菽")
    assert f'<a href="/reporters/{wang.pk}/">王怡菽</a>' in page
    assert '<a href="/issues/2023-08-18/">《江南晚报》2023年8月18日</a>' in page
    assert '<a href="/issues/2023-08-18/pages/1/">头版</a>' in page
    assert '<time datetime="2023-08-11">2023年8月11日</time>' in page  # the dateline
    for paragraph in article.paragraphs:
        assert f'<p class="para">{paragraph}</p>' in page
    assert f'rel="prev" href="{before.get_absolute_url()}"' in page
    assert f'rel="next" href="{after.get_absolute_url()}"' in page
    assert '<nav class="breadcrumbs"' in page and 'href="/issues/2023/08/">8月</a>' in page


def test_article_page_has_a_citation_line_and_a_plain_text_version(client, seeded):
    article = article_by_headline("无锡代表团访问")
    page = html(client.get(article.get_absolute_url()))

    today = dt.date.today().isoformat()
    citation = (
        "高美梅. 无锡代表团访问阿联酋艾因市 共同庆祝建立友好交流城市关系五周年[N/OL]. "
        f"江南晚报, [2023-08-18](1)[{today}]. http://testserver/articles/{article.pk}/."
    )
    assert f'<p class="citation" id="cite-gbt" aria-labelledby="cite-gbt-label">{citation}</p>' in page
    assert f'href="/articles/{article.pk}/text/"' in page
    assert f'<link rel="canonical" href="http://testserver/articles/{article.pk}/">' in page

    response = client.get(reverse("articles:article-text", kwargs={"pk": article.pk}))
    text = html(response)
    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert text.startswith("无锡代表团访问阿联酋艾因市 共同庆祝建立友好交流城市关系五周年\n高美梅\n")
    assert "　　本报讯 友谊之花，丝路绽放。" in text
    assert text.rstrip().endswith(citation)
    assert "<" not in text


def test_wire_article_names_its_source_and_column(client, seeded):
    article = article_by_headline("氢能产业标准体系")
    page = html(client.get(article.get_absolute_url()))

    assert '<p class="kicker"><a href="/columns/%E8%A6%81%E9%97%BB%E5%BF%AB%E8%A7%88/">要闻快览</a></p>' in page and "稿源：据新华社" in page
    assert 'rel="next"' not in page  # the last item on the page
    text = html(client.get(f"/articles/{article.pk}/text/"))
    assert text.startswith("【要闻快览】\n氢能产业标准体系建设指南发布\n据新华社\n")


# ---- Reporters ----------------------------------------------------------------------------


def test_reporter_page_lists_their_articles_newest_first_with_count(client, seeded):
    gao = Person.objects.get(name="高美梅")
    page = html(client.get(gao.get_absolute_url()))

    assert "<h1>高美梅</h1>" in page and "<dt>署名文章</dt><dd>4 篇</dd>" in page
    dates = re.findall(r'<a href="/issues/([\d-]+)/">', page.split('<ol class="article-list">', 1)[1])
    assert dates == sorted(dates, reverse=True) and len(dates) == 4
    assert '<a href="/reporters/">记者</a>' in page  # breadcrumb back to the list


def test_reporter_page_is_paginated(client, seeded):
    for n in range(21):
        make_article(date=dt.date(2020, 1, 1) + dt.timedelta(days=n), headline=f"旧稿{n}", people=["高美梅"])
    gao = Person.objects.get(name="高美梅")

    first = html(client.get(gao.get_absolute_url()))
    assert "<dt>署名文章</dt><dd>25 篇</dd>" in first and "第 1 页，共 2 页" in first and 'rel="next" href="?page=2"' in first
    second = html(client.get(gao.get_absolute_url() + "?page=2"))
    assert "旧稿0" in second and "旧稿1<" in second and "无锡代表团" not in second


def test_reporter_list_shows_everyone_with_counts_most_articles_first(client, seeded):
    page = html(client.get(reverse("articles:reporter-list")))

    entries = re.findall(r'<a href="/reporters/\d+/">([^<]+)</a> <span class="count">(\d+) 篇</span>', page)
    assert len(entries) == 9
    assert entries[0] == ("高美梅", "4")
    counts = [int(n) for _, n in entries]
    assert counts == sorted(counts, reverse=True)


# ---- robots.txt and sitemap ---------------------------------------------------------------


def test_robots_txt_points_at_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client):
    response = client.get("/robots.txt")
    text = html(response)

    assert response["Content-Type"] == "text/plain; charset=utf-8"
    assert "Disallow: /admin/" in text and "Disallow: /search/" in text
    assert "Sitemap: http://testserver/sitemap.xml" in text


def test_sitemap_lists_every_issue_and_article(client, seeded):
    index = html(client.get("/sitemap.xml"))
    assert "http://testserver/sitemap-issues.xml" in index and "http://testserver/sitemap-articles.xml" in index

    issues = html(client.get("/sitemap-issues.xml"))
    assert issues.count("<loc>") == 5 and "<loc>http://testserver/issues/2023-08-18/</loc>" in issues
    articles = html(client.get("/sitemap-articles.xml"))
    assert articles.count("<loc>") == 20
    for article in Article.objects.all():
        assert f"<loc>http://testserver{article.get_absolute_url()}</loc>" in articles


def test_sitemap_lists_every_page_and_column_of_every_paper_and_each_listed_url_answers(client, seeded):
    other = Paper.objects.create(name="无锡日报", slug="wxrb")
    issue = Issue.objects.create(paper=other, date_issued=dt.date(2023, 8, 12), date_inferred=False)
    page = Page.objects.create(issue=issue, sequence=2, source_file="wxrb.txt", sha256="e" * 64)
    Article.objects.create(page=page, sequence=1, headline="太湖新城", section="城事/民生 观察?50%", body="正文。")
    undated = Issue.objects.create(date_issued=None, date_source="unknown")
    hidden = Page.objects.create(issue=undated, sequence=1, source_file="x.txt", sha256="f" * 64)
    Article.objects.create(page=hidden, sequence=1, headline="待定", section="日期待定的栏目", body="正文。")

    index = html(client.get("/sitemap.xml"))
    assert "http://testserver/sitemap-pages.xml" in index and "http://testserver/sitemap-columns.xml" in index
    pages = re.findall(r"<loc>http://testserver(.*?)</loc>", html(client.get("/sitemap-pages.xml")))
    assert "/issues/2023-08-18/pages/1/" in pages and "/papers/wxrb/issues/2023-08-12/pages/2/" in pages
    assert len(pages) == Page.objects.exclude(issue=undated).count() == 6  # not the 日期待定 page
    columns = re.findall(r"<loc>http://testserver(.*?)</loc>", html(client.get("/sitemap-columns.xml")))
    listed_on_site = re.findall(r'href="(/columns/[^"]+)"', html(client.get("/columns/")))
    assert sorted(columns) == sorted(listed_on_site) and len(columns) >= 2
    assert "/columns/%E5%9F%8E%E4%BA%8B/%E6%B0%91%E7%94%9F%20%E8%A7%82%E5%AF%9F%3F50%25/" in columns  # 城事/民生 观察?50%
    assert not any("%E5%BE%85%E5%AE%9A" in url for url in columns)  # the 日期待定 page's column: no public page
    for url in pages + columns:
        response = client.get(url)
        assert response.status_code == 200, url
    assert "太湖新城" in html(client.get("/columns/%E5%9F%8E%E4%BA%8B/%E6%B0%91%E7%94%9F%20%E8%A7%82%E5%AF%9F%3F50%25/"))


# ---- Bad URLs and errors ------------------------------------------------------------------


@pytest.mark.parametrize(
    "url",
    [
        "/issues/2023-02-30/",  # no such day
        "/issues/2023-13-01/",  # no such month
        "/issues/9999/",  # a year with no issues
        "/issues/0000/",
        "/issues/2023/13/",
        "/issues/2023/00/",
        "/issues/2023/01/",  # a month with no issues
        "/issues/20233/",
        "/articles/99999/",
        "/articles/99999/text/",
        "/articles/abc/",
        "/articles/99999999999999999999999/",  # beyond the database's integers
        "/reporters/99999/",
        "/reporters/99999999999999999999999/",
        "/reporters/?page=99",
        "/sitemap-nope.xml",
        "/nowhere/",
    ],
)
def test_bad_urls_are_a_chinese_404_never_a_500(client, seeded, url):
    response = client.get(url)

    assert response.status_code == 404
    page = html(response)
    assert '<html lang="zh-Hans">' in page and "<h1>找不到这个页面</h1>" in page
    assert 'action="/search/"' in page  # the reader can still search from here


@pytest.mark.parametrize("query", ["?page=abc", "?page=0", "?page=-1", "?page=2"])
def test_bad_page_numbers_on_a_reporter_are_404(client, seeded, query):
    gao = Person.objects.get(name="高美梅")
    assert client.get(gao.get_absolute_url() + query).status_code == 404


def test_a_server_error_shows_the_chinese_500_page(client, monkeypatch):
    def broken(self, **kwargs):
        raise RuntimeError("boom")

    monkeypatch.setattr(views.IssueArchiveIndexView, "get_context_data", broken)
    client.raise_request_exception = False
    response = client.get("/issues/")

    assert response.status_code == 500
    page = html(response)
    assert '<html lang="zh-Hans">' in page and "<h1>服务器出错了</h1>" in page and "boom" not in page


def test_text_from_the_source_is_escaped_everywhere(client):
    hostile = '<script>alert("x")</script>'
    article = make_article(
        headline=f"标题{hostile}", section="<b>栏目</b>", lead=f"本报讯 导语{hostile}。",
        body='<img src=x onerror="alert(1)">正文。', people=["<i>记者</i>"], source="<u>社</u>",
    )
    Issue.objects.filter(pk=article.page.issue_id).update(date_evidence=hostile)
    person = Person.objects.get(name="<i>记者</i>")

    for url in ["/", "/issues/", "/issues/2021/", "/issues/2021/05/", "/issues/2021-05-04/",
                article.get_absolute_url(), person.get_absolute_url(), "/reporters/"]:
        page = html(client.get(url))
        # Our own scripts are <script src="/static/...">; a hostile one would be inline.
        assert "<script>" not in page and "<img" not in page and "<i>记者" not in page and "<b>栏目" not in page, url
    page = html(client.get(article.get_absolute_url()))
    assert "标题&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;" in page
    assert "&lt;i&gt;记者&lt;/i&gt;" in page and "&lt;u&gt;社&lt;/u&gt;" in page

    # The plain-text version keeps the characters, and browsers are told not to sniff it as HTML.
    response = client.get(f"/articles/{article.pk}/text/")
    assert hostile in html(response) and response["Content-Type"].startswith("text/plain")
    assert response["X-Content-Type-Options"] == "nosniff"


# ---- Reachability and page hygiene --------------------------------------------------------

LINK = re.compile(r'href="(/[^"#]*)')
SKIP = ("/static/", "/search/", "/api/", "/admin/", "/sitemap", "/robots.txt")


def crawl(client, start="/", max_depth=4):
    """Breadth-first over the site's own links: {url: clicks from start} and {url: html}."""
    depth = {start: 0}
    pages = {}
    queue = deque([start])
    while queue:
        url = queue.popleft()
        response = client.get(url)
        assert response.status_code == 200, f"{url} -> {response.status_code}"
        if not response["Content-Type"].startswith("text/html"):
            continue
        pages[url] = html(response)
        if depth[url] == max_depth:
            continue
        for link in LINK.findall(pages[url]):
            if link.startswith(SKIP) or link in depth:
                continue
            depth[link] = depth[url] + 1
            queue.append(link)
    return depth, pages


def test_every_seed_article_is_at_most_four_clicks_from_home(client, seeded):
    # Newer issues push every seed issue off the home page's latest list: the seed articles
    # must stay within reach through the calendar.
    for n in range(views.LATEST_ISSUES_ON_HOME + 2):
        make_article(date=dt.date(2025, 1, 1) + dt.timedelta(days=n), headline=f"新稿{n}")
    home = html(client.get("/"))
    assert "/issues/2024-06-06/" not in home

    depth, _ = crawl(client)

    for article in Article.objects.all():
        url = article.get_absolute_url()
        assert depth.get(url, 99) <= 4, f"{article} is not reachable in four clicks"
    for issue in Issue.objects.all():
        assert depth[issue.get_absolute_url()] <= 2  # home → calendar/year → issue
    for person in Person.objects.all():
        assert person.get_absolute_url() in depth


def test_every_page_is_chinese_with_header_search_breadcrumbs_and_no_inline_code(client, seeded):
    _, pages = crawl(client)

    assert len(pages) > 40
    for url, page in pages.items():
        assert '<html lang="zh-Hans">' in page, url
        assert '<form class="site-search" role="search" action="/search/" method="get">' in page, url
        # Scripts only from our own static files (CSP 'self'), never inline.
        scripts = re.findall(r"<script\b([^>]*)>(.*?)</script>", page, re.S)
        assert all(re.fullmatch(r' src="/static/js/[\w.-]+\.js" defer', attrs) and not body for attrs, body in scripts), url
        assert page.count("<script") == len(scripts), url
        assert "<style" not in page and " style=" not in page, url
        assert page.count("<h1") == 1, url
        if url != "/":
            assert '<nav class="breadcrumbs" aria-label="当前位置">' in page, url
