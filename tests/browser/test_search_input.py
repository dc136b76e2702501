"""Search follows the box's value however the text arrives, and points to the other language.

Material re-runs a query on keyup only; assets/js/lazy-search.js also reacts to input,
compositionend and paste. A paste or voice input (value + input event, no key), an IME
composition (CDP Input.imeSetComposition, then the committed text) and typing must all show
the same first results. Queries in the other site's language get a link to search there
(assets/js/search-more.js).
"""
from __future__ import annotations

from urllib.parse import parse_qs, urlsplit

import pytest

from conftest import open_search, result_pages, search_results, wait_for_results

CASES = [("/", "Билайн"), ("/", "比莱恩"), ("/", "诈骗"), ("/en/", "МТС"), ("/en/", "mts")]


def by_input_event(page, query):
    return search_results(page, query)


def by_insert_text(page, query):
    """What a paste from a menu or a keyboard suggestion does: text inserted, no key events."""
    page.keyboard.insert_text(query)
    wait_for_results(page, query)
    return result_pages(page)


def by_ime(page, query):
    """An IME: composition updates (a stale prefix in the box), then the committed text, no keyup."""
    cdp = page.context.new_cdp_session(page)
    for i in range(1, len(query)):
        cdp.send("Input.imeSetComposition", {"text": query[:i], "selectionStart": i, "selectionEnd": i})
    cdp.send("Input.insertText", {"text": query})
    wait_for_results(page, query)
    return result_pages(page)


def by_typing(page, query):
    page.keyboard.type(query, delay=20)
    wait_for_results(page, query)
    return result_pages(page)


@pytest.mark.parametrize("start,query", CASES)
def test_paste_ime_and_typing_give_the_same_results(search_page, start, query):
    got = {}
    for name, enter in (("input event", by_input_event), ("inserted text", by_insert_text),
                        ("IME", by_ime), ("typed", by_typing)):
        page = search_page(start)
        hrefs = enter(page, query)
        assert page.locator("input.md-search__input").input_value() == query
        got[name] = hrefs[:3]
    assert got["input event"], f"{start} {query!r}: no results"
    assert all(v == got["input event"] for v in got.values()), f"{start} {query!r}: {got}"


def test_paste_needs_no_key_event(page, site_url):
    """The defect itself: a value that changes with no keyup at all is searched."""
    open_search(page, site_url + "/")
    keyups = page.evaluate_handle("""() => { const n = {c: 0};
      document.querySelector("input.md-search__input").addEventListener("keyup", e => { if (e.isTrusted) n.c++; });
      return n; }""")
    hrefs = search_results(page, "Билайн")
    assert urlsplit(hrefs[0]).path == "/carriers/beeline/", hrefs[:3]
    assert page.evaluate("n => n.c", keyups) == 0


def elsewhere(page):
    link = page.locator(".search-elsewhere a")
    return link.get_attribute("href") if link.count() else None


def test_chinese_query_on_english_page_points_to_chinese_search(page, site_url):
    open_search(page, site_url + "/en/carriers/mts/")
    search_results(page, "诈骗")
    href = elsewhere(page)
    assert href, "no 'search the Chinese site' line for 诈骗 on /en/"
    url = urlsplit(href)
    assert url.path == "/carriers/mts/" and parse_qs(url.query)["q"] == ["诈骗"], href
    search_results(page, "scam")
    assert elsewhere(page) is None, "the hint stays after an English query"


def test_latin_query_without_results_on_chinese_page_points_to_english(page, site_url):
    open_search(page, site_url + "/")
    assert search_results(page, "xylophone") == []
    href = elsewhere(page)
    assert href and urlsplit(href).path == "/en/" and parse_qs(urlsplit(href).query)["q"] == ["xylophone"], href
    assert search_results(page, "mts"), "mts finds nothing on /"
    assert elsewhere(page) is None, "hint shown although the Chinese site has results"


def test_hint_link_opens_that_search(page, site_url):
    page.goto(site_url + "/?q=" + "scam", wait_until="load")
    wait_for_results(page, "scam")
    assert urlsplit(result_pages(page)[0]).path == "/guide/scams/"


def test_alias_chips_do_not_fill_the_results(search_page):
    """D28: the MTS result showed 12 alias chips. Only matching chips, at most three, on the page entry."""
    page = search_page("/")
    search_results(page, "МТС")
    shown = page.locator(".md-search-result__item").first.evaluate(
        "li => [...li.querySelectorAll('.md-tag')].filter(t => t.offsetParent !== null).map(t => t.textContent)")
    assert 1 <= len(shown) <= 3, shown
    assert all("мтс" in t.lower() for t in shown), shown
