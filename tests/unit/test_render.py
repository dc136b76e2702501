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
