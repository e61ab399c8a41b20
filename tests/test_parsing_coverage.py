"""No article text is lost: every character of a page's non-footer lines reaches some field of
the parsed page (issue 14, item 1). Checked over every fixture page, every seed page, and
generated pages whose article sentences carry the words footer detection once matched
anywhere in a line (零售价, 热线：, 无锡日报报业集团主办, 官方微信 ...)."""

from __future__ import annotations

import datetime as dt
import random
from pathlib import Path

import pytest

from articles.parsing import parse_page, parse_page_bytes
from parsing_coverage import assert_no_text_lost

ROOT = Path(__file__).resolve().parent
SEEDS = ROOT.parent / "seeds"
PAGES = ROOT / "fixtures" / "pages"

# The furniture of each fixture page, as a careful reader marks it; every other line is text.
FURNITURE = {
    # s5 credits: a portal's header, meta line and toolbar; a repost's meta line, link to the
    # original, service line and editor; a site's menu, meta line (its reporter read from it) and footer
    "credits_s5_web_copy_editor.txt": {
        "新闻中心新浪首页 > 新闻中心 > 国内新闻 > 正文", "http://www.sina.com.cn 2006年05月12日09:41 南京报业网",
        "小字】【打印】【收藏】【关闭",
    },
    "credits_s5_repost_outside_source.txt": {
        "2025-01-09 10:26 来源: 中国江苏网 编辑:沙丘 浏览量:0",
        "原文地址:https://example.jschina.com.cn/a/202501/t20250109_1.shtml", "某某资讯网客服:025-80000000", "【责任编辑:陆小川】",
    },
    "credits_s5_meta_reporter.txt": {
        "首页 > 新闻 > 国内", "2025-01-10 来源:光明日报 记者 钱立明 我有话说", "光明日报社概况 | 关于光明网 | 联系我们 | 法律声明",
    },
    # s4 titles: an e-paper's page list and toolbar, a site's menu and meta line, a paper's
    # name, an empty field and a date stamp printed among a title's lines
    "s4_epaper_two_wire_stories.txt": {"01版:头版", "02版:综合新闻", "03版:社会生活", "前一版 下一版 2025年07月14日"},
    "s4_title_with_site_chrome.txt": {"马鞍山生活网 门户 城事资讯 查看内容", "24-7-23 18:24| 发布者:admin| 查看:55| 评论:0|来自:皖江晚报"},
    "s4_title_paper_name_under.txt": {"皖西日报", "作者:", "新闻 时间:2025年07月25日 来源:皖西日报"},
    "s4_title_date_stamp_under.txt": {"2010-12-26 厦门商报9390"},
    "s4_hk_list_zhuanxun.txt": {"港聞"},
    "s4_masthead_imprint_top.txt": {
        "国内统一刊号:CN00-0000 某某日报社出版 党报热线:9600000 广告热线:86600000 订阅热线:86500000",
        "农历甲辰年五月初八日", "二O二四年六月十三日",
    },
    "s4_listing_subheads.txt": {"1987-04-09", "第 1 版", "1. 国务院发出通知 今年夏时制从4月12日开始"},
    "s4_web_counter_line.txt": {"学校网站 ENGLISH", "某某日报海外版 2022年01月01日 报道 浏览次数:"},
    "credits_s4_name_and_affiliation_line.txt": {"某报海外版 2022年01月01日 报道 浏览次数:"},
    "s4_title_list_line_above.txt": {
        "2025年04月12日 星期六", "第6版:本市新闻 2022-01-12",
        "快递不送上门,该罚吗? 示范区“作战图”出炉 新增谈判药买得到  用得上 “上上下下”不再辛苦 金点子纳入发展蓝图",
    },
    "s4_epaper_list_header.txt": {"A01:一版要闻", "本版列表新闻", "2012年09月09日 星期日 放大 缩小 默认"},
    "s4_summaries_read_more.txt": {"2026-3-16 00:03", "2026-3-16 00:02", "2026-3-16 00:01"},
    "s4_page_line_bars.txt": {"第M01版:某某时报 | 上一版3 4下一版 |  |", "3上一篇 下一篇4 |"},
    # s4-titles2: a site's share call and its slogan signed with its address, over its crumbs
    "s4b_share_call_and_slogan_top.txt": {
        "喜欢本站的话,就分享到你的朋友圈!", "旧报新读,越读越有味!【www.JiuBaoKu.net】", "旧报库  > 报纸  > 江南晚报",
    },
    "s4b_portal_marks_after_title.txt": {"2025年03月20日 09:12  来源:某某晚报"},
    # s4-titles2: the site's headline list (the title's block among it) and its toolbar
    "s4b_listed_title_block_long_list.txt": {
        "社区食堂开张 老人吃饭不用愁", "雨天路滑", "公交车慢行", "桥头菜场", "今起搬进新址营业",
        "版面导航      首页 2020.01.01以前报纸", "3上一篇 2025年03月16日 放大 缩小 默认",
    },
    "s4b_listed_title_block_year_kicker.txt": {
        "夜市开到零点", "2024年:", "老城厢换新颜", "版面导航      首页 2020.01.01以前报纸", "3上一篇 2025年03月16日 放大 缩小 默认",
    },
    "s4b_empty_box_label_top.txt": {"手机终端下载:", "当前位置:某某晚报 第2025-03-18期 第06版:城事"},
    "s4_newsletter_ad_top.txt": {
        "【某某英语充电报】提供英语会话及实用句型,让你开口说出流利英语,不再看得懂却说不出口!", "★ 无法正常浏览内容,请按这里线上阅读",
        "2025/05/20 第8887期 | 订阅/退订 | 看历史报份", "今日头条", "专题", "要闻", "焦点新闻",
    },
    # brief columns: the page lines, an e-paper comment's remnant, a headline list's header
    "briefs_marked_shared_credit.txt": {"第B04版:天下", "2025-01-13 1 1 某某日报 content_1001.html 1 5 天下速递 /enpproperty-->"},
    "briefs_titled_bullets.txt": {"第A08版:国际"},
    "credits_reader_letter_fields.txt": {"来源:", "某某晚报", "编辑:", "孙立"},
    "briefs_named_items.txt": {"本版导读"},
    "web_site_name_top.txt": {"中国某某网", "2025-01-09 10:20:31 来源:某某日报"},
    "epaper_headers_more.txt": {
        "某某日报·数字报", "网站首页", "第01版:要闻 第02版:要闻 第03版:城事", "今日导读", "运河夜游新线路开通",
        "扫一扫在手机打开当前页", "点击查看大图", "打印本文 关闭本页",
    },
    "briefs_numbered_items.txt": {"第A04版:综合"},
    "marked_captions_no_briefs.txt": {"第A05版:图片"},
    "epaper_counter_closing_source.txt": {"某某日报 2025年01月10日 第A03版:城事", "点击数:326"},
    "web_portal_back_link.txt": {
        "首页 | 新闻 | 体育 | 娱乐 | 财经", "发布时间:2025-01-10 08:30  浏览次数:1024", "返回搜狐,查看更多", "责任编辑:李四",
    },
    "briefs_titles_on_item_line.txt": {"第A07版:综合"},
    "web_short_breadcrumb.txt": {"新闻中心 > 国内新闻", "2025-01-10 09:12  来源:中国新闻网"},
    "briefs_after_closed_story.txt": {"第A06版:综合"},
    "marked_subheadings_in_story.txt": {"第A03版:城事"},
    # site chrome: edition banners, page lists, reader labels, notices, topic labels
    "epaper_banner_page_list.txt": {
        "某某日报电子报", "某某日报2025.01.10星期五", "01版:要闻", "02版:要闻", "03版:城市", "04版:国际",
    },
    "web_reader_chrome.txt": {
        "告示:采集本站数据请保持每秒一次的频率,超出则封IP。谢谢!", "电子报阅读机", "当前报纸名称:某某晚报",
        "即时新闻", "日期:01-10", "字号:", "版面:第A05版:城事       上一篇    下一篇",
        "更多详细新闻请浏览某某晚报网 www.example.com.cn",
    },
    "web_trad_topic_label.txt": {"某某國際 (2025年01月09日 21:40)", "專題:二〇二五新春走基層", "責編:林青 來源:", "相關稿件"},
    # a database site's header, and each item's title listed before it (the item repeats it)
    "database_listed_titles.txt": {
        "晚间新闻 文字版 2025-01-10", "2025-01-10晚间新闻 文字版", "“暖心热线”不打烊", "古镇灯会迎客来", "第3版(要闻)", "专栏:",
    },
    "web_slashed_writer.txt": {
        "某某网", "某某报电子版", "首页 > 新闻 > 城事 > 正文", "2025-01-09 06:12:30某某报", "字号", "放大", "标准", "分享",
    },
    "epaper_meta_line_end_source.txt": {
        "某某晚报 数字报纸", "b0003版:城市·生活",
        "某某晚报 城市·生活 b0003 千斤橙子送到防疫一线 2025-01-10 某某晚报2025-01-1000031;10293847| 3 2025年1月10日 星期五",
    },
    "writer_photographer_at_end.txt": {"第A01版:导读"},
    "web_two_articles_agency.txt": {
        "01版:要闻", "02版:要闻", "03版:要闻", "( 2025-01-10 ) 稿件来源:某某每日电讯 要闻",
        "《城市更新案例汇编》出版发行", "让老街区焕发新活力", "——城市更新系列观察之三",
    },
    # the title printed once more on two lines is the same title
    "epaper_title_twice.txt": {
        "01版:要闻", "02版:要闻", "( 2025-01-10 ) 稿件来源:某某日报 要闻", "“数字运河”加速成形", "多地联手打造智慧航运走廊",
    },
    "jnwb_a02_kicker.txt": {"第A02版:要闻", "江南晚报", "无锡日报报业集团主办", "值班编委：吴军", "新闻热线：88300000", "无锡地区零售价1.5元"},
    "jnwb_briefs_wire.txt": {"第A05版:综合"},
    "people_daily_style.txt": {"第4版(要闻)"},
    "epaper_furniture.txt": {
        "当前位置：首页 > 数字报 > 第A03版", "第A01版:头版", "第A02版:要闻", "第A03版:城事", "第A04版:综合",
        "标题导航", "老旧小区加装电梯提速", "惠山古镇灯会开幕", "上一版  下一版", "本文字数：86",
        "上一篇：老旧小区加装电梯提速", "版权所有 某某日报社 未经书面授权不得转载", "某某日报社主办",
    },
    "web_news_page.txt": {
        "首页 本地 民生 教育 文旅 体育 数字报", "您所在的位置：首页 > 本地新闻 > 正文", "梁溪河畔再添新景，市民点赞！",
        "2025-01-10 08:12:30  来源：江南晚报  责任编辑：钱文", "查看相关：", "【打印】 【关闭】",
    },
    "epaper_toolbar.txt": {
        "第B2版:城市生活 上一版3  4下一版", "内容检索:", "2025年1月10日 星期 放大 缩小 默认 3 上一篇  下一篇 4 >>某某晚报网",
        "3 上一篇  下一篇 4 放大 缩小 默认", "某某晚报版权所有 版权声明  | 联系方式 | 网管信箱 | 广告服务",
        "苏ICP备00000000号-1 广告热线:00000 版权申明",
    },
    "captions_and_web_box.txt": {
        "第6版(城市专页(文旅))", "专栏:", "《江南晚报》(2025年01月10日 06版)", "[作者: 刘波 责任编辑:", "王敏 ]", "加载更多",
    },
    "garbled_lead.txt": {"上一篇：老舊小區改造全面啟動"},
    # `专栏:城乡新貌`: the database's 专栏 mark is furniture, the column's name is kept as the
    # section (test_parsing_pages checks it)
    "web_writer_under_title.txt": {"首页 > 新闻中心 > 城市副刊", "来源: 晚风新闻", "2025-01-09 10:20:00"},
    "epaper_name_between_paragraphs.txt": {"第C2版:城市生活"},
    "database_items.txt": {"2024年3月6日人民日报 第4版", "第4版(要闻)", "专栏:", "专栏:城乡新貌"},
    # a web digest's and a share page's header: dates, greetings, share buttons (dropped as
    # page chrome: short, no sentence, before the first article)
    "web_digest_marked_titles.txt": {"2025年1月10日", "星期五", "今天", "腊八节到了，愿您温暖过冬", "头 条"},
    "wire_title_in_dateline.txt": {"【返回】", "一鍵分享", "主打稿", "2025年1月9日"},
    "split_credit_line.txt": {"2025年1月10日,星期五(北京时间)", "某某法制报 > 第二版:城事 改变文字大小:   | 打印 | 关闭"},
    "web_share_header.txt": {"点击右上角微信好友", "朋友圈", "请使用浏览器分享功能进行分享", "首页>新闻频道>要闻>正文"},
    "database_single_item.txt": {"第4版(体育)", "专栏:"},
    # a web page's <title> line (the title and the site's name), breadcrumbs, source lines, a
    # share bar spelt with spaces, image file names, labels whose values were not copied
    "web_page_subheadings.txt": {
        "老城河畔办起夜市 市民游客点赞烟火气--城市--某某网", "某某網>>城市>>最新資訊",
        "2025年01月10日08:58    來源:某某晚報    手機看新聞",
    },
    "web_meta_author.txt": {"2025-01-09 09:09:45   来源: 某某日报   作者:韩青 邵阳   点击:", "\\"},
    "series_column_title.txt": {
        "某某新聞網>>專題>>2025>>鄉村振興", "時 間", "/", "分 享", "評 論",
        "20250109_3f2a9c0d1e.jpg", "20250109_8b7e6a5c4d.jpg",
    },
    "writer_lines_web.txt": {"出版:更新:"},
    "web_repeated_title.txt": {
        "欢迎来到某某考研网! 北京 上海 广州 深圳", "微信二维码", "在线客服 40000-00000", "推荐适合你的专业及院校",
        "古镇木偶戏后继有人 首届科班生毕业汇演某某会",
    },
    "web_trad_wire_under_title.txt": {
        "某某视频一区二区三区,某某影院影音先锋,某某最新字幕在线", "本頁位置: 首頁新聞中心國內新聞",
        "2025年01月09日 22:24 來源:某某新聞網 發表評論  【字體:↑大 ↓小",
        "版權聲明:凡注有“某某photo”字樣的圖片版權均屬某某新聞網,未經書面授權,不得轉載使用。",
    },
    "photo_review_page.txt": {"(某某日报 2025年1月9日第1版)", "(某某日报 2025年1月9日 第2版)", "(某某日报 2025年1月9日第7版)"},
    "web_breadcrumb_editor_box.txt": {
        "您当前所在的位置:某某新闻网 >> 新闻频道 >> 2025年全国两会", "2025-01-09 14:52:42  来源:某某时报  【字号",
        "【责任编辑:孟言】", "日点击排行 周点击排行 月点击排行", "热点专题",
    },
    "database_flat_line.txt": {"2025-01-10", "第 2 版", "1. 老街改造系列述评之三让老街活起来"},
    "epaper_title_gaps.txt": {"A01版:重点", "A02版:要闻", "A03版:城事"},
    "magazine_credit_lines.txt": {
        "某某网 www.example.cn 2025年01月10日 14:47 来源:", "《某某》杂志", "发稿日期:2025年1月9日 事件发生地:江苏无锡",
    },
    "web_editor_line_standfirst.txt": {"某某报客户端", "好新闻 每一天", "立即打开", "某某报 编辑 刘晨", "2025-01-10 19:43"},
    "original_title_repeat.txt": {"创始人", "2025-01-09 21:09:42", "原标题:晚间8点见丨城墙下的守夜人;高价“体测专用鞋”背后谁在获利?"},
    "client_byline_placeholder.txt": {"首页 | 资讯 | 财经 | 科技 | 热点 |", "发稿时间:2025-01-09 07:55:20 来源: 某某日报", "【资料图】"},
    "pinyin_notes_wire.txt": {"首页 资讯 正文", "体育正文 4 0", "江苏某市:“第二现场”观赛区 全城一起看球赛"},
    "reporters_notes_dash_bylines.txt": {
        "发布时间:2025-01-10 07:29:38 来源: sp20250110", "《 某某日报 》( 2025年01月10日 05 版)", "(责编:白舟、卫岚)",
    },
    "web_spam_underscore_author_field.txt": {
        "某某视频在线_某某一线_某某字幕在线_某某精品五月天", "作者:某某郵政報特派記者 張明遠 來源:某某郵政網 發布時間:2025-01-09",
    },
    "editor_words_piece_byline.txt": {"发布时间:2025-01-09 13:29:50 来源: sp20250109", "_______________"},
    "marked_caption_lead_day.txt": {
        "放大圖片", "版權聲明:凡注有“某某photo”字樣的圖片版權均屬某某網,未經書面授權,不得轉載使用。",
    },
    "blog_date_header_two_posts.txt": {"Friday, January 10, 2025"},
    "newsletter_label_slash_byline.txt": {"2025年1月10日 星期五"},
    "app_paragraphs_one_line.txt": {"某某日报电子报", "某某日报2025.01.10星期五", "01版:要闻", "02版:要闻"},
    "academic_source_author.txt": {"文章", "发稿时间:2025-01-09 00:00:00", "来源:某某大学学报作者:作者:吴明远"},
    "mixed_writer_photo_credits.txt": {"第A05版:城事"},
    "web_pipe_credits.txt": {"- +1", "编辑|金河", "出品|某某新闻工作室"},
    "mirror_site_starred_titles.txt": {"某某彩平台|某某彩平台下载", "某某彩平台2025-01-09 16:05"},
    "footer_traps.txt": {"江南晚报", "无锡日报报业集团主办", "广告热线：88300000(白天)", "无锡地区零售价1.5元"},    # pages of test_parsing_titles_general: a listing's date, page and numbered titles, a page
    # list, a site's chrome, a 原标题 label, an e-paper's banner and zero-padded page line
    "titles_numbered_listing.txt": {"1988-05-12", "第 2 版", "1. 城东新建菜场开业 市民买菜不再跑远路", "2. 运河上的新桥合龙"},
    "titles_listing_columns.txt": {
        "1990-12-30", "第 1 版", "1. 粮食:全年产量再创新高 各地粮库收购顺利,农民交售踊跃。城乡市场供应充足", "2. 新的一年",
    },
    "titles_epaper_toolbar_list.txt": {
        "第B3版:城事", "3上一版  下一版4", "PDF 版", "· 城南菜场今起延长营业", "· 老年大学春季班开始报名", "· 暴雨过后,这条路为何还在积水?",
        "· 公交12路恢复原线路", "2021 年 3 月 9 日 星期", "3上一篇  下一篇4", "论坛 博客 推荐", "公交12路恢复原线路",
    },
    "titles_web_meta_fragments.txt": {
        "城南新传媒", "首页 > 新闻中心 > 城南新闻 > 正文", "2022", "01/28", "08:12", "来源", "城南日报", "分享",
    },
    "titles_consent_banners.txt": {
        "本網站使用相關技術提供更好的閱讀體驗,同時尊重使用者隱私,點這裡瞭解本站隱私聲明當您關閉此視窗,代表您同意上述規範。",
        "Your browser does not appear to support Traditional Chinese. Would you like to go to our English website?",
        "こちらのページは繁体字版です。日本語版に移動しますか。", "城南一手新聞APP Icon城南一手新聞APP", "下載",
        "2025/3/10 13:26(3/10 13:53 更新)", "請同意我們的隱私權規範,才能啟用聽新聞的功能。",
    },
    "titles_label_two_line_title.txt": {"公众号"},
    "titles_numbered_briefs.txt": {"1990-03-08", "第 4 版"},
    "titles_archive_wiki_day.txt": {
        "年月日:1988:19880312:19880312-年月日", "目录", "年月日>19880312", "上一日:19880311-年月日", "下一日:19880313-年月日",
        "分析思考>19880312", "某某日记>19880312", "1988年03月12日", "(星期六)", "城南日报>19880312", "单位:", "版面:头版",
        "城南新建自来水厂",
    },
    "titles_forum_list_then_title.txt": {
        "今日新聞 社論 評論 專題報導 自由廣場 報社簡介 回首頁", "中華民國95年4月11日星期二", "城南捷運延伸 為何一拖再拖?",
        "拿出魄力改善公車轉乘!", "老街保存還有機會嗎?", "圖書館延長開放之後",
    },
    "titles_quoted_title_box_label.txt": {"城南 老城牆 修復 城南日报 2019-07-29", "\""},
    "titles_date_meta_under_title.txt": {"A07:城市", "前一天  后一天", "数字版首页 > 第A07:城市", "2021年06月08日 星期二 城南晚报", "分享:"},
    "titles_place_items.txt": {"第A05版:城南新区"},
    "titles_one_line_items.txt": {"A01版:要闻", "A02版:本地", "A03版:文体"},
    "titles_original_title_only.txt": {"原标题:夜班护士的十二个小时 一座城市安睡的背后,有人彻夜未眠"},
    "titles_site_chrome_lines.txt": {"城南网 正文", "www.chengnan.example.com", "2021-06-03 09:20:11 来源: 城南日报"},
    "titles_english_name_under_title.txt": {"Chengnan Evening News"},
    "titles_zero_padded_page.txt": {"城南日报 数字报纸", "00003版:城市新闻"},
    "credits_s4_syndicated_lead.txt": {"http://www.sina.com.cn 2005年03月02日06:16 某省新闻网-某城日报 | ||||||||"},
    "credits_s4_web_photo_author.txt": {"2024年3月5日 08:32 [大 中 小] [打印]", "来源: 某某日报 作者: 摄影 记者 钱明远 编辑: 孙丽"},
    "credits_s4_credit_before_nav_footer.txt": {"3上一篇 下一篇4 |", "友情链接", "某某报版权所有 版权声明 | 投稿信箱 | 联系方式"},
    "credits_s4_printed_author_field.txt": {"光明日报 2012年10月27日 星期六", "作者:钟远山 《光明日报》( 2012年10月27日 06版)"},
    "s5t_call_to_follow_top.txt": {"点击上方蓝字关注我们"},
    "s5t_credit_opening_items.txt": {"Read More"},
    "s5t_database_subhead_sentence.txt": {"1950年6月18日人民日报 第1版"},
    "s5t_headline_list_repeated.txt": {"要聞", "政府公布新一輪消費券計劃", "港鐵東涌綫延線工程完成", "天文台料下周轉涼"},
    "s5t_item_meta_lines.txt": {"港聞", "- 某某新聞", "- 2025年03月18日"},
    "s5t_latin_meta_over_titles.txt": {"港聞", "- i-Cable", "- 2023年05月27日", "Published on: 2025-10-24 13:50 UTC"},
    "s5t_section_after_title.txt": {"首页 > 滚动 > > 内容页", "时间:2023-05-22 10:14:34 来源:某某日报"},
    "s5t_section_label_over_leads.txt": {"首页 > 本地新聞", "2026-3-16 00:03", "2026-3-16 00:02"},
    "s5t_section_more_headers.txt": {"日報 | 每日新聞、專題報道 | 某某日報", "2025-03-17 00:00:00", "日報頭條", "社論 更多"},
    "s5t_web_list_related_links.txt": {"國際", "社會", "政治", "RSS", "NEWS link", "2025/04/28 16:53", "2025/04/28 16:47", "相關新聞:"},
    # the session-6 credits fixtures: mastheads, page lines, a site's menu and posting lines (the
    # credit a posting line carries is read from it; the time and the paper's name are the site's)
    "s6c_cna_dispatch_line.txt": {
        "聯合新聞網", "首頁 即時 要聞 娛樂 運動 全球 社會 地方 產經 股市 房市 健康 生活 文教", "即時 / 社會", "2025-12-11 15:42 中央社 / 台北11日電",
    },
    "s6c_cna_meta_dispatch.txt": {"聯合新聞網", "生活", "2025-12-11 09:10 中央社／ 桃園11日電"},
    "s6c_paper_meta_reporter.txt": {"聯合新聞網", "地方", "2025-12-11 18:05 聯合報／ 記者林怡廷／台南即時報導"},
    "s6c_paper_meta_cna_reporter.txt": {"聯合新聞網", "產經", "2025-12-11 16:30 經濟日報／ 中央社記者吳宜蓁台北11日電"},
    "s6c_trad_scheduled_date.txt": {"澳門日報", "第B03版:澳聞"},
    "s6c_notice_after_story.txt": {"江南晚报", "2025年02月10日 星期一", "第A05版:城事"},
    "s6c_byline_over_headless_lead.txt": {"新闻中心 > 地方新闻 > 正文", "【评论】【打印】【关闭】"},
    "s6c_agency_copy_no_date.txt": {"无锡日报", "第4版:综合"},
    "s6c_letters_page.txt": {"城南日报 2025年3月6日 星期四", "第7版:评论·读者"},
    "s6c_malaysian_datelines.txt": {"南洋商报 北马 N4", "2025年3月11日 星期二"},
    "s6c_web_copy_credits.txt": {"网易首页 > 新闻中心 > 国内新闻 > 正文", "来源:城南商报  2024-11-20 07:30", "免责声明:本内容不代表本站观点。"},
    "s6c_backslash_credit.txt": {"城南在线 > 城南新闻 > 原创新闻 > 正文"},
    # (a list's title line with its posting day and credit: the day is the site's)
    "s6c_team_credit_list.txt": {
        "即時新聞", "« 上一頁 1 2 3 下一頁 »", "城南藝術節五月舉行 預算約一千萬 展演十九套外地及本地節目 2024年03月13日|文:城南採訪組",
        "城南大橋今晚封閉維修 巴士改道 駕駛人宜預留時間 2024年03月12日|文:記者王小明",
    },
    "s6c_tv_news_list_credits.txt": {"城南電視 即時新聞 2015-04-14", "上一頁 1 2 3 下一頁"},
    "s6c_wire_mark_credit.txt": {"城南星報", "當前報章2024年07月08日"},
    "s6c_credit_after_title.txt": {"城南晚报", "2025年01月10日 星期五", "第A05版:城事"},
    "s6c_related_story_source.txt": {"城南新传媒 首页 > 新闻 > 城南 > 正文", "来源:城南晚报  作者:记者 周琳  发布时间:2025-06-03 08:10", "来源:中国江苏网  发布时间:2025-06-02 17:20", "【延伸阅读】", "责任编辑:陈玲"},
    "s6c_singapore_reported_by.txt": {"联合早报  2025年10月3日  星期五  新加坡"},
    "s6c_closing_site_source.txt": {"瑞安日报", "第02版:综合新闻", "本版导航", "· 瓯江夜游航线开通", "瑞安日报社 版权所有"},
    "s6t_numbered_photos_one_title.txt": {"第A07版:图片新闻"},
    "s6t_three_columns_interleaved.txt": {"第A06版:城事"},
    # a paper's page head at the top (name, date, number and section; the page's editors)
    "s6t_page_head_top.txt": {"某某日报", "2025年10月2日 星期四"},
    "s6t_bracketed_dispatch_titles.txt": {"某某日報 大柔佛 C3", "2025年10月2日 星期四"},
    "s6t_photo_page_captions.txt": {"某某晚报 2025年10月2日 星期四", "第A12版:视觉"},
    "s6t_html_heading_related.txt": {
        "某某新传媒 首页 > 新闻 > 本地 > 正文", "来源:某某晚报  作者:记者 王明  发布时间:2025-10-02 08:10",
        "来源:某某省新闻网  发布时间:2025-10-01 17:20", "责任编辑:李华",
    },
    # (a site's label and its list of what it offers, over its items: the site's)
    "s6t_site_tagline_list.txt": {"即時報道", "最新消息、深度報道、時事評論。", "« 上一頁 1 2 3 … 下一頁 »"},
    "s6t_bulleted_headline_list.txt": {
        "某某晚报 数字报", "2025年10月2日 星期四", "第A06版:城事", "上一版  下一版  版面导航  标题导航",
        "本版导读", "· 城中公园菊花展开幕", "· 老街新开一家书店", "· 简讯",
    },
    "s6t_lead_summaries_stamps.txt": {"主頁", "2025-10-02 20:45", "2025-10-02 20:31", "上一頁 下一頁"},
    "s6t_names_place_openings.txt": {"某某新聞 即時新聞 2025-10-02", "陳小玲", ".現任:晚間新聞主播、", "上一頁 1 2 下一頁"},
    "s6t_pdf_titles_no_lead.txt": {"某某日報", "二〇二五年十月二日", "星期四", "B2"},
    "s6t_titled_photo_after_story.txt": {"第A14版:文体", "某某晚报 2025年10月2日 星期四"},
    "s6t_side_by_side_columns.txt": {"A6  本地新闻                              某某早报  2025年10月2日  星期四"},
    "s6t_serial_instalment.txt": {"某某晚报  2025年10月2日 星期四  第22版", "副刊", "连载 | 老城往事"},
    "s6t_breadcrumb_over_title.txt": {"新闻中心某某首页 > 新闻中心 > 综合 > 正文", "http://www.example.com.cn 2025年10月02日03:31 某某报业网-某某日报"},
    "s6t_ad_between_items.txt": {"某某报·数字报", "2025年10月2日 星期四"},
    "s6t_repeated_page_label_items.txt": {
        "某某晚报数字报",
        "• A7",
        "2025年10月2日/星期四/副刊部主编/责编 张明 / 美编 李强 / 校对 王芳   E-mail:fukan@example.com",
        "2025年10月2日/星期四/副刊部主编/责编 张明 / 美编 李强 / 校对 王芳",
    },
}


def _furniture_lines(name: str, text: str) -> set[str]:
    # (a headline in the e-paper's list is also printed over its article; marking the line
    # leaves both copies out of the count, which only makes the check easier to pass)
    return FURNITURE.get(name, set())


@pytest.mark.parametrize("path", sorted(PAGES.glob("*.txt")), ids=lambda p: p.name)
def test_every_fixture_page_keeps_all_its_article_text(path):
    text = path.read_text(encoding="utf-8")
    page = parse_page(text, path.name, issue_date=dt.date(2025, 1, 10))
    footer = _furniture_lines(path.name, text)
    assert_no_text_lost(text, page, footer)


# The seed pages' furniture, line by line, as FORMAT.md lists it for 江南晚报.
SEED_FURNITURE = (
    "江南晚报", "无锡日报报业集团主办", "国内统一连续出版物号", "CN32-0092", "邮发代号", "值班编委", "封面责编",
    "封面美编", "封面校对", "晚报新媒体矩阵", "官方微信", "官方微博", "IP WUXI", "二泉月", "微信视频号", "抖音号",
    "快手号", "头条号", "联系我们", "无锡报业新闻热线", "发行热线", "广告热线", "13771189893", "新闻投稿", "图片投稿",
    "副刊投稿", "地址", "邮编", "版权声明", "版权合作", "本报刊载的所有内容", "如需使用本报", "联系电话",
    "0510-", "无锡地区零售价", "6 942431",
)


def _seed_footer(text: str) -> set[str]:
    return {ln.strip() for ln in text.split("\n") if ln.strip().startswith(SEED_FURNITURE)}


@pytest.mark.parametrize("path", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name)
def test_every_seed_page_keeps_all_its_article_text(path):
    text = path.read_text(encoding="utf-8")
    assert_no_text_lost(text, parse_page_bytes(path.read_bytes(), path.name), _seed_footer(text))


def test_sentences_with_footer_words_stay_in_the_article():
    text = (PAGES / "footer_traps.txt").read_text(encoding="utf-8")
    article = parse_page(text, issue_date=dt.date(2025, 1, 3)).articles[0]
    body = "".join(article.paragraphs)
    for sentence in (
        "今年成品油零售价格多次调整。无锡集成电路产业起步早",
        "可拨打服务热线：12345咨询。",
        "此次活动由无锡日报报业集团主办，多家单位协办。",
    ):
        assert sentence in body


# ----------------------------------------------------------------- generated pages

TRAPS = [
    "今年成品油零售价格多次调整。",
    "市民可拨打服务热线：12345咨询。",
    "活动由无锡日报报业集团主办。",
    "关注官方微信可以报名。",
    "版权声明的相关条款已经修订。",
    "如需使用本报提供的场地，请提前预约。",
    "邮发代号等信息印在报头下方。",
    "地址：太湖新城，欢迎市民前往参观。",
    "零售价每斤下降了两元左右。",
    "新闻热线：88300000全天开通。",
]
WORDS = ["市民", "项目", "集成电路", "运河", "公园", "企业", "春节", "地铁", "学校", "医院", "社区", "太湖"]
FOOTER = ["江南晚报", "无锡日报报业集团主办", "邮发代号：27-92", "值班编委：吴军 于成", "无锡地区零售价1.5元", "广告热线：88300000(白天)"]


def _sentence(rng: random.Random) -> str:
    if rng.random() < 0.3:
        return rng.choice(TRAPS)
    return "".join(rng.choice(WORDS) for _ in range(rng.randint(3, 8))) + rng.choice("。。。！")


def _generated_page(rng: random.Random) -> str:
    blocks = []
    for n in range(rng.randint(1, 4)):
        blocks.append("".join(rng.choice(WORDS) for _ in range(rng.randint(2, 5))) + "举行")
        paragraphs = []
        for p in range(rng.randint(1, 4)):
            text = "".join(_sentence(rng) for _ in range(rng.randint(1, 4)))
            if p == 0:
                text = f"本报讯 {rng.randint(1, 12)}月{rng.randint(1, 28)}日，" + text
            if len(text) > 12 and rng.random() < 0.3:  # a printed column break mid-sentence
                cut = rng.randint(4, len(text) - 4)
                paragraphs += [text[:cut], text[cut:]]
            else:
                paragraphs.append(text)
        blocks += paragraphs
        blocks.append(f"({rng.choice(['高美梅', '王拓', '惠晓婧'])})")
    return "\n\n".join(blocks) + "\n\n" + "\n".join(FOOTER) + "\n"


@pytest.mark.parametrize("seed", range(200))
def test_generated_pages_with_footer_words_in_sentences_lose_nothing(seed):
    text = _generated_page(random.Random(seed))
    page = parse_page(text, issue_date=dt.date(2024, 12, 31))
    assert_no_text_lost(text, page, set(FOOTER))
