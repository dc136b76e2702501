"""Shared fixtures: the built site, a loopback web server, Debian's Chromium.

The site is built once per test session (or taken from $SITE_DIR when the
caller already built it, as `make test` does). Browser tests use
pytest-playwright's `page` fixture, pointed at /usr/bin/chromium: Playwright's
own browser download cannot work on these machines.
"""
from __future__ import annotations

import functools
import http.server
import os
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
CHROMIUM = os.environ.get("CHROMIUM", "/usr/bin/chromium")
CHROMIUM_FLAGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--no-first-run", "--disable-default-apps", "--disable-sync", "--disable-quic",
]


def build_site(dest: Path, project: Path = ROOT, env_extra: dict | None = None) -> subprocess.CompletedProcess:
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1", **(env_extra or {}))
    return subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(project / "mkdocs.yml"), "-d", str(dest)],
        cwd=project, env=env, capture_output=True, text=True,
    )


@pytest.fixture(scope="session")
def site_dir(tmp_path_factory) -> Path:
    given = os.environ.get("SITE_DIR")
    if given:
        path = Path(given).resolve()
        assert (path / "index.html").exists(), f"SITE_DIR={given} has no index.html: build the site first"
        return path
    dest = tmp_path_factory.mktemp("site")
    result = build_site(dest)
    assert result.returncode == 0, f"mkdocs build failed:\n{result.stdout}\n{result.stderr}"
    return dest


PROJECT_PARTS = ["mkdocs.yml", "docs", "hooks", "overrides", "data", "scripts", ".cache"]


def copy_project(dest: Path) -> Path:
    """A copy of everything a build reads, for tests that break one thing in it."""
    import shutil

    for name in PROJECT_PARTS:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def append(path: Path, text: str):
    path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")


def replace(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture out of date: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fails(project: Path, *expected: str) -> str:
    """Build a broken copy: it must fail, and the output must hold every expected text."""
    result = build_site(project / "site", project)
    out = result.stdout + result.stderr
    assert result.returncode != 0, f"build passed but should fail:\n{out[-2000:]}"
    for text in expected:
        assert text in out, f"expected {text!r} in the build output:\n{out[-3000:]}"
    return out


def fails_in_one_line(project: Path, *parts: str) -> str:
    """Like fails(), and one line of the output names every part (file, entry, problem), with no traceback."""
    out = fails(project, *parts)
    assert "Traceback" not in out, f"the build failed with a traceback, not a message:\n{out[-3000:]}"
    lines = [line for line in out.splitlines() if all(p in line for p in parts)]
    assert lines, f"no single line names all of {parts}:\n{out[-3000:]}"
    print(lines[0])  # shown with -s: the message a contributor would read
    return lines[0]


def source_paths() -> list[str]:
    """URL paths of every page, from the source tree (stable test ids before the site exists)."""
    paths = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").as_posix()
        prefix = "/en" if rel.endswith(".en.md") else ""
        stem = rel.removesuffix(".en.md").removesuffix(".md")
        stem = "" if stem == "index" else (stem.removesuffix("index") if stem.endswith("/index") else stem + "/")
        paths.append(f"{prefix}/{stem}")
    return paths


def html_pages(site: Path) -> list[Path]:
    """Every reader-facing HTML page (not the 404s, not redirect stubs)."""
    return sorted(p for p in site.rglob("index.html")
                  if 'http-equiv="refresh"' not in p.read_text(encoding="utf-8", errors="replace")[:2000])


def page_paths(site: Path) -> list[str]:
    """URL paths of all pages, e.g. '/', '/en/carriers/mts/'."""
    out = []
    for p in html_pages(site):
        rel = p.parent.relative_to(site).as_posix()
        out.append("/" if rel == "." else f"/{rel}/")
    return out


class _Handler(http.server.SimpleHTTPRequestHandler):
    """Static server like GitHub Pages: index.html for folders, 404.html with status 404."""

    def log_message(self, *args):
        pass

    def send_error(self, code, message=None, explain=None):
        if code == 404:
            root = Path(self.directory)
            lang_404 = root / self.path.lstrip("/").split("/", 1)[0] / "404.html"
            page = lang_404 if lang_404.is_file() else root / "404.html"
            if page.is_file():
                body = page.read_bytes()
                self.send_response(404)
                self.send_header("Content-Type", "text/html; charset=utf-8")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(body)
                return
        super().send_error(code, message, explain)


@pytest.fixture(scope="session")
def site_url(site_dir):
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(site_dir)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_FLAGS}


SEARCH_DONE = """(q) => {
  const r = document.querySelector("[data-md-component=search-result]");
  return r && r.getAttribute("data-query") === q;
}"""


def result_pages(page) -> list[str]:
    """The link of each result page shown, best first (one per page, not its sections)."""
    return page.locator(".md-search-result__item").evaluate_all("els => els.map(e => e.querySelector('a').href)")


def open_search(page, url: str) -> None:
    """Load a page, focus the search box (that starts search) and wait until search is ready:
    Material then runs the box's empty value once, and search-more.js marks that result."""
    page.goto(url, wait_until="load")
    page.locator("input.md-search__input").click()
    try:
        wait_for_results(page, "", 5000)
    except AssertionError:
        # search-more.js can arrive after Material has already run the empty value (a race
        # seen once in CI): an input event, as a reader's next keystroke would, runs it again.
        page.evaluate("""() => document.querySelector("input.md-search__input")
                          .dispatchEvent(new Event("input", { bubbles: true }))""")
        wait_for_results(page, "")


def search_results(page, query: str, timeout: int = 15000) -> list[str]:
    """Put a query into the (already focused) search box the way a paste or voice input does:
    set the value and fire `input`, no key events. Wait until the results shown are the ones for
    exactly this query (search-more.js marks them), then return each result page's link.
    No fixed waits: a query with no results returns [] as soon as Material says so."""
    page.evaluate("""(q) => {
      const box = document.querySelector("input.md-search__input");
      box.value = q;
      box.dispatchEvent(new Event("input", { bubbles: true }));
    }""", query)
    wait_for_results(page, query, timeout)
    return result_pages(page)


def wait_for_results(page, query: str, timeout: int = 15000) -> None:
    from playwright.sync_api import TimeoutError as PlaywrightTimeout

    try:
        page.wait_for_function(SEARCH_DONE, arg=query, timeout=timeout)
    except PlaywrightTimeout:
        state = page.evaluate("""() => [document.querySelector("input.md-search__input").value,
          (document.querySelector("[data-md-component=search-result]") || {getAttribute() {}}).getAttribute("data-query"),
          (document.querySelector(".md-search-result__meta") || {}).textContent]""")
        raise AssertionError(f"search never showed results for {query!r} within {timeout} ms "
                             f"(box: {state[0]!r}, results shown for: {state[1]!r}, says: {state[2]!r})") from None


@pytest.fixture(scope="module")
def search_page(browser, site_url):
    """search_page("/en/"): one page per start path, reused by all of a module's searches
    (opening search costs a page load), with the box emptied for the next query."""
    context = browser.new_context()
    pages = {}

    def get(start):
        if start not in pages:
            pages[start] = context.new_page()
            open_search(pages[start], site_url + start)
        search_results(pages[start], "")  # the same query twice in a row would not re-run
        return pages[start]

    yield get
    context.close()


def type_search(page, query: str, timeout: int = 15000):
    """Focus Material's search box (which starts search: assets/js/lazy-search.js), type a query
    and return the result links once the results for that query are shown."""
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    wait_for_results(page, query, timeout)
    return result_pages(page)


@pytest.fixture
def watch(page, site_url):
    """Record requests to any host but the test server, failed requests and console errors."""
    from urllib.parse import urlparse

    log = {"third_party": [], "failed": [], "errors": []}
    host = urlparse(site_url).netloc

    def on_request(req):
        u = urlparse(req.url)
        if u.scheme in ("http", "https", "ws", "wss") and u.netloc != host:
            log["third_party"].append(req.url)

    def on_response(resp):
        if resp.status >= 400:
            log["failed"].append(f"{resp.status} {resp.url}")

    page.on("request", on_request)
    page.on("requestfailed", lambda req: log["failed"].append(f"failed {req.url} {req.failure}"))
    page.on("response", on_response)
    page.on("console", lambda msg: log["errors"].append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: log["errors"].append(str(exc)))
    return log
