"""Every page in a real browser: no third-party requests, no failures, no console errors."""
from __future__ import annotations

import pytest

from conftest import ROOT, page_paths

SITE_PATHS = None


def pytest_generate_tests(metafunc):
    if "path" in metafunc.fixturenames:
        # Collect from the source tree so ids are stable before the site exists.
        paths = []
        for md in sorted((ROOT / "docs").rglob("*.md")):
            rel = md.relative_to(ROOT / "docs").as_posix()
            lang_prefix = "/en" if rel.endswith(".en.md") else ""
            stem = rel[: -len(".en.md")] if rel.endswith(".en.md") else rel[: -len(".md")]
            stem = "" if stem == "index" else stem[: -len("/index")] + "/" if stem.endswith("/index") else stem + "/"
            paths.append(f"{lang_prefix}/{stem}")
        metafunc.parametrize("path", paths)


def test_every_source_page_is_built(site_dir):
    built = set(page_paths(site_dir))
    expected = set()
    for md in (ROOT / "docs").rglob("*.md"):
        rel = md.relative_to(ROOT / "docs").as_posix()
        prefix = "/en" if rel.endswith(".en.md") else ""
        stem = rel.removesuffix(".en.md").removesuffix(".md")
        stem = "" if stem == "index" else (stem.removesuffix("index") if stem.endswith("/index") else stem + "/")
        expected.add(f"{prefix}/{stem}")
    assert expected <= built, sorted(expected - built)


def test_page_loads_clean(page, site_url, watch, path):
    page.goto(site_url + path, wait_until="networkidle")
    assert page.title(), "page has no title"
    assert watch["third_party"] == [], f"third-party requests on {path}"
    assert watch["failed"] == [], f"failed requests on {path}"
    assert watch["errors"] == [], f"console errors on {path}"
    lang = "en" if path.startswith("/en/") else "zh"
    assert page.locator("html").get_attribute("lang") == lang


@pytest.mark.parametrize("width", [360])
def test_no_horizontal_scroll_on_phone(page, site_url, path, width):
    page.set_viewport_size({"width": width, "height": 740})
    page.goto(site_url + path, wait_until="load")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at {width}px"
