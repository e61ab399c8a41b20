"""Page furniture: the masthead, imprint, new-media list and page credits of 江南晚报, other
papers' imprints and copyright notices, and e-paper site furniture (page navigation, headline
lists, 本文字数, breadcrumbs). None of it is article text. The page credits (值班编委 ...) are
kept as page metadata, and an e-paper line ``第A02版:要闻`` gives the page label and section.

Every pattern matches a whole line (anchored at both ends where the line could be a sentence):
a footer pattern that matched anywhere in a line once dropped article sentences such as
``今年成品油零售价格多次调整。`` or ``可拨打服务热线：12345咨询。``.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from .bylines import byline_line, has_surname, is_photo_credit, is_terminated
from .decoding import fold
from .model import Credit
from .patterns import AnyOf

_CREDIT_ROLES = r"值班编委|封面责编|封面美编|封面校对|责任编辑|美术编辑|美术|本版编辑|本版责编|校对|版式|编辑|责编|美编|组版"
_PHONE = r"[\d\s\-—、,/]{5,}(?:\([^()]{1,8}\))?"

_STRONG_FOOTER = [
    re.compile(p)
    for p in (
        r"^(江南晚报|无锡日报)$",
        r"^[\u4e00-\u9fff]{2,12}(报业集团|日报社|晚报社|报社|传媒集团)(主办|出版|主管|主管主办)?$",
        r"^(主办|主管|出版|承办)\s*:\s*\S{2,30}$",
        r"^国内统一连续出版物号\s*:?\s*(CN\s?\d{2}-\d{4}\S*)?$",
        r"^CN\s?\d{2}-\d{4}(/[A-Z0-9]{1,4})?\s*(\(\S{1,4}\))?$",
        r"^邮发代号\s*:?\s*[\d\-—\s]{0,12}$",
        rf"^({_CREDIT_ROLES})\s*:\s*[\u4e00-\u9fff·、,\s]{{1,40}}$",
        # the page's credits on one line: 编辑:王学钧 美编:宫照阳 组版:商进
        rf"^(({_CREDIT_ROLES})\s*:\s*[\u4e00-\u9fff·]{{2,4}}\s*){{2,}}$",
        # the page's date with its editors: 2024年11月24日/星期日/文化副刊部主编/责编 X / 美编 Y / 校对 Z
        rf"^\d{{4}}年\d{{1,2}}月\d{{1,2}}日[^。!?，,]{{0,60}}({_CREDIT_ROLES}|主编)\s*[:：]?\s*[\u4e00-\u9fff·]{{2,4}}[^。!?，,]{{0,100}}$",
        # the same without colons, perhaps with bars: 责任编辑 张露 | 版式 陈洋, 编辑 孙燕  校对 马丽
        rf"^(({_CREDIT_ROLES})\s*[:：]?\s*[\u4e00-\u9fff·]{{2,4}}\s*[|｜/]?\s*){{2,}}$",
        r"^\S{0,6}新媒体矩阵$",
        rf"^(?![^:]*(拨打|致电|可|请|或|的))[\u4e00-\u9fff]{{0,12}}(热线|电话|服务台)\s*:?\s*{_PHONE}$",
        r"^版权声明$",
        r"^版权合作$",
        r"^(法务及)?版权合作\s*:\s*\S{0,40}$",
        r"^本报刊载的所有内容.{0,60}(未经|授权|转载)",
        r"^如需使用本报.{0,8}(版权|作品|稿件)",
        r"^[\u4e00-\u9fff]{0,8}(零售价|定价|每份定价|月订价|全年订价)\s*:?\s*(人民币)?\s*[\d.]+\s*元(/?[份月年])?$",
        r"^(版权所有|Copyright|©|\(c\))",
        r"^[^。!?]{0,40}(版权所有|All Rights Reserved)[\s.,]*(\d{4}(-\d{4})?)?$",
        # the site's own name and its footer links: 某某快报版权所有 版权声明 | 投稿信箱 | 联系方式
        r"^[^。!?]{0,20}(版权所有|版權所有)\s*[^。!?]{0,60}[|｜][^。!?]{0,60}$",
        r"^(友情链接|友情連結)\s*:?$",
        r"^(未经(本报|本网)?(书面)?授权|未经许可)[^。]{0,30}(转载|使用|复制)",
        r"^[^。]{0,40}ICP(备|证)\s*\d[^。]{0,120}$",
        r"^(广告经营许可证|出版许可证|印刷)\s*:",
        r"^(社址|总编辑|社长|印刷单位|发行)\s*:\s*\S{0,40}$",
        r"^(本文字数|字数)\s*:\s*\d+\s*(字)?$",
        r"^(当前位置|您当前的位置|你的位置|您现在的位置|位置)\s*:",
        r"^(本[页頁]位置|[您你]?(当前|當前|儅前|现在|現在|目前)?(所在)?的?位置)\s*:",
        r"^版[权權](声明|聲明)\s*:",
        r"^\S{1,12}(\s*(>|>>|»|›|→)\s*\S{1,20}){2,}$",  # breadcrumbs: 首页 > 数字报 > 第A02版
        r"^(首页|首頁|主页|新闻中心|新聞中心|新闻频道|资讯中心)\s*(>|>>|»|›|→)\s*\S{1,20}$",  # 新闻中心 > 国内新闻
        r"^(上一篇|下一篇|上一版|下一版|上一期|下一期|前一版|后一版|前一期|后一期|前一篇|后一篇)\s*(:\s*\S.{0,60})?$",
        # the pair with its arrows lost to a wrong encoding: `3上一篇  下一篇4`
        r"^\d?\s*(上一篇|上一版|上一期)\s*(下一篇|下一版|下一期)\s*\d?\s*[|｜]?$",
        r"^(返回目录|返回首页|返回本版|版面导航|标题导航|日期导航|往期回顾|往期查询|PDF下载|PDF版|下载PDF|"
        r"打印本页|打印|关闭窗口|放大|缩小|默认|分享到|我要纠错|字号|收藏|推荐给朋友|数字报|电子版|"
        r"(\s*(放大|缩小|默认|打印|关闭|返回)\s*){2,})\s*:?$",
        r"^((上一|下一|前一|后一)(篇|版|期)\s*)+$",
        # a list's pager: `« 上一頁 1 2 3 … 下一頁 »`, `上一页 下一页`
        r"^[«‹<\s]*(上一[页頁]|上[页頁])\s*[\d\s….]*\s*(下一[页頁]|下[页頁])[\s»›>]*$",
        # with the neighbours' numbers and a bar: `3上一篇 下一篇4 |`
        r"^\d{0,2}\s*((上一|下一|前一|后一)(篇|版|期)\s*\d{0,2}\s*[|｜]?\s*)+$",
        # a masthead's imprint line, its lunar date and its date in Chinese numerals
        r"^(国内统一刊号|國內統一刊號)\s*:?.{0,160}$",
        r"^(农历|農曆)[\u4e00-\u9fff]{2}年[\u4e00-\u9fff]{1,3}月[\u4e00-\u9fff]{1,3}日?$",
        r"^[〇○O0零一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日(\s*(星期|周)[一二三四五六日天])?$",
        r"^[\[【]?\s*字(体|号)\s*:\s*[大中小\s]+[\]】]?$",
        # a paper's digital-edition banner and reader chrome: 钱江晚报 数字报纸, 人民日报电子报,
        # 大公报电子版, 电子报阅读机, 当前报纸名称:大江晚报, 无锡日报·数字报
        r"^[\u4e00-\u9fff]{0,10}\s*[·\-—|｜]?\s*(数字报纸|数字报刊|数字报|电子报纸|电子报|电子版|数字版)\s*(阅读机|阅读器|平台|系统)?$",
        # a headline list's header, and a page list on one line (第01版:要闻 第02版:要闻 …)
        r"^(标题导航|本版标题|本版导读|本版新闻|版面导读|今日导读|本期导读|要闻导读|(本版|本期|版面)列表(新闻|标题)?|本版(新闻|标题)列表)$",
        r"^(?:第?\s*[A-Za-z]{0,2}\d{1,3}\s*版(?:\s*:\s*[\u4e00-\u9fff·]{1,8})?\s+){2,}第?\s*[A-Za-z]{0,2}\d{1,3}\s*版(?:\s*:\s*[\u4e00-\u9fff·]{1,8})?$",
        r"^扫一扫[^。!?]{0,20}(手机|阅读|打开|关注)[^。!?]{0,20}$",
        r"^当前(报纸|报刊|刊物)(名称)?\s*:\s*\S{2,12}$",
        # a reader's labels for the item shown: 日期:12-04, 版面:第A01版:导读 上一篇 下一篇
        r"^(日期|版面|版次|版名)\s*:\s*[^。!?，,]{0,40}$",
        # a database site's notice and its page header: 告示:采集本站数据请……, 1993-04-15第4版面所有文章内容
        r"^(告示|公告|提示|温馨提示|声明)\s*:[^\n]{0,80}(本站|本网|采集|访问|IP)[^\n]{0,80}$",
        r"^[\d\-年月日\s]{0,12}第\s*[A-Za-z]?\d{1,3}\s*版面?\s*(所有|全部)(文章|稿件)(内容)?$",
        # 更多详细新闻请浏览新京报网 www.bjnews.com.cn: a site's pointer to itself
        r"^更多(详细|精彩)?(新闻|内容|报道|资讯)?\s*(请)?(浏览|访问|登录|关注|点击)[^。!?]{0,30}$",
        # a site's call to pass its page on (觉得本站好,就转发到你的朋友圈!) and its slogan signed
        # with its own address (好酒还是陈的香,资料还是老的好!【www.LaoZiLiao.net】): the site's, not
        # a title or a paragraph
        r"^[^。]{0,16}(转发|轉發|分享)(到|给|給)?(你的|您的)?(朋友圈|好友|微信|微博)\s*[!！。]?$",
        r"^[^。]{0,40}[【\[(（]\s*(https?://)?www\.[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+)+/?\s*[】\])）]$",
        # a site's box label left empty by the copy (手机终端下载:, 站內(nèi)檢索:): the site's, never
        # a title's first words
        r"^(手机|手機|终端|終端|客户端|客戶端|APP|App|站内|站內|全文|全站|本站|网站|網站|新闻|新聞)(?:\([a-z\u00e0-\u01dc]{1,7}\))?"
        r"(终端|終端|客户端|客戶端)?(下载|下載|检索|檢索|搜索|搜尋)(?:\([a-z\u00e0-\u01dc]{1,7}\))*\s*[:：]?$",
        # the end of an HTML comment whose start was lost (`… content_45745.html … /enpproperty-->`)
        r"^[^。!?]{0,300}-->$",
    )
]
_WEAK_FOOTER = [
    re.compile(p)
    for p in (
        r"^(官方微信|官方微博|IP WUXI|二泉月|微信视频号|抖音号|快手号|头条号|视频号|小红书|联系我们|客户端|APP|扫码关注)$",
        r"^[\d\s\-、,]+(\([^)]{1,8}\))?$",  # phone numbers, barcode digits
        r"^[\u4e00-\u9fff]{0,6}投稿\s*:?\s*\S+@\S+$",
        r"^\S+@\S+\.\w+$",
        r"^(地址|邮编|联系电话|传真|网址|电子邮箱|邮箱)\s*:\s*[^。]{0,60}$",
        r"^[\u4e00-\u9fff]{2,4}\s*[\]】]$",  # the end of a bracketed box cut over two lines
        r"^[\u4e00-\u9fff]{2,6}网$",  # a site's name alone (大公网), next to its banner
        r"^[•·●]?\s*[A-Z]\d{1,2}$",  # a page's label alone (`• A5`), next to its date line
        r"^(标准|大|中|小|特大|较大|较小)$",  # a font-size toolbar's choices, one a line (字号 / 放大 / 标准)
    )
]
_CREDIT = re.compile(rf"^({_CREDIT_ROLES})\s*:\s*(.+)$")
_CREDIT_PAIR = re.compile(rf"({_CREDIT_ROLES})\s*[:：]?\s*([\u4e00-\u9fff·]{{2,4}})(?=\s|[|｜/]|$)")

# An e-paper page line: 第A02版:要闻, 第04版：综合新闻, 第1版(要闻)
_PAGE_LINE = re.compile(
    r"^(?:[\u4e00-\u9fff]{2,10}(?:报|刊)\s+(?=\d{4}年))?(?:\d{4}年\d{1,2}月\d{1,2}日\s*|当前版\s*:\s*|版面\s*:\s*)?第?\s*([A-Za-z]{0,2}\d{1,3}|[A-Za-z]\d{4}|0{2,4}\d{1,3})\s*版\s*(?::\s*|\(\s*)?([\u4e00-\u9fff·][\u4e00-\u9fff· ]{0,11})?\)?\s*(?:PDF版?)?(?:[\s|｜]*(?:上一版|下一版|上一篇|下一篇|\d{1,2}))*[\s|｜]*$"
)
# A paper's page head at the top of a page (its masthead's strip): the paper's name, the date,
# the page number and the section, in any order, some of them run together: `3 要闻`,
# `A14  读者·评论`, `星洲日報 大柔佛 C3`, `2019年3月11日 星期一 N6`, `光明日報 北馬`,
# `台灣新報2022_01_05要聞`, `• A5`
_HEAD_PAPER = r"[\u4e00-\u9fff]{1,8}(?:日报|日報|晚报|晚報|时报|時報|新报|新報|商报|商報|早报|早報|晨报|晨報|都市报|都市報)(?:[·・][\u4e00-\u9fff]{2,6})?"
_HEAD_PAPER_SHORT = r"[\u4e00-\u9fff]{2,4}[报報](?:[·・](?!数字|數字|电子|電子)[\u4e00-\u9fff]{2,6})?"
_HEAD_DATE = r"\d{4}\s*[年_\-./]\s*\d{1,2}\s*[月_\-./]\s*\d{1,2}\s*日?|(?:星期|周|週|礼拜|禮拜)[一二三四五六日天]"
_HEAD_LETTERED = r"(?:第\s*)?[A-Za-z]{1,2}\d{1,3}(?:\s*版)?"
_HEAD_NUMBER = r"(?:第\s*)?\d{1,2}(?:\s*版)?"
_HEAD_SECTION = r"[\u4e00-\u9fff]{2,6}(?:[·・][\u4e00-\u9fff]{2,6})?"
_HEAD_TOKEN = re.compile(
    rf"(?P<digital>数字报|數字報|电子版|電子版|电子报|電子報)|(?P<paper>{_HEAD_PAPER})|(?P<short>{_HEAD_PAPER_SHORT})|(?P<date>{_HEAD_DATE})"
    rf"|(?P<lettered>{_HEAD_LETTERED})(?![\dA-Za-z])|(?<![^\s|｜/])(?P<number>{_HEAD_NUMBER})(?=$|\s)|(?P<section>{_HEAD_SECTION})|(?P<latin>[A-Z][A-Z ]{{3,30}}[A-Z])"
)


_HEAD_NEEDS = re.compile(r"[\dA-Z报報]")  # (a label's digit, a date's, a paper's 报, a Latin name)


def page_head(line: str) -> tuple[str | None, str | None, str] | None:
    """``(label, section, how)`` when ``line`` can be a page head, else None. ``how`` is "head"
    for a head for certain: a label alone with letters (`A5`), a page number or label with a
    paper's name, a date or a section's label (`A07 豫览`), a paper's name with its edition
    (`光明日報 北馬`); "number" for a number before a label (`3 要闻`), a head only beside another;
    "part" for a date, a paper's name or its Latin name alone, part of a head beside one."""
    f = fold(line).strip().lstrip("•·●▪ ")
    if not f or len(f) > 40 or not _HEAD_NEEDS.search(f) or re.search(r"[。!?,，;；、:：“”\"()（）《》]", f):
        return None
    kinds: list[tuple[str, str]] = []
    at = 0
    while at < len(f):
        if f[at] in " \t|｜/_-·・":
            at += 1
            continue
        m = _HEAD_TOKEN.match(f, at)
        if not m or m.end() == at:
            return None
        kinds.append((m.lastgroup or "", m.group()))
        at = m.end()
    names = [k for k, _ in kinds]
    if "short" in names:
        # a name ending in 报 alone (大河报) is a paper's only beside its label, date or 数字报
        if not ("digital" in names or "date" in names or "lettered" in names):
            return None
        names = ["paper" if k == "short" else k for k in names]
    labels = [v for k, v in kinds if k in ("lettered", "number")]
    sections = [v for k, v in kinds if k == "section"]
    if len(labels) > 1 or len(sections) > 2 or not kinds:
        return None
    label = re.sub(r"[第版\s]", "", labels[0]).upper() if labels else None
    section = sections[-1] if sections else None
    if names == ["lettered"]:
        return label, None, "head"
    if labels and ("paper" in names or "date" in names or "digital" in names):
        return label, section, "head"
    if labels and "number" not in names and sections:
        return label, section, "head"  # (A07 豫览)
    if labels and len(kinds) == 2 and names == ["number", "section"]:
        return label, section, "number"  # `3 要闻`
    if names.count("paper") == 1 and not labels and len(sections) <= 1 and len(kinds) <= 4:
        if sections or "digital" in names:
            return None, section, "head"  # `光明日報 北馬`, `大河报·豫视频 数字报`
        return None, None, "part"  # `楚天都市报 2020年01月10日 星期五`
    if names and all(k in ("date", "latin") for k in names):
        return None, None, "part"
    return None


def top_page_head(lines: list[str]) -> tuple[int, tuple[str | None, str | None] | None]:
    """How many of the page's first lines are its head, and the (label, section) it gives."""
    n = 0
    found: list[tuple[str | None, str | None, str]] = []
    while n < min(len(lines), 6):
        got = page_head(lines[n])
        if got is None:
            break
        found.append(got)
        n += 1
    hows = [h for _, _, h in found]
    if "head" not in hows and not ("number" in hows and "part" in hows):
        # (nothing certain: a date or a name alone is left to the page-top reading)
        return 0, None
    while n and found[n - 1][2] == "part" and n - 1 > max(i for i, h in enumerate(hows) if h != "part"):
        n -= 1  # (a date alone after the head: left to the page-top reading, which drops it)
        found.pop()
        hows.pop()
    label = next((lab for lab, _, _ in found if lab), None)
    section = next((sec for lab, sec, _ in found if sec and lab == label), None) or next((sec for _, sec, _ in found if sec), None)
    return n, (label, section) if label or section else None


# 第5版(国内专页(教科文)): a section name that has brackets of its own
_PAGE_LINE_NESTED = re.compile(r"^第\s*([A-Za-z]{0,2}\d{1,3})\s*版\s*\(([^()]{1,12}\([^()]{1,10}\)[^()]{0,6})\)$")
# Web and e-paper furniture words; a line made only of them (and brackets) is navigation.
_NAV_WORDS = frozenset(
    "推荐 小字 中字 大字 打印 关闭 投稿 收藏 返回 分享 分享到 字号 放大 缩小 默认 上一条 下一条 上一篇 下一篇 主页 主頁 "
    "上一版 下一版 前一版 后一版 前一期 后一期 前一篇 后一篇 评论 我要评论 纠错 我要纠错 检索 帐户 账户 密码 用户名 匿名 登录 注册 首页 放大字体 缩小字体 "
    "不支持Flash 打印本页 关闭窗口 返回顶部 内容详情 返回该版首页 返回目录 返回首页 非常满意 基本满意 不太满意 "
    "很不满意 PDF版 PDF下载 标题导航 版面导航 日期导航 往期回顾 您对这篇文章的满意度 推荐给朋友 "
    "一键分享 一鍵分享 分享至 正文 资讯 放大图片 放大圖片 创始人 管理员 楼主 站长 手机看新闻 手機看新聞 点击排行 日点击排行 周点击排行 月点击排行 热点专题 热门推荐 "
    "热点推荐 相关新闻 相关文章 精彩推荐 猜你喜欢 热门文章 朋友圈 微信好友 微信 微博 QQ空间 新浪微博 腾讯微博 点击右上角微信好友 "
    "请使用浏览器分享功能进行分享 扫一扫 扫码 二维码 微信二维码 在线客服 手机版 电脑版 客户端 下载客户端 "
    "即时新闻 滚动新闻 实时新闻 最新新闻 新闻中心 正文 网站首页 打印本文 关闭本页 点击查看大图 查看大图 "
    "相关稿件 相關稿件 相关阅读 相關閱讀 相關新聞 目录 目錄 按日期查找 按日期查詢 按日期检索 "
    "查看相关 更多 更多>> 加载更多 内容检索 星期 联系方式 网管信箱 广告服务 关于我们 推薦 關閉 帳戶 密碼 檢索 首頁 放大字體 縮小字體 上一條 下一條 打印本頁 關閉窗口".split()
)
_AGENCY_MASTHEADS = frozenset("新华社 中新社 中国新闻社 人民网 新华网 中新网 中國新聞社 新華社".split())


_DATE_TOKEN = re.compile(r"\d{4}年\d{1,2}月\d{1,2}日|\d{4}[-./]\d{1,2}[-./]\d{1,2}")
_NAV_SPLIT = re.compile(r"[\s【】\[\]|｜/·>»:\-]+")


def _navigation(f: str) -> bool:
    """A menu or toolbar line: only furniture words, or four or more short items in a row
    (`首页 天气预报 新闻 邮箱`, `直通屏山|福建|时评|…`)."""
    if "。" in f:
        return False  # (no furniture word holds a full stop: a sentence is never navigation)
    tokens = [t for t in _NAV_SPLIT.split(f) if t]
    if not tokens:
        return bool(f) and not re.search(r"\w", f)  # `|`, `>>`
    if all(t in _NAV_WORDS for t in tokens):
        return True
    # the same with the date among them: `前一版 下一版 2025年07月14日`
    if any(t in _NAV_WORDS for t in tokens) and all(t in _NAV_WORDS or _DATE_TOKEN.fullmatch(t) for t in tokens):
        return True
    # a site's name beside furniture words: `新華網 正文`, `人民网 首页 打印`
    if len(tokens) >= 2 and all(t in _NAV_WORDS or _SITE_NAME.fullmatch(t) for t in tokens) and any(t in _NAV_WORDS for t in tokens):
        return True
    # a toolbar with page numbers, a date or the site's name among its words:
    # `2018年7月3日 星期 放大 缩小 默认 3 上一篇  下一篇 4 >>现代快报网`
    words = [t for t in tokens if t in _NAV_WORDS]
    others = [t for t in tokens if t not in _NAV_WORDS and not re.fullmatch(r"[\d年月日.\-]+", t)]
    if len(words) >= 3 and len(others) <= 2 and all(len(t) <= 10 for t in others) and "。" not in f:
        return True
    return _menu(f, tokens) and ("|" in f or "｜" in f or bool(words))


# what no menu holds: a sentence's punctuation, a digit
_NO_MENU = re.compile(r"[。!?;,、“”\"()\d]")
_MENU_SPLIT = re.compile(r"[\s|｜/·]+")


def _menu(f: str, tokens: list[str]) -> bool:
    """Four or more short items in a row, no sentence: a site's menu, or a line of names in an
    article (张三 李四 王五 赵六). Alone it is only weak furniture: dropped next to a breadcrumb
    or toolbar, kept otherwise."""
    return (
        len(tokens) >= 4
        and all(len(t) <= 6 for t in tokens)
        and not _NO_MENU.search(f)
        and not byline_line(f)
    )


_WEB_META = [
    re.compile(p)
    for p in (
        # date and time lines: 2024年02月03日, [2004-03-31], 2003年07月22日 19:25, 2004年3月31日 星期三
        r"^[\[(]?\s*\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?\s*[\])]?(\s*\d{1,2}:\d{2}(:\d{2})?)?"
        r"(\s*[,，]?\s*(星期|周)[一二三四五六日天])?(\s*[(（][^()（）。]{0,24}[)）])?$",
        # a weekday alone (星期五, (星期六)), and a dated weekday with the site's time zone note
        r"^[(（]?\s*(星期|周)[一二三四五六日天]\s*[)）]?$",
        # 1957年7月20日人民日报 第3版
        r"^\d{4}年\d{1,2}月\d{1,2}日\s*\S{2,10}报\s*第\s*[A-Za-z]?\d{1,3}\s*版$",
        # http://www.sina.com.cn 2002年12月12日11:38 无锡日报, http://paper.x.com [2009-09-21] 我要評論
        r"^https?://\S+(\s+\d{4}年\d{1,2}月\d{1,2}日\s*\d{1,2}:\d{2}|\s+\[\d{4}-\d{1,2}-\d{1,2}\])?(\s+\S{2,12})?$",
        # 参考消息网2026-03-04号报道
        r"^\S{2,10}(网|报)\s*\d{4}-\d{2}-\d{2}\s*号?报道$",
        r"^专栏\s*:\s*$",
        # a web page's source line on its own: 来源: 紫牛新闻 (with a date it is caught below)
        r"^(来源|稿件来源|新闻来源)\s*:\s*[\u4e00-\u9fffA-Za-z·]{2,16}$",
        # 《工人日报》(2013年09月11日 03版)
        r"^《\S{2,12}》\s*\(\s*\d{4}年\d{1,2}月\d{1,2}日\s*第?\s*[A-Za-z]?\d{0,3}\s*版?\s*\)$",
        # [作者: 赵绅光 责任编辑: …: a web page's byline box (the article's own byline is in its text)
        r"^[\[【]\s*(作者|来源|编辑)\s*:[^。]{0,40}(责任编辑|编辑)\s*:[^。]{0,20}$",
        r"^\S{0,12}(查询|查詢|搜索)\s*>>$",
        # a web page's topic label over the text: 专题:中国国民党主席连战访问大陆
        r"^(专题|專題|栏目|欄目|频道|頻道)\s*:\s*[^。!?]{1,40}$",
        # a paper's name with the date and weekday: 人民日报2025.12.22星期一
        r"^[\u4e00-\u9fff]{2,10}\s*\d{4}\s*[.\-/年]\s*\d{1,2}\s*[.\-/月]\s*\d{1,2}\s*日?\s*(星期|周)[一二三四五六日天]$",
        # an e-paper's metadata line: paper, section, page code, title, ids, then the date
        # and weekday (… a0002 四千斤…人员 2021-12-21 …| 2 2021年12月21日 星期二)
        r"^[^。!?，,“”]{0,160}\d{4}年\d{1,2}月\d{1,2}日\s*(星期|周)[一二三四五六日天]$",
        # counters and a portal's back link: 点击数:326, 浏览次数:1024, 返回搜狐,查看更多
        r"^(点击数|点击量|点击|浏览次数|浏览量|阅读数|阅读量|阅读|访问量)\s*:\s*\d{0,9}$",
        r"^返回[\u4e00-\u9fff]{1,6}\s*[,，]?\s*查看更多$",
        # a source, a date and a counter's label on one line: 某某报 2022年01月01日 报道 浏览次数:
        r"^[^。!?，,]{0,30}\d{4}年\d{1,2}月\d{1,2}日[^。!?，,]{0,20}(浏览次数|点击数|阅读数|浏览量|阅读量|点击量|访问量)\s*:\s*\d{0,9}$",
        # a transcript site's header: a few words and an ISO date (新闻联播 文字版 2002-02-15)
        r"^[\u4e00-\u9fff ]{0,16}\d{4}-\d{1,2}-\d{1,2}[\u4e00-\u9fff ]{0,16}$",
        # the web editor and an empty source at the end: 责编:复苏 来源:
        r"^(责任编辑|责编|编辑)\s*:\s*[\u4e00-\u9fff·]{1,8}\s+(来源|来自)\s*:\s*\S{0,20}$",
        r"^(本页位置|您所在的位置|您的位置|你所在的位置)\s*:",
        # a note of where a story was printed: (人民日报 2021年12月28日第1版)
        r"^[(]\s*《?[\u4e00-\u9fff]{2,10}》?\s*\d{4}年\d{1,2}月\d{1,2}日\s*第?\s*[A-Za-z]?\d{1,3}\s*版\s*[)]$",
        # a publication's name alone (the value of a source field wrapped onto its own line)
        r"^《[^《》]{2,12}》\s*(杂志|雜誌|周刊|週刊)?$",
        # labelled meta fields: 发稿日期:2006年3月6日 事件发生地:黑龙江双鸭山市
        r"^((发稿日期|發稿日期|事件发生地|事件發生地|发布时间|發佈時間|发布日期|点击|點擊|浏览|瀏覽|阅读|閱讀|来源|來源)\s*:\s*\S{0,24}\s*){2,}$",
        # a source line that names the writer: 来源:浙江大学学报作者:作者:吴金群
        r"^(来源|稿件来源|新闻来源)\s*:.{0,40}(作者|编辑)\s*:.{0,30}$",
        # a paper's header with its date: 人民日报2025.12.22星期一
        r"^[\u4e00-\u9fff]{2,10}报\s*\d{4}[.\-/年]\d{1,2}[.\-/月]\d{1,2}日?\s*(星期|周)[一二三四五六日天]$",
        # a font-size widget left as its label: 【字號:, 字号: 大 中 小
        r"^[【\[]?\s*(字号|字號)\s*:?\s*([大中小]\s*)*[】\]]?$",
        # a repost's link to the original and the site's service line: 原文地址:https://…,
        # 江苏苏讯网客服:025-86163400
        r"^(原文地址|原文链接|原文網址|原文网址|本文链接|本文地址|文章链接|原文連結)\s*:\s*\S+$",
        r"^[\u4e00-\u9fff]{1,10}(网|網|报|報|报社|客户端|平台)(客服|客服电话|服务热线|热线电话|投稿邮箱)\s*:\s*[\d\-—+()@.a-zA-Z ]{7,40}$",
        # a blog's date header: Monday, September 6, 2010
        r"^(Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday),?\s+[A-Z][a-z]+\s+\d{1,2},?\s+\d{4}$",
        # an image's placeholder: 【资料图】, (资料图片), (相关资料图)
        r"^[【\[(]?\s*(相关)?(资料图片?|图片|配图|视频)\s*[】\])]?$",
        # a portal's editor tag: 责任编辑:王晓_NB1234
        r"^(责任编辑|编辑|责编)\s*:\s*[\u4e00-\u9fff·]{2,4}\s*[_\-]\s*[A-Za-z]{0,8}\d{0,8}$",
        # an editor's or producer's line with a bar: 编辑|金赫, 出品|某某工作室
        r"^(编辑|责编|出品|监制|策划|统筹|设计|校对)\s*[|｜]\s*\S{1,20}$",
        # a site's address alone: www.zjol.com.cn, news.sina.com.cn/c/
        r"^(https?://)?[A-Za-z0-9\-]+(\.[A-Za-z0-9\-]+){2,}(/\S*)?$",
        # an archive wiki's breadcrumbs and day links: 解放军报>19990710, 上一日:19990709-年月日,
        # 年月日:1999:19990710:19990710-年月日
        r"^\S{1,12}>\s*\d{8}$",
        r"^(上一日|下一日|前一日|后一日|上一天|下一天)\s*:\s*\S{0,30}$",
        r"^年月日\s*:[\d:\-]{0,40}(年月日)?$",
        r"^(用户工具|站点工具|页面工具|用戶工具|站點工具|頁面工具)$",
        # a date with a weekday, a paper's or writer's name beside it, and nothing else:
        # 2016年06月08日 星期三 新京报, 辽宁日报 2023年10月23日, 2023年06月26日  昂莹莹
        r"^([\u4e00-\u9fff]{2,8}\s+)?\d{4}年\d{1,2}月\d{1,2}日(\s+(星期|周)[一二三四五六日天])?(\s+[\u4e00-\u9fff]{2,8})?$",
        # 作者:本报记者 陈晨 姚亚奇 《光明日报》( 2024年10月30日 10版): the writer and where it was printed
        r"^(作者|文)\s*:[^。!?]{1,40}《[^《》]{2,12}》\s*[(（]\s*\d{4}年\d{1,2}月\d{1,2}日\s*[A-Za-z]?\d{0,3}\s*版?\s*[)）]$",
        # a copy's keywords, paper and date on one line: 株洲 湘江 茶陵 長春暴雨 株洲日報 2019-07-29
        r"^([\u4e00-\u9fff]{1,8}\s+){3,}\d{4}-\d{1,2}-\d{1,2}$",
        # an archive's or blog's tag fields: 相关人物:艾世勋, 关键词:…, 标签:…
        r"^(相关人物|相關人物|关键词|關鍵詞|关键字|關鍵字|标签|標籤|Tags?)\s*:[^。!?]{0,60}$",
        # a share widget's leftovers: `- +1`
        r"^[-+\s]{1,4}\d{0,3}$",
        # an editor's credit line: 新京报 编辑 刘喆, 编辑 王敏 (the editor is no byline)
        r"^([\u4e00-\u9fff]{2,12}\s+)?(编辑|责编|责任编辑|编审|校对|审核)\s*:?\s*[\u4e00-\u9fff]{2,3}(\s+[\u4e00-\u9fff]{2,3}){0,3}$",
        # the title again: 原标题:……
        r"^原标题\s*:",
        # the web editor's box: 【责任编辑:黄明予】
        r"^[\[【]?\s*(责任编辑|编辑|责编)\s*:\s*[\u4e00-\u9fff·\s]{1,12}[\]】]?$",
        # what a copied web page leaves: a backslash or slash alone, an image's file name,
        # labels whose values were not copied (出版:更新:), a share bar spelt with spaces
        r"^[\\/|\-_=*#~`'\"^.,;:!?<>+]{1,80}$",
        # the web editor's credit in brackets: (责编:白宇、卫嘉)
        r"^[(]\s*(责编|责任编辑|编辑)\s*:[^()]{1,30}[)]$",
        # 《 人民日报 》( 2024年02月24日 05 版)
        r"^《\s*\S{2,12}\s*》\s*[(]\s*\d{4}年\d{1,2}月\d{1,2}日\s*第?\s*[A-Za-z]?\d{0,3}\s*版?\s*[)]$",
        r"^\S{1,80}\.(jpg|jpeg|png|gif|webp|bmp)$",
        r"^([\u4e00-\u9fff]{1,4}\s*:\s*){2,}$",
        # a field whose value was not copied: `作者:` alone
        r"^(作者|来源|编辑|责任编辑|责编|摄影|通讯员|供稿|稿源)\s*:$",
        r"^(时\s*间|分\s*享|评\s*论|点\s*赞|收\s*藏|手机看新闻|手机版|打开APP|APP内打开|阅读原文)$",
    )
]


# Traditional forms of the words web meta lines are made of (來源, 責任編輯, 點擊): for matching only
_WEB_META_TRADITIONAL = str.maketrans("來責輯點擊時間評論機聞專欄頻", "来责辑点击时间评论机闻专栏频")


_HAS_WEB_META_TRADITIONAL = re.compile("[來責輯點擊時間評論機聞專欄頻]")
_WEB_META_ANY = AnyOf(_WEB_META)


@functools.lru_cache(maxsize=16384)
def _web_meta(f: str) -> bool:
    if f in _AGENCY_MASTHEADS:
        return True
    if _HAS_WEB_META_TRADITIONAL.search(f):  # (translate looks up every character: only when needed)
        f = f.translate(_WEB_META_TRADITIONAL)
    if _WEB_META_ANY.match(f):
        return True
    # a posting's stamp: a date and a clock time with a few words about them and no sentence
    # (`文化   2024-10-11 08:43   江苏`, `admin @ 01-31 09:37:53 全部文章 0/217`)
    if (
        len(f) <= 48
        and re.search(r"(?<!\d)\d{1,2}:\d{2}(?!\d)", f)
        and re.search(r"\d{4}[-./年]\d{1,2}[-./月]\d{1,2}|(?<!\d)\d{1,2}-\d{1,2}(?!\d)", f)
        and not re.search(r"[。!?;,，、“”]", f)
    ):
        return True
    # a source/date line under a web headline: 来源:新华社 责任编辑:…, 字号: 2017-05-22 09:10 来源:…
    if "。" not in f and len(f) <= 120 and re.search(r"(来源|稿件来源|来自)\s*:", f) and re.search(
        r"\d{4}-\d{1,2}-\d{1,2}|\d{4}年\d{1,2}月\d{1,2}日|责任编辑|编辑\s*:|https?://|我要评论|字号", f
    ):
        return True
    return f in _AGENCY_MASTHEADS
# Headers of an e-paper headline list: the titles that follow them are navigation.
_COLUMN_MARK = re.compile(r"^专栏\s*:\s*$")
_SITE_NAME = re.compile(r"[\u4e00-\u9fff]{2,8}(?:网|網|新闻网|新聞網|客户端|网站|網站)")
_MARKED_ITEM = re.compile(r"^[•●○◆◇■□▲△▶►☆★◎▪◉❖♦①-⑳❶-❿]\s*\S.{20,}")
_HEADLINE_LIST = re.compile(r"^(标题导航|本版标题|本版导读|本版新闻|版面导读|今日导读|本期导读|要闻导读|目录|(本版|本期|版面)列表(新闻|标题)?|本版(新闻|标题)列表)$")
_PAPERS = ("江南晚报", "无锡日报")


_STRONG_ANY = AnyOf(_STRONG_FOOTER)
_WEAK_ANY = AnyOf(_WEAK_FOOTER)


@functools.lru_cache(maxsize=16384)
def _footer_strength(line: str) -> int:
    """2: unmistakable furniture; 1: furniture only next to such a line; 0: text."""
    f = fold(line).strip()
    if _PAGE_LINE.match(f) or _PAGE_LINE_NESTED.match(f) or _STRONG_ANY.search(f) or _navigation(f) or _web_meta(f):
        return 2
    if _WEAK_ANY.search(f) or not _NO_MENU.search(f) and _menu(f, [t for t in _MENU_SPLIT.split(f) if t]):
        return 1
    return 0


@dataclass(frozen=True)
class Furniture:
    """What ``strip_furniture`` found besides the article lines."""

    credits: tuple[Credit, ...] = ()
    page_label: str | None = None
    page_section: str | None = None
    paper: str | None = None
    # where in the kept lines a page line was printed again: a database page
    # (`第4版(要闻)` / `专栏:` before every item) marks each item's start this way
    item_starts: tuple[int, ...] = ()
    # where a web page's source/date line (来源: … 2025-01-09 10:20) stood among the kept lines:
    # the page's title is above it, its text below
    web_meta_at: int | None = None
    # what the web page's source line names (`来源: 中国江苏网`), as printed (folded)
    web_source: str | None = None
    # where the same source line stood again further down (a page of several web articles,
    # each under its title and its own `( 2025-10-12 ) 稿件来源:…` line)
    web_meta_more: tuple[int, ...] = ()
    # what each of those later source lines names (`来源:中国江苏网` over a related story)
    web_more_sources: tuple[str | None, ...] = ()


def strip_boilerplate(lines: list[str]) -> tuple[list[str], tuple[Credit, ...]]:
    """Drop masthead/imprint runs; return the article lines and the page credits."""
    kept, found = strip_furniture(lines)
    return kept, found.credits


def strip_furniture(lines: list[str]) -> tuple[list[str], Furniture]:
    """Drop furniture runs; return the article lines and what the furniture says.

    A run of consecutive furniture-looking lines is dropped only when it holds at least one
    unmistakable imprint line, so a short article line such as `抖音号` alone is never lost.
    """
    kept: list[str] = []
    credits: list[Credit] = []
    page_lines: list[tuple[int, str, str | None]] = []
    kept_at: dict[int, int] = {}  # a page line's index -> how many lines were kept before it
    papers: list[str] = []
    web_meta_at: int | None = None  # where a web page's source/date line stood (between title and text)
    web_source: str | None = None  # what that line names as the source
    more: list[int] = []
    more_sources: list[str | None] = []
    first_meta = first_raw = ""
    i = 0
    # a site's name heading the page (中国江苏网, 某某新闻客户端): the site's, never a kicker
    # (a short name ending in 网 only on a web page, whose source line follows: 织密民生保障网 is
    # a title)
    top = fold(lines[0]).strip() if lines else ""
    if _SITE_NAME.fullmatch(top) and (
        re.search(r"(新闻网|新聞網|客户端|网站|網站)$", top)
        or len(top) <= 6 and any(_web_meta(fold(x).strip()) for x in lines[1:12])
    ):
        i = 1
    # the page's head at its top (its number, date, paper and section)
    skip, head = top_page_head(lines[i : i + 6])
    i += skip
    while i < len(lines):
        if _footer_strength(lines[i]) == 0:
            kept.append(lines[i])
            i += 1
            continue
        j = i
        listed: set[int] = set()  # titles of an e-paper headline list inside the run
        while j < len(lines) and _footer_strength(lines[j]) > 0:
            j += 1
            if _COLUMN_MARK.match(fold(lines[j - 1]).strip()) and j < len(lines) and _footer_strength(lines[j]) < 2:
                break  # under a database's `专栏:` comes the title (旅游踏青 驾车出行 走亲访友 其乐融融)
            if _HEADLINE_LIST.match(fold(lines[j - 1]).strip()):
                # the list's titles: short lines without sentence punctuation (all with the mark
                # the first one wears, `· 标题`, when it wears one: an unmarked line after them is
                # the page's own, its column and its first title)
                marked = lines[j][:1] if j < len(lines) and lines[j][:1] in "·•●◆■▪-" else ""
                while (
                    j < len(lines)
                    and _footer_strength(lines[j]) == 0
                    and _is_listed_title(lines[j])
                    and (not marked or lines[j][:1] == marked)
                    # a brief column's heading: its first marked item follows (三秦短波 / △……)
                    and not (j + 1 < len(lines) and _MARKED_ITEM.match(lines[j + 1].strip()))
                ):
                    listed.add(j)
                    j += 1
        run = [x for k, x in enumerate(lines[i:j], i) if k not in listed]
        if (
            len(run) == 1
            and j < len(lines)
            and is_terminated(lines[j])
            and not is_terminated(run[0])  # (a fragment cut by a column break ends no sentence)
            and _sentence_fragment(run[0])
            # (a lead starts a paragraph: nothing cut goes on into it)
            and not fold(lines[j]).lstrip().startswith(("本报", "新华社", "中新社", "据新华社", "【新华社"))
        ):
            # one imprint-looking line that a sentence goes on from (`新闻热线：88300000` /
            # `全天开通。`) is a column break inside an article, not the page's imprint
            kept.append(run[0])
        elif any(_footer_strength(x) == 2 for x in run):
            for k, x in enumerate(run):
                f = fold(x).strip()
                if _web_meta(f) and not _navigation(f) and _WEB_SOURCE_LINE.search(f):
                    if web_meta_at is None:
                        web_meta_at, first_meta, first_raw = len(kept), re.sub(r"[\d\s]", "", f), f
                        named = _META_SOURCE.search(f)
                        web_source = named.group(1) if named else None
                    elif len(kept) > (more or [web_meta_at])[-1] and (
                        re.sub(r"[\d\s]", "", f) == first_meta
                        # (or another site's: `来源:中国江苏网 发布时间:…` under a related story's title)
                        or all(("来源" in x or "來源" in x) and _DATE_TOKEN.search(x) for x in (f, first_raw))
                    ):
                        more.append(len(kept))
                        named_more = _META_SOURCE.search(f)
                        more_sources.append(named_more.group(1) if named_more else None)
                author = meta_author(x)
                if author:
                    kept.append(author)
                m = _CREDIT.match(f)
                if m and len(pairs := _CREDIT_PAIR.findall(f)) >= 2 and "".join(r + n for r, n in pairs) == re.sub(r"[\s:：|｜/]", "", f):
                    credits.extend(Credit(role=r, names=(n,)) for r, n in pairs)  # (编辑:王美玲  美术:张家豪)
                elif m:
                    names = tuple(n for n in re.split(r"[\s、,]+", m.group(2)) if n)
                    credits.append(Credit(role=m.group(1), names=names))
                elif _CREDIT_PAIR.match(f) and not _PAGE_LINE.match(f):
                    credits.extend(Credit(role=r, names=(n,)) for r, n in _CREDIT_PAIR.findall(f))
                page = _PAGE_LINE.match(f) or _PAGE_LINE_NESTED.match(f)
                if page:
                    section = re.sub(r"(\s*(上一版|下一版|上一篇|下一篇))+$", "", page.group(2) or "").strip() or None
                    page_lines.append((i + k, _label(page.group(1)), section))
                    kept_at[i + k] = len(kept)
                if f in _PAPERS:
                    papers.append(f)
        else:
            kept.extend(lines[i:j])
        i = j
    # A navigation list names every page; the page's own line stands alone (or in a short run).
    at = {index for index, _, _ in page_lines}
    own = [
        (label, section)
        for index, label, section in page_lines
        if sum(x in at for x in range(index - 2, index + 3)) < 3
    ]
    if not own:
        # a page line printed again next to the navigation list names this page
        labels = [(label, section) for _, label, section in page_lines]
        own = [x for x in labels if labels.count(x) > 1]
    label, section = own[0] if own else (None, None)
    if label is None and head is not None:
        label, section = head
    paper = papers[0] if papers and len(set(papers)) == 1 else None
    # the same page's line printed before several items, each time with text after it
    own_lines = [index for index, lab, _ in page_lines if lab == label and sum(x in at for x in range(index - 2, index + 3)) < 3]
    starts = sorted({kept_at[index] for index in own_lines})
    # one item: only in a database's own form (`第4版(体育)` then `专栏:`), which prints the
    # page line once per item
    database_form = any(
        index + 1 < len(lines) and re.match(r"^专栏\s*:", fold(lines[index + 1]).strip()) for index in own_lines
    )
    if len(starts) < (1 if database_form else 2) or starts[-1] >= len(kept):
        starts = []
    return kept, Furniture(
        credits=tuple(credits),
        page_label=label,
        page_section=section,
        paper=paper,
        item_starts=tuple(starts),
        web_meta_at=web_meta_at,
        web_meta_more=tuple(more),
        web_more_sources=tuple(more_sources),
        web_source=web_source,
    )


# the source a web page's meta line names: `2025-01-02 10:26 来源: 中国江苏网 编辑:沙风`
_META_SOURCE = re.compile(r"(?:来源|稿件来源|新闻来源|來源)\s*:\s*《?([\u4e00-\u9fffA-Za-z·]{2,16}?)》?(?=\s|$|[|｜]|作者|编辑|记者|责任编辑)")


_META_REPORTER = re.compile(r"(?:^|\s)((?:[\u4e00-\u9fff]{0,6}记者|通讯员))\s+([\u4e00-\u9fff·]{2,4}(?:\s+[\u4e00-\u9fff·]{2,6}){0,4})")
_META_BUTTONS = frozenset("我有话说 我要评论 评论 打印 收藏 分享 字号 关闭 纠错 推荐".split())


# the 作者 field's value, up to the next field (来源:, 发布时间:) or the end
_META_AUTHOR = re.compile(r"(?:作者|撰文|记者|文)\s*:\s*(\S.{1,40}?)(?=\s+[\u4e00-\u9fff]{2,6}\s*:|\s*$)")


# what marks a web page's source/date line (as opposed to other meta lines): a source, a clock
# time, or a date alone
_WEB_SOURCE_LINE = re.compile(r"来源|來源|(?<!\d)\d{1,2}:\d{2}(?!\d)|^[\[(]?\s*\d{4}\s*[-年./]\s*\d{1,2}\s*[-月./]\s*\d{1,2}\s*日?\s*[\])]?$")


def _label(printed: str) -> str:
    """A page label as printed, upper case; an e-paper's four-digit code `a0002` is A02."""
    label = printed.upper()
    if re.fullmatch(r"0{2,4}\d{1,3}", label):  # an e-paper's zero-padded page number: 00001 is 01
        return f"{int(label):02d}"
    m = re.fullmatch(r"([A-Z])(\d{4})", label)
    return f"{m.group(1)}{int(m.group(2)):02d}" if m else label


def meta_author(line: str) -> str | None:
    """`来源: 湖北日报   作者:熊家余 谢慧敏   点击:`: the writers a web page's meta line names,
    as a byline line of their own (`作者:熊家余 谢慧敏`)."""
    f = fold(line).strip()
    printed = _PRINTED_AUTHOR.fullmatch(f)
    if printed:  # `作者:雷收麦 《光明日报》( 2012年10月27日 06版)`: the writer, then where it was printed
        value = printed.group(1).strip()
    elif not _web_meta(f):
        return None
    elif not (m := _META_AUTHOR.search(f)):
        # `2001-09-21 来源:光明日报 记者 钱春弦 我有话说`: a reporter named with the role and no
        # colon, then the site's buttons
        m = _META_REPORTER.search(f)
        if not m:
            return None
        names = []
        for tok in m.group(2).split():
            if not (2 <= len(tok) <= 3 and has_surname(tok)) or tok in _META_BUTTONS:
                break
            names.append(tok)
        return f"{m.group(1)} {' '.join(names)}" if names and byline_line(f"{m.group(1)} {' '.join(names)}") else None
    else:
        value = re.sub(r"^(?:(?:作者|撰文)\s*:\s*)+", "", m.group(1).strip())  # 作者:作者:吴金群
    if re.match(r"(摄影|摄)\s", value):
        # `作者: 摄影 记者 冯玉坤`: the photographer of a photo's web copy, a photo credit
        credit = "摄影:" + re.sub(r"^(摄影|摄)\s+", "", value)
        return credit if is_photo_credit(credit) else None
    return f"作者:{value}" if byline_line(f"作者:{value}") else None


_PRINTED_AUTHOR = re.compile(
    r"(?:作者|文)\s*:([^。!?《》]{2,40})《[^《》]{2,12}》\s*[(（]\s*\d{4}年\d{1,2}月\d{1,2}日\s*[A-Za-z]?\d{0,3}\s*版?\s*[)）]"
)


def _sentence_fragment(line: str) -> bool:
    """Could this imprint-looking line be the first half of a sentence cut by a column break?
    Navigation, page lines and web meta lines never are."""
    f = fold(line).strip()
    # (nor a breadcrumb: 新闻中心新浪首页 > 新闻中心 > 综合 > 正文)
    return not (_PAGE_LINE.match(f) or _navigation(f) or _web_meta(f) or f.startswith("本文字数") or f.count(">") + f.count("»") >= 2 and "。" not in f)


def _is_listed_title(line: str) -> bool:
    f = fold(line).strip()
    return 0 < len(f) <= 40 and not re.search(r"[。!?;]", f)
