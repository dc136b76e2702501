"""Sharing a page: a QR code of its canonical URL and labelled heading links.

* QR code: for every page, segno (pure Python, no network) encodes the page's
  canonical URL (site_url + path) as a small SVG (~2 KB, ~0.5 KB gzipped),
  cached in .cache/qr/ (choosing the best mask is slow) and written beside the
  page as `qr.svg`. overrides/partials/share.html shows it as a lazy <img>
  inside a closed <details> "在手机上打开 / Open on your phone", beside the
  share button (assets/js/site.js): the browser fetches it only when the
  reader opens the QR code, so a cold view no longer carries its 0.5 KB.
* Heading links: Python-Markdown's toc extension gives every heading a "#"
  permalink with one `permalink_title` for the whole site (mkdocs.yml, Chinese),
  and the i18n plugin cannot override markdown_extensions per language. This
  hook rewrites each permalink's title in the page's language and adds an
  aria-label naming the section ("本节链接：速查" / "Link to this section: At a
  glance"), so screen readers do not just read "#".
"""
from __future__ import annotations

import hashlib
import html
import io
import os
import re
from pathlib import Path

import segno

from hookutil import disk_cached, page_lang

LABELS = {
    "zh": {"permalink": "本节链接", "sep": "：", "qr": "本页链接的二维码"},
    "en": {"permalink": "Link to this section", "sep": ": ", "qr": "QR code of this page's link"},
}

# The heading text never runs past its own closing tag: a heading without a
# permalink (raw HTML, e.g. the plan's step titles) must not swallow what follows.
HEADING_RE = re.compile(
    r'(<h[1-6][^>]*>)((?:(?!</h[1-6]\s*>).)*?)<a class="headerlink" href="#([^"]+)" title="[^"]*">', re.S)
TAG_RE = re.compile(r"<[^>]+>")
_state: dict = {}


def _lang(page, config) -> str:
    lang = page_lang(page, config)
    return lang if lang in LABELS else "en"


def label_permalinks(content: str, lang: str) -> str:
    """Give every heading permalink a title and an aria-label in the page's language."""
    ui = LABELS[lang]

    def repl(m: re.Match) -> str:
        text = " ".join(html.unescape(TAG_RE.sub("", m.group(2))).split())
        title = html.escape(ui["permalink"], quote=True)
        name = html.escape(f'{ui["permalink"]}{ui["sep"]}{text}' if text else ui["permalink"], quote=True)
        return (f'{m.group(1)}{m.group(2)}<a class="headerlink" href="#{m.group(3)}" '
                f'title="{title}" aria-label="{name}">')

    return HEADING_RE.sub(repl, content)


def qr_svg(url: str, label: str) -> str:
    """An inline SVG QR code of `url` (error correction M, 4-module quiet zone)."""
    qr = segno.make(url, error="m", micro=False)
    buf = io.BytesIO()
    qr.save(buf, kind="svg", border=4, xmldecl=False, svgns=True, svgclass=None, lineclass=None,
            omitsize=True, dark="#000", light="#fff")
    svg = buf.getvalue().decode("utf-8")
    attrs = f'class="share__qr-code" role="img" aria-label="{html.escape(label, quote=True)}" shape-rendering="crispEdges" '
    return svg.replace("<svg ", "<svg " + attrs, 1)


def cached_qr_svg(url: str, label: str) -> str:
    """qr_svg() through .cache/qr/: segno spends ~15 ms per code choosing the best mask."""
    if "stamp" not in _state:
        _state["stamp"] = (hashlib.sha256(Path(__file__).read_bytes()).hexdigest(), segno.__version__)
    key = hashlib.sha256(repr((url, label, _state["stamp"])).encode()).hexdigest()[:24]
    return disk_cached(_state.get("cache"), f"{key}.svg", lambda: qr_svg(url, label).encode("utf-8")).decode("utf-8")


def on_config(config, **_):
    root = Path(config.config_file_path).parent
    _state["cache"] = None if os.environ.get("SITE_NO_CACHE") else root / ".cache" / "qr"
    return config


def on_page_content(content, page, config, **_):
    return label_permalinks(content, _lang(page, config))


QR_FILE = "qr.svg"


def on_page_context(context, page, config, **_):
    url = page.canonical_url
    if url:
        lang = _lang(page, config)
        page.meta["qr_svg"] = cached_qr_svg(url, LABELS[lang]["qr"])
        page.meta["qr_file"] = QR_FILE
        page.meta["qr_alt"] = LABELS[lang]["qr"]
    return context


def on_post_page(output, page, config, **_):
    svg = page.meta.get("qr_svg")
    if svg:
        dest = Path(config.site_dir) / Path(page.file.dest_path).parent / QR_FILE
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_text(svg, encoding="utf-8")
    return output
