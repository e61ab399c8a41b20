"""Nothing at the top of a page vanishes (issue 10: unknown shapes degrade gracefully, the text
stays in an article): a wire column opening the page, whose item's paragraph is split
mid-sentence at a column break so that one piece ends with the words of the next story's title,
is an article of its own, not a "copy of the title" with the site's junk above it."""

from __future__ import annotations

from articles.parsing import parse_page
from parsing_coverage import assert_no_text_lost

# Our own words, in the shape found in a generated page of the 1,000,000-article corpus: the
# column's name, the item's headline, a paragraph broken mid-sentence (`以更大` / `力度……`), its
# second piece holding the next story's title, another paragraph, the agency's credit, then a
# 本报讯 story under that title.
WIRE_COLUMN_ON_TOP = """要闻快览

城郊新建三座污水处理厂

会议指出，要把水环境治理摆在更加突出的位置，持续加大投入，以更大

力度推进河湖生态修复工程建设。

据介绍，三座新厂建成后，全市污水日处理能力将增加十五万吨。

（新华社）

推进河湖生态修复工程建设

本报讯 3月12日上午，市水利局召开河湖生态修复工作推进会，部署今年的重点工程。今年全市将完成二十条河道的清淤和驳岸改造，并新建三处湿地公园。

会上，各区水利部门负责人汇报了工程进展。下一步，将加快施工进度，确保汛期前完成主要河段的整治任务。

（记者 周文澜）
"""


def test_a_wire_item_split_mid_sentence_at_the_top_of_a_page_is_an_article():
    page = parse_page(WIRE_COLUMN_ON_TOP, "wire_column_on_top.txt")
    assert [a.headline for a in page.articles] == ["城郊新建三座污水处理厂", "推进河湖生态修复工程建设"]
    wire, story = page.articles
    assert wire.section == "要闻快览"
    assert wire.source == "新华社"
    # the column break is rejoined: one paragraph, then the second
    assert wire.paragraphs == (
        "会议指出，要把水环境治理摆在更加突出的位置，持续加大投入，以更大力度推进河湖生态修复工程建设。",
        "据介绍，三座新厂建成后，全市污水日处理能力将增加十五万吨。",
    )
    assert story.has_lead and story.lead.startswith("本报讯 3月12日上午")
    assert [b.name for b in story.bylines] == ["周文澜"]
    assert_no_text_lost(WIRE_COLUMN_ON_TOP, page)


def test_a_title_printed_twice_under_a_site_header_still_starts_the_page():
    # the rule that read the split item as the site's junk: a web page's title printed twice,
    # once with the site's menu and slogan above it; those lines hold no text and still go
    text = (
        "欢迎来到某某学习网! 北京 上海 广州 深圳\n在线客服 40000-00000\n推荐适合你的专业及院校\n"
        "古镇木偶戏后继有人 首届科班生毕业汇演某某会\n古镇木偶戏后继有人 首届科班生毕业汇演\n"
        "本报讯 3月12日晚，古镇木偶剧团首届科班生在剧场举行毕业汇演，十二名学员登台献艺。\n"
        "剧团负责人说，科班生的毕业让这门老手艺有了传人。\n"
    )
    page = parse_page(text, "web_title_twice.txt")
    assert [a.headline for a in page.articles] == ["古镇木偶戏后继有人 首届科班生毕业汇演"]
    assert all("在线客服" not in p for p in page.articles[0].paragraphs)
