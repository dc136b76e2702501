"""Checks on the built HTML of every page: metadata, language, twins, no placeholders."""
from __future__ import annotations

import re
from urllib.parse import urlparse

import pytest

from conftest import ROOT, html_pages
from htmlmeta import read




def site_url_config() -> str:
    import os
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]', text).group(1)
    return os.environ.get("SITE_URL", default)


@pytest.fixture(scope="module")
def pages(site_dir):
    return {p.parent.relative_to(site_dir).as_posix(): read(p) for p in html_pages(site_dir)}


def url_of(rel: str) -> str:
    return site_url_config() + ("" if rel == "." else rel + "/")


def test_page_count(pages):
    zh = [r for r in pages if not (r == "en" or r.startswith("en/"))]
    en = [r for r in pages if r == "en" or r.startswith("en/")]
    assert len(zh) == len(en) >= 2


def test_every_page_has_a_twin(pages):
    for rel in pages:
        twin = rel[3:] if rel.startswith("en/") else ("." if rel == "en" else ("en" if rel == "." else "en/" + rel))
        assert twin in pages, f"{rel} has no twin {twin}"


def test_lang_title_description(pages):
    site_desc = {}
    for rel, page in pages.items():
        lang = "en" if rel == "en" or rel.startswith("en/") else "zh"
        assert page.lang == lang, f"{rel}: <html lang={page.lang}>"
        assert page.title.strip(), f"{rel}: empty <title>"
        desc = page.first("description")
        assert desc and len(desc) >= 20, f"{rel}: missing or short meta description"
        site_desc.setdefault(desc, []).append(rel)
    shared = {d: r for d, r in site_desc.items() if len(r) > 1}
    assert not shared, f"pages share one description (write one per page): {shared}"


def test_canonical_and_hreflang_are_absolute(pages):
    base = site_url_config()
    for rel, page in pages.items():
        canon = [l["href"] for l in page.links if l.get("rel") == "canonical"]
        assert canon == [url_of(rel)], f"{rel}: canonical {canon}"
        alts = page.alternates()
        assert set(alts) == {"zh", "en", "x-default"}, f"{rel}: hreflang {alts}"
        for lang, href in alts.items():
            assert href.startswith(base) and urlparse(href).scheme == "https", f"{rel}: {lang} -> {href}"
        assert alts["x-default"] == alts["zh"]
        assert url_of(rel) in (alts["zh"], alts["en"])


def test_no_placeholder_text(pages):
    for rel, page in pages.items():
        for marker in ("TODO", "TBD", "lorem ipsum", "待补充", "FIXME"):
            assert marker.lower() not in page.text.lower(), f"{rel}: contains placeholder {marker!r}"


def test_404_pages(site_dir):
    zh, en = read(site_dir / "404.html"), read(site_dir / "en" / "404.html")
    assert zh.lang == "zh" and "找不到" in zh.text
    assert en.lang == "en" and "Page not found" in en.text


def test_no_external_assets(pages):
    for rel, page in pages.items():
        for tag in page.imgs + page.scripts:
            src = tag.get("src", "")
            assert not urlparse(src).netloc, f"{rel}: external asset {src}"
        for link in page.links:
            if link.get("rel") in ("stylesheet", "icon", "preload", "modulepreload", "preconnect", "dns-prefetch"):
                assert not urlparse(link.get("href", "")).netloc, f"{rel}: external {link}"


def test_external_links_open_safely(pages):
    for rel, page in pages.items():
        for a in page.anchors:
            if a.get("target") == "_blank":
                assert {"noopener", "noreferrer"} <= set(a.get("rel", "").split()), f"{rel}: {a}"
