"""The counter pages (docs/counter/) at the shop: they print on ONE A4 sheet, carry
their Russian marked lang="ru" (identical in both languages), load nothing from
other hosts and fit a 360 px phone screen.

Readers save these pages as PDF before they go (mobile data may be off at the
shop), and "Save as PDF" uses the print layout, so the print test is the
offline test too.
"""
from __future__ import annotations

import re

import pytest

PAGES = {
    "card": ["show-this", "bring", "after-visit"],
    "proxy": ["must-state", "notarised", "abroad", "unknown"],
    "application": ["termination", "refund", "how-to-use"],
}
PATHS = [f"{prefix}/counter/{name}/" for name in PAGES for prefix in ("", "/en")]

# One sentence of each page's Russian, as staff will read it.
RUSSIAN = {
    "card": "Я хочу расторгнуть договор об оказании услуг связи",
    "proxy": "получать причитающиеся мне денежные средства, в том числе остаток аванса",
    "application": "о расторжении договора об оказании услуг связи",
}
# What must be on the printed sheet of each page (selectors).
PRINTED = {
    "card": ["#show-this", "#bring", "#after-visit", ".say-ru"],
    "proxy": ["#must-state", ".clauses", "#unknown"],
    "application": [".form-title", "#how-to-use"],
}
# Site chrome that must never print.
CHROME = [".md-header", ".md-tabs", ".md-sidebar--primary", ".md-sidebar--secondary", ".md-search",
          ".md-footer", ".headerlink", ".share"]

# A page object in a PDF: "/Type /Page", not the "/Type /Pages" tree node.
PAGE_OBJ_RE = re.compile(rb"/Type\s*/Page[^s]")


def pdf_pages(pdf: bytes) -> int:
    return len(PAGE_OBJ_RE.findall(pdf))


def name_of(path: str) -> str:
    return path.rstrip("/").rsplit("/", 1)[-1]


def print_pdf(page) -> bytes:
    page.emulate_media(media="print")
    return page.pdf(format="A4", print_background=False)


def test_page_counter_counts_pages(page):
    """The PDF parser itself: a long document must count as several pages."""
    page.set_content("<!doctype html><html><body>" + "<p>line</p>" * 400 + "</body></html>")
    assert pdf_pages(print_pdf(page)) > 1
    page.set_content("<!doctype html><html><body><p>one line</p></body></html>")
    assert pdf_pages(print_pdf(page)) == 1


@pytest.mark.parametrize("path", PATHS)
def test_prints_on_one_a4_page(page, site_url, watch, path):
    page.goto(site_url + path, wait_until="networkidle")
    pages = pdf_pages(print_pdf(page))
    assert pages == 1, f"{path} prints on {pages} A4 pages, not 1"
    assert watch["third_party"] == [], f"third-party requests on {path}: {watch['third_party']}"
    assert watch["failed"] == [], f"failed requests on {path}: {watch['failed']}"


@pytest.mark.parametrize("path", PATHS)
def test_print_keeps_content_and_drops_chrome(page, site_url, path):
    page.goto(site_url + path, wait_until="load")
    page.emulate_media(media="print")
    for sel in PRINTED[name_of(path)]:
        assert page.locator(sel).first.is_visible(), f"{path}: {sel} is missing from the printout"
    for sel in CHROME:
        visible = page.locator(sel).evaluate_all("els => els.filter(e => e.getClientRects().length > 0).length")
        assert visible == 0, f"{path}: {sel} shows in the printout"


@pytest.mark.parametrize("path", PATHS)
def test_russian_is_present_and_marked(page, site_url, path):
    page.goto(site_url + path, wait_until="load")
    name = name_of(path)
    phrase = RUSSIAN[name]
    assert phrase in page.locator("article").inner_text(), f"{path}: the Russian text is missing"
    marked = page.locator('article [lang="ru"]', has_text=phrase)
    assert marked.count() >= 1, f"{path}: the Russian is not marked lang=\"ru\""
    assert page.locator('article [lang="ru"]').count() >= 5, f"{path}: too few lang=\"ru\" elements"
    for anchor in PAGES[name]:
        assert page.locator(f"article #{anchor}").count() == 1, f"{path}: section #{anchor} is missing"


@pytest.mark.parametrize("name", list(PAGES))
def test_russian_is_identical_in_both_languages(page, site_url, name):
    texts = {}
    for prefix in ("", "/en"):
        page.goto(f"{site_url}{prefix}/counter/{name}/", wait_until="load")
        texts[prefix] = page.locator('article [lang="ru"]').evaluate_all(
            "els => els.map(e => e.textContent.replace(/\\s+/g, ' ').trim())")
    assert texts[""], f"/counter/{name}/: no Russian found"
    assert texts[""] == texts["/en"], f"the Russian of /counter/{name}/ differs between zh and en"


@pytest.mark.parametrize("path", [p for p in PATHS if name_of(p) == "card"])
def test_card_russian_is_large_on_a_phone(page, site_url, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url + path, wait_until="load")
    sizes = page.locator(".say-ru").evaluate_all("els => els.map(e => parseFloat(getComputedStyle(e).fontSize))")
    assert sizes, f"{path}: no sentences to show"
    assert min(sizes) >= 20, f"{path}: Russian shown at {min(sizes)}px, too small to show across a counter"


@pytest.mark.parametrize("path", PATHS)
def test_no_horizontal_scroll_at_360(page, site_url, path):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url + path, wait_until="load")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 360px"
