"""Sharing, as built: link-preview metadata, preview images, QR codes, heading links, sitemap."""
from __future__ import annotations

import os
import re
import xml.etree.ElementTree as ET
from pathlib import Path
from urllib.parse import urlparse

import pytest
import segno
from PIL import Image

from conftest import ROOT, html_pages
from htmlmeta import read

LOCALE = {"zh": "zh_CN", "en": "en_GB"}
UI = {
    "zh": {"share": "分享本页", "copied": "已复制链接", "qr": "在手机上打开", "permalink": "本节链接"},
    "en": {"share": "Share this page", "copied": "Link copied", "qr": "Open on your phone",
           "permalink": "Link to this section"},
}


def site_url_config() -> str:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    default = re.search(r'site_url: !ENV \[SITE_URL, "([^"]+)"\]', text).group(1)
    url = os.environ.get("SITE_URL", default)
    return url if url.endswith("/") else url + "/"


BASE = site_url_config()


def is_redirect(html: str) -> bool:
    return 'http-equiv="refresh"' in html


@pytest.fixture(scope="module")
def pages(site_dir):
    out = {}
    for p in html_pages(site_dir):
        html = p.read_text(encoding="utf-8")
        if is_redirect(html):
            continue  # redirect stubs for moved pages (hooks/urls.py)
        rel = p.parent.relative_to(site_dir).as_posix()
        out[rel] = (read(p), html)
    return out


def lang_of(rel: str) -> str:
    return "en" if rel == "en" or rel.startswith("en/") else "zh"


def url_of(rel: str) -> str:
    return BASE + ("" if rel == "." else rel + "/")


# ------------------------------------------------------------ link previews

def test_open_graph_and_twitter_tags(pages):
    for rel, (page, _) in pages.items():
        lang = lang_of(rel)
        one = {k: page.meta.get(k, []) for k in (
            "og:title", "og:description", "og:url", "og:locale", "og:image", "og:image:width",
            "og:image:height", "twitter:card", "twitter:image", "description")}
        for key, values in one.items():
            assert len(values) == 1 and values[0].strip(), f"{rel}: {key} = {values}"
        assert page.first("og:description") == page.first("description"), rel
        assert page.first("og:url") == url_of(rel), f"{rel}: og:url {page.first('og:url')}"
        assert page.first("og:locale") == LOCALE[lang], rel
        assert page.first("twitter:card") == "summary_large_image", rel
        assert (page.first("og:image:width"), page.first("og:image:height")) == ("1200", "630"), rel
        image = page.first("og:image")
        assert image.startswith(BASE) and urlparse(image).scheme in ("https", "http"), f"{rel}: {image}"
        assert page.first("twitter:image") == image, rel
        assert f"/assets/og/{lang}/" in image, f"{rel}: {image} is not this language's card"


def test_descriptions_are_page_specific(pages):
    for lang in ("zh", "en"):
        descs = [p.first("og:description") for rel, (p, _) in pages.items() if lang_of(rel) == lang]
        assert len(set(descs)) == len(descs), f"{lang}: pages share an og:description"


def test_every_preview_image_exists_at_1200x630(pages, site_dir):
    seen = set()
    for rel, (page, _) in pages.items():
        image = page.first("og:image")
        path = site_dir / image[len(BASE):]
        assert path.is_file(), f"{rel}: {image} was not written ({path})"
        with Image.open(path) as img:
            assert img.format == "PNG" and img.size == (1200, 630), f"{rel}: {img.format} {img.size}"
        assert path.stat().st_size < 40_000, f"{rel}: {path.name} is {path.stat().st_size} bytes"
        assert image not in seen, f"{rel}: shares its preview image"
        seen.add(image)


# ------------------------------------------------------------ share button, QR code, heading links

def qr_matrix_from_svg(svg: str) -> list[list[int]]:
    """Read segno's SVG path (M/m moves, h runs, one module high) back into a matrix."""
    size = int(re.search(r'viewBox="0 0 (\d+) \1"', svg).group(1))
    d = re.search(r'<path stroke="#000" d="([^"]+)"', svg).group(1)
    grid = [[0] * size for _ in range(size)]
    x = y = 0.0
    for cmd, a, b in re.findall(r"([Mmh])(-?[\d.]+)(?:[ ,](-?[\d.]+))?", d):
        if cmd == "M":
            x, y = float(a), float(b)
        elif cmd == "m":
            x, y = x + float(a), y + float(b)
        else:
            for i in range(int(x), int(x + float(a))):
                grid[int(y)][i] = 1
            x += float(a)
    return grid


def test_share_button_and_qr_code(pages, site_dir):
    for rel, (page, html) in pages.items():
        ui = UI[lang_of(rel)]
        assert re.search(r'<button type="button" class="share__button" hidden\s', html), f"{rel}: no share button"
        assert ui["share"] in html and f'data-copied="{ui["copied"]}"' in html, f"{rel}: button text"
        assert re.search(r'<p class="share__status" role="status" aria-live="polite"></p>', html), rel
        assert ui["qr"] in html, f"{rel}: QR summary text"
        # The code is a file beside the page, fetched only when the reader opens it.
        img = re.search(r'<img class="share__qr-code" src="qr.svg" alt="[^"]+"[^>]* loading="lazy">', html)
        assert img, f"{rel}: no lazy QR code image"
        svg = re.search(r'<svg class="share__qr-code".*?</svg>', (site_dir / rel / "qr.svg").read_text(encoding="utf-8"), re.S)
        assert svg, f"{rel}: no QR code"
        qr = segno.make(url_of(rel), error="m", micro=False)
        expected = [list(row) for row in qr.matrix]
        border = 4
        got = qr_matrix_from_svg(svg.group(0))
        inner = [row[border:-border] for row in got[border:-border]]
        assert inner == expected, f"{rel}: the QR code does not encode {url_of(rel)}"


def test_heading_links_are_labelled_in_the_page_language(pages):
    for rel, (page, html) in pages.items():
        label = UI[lang_of(rel)]["permalink"]
        links = re.findall(r'<a class="headerlink" href="#[^"]+"([^>]*)>', html)
        for attrs in links:
            assert f'title="{label}"' in attrs, f"{rel}: {attrs}"
            assert f'aria-label="{label}' in attrs, f"{rel}: {attrs}"


def test_no_inline_script_added(pages):
    for rel, (page, html) in pages.items():
        share = re.search(r'<div class="share" data-share>.*?<p class="share__status"', html, re.S)
        assert share and "<script" not in share.group(0) and "onclick" not in share.group(0), rel


# ------------------------------------------------------------ sitemap

def test_sitemap_has_both_languages_with_absolute_alternates(pages, site_dir):
    ns = {"s": "http://www.sitemaps.org/schemas/sitemap/0.9", "x": "http://www.w3.org/1999/xhtml"}
    root = ET.parse(site_dir / "sitemap.xml").getroot()
    locs = {}
    for url in root.findall("s:url", ns):
        loc = url.find("s:loc", ns).text
        alts = {l.get("hreflang"): l.get("href") for l in url.findall("x:link", ns)}
        locs[loc] = alts
    expected = {url_of(rel) for rel in pages}
    assert set(locs) == expected, (sorted(set(locs) - expected), sorted(expected - set(locs)))
    for loc, alts in locs.items():
        assert set(alts) == {"zh", "en"}, f"{loc}: alternates {alts}"
        for lang, href in alts.items():
            assert href.startswith(BASE) and urlparse(href).scheme in ("https", "http"), f"{loc}: {href}"
            assert href in expected, f"{loc}: {lang} alternate {href} is not a page"
        assert loc == alts[lang_of(loc[len(BASE):].rstrip("/") or ".")], f"{loc} is not its own alternate"
        assert alts["en"] == BASE + "en/" + alts["zh"][len(BASE):], f"{loc}: zh/en alternates are not twins"
