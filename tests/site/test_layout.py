"""Layout details in the built HTML (issue #13): titles, stylesheets, logo, facts card."""
from __future__ import annotations

import re

import pytest

SITE_NAMES = {"index.html": "俄罗斯 eSIM / 手机卡注销指南", "en/index.html": "Cancelling a Russian eSIM or SIM"}


@pytest.mark.parametrize("rel", list(SITE_NAMES))
def test_home_title_names_the_site_once(site_dir, rel):
    title = re.search(r"<title>(.*?)</title>", (site_dir / rel).read_text(encoding="utf-8")).group(1)
    assert title == SITE_NAMES[rel], f"/{rel}: {title!r}"


@pytest.mark.parametrize("rel", ["carriers/mts/index.html", "en/counter/card/index.html"])
def test_print_css_never_blocks_the_screen_and_the_logo_is_inline(site_dir, rel):
    html = (site_dir / rel).read_text(encoding="utf-8")
    links = re.findall(r'<link rel="stylesheet" href="[^"]*print\.css"([^>]*)>', html)
    assert links == [' media="print"'], f"{rel}: print.css links {links}"
    assert 'src="../../assets/favicon.svg"' not in html and "favicon.svg\" alt" not in html, \
        f"{rel}: the logo is an <img> of the favicon (fetched twice, invisible on the header)"
    counter = "counter.css" in html
    assert counter == ("counter/" in rel), f"{rel}: counter.css belongs to the counter pages only"


@pytest.mark.parametrize("rel", ["carriers/mts/index.html", "en/carriers/mts/index.html"])
def test_facts_card_has_no_second_title(site_dir, rel):
    html = (site_dir / rel).read_text(encoding="utf-8")
    assert "facts-card__title" not in html, f"{rel}: the card repeats the At a glance heading"
    label = re.search(r'<section class="facts-card"[^>]*aria-label="([^"]+)"', html).group(1)
    assert "） " not in label, f"{rel}: a space after a full-width bracket in {label!r}"


def test_wide_tables_are_labelled_for_phones(site_dir):
    html = (site_dir / "guide/keep-block-cancel/index.html").read_text(encoding="utf-8")
    table = re.search(r"<table data-cards>.*?</table>", html, re.S)
    assert table, "the 5-column comparison is not marked for the phone card layout"
    assert 'data-label="主要风险"' in table.group(0)
