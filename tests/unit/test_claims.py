"""One claim, one confidence: the data rules behind every badge readers see.

Each rule has a fixture that breaks it and must fail with a message naming the
file, the entry and the problem, plus the good case that must load.
"""
from __future__ import annotations

import pytest

import render
import sitedata
import shortcodes
from .test_sitedata import CARRIER, FACTS, SOURCES, error, make

FARM = SOURCES + """
farm:
  url: https://seo.example/how-to
  publisher: seo.example
  quality: content-farm
  kind: secondary
  checked: 2026-11-24
news:
  url: https://news.example/a
  publisher: {zh: 新闻社, en: News agency}
  kind: news
  published: 2016-03-23
  checked: 2026-12-01
news2:
  url: https://news2.example/b
  publisher: News2
  kind: news
  published: 2026-03-05
  checked: 2026-11-24
"""


def with_fact(fid: str, confidence: str, refs: str, zh: str = "说法", en: str = "a claim", more: str = "") -> str:
    """FACTS plus one fact; `refs` is its sources/searched line, `more` any extra field lines."""
    return FACTS + f"""
{fid}:
  text: {{zh: {zh}, en: {en}}}
{more}  confidence: {confidence}
  {refs}
"""


def test_unknown_fact_may_not_cite_a_source_as_support(tmp_path):
    facts = with_fact("guide.nothing", "unknown", "sources: [good-official]", "没有找到", "we found nothing")
    msg = error(tmp_path, facts=facts)
    assert "facts.yml: fact 'guide.nothing'" in msg and "'unknown'" in msg and "searched" in msg


def test_unknown_fact_lists_where_we_looked(tmp_path):
    facts = with_fact("guide.nothing", "unknown", "searched: [good-official]", "没有找到", "we found nothing")
    data = sitedata.load(make(tmp_path, facts=facts))
    assert data.facts["guide.nothing"].searched == ["good-official"]
    html = shortcodes.expand("<!-- md:fact guide.nothing -->", "docs/x.md", "zh", "x/", data)
    # no numbered reference beside the "no source found" badge, but the page says where we looked
    assert "fact-ref" not in html and "未找到来源" in html
    assert "我们查过" in html and "operator.example/help" in html


def test_searched_is_only_for_unknown_facts(tmp_path):
    facts = FACTS.replace("  sources: [good-official]", "  sources: [good-official]\n  searched: [good-weak]")
    assert "'searched' is only for facts with 'confidence: unknown'" in error(tmp_path, facts=facts)


def test_unknown_carrier_entry_with_sources_fails(tmp_path):
    carriers = CARRIER.replace("{zh: 可以, en: it is possible, confidence: official, sources: [good-official]}",
                               "{zh: 不知道, en: unknown, confidence: unknown, sources: [good-official]}")
    msg = error(tmp_path, carriers=carriers)
    assert "carrier 'acme', field 'facts.abroad'" in msg and "'unknown'" in msg


def test_content_farm_alone_never_above_unconfirmed(tmp_path):
    # a content farm marked as news would otherwise carry a "news" badge
    sources = FARM.replace("  quality: content-farm\n  kind: secondary", "  quality: content-farm\n  kind: news")
    assert "a content-farm page is 'kind: secondary'" in error(tmp_path, sources=sources)


def test_content_farm_quality_value_checked(tmp_path):
    msg = error(tmp_path, sources=FARM.replace("quality: content-farm", "quality: spammy"))
    assert "source 'farm'" in msg and "field 'quality'" in msg


def test_content_farm_source_is_labelled_on_the_page(tmp_path):
    facts = with_fact("guide.weak", "secondary", "sources: [farm]", "二手说法", "a weak claim")
    data = sitedata.load(make(tmp_path, sources=FARM, facts=facts), allow_unused=True)
    assert "为搜索流量写的网页" in render.source_html(data, "farm", "zh")
    assert "page written for search traffic" in render.source_html(data, "farm", "en")


def test_carrier_statement_only_on_its_own_carrier_page(tmp_path):
    carriers = CARRIER + CARRIER.replace("acme:", "other:").replace("阿克米", "别家").replace(
        "Acme", "Other").replace("Акме", "Другой")
    facts = with_fact("acme.rule", "official", "sources: [good-official]", "阿克米说要本人去", "Acme says go in person", more="  carrier: acme\n")
    data = sitedata.load(make(tmp_path, facts=facts, carriers=carriers))
    md = "<!-- md:fact acme.rule -->"
    own = "<!-- md:carrier-card acme -->" + md
    assert "阿克米说" in shortcodes.expand(own, "docs/carriers/acme.md", "zh", "carriers/acme/", data)
    assert "Acme says" in shortcodes.expand(md, "docs/guide/cancel.en.md", "en", "en/guide/cancel/", data)
    with pytest.raises(Exception) as exc:
        shortcodes.expand("<!-- md:carrier-card other -->" + md, "docs/carriers/other.md", "zh", "carriers/other/", data)
    assert "docs/carriers/other.md" in str(exc.value) and "acme.rule" in str(exc.value)


def test_carrier_statement_must_name_its_carrier(tmp_path):
    facts = with_fact("acme.rule", "official", "sources: [good-official]", "要本人去", "go in person", more="  carrier: acme\n")
    msg = error(tmp_path, facts=facts)
    assert "fact 'acme.rule'" in msg and "must name its carrier" in msg


def test_carrier_field_names_a_real_carrier(tmp_path):
    facts = with_fact("nobody.rule", "official", "sources: [good-official]", "某家", "someone", more="  carrier: nobody\n")
    assert "'carrier: nobody' is not a carrier" in error(tmp_path, facts=facts)


def test_sides_show_both_views_with_their_dates(tmp_path):
    facts = FACTS + """
law.held:
  text: {zh: 报道不一, en: reports differ}
  sides:
    - {zh: 约两个月, en: about two months, sources: [news2]}
    - {zh: 通常半年, en: usually six months, sources: [news]}
  confidence: news
"""
    data = sitedata.load(make(tmp_path, sources=FARM, facts=facts), allow_unused=True)
    zh = shortcodes.expand("<!-- md:fact law.held -->", "docs/x.md", "zh", "x/", data)
    assert "2026 年 3 月 5 日的报道说约两个月" in zh and "2016 年 3 月 23 日的报道说通常半年" in zh
    en = shortcodes.expand("<!-- md:fact law.held -->", "docs/x.en.md", "en", "en/x/", data)
    assert "a report of 5 March 2026 says about two months" in en and "23 March 2016" in en


def test_one_side_is_not_a_disagreement(tmp_path):
    facts = FACTS + """
law.held:
  text: {zh: 报道不一, en: reports differ}
  sides:
    - {zh: 约两个月, en: about two months, sources: [good-official]}
  confidence: official
"""
    assert "'sides' must list at least two views" in error(tmp_path, facts=facts)


ACT_RULES = """
act.rules:
  text: {zh: 第 59 号政府令《规则》, en: 'Decree No. 59, the Rules'}
  value: {zh: 第 59 号政府令, en: Decree No. 59}
  confidence: official
  sources: [good-official]
"""


def test_act_is_named_after_a_legal_statement(tmp_path):
    facts = FACTS.replace("  confidence: official", "  act: act.rules\n  confidence: official", 1) + ACT_RULES
    data = sitedata.load(make(tmp_path, facts=facts))
    assert sitedata.legal_statements_without_act(data) == []
    assert "90 天（第 59 号政府令）" in shortcodes.expand("<!-- md:fact law.days -->", "docs/x.md", "zh", "x/", data)
    assert "90 days (Decree No. 59)" in shortcodes.expand("<!-- md:fact law.days -->", "docs/x.en.md", "en", "en/x/", data)


def test_a_value_inside_a_sentence_names_its_act_in_the_source_list(tmp_path):
    # "从 2025 年 1 月 1 日（第 59 号政府令）[1]起" read badly: a value keeps the sentence whole
    facts = FACTS.replace("  confidence: official", "  act: act.rules\n  act_in: sources\n  confidence: official", 1) + ACT_RULES
    data = sitedata.load(make(tmp_path, facts=facts))
    zh = shortcodes.expand("<!-- md:fact law.days -->", "docs/x.md", "zh", "x/", data)
    en = shortcodes.expand("<!-- md:fact law.days -->", "docs/x.en.md", "en", "en/x/", data)
    assert "90 天（" not in zh and "出自：第 59 号政府令《规则》。" in zh
    assert "90 days (" not in en and "come from Decree No. 59, the Rules." in en
    (tmp_path / "bad").mkdir()
    assert "'act_in' must be" in error(tmp_path / "bad", facts=facts.replace("act_in: sources", "act_in: footnote"))


def test_official_legal_statement_without_act_is_reported(tmp_path):
    data = sitedata.load(make(tmp_path))
    problems = sitedata.legal_statements_without_act(data)
    assert len(problems) == 1 and "fact 'law.days'" in problems[0] and "which act" in problems[0]


def test_act_reference_must_exist(tmp_path):
    facts = FACTS.replace("  confidence: official", "  act: act.missing\n  confidence: official", 1)
    assert "'act: act.missing' must be the id of an act" in error(tmp_path, facts=facts)


def test_source_line_in_chinese_uses_chinese_punctuation_and_dates(tmp_path):
    data = sitedata.load(make(tmp_path, sources=FARM), allow_unused=True)
    zh = render.source_html(data, "news", "zh")
    assert "新闻社" in zh and "（媒体）" in zh and "发表于" in zh
    assert "2016 年 3 月 23 日" in zh and "2026 年 12 月 1 日" in zh
    assert "(" not in zh.replace('href="', "") and ", " not in zh
    assert "）</span><span class=\"src-published\">发表于" in zh  # no space after a full-width bracket
    assert "</span>，<span class=\"src-checked\">核实于 <time" in zh  # the checked date in its own element
    en = render.source_html(data, "news", "en")
    assert "News agency" in en and "published" in en and "1 December 2026" in en


def test_partial_publication_date(tmp_path):
    sources = FARM.replace("published: 2016-03-23", "published: 2025-01")
    data = sitedata.load(make(tmp_path, sources=sources), allow_unused=True)
    assert "2025 年 1 月" in render.source_html(data, "news", "zh")
    assert "January 2025" in render.source_html(data, "news", "en")


def test_page_shows_when_its_facts_were_checked_and_a_report_link(tmp_path):
    facts = with_fact("guide.weak", "secondary", "sources: [good-weak]", "二手说法", "a weak claim")
    data = sitedata.load(make(tmp_path, facts=facts))
    url = shortcodes.report_url("https://github.com/o/r", "en/guide/cancel/", "https://site.example/")
    assert url.startswith("https://github.com/o/r/issues/new?template=correction.yml&page=")
    assert "site.example%2Fen%2Fguide%2Fcancel%2F" in url
    md = "<!-- md:fact law.days --> <!-- md:fact guide.weak -->"
    zh = shortcodes.expand(md, "docs/x.md", "zh", "x/", data, url)
    assert "本页信息核实于 2026 年 11 月 20 日至 2026 年 11 月 24 日" in zh and "发现错误？" in zh
    en = shortcodes.expand(md, "docs/x.en.md", "en", "en/x/", data, url)
    assert "checked between 20 November 2026 and 24 November 2026" in en and "Spotted a mistake?" in en
    one = shortcodes.expand("<!-- md:fact law.days -->", "docs/x.md", "zh", "x/", data, None)
    assert "本页信息核实于 2026 年 11 月 24 日" in one and "发现错误" not in one


def test_real_data_follows_every_rule():
    """The site's own data passes the rules (the build enforces the same)."""
    from conftest import ROOT  # noqa: PLC0415
    data = sitedata.load(ROOT)
    assert sitedata.legal_statements_without_act(data) == []
    for fid, fact in data.facts.items():
        assert not (fact.confidence == "unknown" and fact.sources), fid
