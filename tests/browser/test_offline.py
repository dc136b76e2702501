"""The guide offline, in real Chromium with the service worker running (hooks/offline.py, hooks/sw.js).

Each test gets its own browser context (its own caches and worker) and the
module's own server, whose root can be swapped for a second build and which can
hold every request open (a hanging network). No timings are asserted: waits are
generous upper bounds for things that must happen.
"""
from __future__ import annotations

import functools
import http.server
import json
import re
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from conftest import _Handler, build_site, copy_project, type_search
from test_print import pdf_pages

SAVED = 60_000   # ms: upper bound for the worker to register (3 s after load) and save
CATCH = ("window.__csp = [];"
         "document.addEventListener('securitypolicyviolation', e => window.__csp.push("
         "e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline')));")


class SwappableServer(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, root: Path):
        self.root = root
        self.release = threading.Event()
        self.release.set()          # cleared: every request waits (a hanging network)
        super().__init__(("127.0.0.1", 0), self.make_handler)

    def make_handler(self, *args, **kwargs):
        self.release.wait(timeout=120)
        return _Handler(*args, directory=str(self.root), **kwargs)


@pytest.fixture(scope="module")
def server(site_dir):
    srv = SwappableServer(site_dir)
    thread = threading.Thread(target=srv.serve_forever, daemon=True)
    thread.start()
    srv.base = f"http://127.0.0.1:{srv.server_address[1]}"
    yield srv
    srv.release.set()
    srv.shutdown()


@pytest.fixture
def ctx(browser, server, site_dir):
    server.root = site_dir
    server.release.set()
    context = browser.new_context(service_workers="allow")
    context.add_init_script(CATCH)
    context.outside = []
    host = urlparse(server.base).netloc
    context.on("request", lambda r: context.outside.append(r.url)
               if urlparse(r.url).scheme in ("http", "https") and urlparse(r.url).netloc != host else None)
    yield context
    server.release.set()
    context.close()


def worker_data(site: Path) -> dict:
    text = (site / "sw.js").read_text(encoding="utf-8")
    return json.loads(re.search(r"var DATA = (\{.*?\});\n", text).group(1))


def wait_until(page, expression: str, arg=None, timeout_ms: int = SAVED) -> None:
    """Poll `expression` (a JS function of arg) until it is truthy. From Python, because
    page.wait_for_function evaluates strings in the page, which the site's CSP forbids."""
    deadline = time.monotonic() + timeout_ms / 1000
    while not page.evaluate(expression, arg):
        assert time.monotonic() < deadline, f"never true: {expression} ({arg})"
        time.sleep(0.25)


def wait_saved(page, url: str) -> None:
    wait_until(page, "async u => !!(await caches.match(u))", url)


def open_online(page, url: str) -> None:
    page.goto(url, wait_until="load")
    wait_saved(page, url)


def open_offline(page, url: str) -> None:
    page.goto(url, wait_until="load")
    assert page.evaluate("window.__csp") == [], f"{url}: CSP violations offline"


def note(page):
    return page.locator(".offline-note")


def test_saved_pages_open_offline(ctx, server):
    base = server.base
    page = ctx.new_page()
    open_online(page, base + "/")
    wait_saved(page, base + "/counter/card/")                 # the automatic set, in the page's language
    wait_saved(page, base + "/offline.html")
    for path in ("/carriers/mts/", "/en/guide/cancel/"):      # pages the reader visits are kept as visited
        open_online(page, base + path)

    ctx.set_offline(True)
    expect = {"/": "zh", "/counter/card/": "zh", "/counter/proxy/": "zh", "/counter/application/": "zh",
              "/carriers/mts/": "zh", "/en/guide/cancel/": "en", "/carriers/mts/?from=sms": "zh"}
    for path, lang in expect.items():
        open_offline(page, base + path)
        assert page.locator("html").get_attribute("lang") == lang, path
        assert page.locator("article h1").count() == 1, f"{path}: no page content offline"
        assert note(page).is_visible(), f"{path}: no saved-copy note"
        text = note(page).inner_text()
        assert ("Saved copy" in text and " at " in text) if lang == "en" else ("离线副本" in text and " 年 " in text), text
        # The styles came from the saved copy too (Material's header is fixed-height, not an unstyled block).
        assert page.evaluate("getComputedStyle(document.querySelector('.md-header')).position") in ("sticky", "fixed")
    # Printing (or "Save as PDF") the saved card still gives one clean A4 sheet, without the note.
    open_offline(page, base + "/counter/card/")
    page.emulate_media(media="print")
    assert not note(page).is_visible()
    assert pdf_pages(page.pdf(format="A4", print_background=False)) == 1
    assert ctx.outside == [], f"third-party requests: {ctx.outside}"


def test_page_never_visited_gives_the_offline_page_in_its_language(ctx, server):
    base = server.base
    page = ctx.new_page()
    open_online(page, base + "/carriers/mts/")
    wait_saved(page, base + "/offline.html")
    page.goto(base + "/en/", wait_until="load")
    wait_saved(page, base + "/en/offline.html")
    ctx.set_offline(True)
    open_offline(page, base + "/guide/after/")
    assert page.locator("html").get_attribute("lang") == "zh"
    assert page.locator("h1").inner_text() == "这一页还没有保存"
    saved = page.locator("[data-offline-list] li:not([hidden]) a")
    saved.first.wait_for(timeout=10_000)
    hrefs = saved.evaluate_all("els => els.map(a => a.pathname)")
    assert "/carriers/mts/" in hrefs and "/guide/after/" not in hrefs, hrefs
    open_offline(page, base + "/en/guide/after/")
    assert page.locator("html").get_attribute("lang") == "en"
    assert page.locator("h1").inner_text() == "This page is not saved"
    assert ctx.outside == []


def test_hanging_network_falls_back_to_the_saved_copy(ctx, server):
    base = server.base
    page = ctx.new_page()
    open_online(page, base + "/carriers/mts/")
    page.goto(base + "/guide/cancel/", wait_until="load")   # a page controlled by the worker, to leave from
    server.release.clear()                                   # from now on every request hangs
    page.goto(base + "/carriers/mts/", wait_until="commit", timeout=30_000)
    note(page).wait_for(timeout=30_000)
    assert page.locator("article h1").count() == 1
    server.release.set()


def test_new_build_replaces_the_saved_copy(ctx, server, site_dir, tmp_path):
    (tmp_path / "project").mkdir()
    project = copy_project(tmp_path / "project")
    card = project / "docs" / "counter" / "card.md"
    card.write_text(card.read_text(encoding="utf-8") + "\n新版本标记：这一句只在第二次构建里。\n", encoding="utf-8")
    second = tmp_path / "site2"
    result = build_site(second, project)
    assert result.returncode == 0, result.stdout + result.stderr
    old, new = worker_data(site_dir)["version"], worker_data(second)["version"]
    assert old != new

    base = server.base
    page = ctx.new_page()
    open_online(page, base + "/")
    wait_saved(page, base + "/counter/card/")
    assert page.evaluate("caches.keys()") == [f"guide-{old}"]

    server.root = second                                      # the next deploy, at the same address
    page.goto(base + "/", wait_until="load")                  # one online visit (not to the card page)
    wait_until(page, "async v => (await caches.keys()).join() === 'guide-' + v", new)
    ctx.set_offline(True)
    open_offline(page, base + "/counter/card/")
    assert note(page).is_visible()
    assert "新版本标记" in page.locator("article").inner_text()


def test_save_whole_guide_button(ctx, server, site_dir):
    base = server.base
    page = ctx.new_page()
    page.goto(base + "/", wait_until="load")
    box = page.locator("[data-offline-save]")
    box.wait_for(state="visible", timeout=10_000)
    button = box.locator("button")
    size = re.search(r"约 (\d+\.\d) MB", button.inner_text())
    assert size, button.inner_text()
    total = worker_data(site_dir)["bytes"]
    assert float(size.group(1)) * 1e6 >= total > (float(size.group(1)) - 0.1) * 1e6
    button.click()
    wait_until(page, "() => document.querySelector('[data-offline-save] [role=status]').textContent.includes('已保存')",
               timeout_ms=120_000)

    ctx.set_offline(True)
    for path, lang in (("/guide/after/", "zh"), ("/en/faq/", "en"), ("/en/carriers/yota/", "en")):
        open_offline(page, base + path)                      # never visited
        assert page.locator("html").get_attribute("lang") == lang
        assert note(page).is_visible(), path
    # Search works offline: its worker, lunr files and the index were saved too.
    hits = type_search(page, "Yota")
    assert any("/en/carriers/yota/" in h for h in hits), hits
    # The language switch leads to the saved twin page.
    page.locator(".md-select__link[hreflang=zh]").first.evaluate("a => a.click()")
    page.wait_for_load_state("load")
    assert page.locator("html").get_attribute("lang") == "zh"
    assert note(page).is_visible()
    assert ctx.outside == []


def test_manifest_is_valid_and_installable(ctx, server):
    page = ctx.new_page()
    for path, lang, short in (("/", "zh-CN", "俄卡注销指南"), ("/en/", "en", "RU SIM guide")):
        page.goto(server.base + path, wait_until="load")
        wait_until(page, "() => !!document.querySelector('link[rel=manifest]')")   # added 3 s after load
        cdp = ctx.new_cdp_session(page)
        got = cdp.send("Page.getAppManifest")
        assert got["errors"] == [], got["errors"]
        data = json.loads(got["data"])
        assert data["short_name"] == short and data["lang"] == lang
        assert urlparse(got["url"]).path == path + "manifest.webmanifest"
        errors = cdp.send("Page.getInstallabilityErrors")["installabilityErrors"]
        # Playwright's contexts are incognito windows, where nothing installs; every other criterion must pass.
        assert [e for e in errors if e["errorId"] != "in-incognito"] == [], errors
