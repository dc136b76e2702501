"""Every page runs under its Content-Security-Policy <meta> with zero violations.

The policy (hooks/csp.py) allows scripts only from the site itself plus the
hashed theme inline scripts, and styles only from the site. Any script, style,
image, font, worker or fetch that breaks it fires a `securitypolicyviolation`
event and a console error: both are collected here.
"""
from __future__ import annotations

import pytest

from conftest import source_paths, type_search

CATCH = ("window.__csp = [];"
         "document.addEventListener('securitypolicyviolation', e => window.__csp.push("
         "e.violatedDirective + ' blocked ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber));")


def pytest_generate_tests(metafunc):
    if "path" in metafunc.fixturenames:
        metafunc.parametrize("path", source_paths())


@pytest.fixture
def csp_page(page):
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.add_init_script(CATCH)
    page.csp_errors = errors
    return page


def violations(page) -> list[str]:
    found = page.evaluate("window.__csp")
    found += [e for e in page.csp_errors if "Content Security Policy" in e or "Content-Security-Policy" in e]
    return found


def test_page_has_no_csp_violations(csp_page, site_url, path):
    csp_page.goto(site_url + path, wait_until="networkidle")
    assert csp_page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1
    assert violations(csp_page) == [], f"{path}: CSP violations"


@pytest.mark.parametrize("start,query", [("/", "注销"), ("/en/", "cancel")])
def test_search_works_under_the_policy(csp_page, site_url, start, query):
    # Search starts a worker, fetches the index and renders results: all must pass.
    csp_page.goto(site_url + start, wait_until="load")
    type_search(csp_page, query)
    assert violations(csp_page) == []


def test_404_page_has_no_csp_violations(csp_page, site_url):
    for path in ("/no-such-page/", "/en/no-such-page/"):
        csp_page.goto(site_url + path, wait_until="networkidle")
        assert violations(csp_page) == [], path
