"""The language switcher lands on the twin page (and section); search finds ru/en/zh queries."""
from __future__ import annotations

import pytest

from conftest import type_search

PAIRS = [("/", "/en/"), ("/guide/cancel/", "/en/guide/cancel/"), ("/carriers/mts/", "/en/carriers/mts/")]


@pytest.mark.parametrize("zh,en", PAIRS)
def test_switcher_lands_on_twin(page, site_url, zh, en):
    for here, there in ((zh, en), (en, zh)):
        page.goto(site_url + here, wait_until="load")
        target_lang = "en" if there.startswith("/en/") else "zh"
        link = page.locator(f'.md-select__link[hreflang="{target_lang}"]')
        href = link.get_attribute("href", timeout=5000)
        with page.expect_navigation():
            page.evaluate("(h) => document.querySelector(`.md-select__link[hreflang='${h}']`).click()", target_lang)
        assert page.url == site_url + there, f"switcher on {here} went to {page.url} (href {href})"


def test_switcher_keeps_the_section(page, site_url):
    page.goto(site_url + "/guide/cancel/#from-abroad", wait_until="load")
    href = page.locator('.md-select__link[hreflang="en"]').get_attribute("href")
    assert href.endswith("/en/guide/cancel/#from-abroad"), href


def search(page, site_url, start, query):
    page.goto(site_url + start, wait_until="load")
    return type_search(page, query)


QUERIES = [
    ("/", "МТС", "/carriers/mts/"),
    ("/", "мтс", "/carriers/mts/"),
    ("/", "MTS", "/carriers/mts/"),
    ("/", "Билайн", "/carriers/beeline/"),
    ("/", "比莱恩", "/carriers/beeline/"),
    ("/", "Теле2", "/carriers/t2/"),
    ("/", "Tele2", "/carriers/t2/"),
    ("/", "注销", "/guide/"),
    ("/en/", "Beeline", "/en/carriers/beeline/"),
    ("/en/", "МегаФон", "/en/carriers/megafon/"),
    ("/en/", "Tinkoff", "/en/carriers/t-mobile/"),
    ("/en/", "cancel", "/en/"),
]


@pytest.mark.parametrize("start,query,expect", QUERIES)
def test_search_finds(page, site_url, start, query, expect):
    hrefs = search(page, site_url, start, query)
    assert any(expect in h for h in hrefs[:3]), f"{query!r}: top results {hrefs[:3]}"


def test_search_loads_nothing_until_used(page, site_url, watch):
    requested = []
    page.on("request", lambda r: requested.append(r.url))
    page.goto(site_url + "/carriers/mts/", wait_until="networkidle")
    assert not [u for u in requested if "/search/" in u or "workers/search" in u or "lunr" in u], requested
    hrefs = search(page, site_url, "/carriers/mts/", "MTS")
    assert hrefs
    assert any(u.endswith("/search/zh.json") for u in requested), requested
