"""hooks/offline.py: the file list, the version, the size, the icons, the manifest."""
from __future__ import annotations

import json
from io import BytesIO
from pathlib import Path

import pytest
from mkdocs.exceptions import PluginError
from PIL import Image

import offline

ROOT = Path(__file__).resolve().parents[2]

PAGE = """<!doctype html><html lang="zh"><head>
<link rel="canonical" href="https://example.org/carriers/mts/">
<link rel="alternate" hreflang="en" href="https://example.org/en/carriers/mts/">
<link rel="icon" href="../../assets/favicon.svg" type="image/svg+xml">
<link rel="manifest" href="../../manifest.webmanifest">
<link rel="stylesheet" href="../../assets/css/extra.css?v=1">
<link rel="prev" href="../beeline/">
</head><body><a href="../../guide/cancel/">x</a>
<script src="../../assets/js/site.js" defer></script>
<script id="__config" type="application/json">{}</script>
<script src="https://cdn.example.com/x.js"></script></body></html>"""


def test_page_assets_are_the_files_a_page_loads_not_the_pages_it_links():
    got = offline.page_assets(PAGE, "carriers/mts/index.html")
    assert got == {"assets/favicon.svg", "manifest.webmanifest", "assets/css/extra.css", "assets/js/site.js"}


def test_page_images_only_when_asked():
    html = '<img src="../../assets/qr/mts.svg"><img src="https://x.org/a.png"><script src="../../a.js"></script>'
    assert offline.page_assets(html, "carriers/mts/index.html", tags=("img",)) == {"assets/qr/mts.svg"}
    assert offline.page_assets(html, "carriers/mts/index.html") == {"a.js"}


def test_page_assets_with_absolute_links_under_a_sub_path():
    html = '<link rel="stylesheet" href="/guide/assets/css/extra.css"><script src="/guide/assets/js/a.js"></script>'
    assert offline.page_assets(html, "offline.html", "/guide/") == {"assets/css/extra.css", "assets/js/a.js"}


def test_version_changes_with_any_file_and_not_with_order():
    a = {"": "1111", "assets/css/extra.css": "2222"}
    assert offline.version(a) == offline.version(dict(reversed(list(a.items()))))
    assert offline.version(a) != offline.version({**a, "": "1112"})
    assert offline.version(a) != offline.version({**a, "faq/": "3333"})
    assert len(offline.version(a)) == 12


def test_file_hash_is_what_the_worker_computes():
    # sw.js: the first 8 bytes of SHA-256, as 16 lower-case hex digits.
    assert offline.file_hash(b"abc") == "ba7816bf8f01cfea"


@pytest.mark.parametrize("n,mb", [(1, "0.1"), (100_000, "0.1"), (100_001, "0.2"), (842_065, "0.9"), (1_950_000, "2.0")])
def test_megabytes_round_up(n, mb):
    assert offline.megabytes(n) == mb


def fake_site(tmp_path: Path) -> Path:
    site = tmp_path / "site"
    files = {
        "index.html": ('<link rel="stylesheet" href="assets/css/extra.css"><script src="assets/js/site.js"></script>'
                       '<img src="assets/qr/index.svg" loading="lazy"><img src="data:image/png;base64,AA">'),
        "assets/qr/index.svg": "<svg/>",
        "assets/js/search-more.js": "2;", "assets/javascripts/lunr/wordcut.js": "w",
        "offline.html": '<link rel="stylesheet" href="/assets/css/extra.css">',
        "en/offline.html": '<link rel="stylesheet" href="/assets/css/extra.css">',
        "assets/css/extra.css": "body{}", "assets/js/site.js": "1;",
        "assets/og/zh/index.png": "png", "assets/javascripts/workers/search.abcd1234.min.js": "w",
        "assets/javascripts/workers/search.abcd1234.min.js.map": "m",
        "assets/javascripts/lunr/min/lunr.ru.min.js": "r", "assets/javascripts/lunr/min/lunr.ja.min.js": "j",
        "assets/javascripts/lunr/min/lunr.multi.min.js": "m", "assets/javascripts/lunr/min/lunr.stemmer.support.min.js": "s",
        "search/zh.json": json.dumps({"config": {"lang": ["zh", "en", "ru"]}, "docs": []}),
        "search/en.json": json.dumps({"config": {"lang": ["zh", "en", "ru"]}, "docs": []}),
        "search/search_index.json": "{}",
        "assets/icons/icon-192.png": "i", "assets/icons/icon-512.png": "i", "assets/icons/maskable-512.png": "i",
    }
    for lang in ("", "en/"):
        for p in offline.AUTO_PAGES:
            up = "../" * (f"{lang}{p}".count("/"))
            files[f"{lang}{p}index.html"] = f'<link rel="stylesheet" href="{up}assets/css/extra.css">'
    files["en/index.html"] = '<link rel="stylesheet" href="../assets/css/extra.css">'
    for name, text in files.items():
        (site / name).parent.mkdir(parents=True, exist_ok=True)
        (site / name).write_text(text, encoding="utf-8")
    return site


def pages():
    return ["", "en/"] + [lang + p for lang in ("", "en/") for p in offline.AUTO_PAGES]


def test_collect_lists_pages_assets_and_search_but_no_previews(tmp_path):
    info = offline.collect(fake_site(tmp_path), pages())
    assert "assets/css/extra.css" in info["common"] and "assets/js/site.js" in info["common"]
    assert info["auto"]["zh"] == ["counter/card/", "counter/proxy/", "counter/application/",
                                  "guide/cancel/", "guide/unlink/", "plan/", "offline.html"]
    assert info["auto"]["en"][-1] == "en/offline.html"
    every = set(info["all"])
    assert {"", "en/", "offline.html", "en/offline.html", "search/zh.json", "search/en.json",
            "assets/javascripts/workers/search.abcd1234.min.js", "assets/javascripts/lunr/min/lunr.ru.min.js"} <= every
    assert not {p for p in every if p.startswith("assets/og/") or p.endswith(".map")}
    assert "search/search_index.json" not in every
    assert "assets/qr/index.svg" in every and "assets/qr/index.svg" not in info["common"]   # images: whole guide only
    assert "assets/javascripts/lunr/min/lunr.ja.min.js" not in every     # not a language of this site
    assert "assets/javascripts/lunr/wordcut.js" not in every             # Thai only
    assert "assets/js/search-more.js" in every                           # loaded later by a script


def test_collect_names_a_counter_page_that_was_not_built(tmp_path):
    with pytest.raises(PluginError, match=r"/en/counter/proxy/ is in the automatic offline set but was not built"):
        offline.collect(fake_site(tmp_path), [p for p in pages() if p != "en/counter/proxy/"])


def test_collect_names_a_file_a_page_loads_that_is_missing(tmp_path):
    site = fake_site(tmp_path)
    (site / "assets/js/site.js").unlink()
    with pytest.raises(PluginError, match=r"/ \(index.html\) loads assets/js/site.js, which the site does not have"):
        offline.collect(site, pages())


def test_sizes_are_compressed_bytes(tmp_path):
    site = fake_site(tmp_path)
    (site / "big.txt").write_text("a" * 100_000)
    assert 0 < offline.sizes(site, ["big.txt"]) < 1000


def test_worker_source_fills_in_the_data():
    text = offline.worker_source({"version": "abc", "files": {"": "1"}})
    assert '"version":"abc"' in text and "/*DATA*/" not in text


def test_manifest_per_language():
    zh, en = offline.manifest("zh", "指南", "d"), offline.manifest("en", "Guide", "d")
    assert (zh["start_url"], zh["scope"], zh["lang"]) == ("./", "./", "zh-CN")
    assert (en["start_url"], en["scope"], en["lang"]) == ("./", "../", "en")
    assert all(len(m["short_name"]) <= 12 for m in (zh, en))
    assert {i["purpose"] for i in en["icons"]} == {"any", "maskable"}
    assert all(i["src"].startswith("../assets/icons/") for i in en["icons"])


def test_icon_is_drawn_from_the_favicon():
    svg = (ROOT / "docs" / "assets" / "favicon.svg").read_text(encoding="utf-8")
    img = Image.open(BytesIO(offline.render_svg(svg, 192))).convert("RGBA")
    assert img.size == (192, 192)
    r, g, b, a = img.getpixel((96, 30))            # the body of the icon, in its indigo
    assert a > 250 and b > r and b > g
    assert img.getpixel((2, 2))[3] == 0            # transparent corner


def test_icon_renderer_names_what_it_cannot_draw():
    with pytest.raises(ValueError, match="<linearGradient>"):
        offline.render_svg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><linearGradient/></svg>', 16)
    with pytest.raises(ValueError, match="'C'"):
        offline.render_svg('<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 8 8"><path d="M0 0C1 1 2 2 3 3"/></svg>', 16)
