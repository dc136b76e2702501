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


def type_search(page, query: str, timeout: int = 15000):
    """Type a query into Material's search box and wait for the first result.

    Focusing the box is what starts search (assets/js/lazy-search.js), and
    Material listens to keyup, so fill() alone is not enough: press End too.
    """
    box = page.locator("input.md-search__input")
    box.click()
    box.fill(query)
    box.press("End")
    page.locator(".md-search-result__item a").first.wait_for(timeout=timeout)
    return page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")


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
