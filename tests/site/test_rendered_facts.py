"""What a reader sees on the built site matches data/: the badge of every fact is its
confidence, its text is in the page's language, the date shown is the source's
`checked` date, and English cards and tables hold no Chinese (tests/readerview.py)."""
from __future__ import annotations

import re
from pathlib import Path

import pytest

import readerview as rv
from conftest import ROOT, html_pages

DATA = rv.sitedata.load(ROOT)
CARRIERS = list(DATA.carriers)


def read(site_dir: Path, lang: str, path: str) -> str:
    return (site_dir / ("en/" if lang == "en" else "") / path / "index.html").read_text(encoding="utf-8")


def card(html: str) -> str:
    return re.search(r'<section class="facts-card".*?</section>', html, re.S).group(0)


def table(html: str) -> str:
    return re.search(r'<div class="carrier-table">.*?</table></div>', html, re.S).group(0)


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("cid", CARRIERS)
def test_card_shows_each_facts_confidence_and_text(site_dir, cid, lang):
    assert rv.problems_in_carrier_facts(card(read(site_dir, lang, f"carriers/{cid}")), DATA, [cid], lang, complete=True) == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_table_shows_each_facts_confidence_and_text(site_dir, lang):
    html = table(read(site_dir, lang, "carriers"))
    assert rv.shown_facts(html)
    assert rv.problems_in_carrier_facts(html, DATA, CARRIERS, lang) == []


@pytest.mark.parametrize("cid", CARRIERS)
def test_english_card_holds_no_chinese(site_dir, cid):
    assert rv.chinese_in(card(read(site_dir, "en", f"carriers/{cid}"))) == []


def test_english_table_holds_no_chinese(site_dir):
    assert rv.chinese_in(table(read(site_dir, "en", "carriers"))) == []


def _every_page(site_dir: Path, check, marker: str) -> tuple[int, list[str]]:
    """Run check(html, DATA, lang) on every page; count the marker occurrences checked."""
    bad, count = [], 0
    for page in html_pages(site_dir):
        rel = page.relative_to(site_dir).as_posix()
        html = page.read_text(encoding="utf-8")
        count += html.count(marker)
        bad += [f"{rel}: {p}" for p in check(html, DATA, "en" if rel.startswith("en/") else "zh")]
    return count, bad


def test_inline_facts_show_their_text_and_confidence(site_dir):
    count, bad = _every_page(site_dir, rv.problems_in_inline_facts, "data-fact=")
    assert count > 50 and bad == [], "\n".join(bad[:20])


def test_every_date_shown_is_the_sources_checked_date(site_dir):
    count, bad = _every_page(site_dir, rv.problems_in_source_dates, 'class="src-checked"')
    assert count > 100 and bad == [], "\n".join(bad[:20])
