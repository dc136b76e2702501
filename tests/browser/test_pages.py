"""Every page in a real browser: no third-party requests, no failures, no console errors."""
from __future__ import annotations

import pytest

from conftest import page_paths, source_paths


def pytest_generate_tests(metafunc):
    if "path" in metafunc.fixturenames:
        metafunc.parametrize("path", source_paths())


def test_every_source_page_is_built(site_dir):
    missing = set(source_paths()) - set(page_paths(site_dir))
    assert not missing, sorted(missing)


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
