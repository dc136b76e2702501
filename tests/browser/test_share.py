"""Sharing in a real browser: the share button, its copy fallback, the QR code, heading links.

Headless Chromium on a desktop has no navigator.share, so the button copies the
page's canonical URL; the phone case emulates a touch screen and a stub
navigator.share. Clipboard permissions are granted to the test server's origin.
"""
from __future__ import annotations

import os
import re

import pytest
from playwright.sync_api import expect

from conftest import ROOT

PAGES = {
    "zh": ("/carriers/mts/", "已复制链接", "本节链接：", "在手机上打开"),
    "en": ("/en/carriers/mts/", "Link copied", "Link to this section: ", "Open on your phone"),
}


def canonical_base() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    url = os.environ.get("SITE_URL", re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]', text).group(1))
    return url.rstrip("/")


def allow_clipboard(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_share_button_copies_the_canonical_url(page, site_url, watch, lang):
    path, copied, _, _ = PAGES[lang]
    allow_clipboard(page, site_url)
    page.goto(site_url + path, wait_until="load")
    button = page.locator(".share__button")
    assert button.is_visible(), "the script should reveal the share button"
    button.click()
    status = page.locator(".share__status")
    status.filter(has_text=copied).wait_for(timeout=3000)
    assert status.get_attribute("aria-live") == "polite" and status.get_attribute("role") == "status"
    assert page.evaluate("navigator.clipboard.readText()") == canonical_base() + path
    assert watch["errors"] == [] and watch["third_party"] == []


def test_share_keeps_the_section(page, site_url):
    path = "/en/carriers/mts/"
    allow_clipboard(page, site_url)
    page.goto(site_url + path + "#from-abroad", wait_until="load")
    page.locator(".share__button").click()
    page.locator(".share__status").filter(has_text="Link copied").wait_for(timeout=3000)
    assert page.evaluate("navigator.clipboard.readText()") == canonical_base() + path + "#from-abroad"


def test_copy_falls_back_without_the_clipboard_api(page, site_url):
    # Old browsers and plain-http pages have no navigator.clipboard: the script
    # copies through a hidden textarea instead (document.execCommand).
    allow_clipboard(page, site_url)
    page.add_init_script("""
        window.__clip = navigator.clipboard;
        Object.defineProperty(Navigator.prototype, 'clipboard', {get: () => undefined, configurable: true});
    """)
    path = "/carriers/mts/"
    page.goto(site_url + path, wait_until="load")
    assert page.evaluate("navigator.clipboard === undefined")
    page.locator(".share__button").click()
    page.locator(".share__status").filter(has_text="已复制链接").wait_for(timeout=3000)
    assert page.evaluate("window.__clip.readText()") == canonical_base() + path
    assert page.evaluate("document.activeElement.classList.contains('share__button')"), "focus returns to the button"


def test_phone_uses_the_share_sheet(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_init_script("""
        window.__shared = null;
        navigator.share = (data) => { window.__shared = data; return Promise.resolve(); };
        navigator.canShare = () => true;
    """)
    page = context.new_page()
    try:
        path = "/en/carriers/mts/"
        page.goto(site_url + path, wait_until="load")
        assert page.evaluate("matchMedia('(pointer: coarse)').matches"), "touch emulation is off"
        page.locator(".share__button").tap()
        page.wait_for_function("() => window.__shared !== null", timeout=3000)
        shared = page.evaluate("window.__shared")
        assert shared["url"] == canonical_base() + path
        assert "MTS" in shared["title"]
        assert page.locator(".share__status").text_content() == "", "the share sheet is its own confirmation"
    finally:
        context.close()


def test_cancelled_share_sheet_does_nothing(browser, site_url):
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    context.add_init_script("""
        window.__calls = 0;
        navigator.share = () => { window.__calls++; return Promise.reject(new DOMException('x', 'AbortError')); };
    """)
    page = context.new_page()
    try:
        page.goto(site_url + "/carriers/mts/", wait_until="load")
        page.locator(".share__button").tap()
        page.wait_for_function("() => window.__calls === 1", timeout=3000)
        page.wait_for_timeout(300)
        assert page.locator(".share__status").text_content() == ""
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_qr_code_opens(page, site_url, lang):
    path, _, _, summary = PAGES[lang]
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + path, wait_until="load")
    code = page.locator(".share__qr-code")
    assert not code.is_visible()
    page.get_by_text(summary, exact=True).click()
    assert code.is_visible()
    box = code.bounding_box()
    assert box["width"] >= 150 and abs(box["width"] - box["height"]) < 1, box
    assert canonical_base() + path in page.locator(".share__qr-body").inner_text()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_heading_link_is_visible_on_focus_and_sets_the_hash(page, site_url, lang):
    path, _, label, _ = PAGES[lang]
    page.goto(site_url + path, wait_until="load")
    link = page.locator("h2#at-a-glance > a.headerlink")
    assert link.get_attribute("aria-label").startswith(label), link.get_attribute("aria-label")
    assert float(link.evaluate("a => getComputedStyle(a).opacity")) == 0, "hidden until hover or focus"
    link.focus()
    expect(link).to_have_css("opacity", "1", timeout=2000)
    page.keyboard.press("Enter")
    page.wait_for_url(re.compile(re.escape(path) + "#at-a-glance$"), timeout=2000)


def test_heading_link_takes_no_room_on_touch_screens_until_focused(browser, site_url):
    # Touch screens have no hover: the "#" used to show everywhere and wrap alone under long
    # titles. The address follows the section read (navigation.tracking) and the share button
    # sends it, so the link stays out of the way until focused (a keyboard on a tablet).
    context = browser.new_context(viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    try:
        page.goto(site_url + "/en/carriers/mts/", wait_until="load")
        link = page.locator("h2#in-russia > a.headerlink")
        assert link.bounding_box()["width"] <= 1, "the '#' takes room on a touch screen"
        link.focus()
        assert link.bounding_box()["width"] > 8, "a focused heading link must be visible"
        page.keyboard.press("Enter")
        page.wait_for_url(re.compile("#in-russia$"), timeout=2000)
    finally:
        context.close()
