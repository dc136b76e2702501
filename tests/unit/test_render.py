"""Rendering: every fact shows its confidence, a source link and the date it was checked."""
from __future__ import annotations

import re

import pytest
from mkdocs.exceptions import PluginError

import render
import shortcodes
import sitedata
from unit.test_sitedata import make


@pytest.fixture
def data(tmp_path):
    return sitedata.load(make(tmp_path))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_card_shows_source_and_date_for_every_fact(data, lang):
    html = render.carrier_card(data, "acme", lang)
    facts = re.findall(r'<(?:p|li) class="fact"[^>]*>.*?</(?:p|li)>(?:<p class="fact-src">.*?</p>)?', html, re.S)
    assert len(facts) == 5  # abroad, inactivity, three contacts
    for fact in facts:
        assert re.search(r'href="https://', fact) and "2026-11-2" in fact, fact
    assert "tel:+78002500890" in html and "tel:+74957660166" in html and "tel:0890" in html


def test_card_language(data):
    assert "能注销吗" not in render.carrier_card(data, "acme", "en")
    assert "Can I cancel from outside Russia" in render.carrier_card(data, "acme", "en")
    assert "人不在俄罗斯，能注销吗" in render.carrier_card(data, "acme", "zh")


def test_weak_fact_is_marked(data):
    html = render.carrier_card(data, "acme", "en")
    assert 'conf--secondary' in html and "Unconfirmed" in html


def test_inline_fact_links_to_source_list(data):
    out = shortcodes.expand("Wait <!-- md:fact law.days -->.", "docs/x.en.md", "en", "x/", data)
    assert 'data-fact="law.days"' in out and 'href="#src-1"' in out
    assert '<li id="src-1"><a href="https://operator.example/help"' in out and "2026-11-24" in out


def test_table_links_carriers_relative(data):
    out = shortcodes.expand("<!-- md:carrier-table -->", "docs/carriers/index.en.md", "en", "en/carriers/", data)
    assert 'href="acme/"' in out and 'id="src-1"' in out


@pytest.mark.parametrize("text,message", [
    ("<!-- md:nonsense -->", "docs/x.md: unknown shortcode 'md:nonsense'"),
    ("<!-- md:fact nope -->", "docs/x.md: unknown fact id 'nope'"),
    ("<!-- md:carrier-card nope -->", "docs/x.md: unknown carrier id 'nope'"),
    ("<!-- md:carrier-link -->", "docs/x.md: shortcode 'carrier-link' needs an id"),
])
def test_bad_shortcodes(data, text, message):
    with pytest.raises(PluginError) as exc:
        shortcodes.expand(text, "docs/x.md", "zh", "x/", data)
    assert message in str(exc.value)


def test_carrier_page_requires_its_card(data):
    with pytest.raises(PluginError, match="must show its facts card"):
        shortcodes.expand("# Acme\n", "docs/carriers/acme.md", "zh", "carriers/acme/", data)


def test_carriers_are_added_to_the_nav(data):
    nav = [{"index": "index.md"}, {"运营商": ["carriers/index.md", "carriers/other.md"]}]
    shortcodes.add_carriers_to_nav(nav, data)
    shortcodes.add_carriers_to_nav(nav, data)  # the en build runs it again
    assert nav[1]["运营商"] == ["carriers/index.md", "carriers/acme.md", "carriers/other.md"]


# ---------------------------------------------------------------- what a reader sees (tests/readerview.py)

import readerview as rv  # noqa: E402
from unit.test_sitedata import CARRIER, FACTS, SOURCES  # noqa: E402

# A source whose `published` date differs from `checked`; a weak inline fact; a carrier
# with facts of every confidence and a network entry.
SEEN_SOURCES = SOURCES.replace("  checked: 2026-11-24\n", "  published: 2019-03-05\n  checked: 2026-11-24\n", 1)
SEEN_FACTS = FACTS + """
law.weak:
  text: {zh: 据说要 30 天, en: reportedly 30 days}
  confidence: secondary
  sources: [good-weak]
"""
SEEN_CARRIER = CARRIER.replace("  facts:\n", """  network: {zh: 自己的网络, en: its own network, confidence: official, sources: [good-official]}
  facts:
    refund: {zh: 没有找到, en: nothing found, confidence: unknown}
""", 1)


@pytest.fixture
def seen(tmp_path):
    return sitedata.load(make(tmp_path, sources=SEEN_SOURCES, facts=SEEN_FACTS, carriers=SEEN_CARRIER))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_card_badges_and_texts_match_data(seen, lang):
    # M09 (badge "Official" on a secondary fact) and M28 (English card with the Chinese text) fail here
    html = render.carrier_card(seen, "acme", lang)
    shown = rv.shown_facts(html)
    assert [f["badge"] for f in shown if not f["phone"]] == [
        rv.label(c, lang) for c in ("official", "unknown", "secondary", "official")]  # abroad, refund, inactivity, network
    assert rv.problems_in_carrier_facts(html, seen, ["acme"], lang, complete=True) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_badges_and_texts_match_data(seen, lang):
    out = render.carrier_table(seen, lang, render.SourceList(seen, lang), lambda cid: f"{cid}/")
    assert rv.problems_in_carrier_facts(out, seen, ["acme"], lang) == []


def test_english_card_and_table_hold_no_chinese(seen):
    assert rv.chinese_in(render.carrier_card(seen, "acme", "en")) == []
    table = render.carrier_table(seen, "en", render.SourceList(seen, "en"), lambda cid: f"{cid}/")
    assert rv.chinese_in(table) == []
    assert "自己的网络" in render.carrier_card(seen, "acme", "zh")  # and the Chinese card has the Chinese text


def test_inline_facts_show_text_and_badge_of_their_confidence(seen):
    for lang in ("zh", "en"):
        out = shortcodes.expand("A <!-- md:fact law.days --> B <!-- md:fact law.weak -->.", "docs/x.md", lang, "x/", seen)
        shown = [f for f in rv.shown_facts(out) if f["fact"]]
        assert [(f["fact"], f["badge"]) for f in shown] == [("law.days", None), ("law.weak", rv.label("secondary", lang))]
        assert rv.problems_in_inline_facts(out, seen, lang) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_date_shown_is_checked_not_published(seen, lang):
    # M27: showing `published` as "checked" fails here. The publication date is shown too
    # (a 2015 report reads as a 2015 report), but only in its own element, labelled as such.
    line = render.source_html(seen, "good-official", lang)
    html = render.carrier_card(seen, "acme", lang) + line
    checked, published = (render.date_text(d, lang) for d in ("2026-11-24", "2019-03-05"))
    ui = render.UI[lang]
    assert f'<span class="src-checked">{ui["checked"]} <time datetime="2026-11-24">{checked}</time></span>' in line
    assert f'<span class="src-published">{ui["published"]} <time datetime="2019-03-05">{published}</time></span>' in line
    assert line.count("2019-03-05") == 1 and line.count("2026-11-24") == 1
    assert rv.problems_in_source_dates(html, seen, lang) == []
    assert rv.problems_in_source_dates(line.replace("2019-03-05", "2026-11-24"), seen, lang)  # the check can fail


@pytest.mark.parametrize("before, capital", [
    ("", True), ("It takes time. ", True), ("Ask first! ", True), ("See [7]. ", True),
    ("- ", True), ("1. ", True), ("| Disabled | ", True), ("> ", True), ('<p class="x">', True),
    ("First paragraph\n\n", True), ('!!! warning "Note"\n\n    ', True), ("Done.\n", True),
    ("Wait ", False), ("Keep in mind: ", False), ("It takes; ", False), ("a line\n", False),
    ("Decree (No 59) ", False),
])
def test_starts_sentence(before, capital):
    assert shortcodes.starts_sentence(before) is capital


def test_english_fact_after_a_full_stop_starts_with_a_capital(seen):
    out = shortcodes.expand("Ask. <!-- md:fact law.weak --> - then <!-- md:fact law.weak -->.", "docs/x.en.md", "en", "x/", seen)
    texts = [f["text"] for f in rv.shown_facts(out) if f["fact"]]
    assert texts == ["Reportedly 30 days", "reportedly 30 days"]
    assert rv.problems_in_inline_facts(out, seen, "en") == []  # the reader view allows exactly this capital
    zh = shortcodes.expand("问。<!-- md:fact law.weak -->", "docs/x.md", "zh", "x/", seen)
    assert "据说要 30 天" in zh
