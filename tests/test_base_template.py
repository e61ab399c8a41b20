"""templates/base.html: the frame every public page shares."""

from django.contrib.staticfiles import finders
from django.template.loader import render_to_string


def test_base_page_is_chinese_with_stylesheet_and_labelled_search():
    html = render_to_string("base.html", {"query": "无锡"})

    assert '<html lang="zh-Hans">' in html
    assert '<link rel="stylesheet" href="/static/css/site.css">' in html
    assert '<label for="q">搜索文章</label>' in html
    assert 'id="q" name="q" type="search" value="无锡"' in html
    assert '<main id="content">' in html
    assert "<script" not in html and "style=" not in html
    assert finders.find("css/site.css")


def test_search_box_escapes_the_query():
    html = render_to_string("base.html", {"query": '"><script>alert(1)</script>'})

    assert "<script>" not in html
    assert "&quot;&gt;&lt;script&gt;" in html
