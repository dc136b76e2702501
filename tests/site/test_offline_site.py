"""The built site's offline parts: sw.js and its list, the manifests, the offline pages, the button."""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from PIL import Image

from conftest import ROOT, html_pages

sys.path.insert(0, str(ROOT / "hooks"))
import offline  # noqa: E402

KB = 1000
AUTO_BUDGET = 250 * KB          # issue #15: the automatic offline set
FULL_BUDGET = 2_000 * KB        # issue #15: everything the button saves (no preview images)


@pytest.fixture(scope="module")
def data(site_dir):
    text = (site_dir / "sw.js").read_text(encoding="utf-8")
    m = re.search(r"var DATA = (\{.*?\});\n", text)
    assert m, "sw.js has no DATA"
    return json.loads(m.group(1))


def test_every_listed_file_exists_with_its_hash(site_dir, data):
    wrong = [p for p, h in data["files"].items()
             if offline.file_hash((site_dir / offline.url_to_file(p)).read_bytes()) != h]
    assert wrong == [], f"sw.js lists stale hashes: {wrong[:5]}"
    assert data["version"] == offline.version(data["files"])
    assert set(data["common"]) <= set(data["files"])
    for lang in ("zh", "en"):
        assert set(data["auto"][lang]) <= set(data["files"])


def test_every_page_is_in_the_whole_guide(site_dir, data):
    for page in html_pages(site_dir):
        rel = page.parent.relative_to(site_dir).as_posix()
        path = "" if rel == "." else rel + "/"
        if "<!-- md:" in page.read_text(encoding="utf-8"):
            continue
        assert path in data["files"], f"/{path} is not saved by the button"
    assert not [p for p in data["files"] if p.startswith("assets/og/") or p.endswith(".map")]


def test_every_file_a_page_loads_is_saved_with_the_pages(site_dir, data):
    for page in html_pages(site_dir):
        rel = page.relative_to(site_dir).as_posix()
        missing = offline.page_assets(page.read_text(encoding="utf-8"), rel) - set(data["common"])
        assert missing == set(), f"{rel} loads files the worker does not save at install: {missing}"


def test_offline_sets_stay_small(site_dir, data):
    for lang in ("zh", "en"):
        auto = offline.sizes(site_dir, set(data["common"]) | set(data["auto"][lang]))
        assert auto <= AUTO_BUDGET, f"automatic offline set ({lang}): {auto} bytes compressed"
    assert data["bytes"] == offline.sizes(site_dir, data["files"])
    assert data["bytes"] <= FULL_BUDGET


def test_the_button_announces_the_size_it_downloads(site_dir, data):
    mb = offline.megabytes(data["bytes"])
    for path, words in (("index.html", f"保存整个指南（约 {mb} MB）"), ("en/index.html", f"Save the whole guide (about {mb} MB)"),
                        ("counter/card/index.html", f"约 {mb} MB"), ("en/counter/application/index.html", f"about {mb} MB")):
        html = (site_dir / path).read_text(encoding="utf-8")
        assert words in html, f"{path}: no save button with the size"
    assert "offline-save" not in (site_dir / "carriers/mts/index.html").read_text(encoding="utf-8")
    left = [p for p in site_dir.rglob("*.html") if offline.SIZE_TOKEN in p.read_text(encoding="utf-8")]
    assert left == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_manifest(site_dir, lang):
    folder = site_dir if lang == "zh" else site_dir / "en"
    man = json.loads((folder / "manifest.webmanifest").read_text(encoding="utf-8"))
    for key in ("name", "short_name", "start_url", "scope", "display", "icons", "lang", "id"):
        assert man.get(key), f"manifest ({lang}) has no {key}"
    assert (folder / man["start_url"] / "index.html").resolve().is_file()
    assert (folder / man["scope"]).resolve() == site_dir.resolve()
    has_cjk = bool(re.search(r"[\u4e00-\u9fff]", man["name"] + man["short_name"]))
    assert has_cjk == (lang == "zh"), man["name"]
    sizes = set()
    for icon in man["icons"]:
        img = Image.open(folder / icon["src"])
        assert f"{img.width}x{img.height}" == icon["sizes"] and img.format == "PNG"
        sizes.add(img.width)
    assert {192, 512} <= sizes


def test_every_page_loads_the_script_that_links_the_manifest_and_starts_the_worker(site_dir):
    # assets/js/site.js adds <link rel="manifest"> for the page's language 3 s after load
    # (tests/browser/test_offline.py checks the browser reads it); no page links it itself,
    # so a cold view never fetches the manifest and its icon.
    script = (site_dir / "assets" / "js" / "site.js").read_text(encoding="utf-8")
    assert '"manifest.webmanifest"' in script and '"../../sw.js"' in script
    for page in html_pages(site_dir) + [site_dir / "404.html", site_dir / "en" / "404.html"]:
        html = page.read_text(encoding="utf-8")
        assert re.search(r'<script src="[^"]*assets/js/site\.js" defer>', html), f"{page}: no site.js"
        assert 'rel="manifest"' not in html, f"{page}: links the manifest in the HTML"


@pytest.mark.parametrize("path,lang,title", [("offline.html", "zh", "这一页还没有保存"), ("en/offline.html", "en", "This page is not saved")])
def test_offline_pages(site_dir, path, lang, title):
    html = (site_dir / path).read_text(encoding="utf-8")
    assert f'<html lang="{lang}"' in html and title in html
    assert '<meta name="robots" content="noindex">' in html
    assert 'http-equiv="Content-Security-Policy"' in html
    # Absolute links only: the worker shows this page at whatever address was asked for.
    refs = re.findall(r'(?:href|src)="([^"]+)"', html)
    relative = [r for r in refs if not r.startswith(("/", "http", "#", "data:"))]
    assert relative == [], relative[:5]
    listed = re.findall(r'<li hidden><a href="([^"]+)"', html)
    assert ("/en/counter/card/" if lang == "en" else "/counter/card/") in listed
