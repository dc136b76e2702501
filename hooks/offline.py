"""The guide offline: a service worker, a web app manifest per language, an offline page.

Written after both language builds, from the finished site, so the lists never
drift from what was built:

* sw.js at the site root, from hooks/sw.js with DATA filled in: every file
  "save the whole guide" fetches (path -> first 16 hex digits of its sha256),
  the files every saved page needs (the CSS, JS and icons its <head> and
  <script> tags name), the small automatic set per language (the three counter
  pages and that language's offline page) and a version: a hash of the whole
  list, so any changed byte gives a new worker, which replaces the old saved
  copies on the reader's next online visit (README, "Offline").
* manifest.webmanifest and en/manifest.webmanifest: name and short name in the
  page's language, start_url the language's home, icons drawn from
  docs/assets/favicon.svg with Pillow (192, 512 and a maskable 512 PNG).
  assets/js/site.js links the page's one once the worker controls the page, so
  it and its icon come from the saved copy: a <link> in the HTML made Chrome
  (and Lighthouse) fetch the manifest and an icon during every cold view.
* offline.html and en/offline.html: overrides/offline.html, rendered like the
  404 page (absolute links, so the worker can show it at any address) for an
  address that was never saved; it lists what is saved.
* The save button's size: "@@OFFLINE_MB@@" in the pages (overrides/partials/
  offline-save.html) becomes the compressed size of the whole set, in MB.

Under `mkdocs serve` sw.js is a worker that removes itself, so a preview is
never served from an old saved copy.
"""
from __future__ import annotations

import gzip
import hashlib
import json
import re
import xml.etree.ElementTree as ET
from io import BytesIO
from pathlib import Path
from urllib.parse import urlsplit

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from PIL import Image, ImageDraw

from hookutil import OuterBuild

HERE = Path(__file__).resolve().parent
SW_SOURCE = HERE / "sw.js"
TEMPLATE = "offline.html"
SIZE_TOKEN = "@@OFFLINE_MB@@"
LANGS = ("zh", "en")
# The automatic offline set: what a reader needs at the counter, in the language being read:
# the counter pages, the cancel and unlink guides, and the plan page (its answers live in the
# URL, which the worker ignores when it looks up the saved copy).
AUTO_PAGES = ("counter/card/", "counter/proxy/", "counter/application/",
              "guide/cancel/", "guide/unlink/", "plan/")
ICON_SIZES = (192, 512)
THEME_COLOR = "#3f51b5"
MANIFEST = {
    "zh": {"name": None, "short_name": "俄卡注销指南", "lang": "zh-CN"},
    "en": {"name": None, "short_name": "RU SIM guide", "lang": "en"},
}
# Never saved: preview images (only link previews fetch them), source maps, the
# sitemap, Material's combined search index (assets/js/lazy-search.js loads the
# per-language ones) and the lunr languages this site does not search in.
SKIP = re.compile(r"^(assets/og/|search/search_index\.json$|sitemap\.xml|sw\.js$)|\.map$")
SERVE_SW = ("/* mkdocs serve: no offline copy. This worker removes itself and its saved copies. */\n"
            "self.addEventListener('install', function () { self.skipWaiting(); });\n"
            "self.addEventListener('activate', function (e) { e.waitUntil(caches.keys().then(function (n) {"
            " return Promise.all(n.filter(function (k) { return k.indexOf('guide-') === 0; })"
            ".map(function (k) { return caches.delete(k); })); }).then(function () {"
            " return self.registration.unregister(); })); });\n")

_state: dict = {"serve": False, "pages": {}, "offline": {}, "names": {}}
_outer = OuterBuild()


# ---------------------------------------------------------------- pure helpers

def file_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()[:16]


def version(files: dict[str, str]) -> str:
    """One hash of every (path, hash) pair: changes when any listed file changes."""
    text = "\n".join(f"{p} {h}" for p, h in sorted(files.items()))
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:12]


def gzip_size(data: bytes) -> int:
    return len(gzip.compress(data, compresslevel=6, mtime=0))


def megabytes(n: int) -> str:
    """Bytes as MB with one decimal, rounded up (the button never promises less than it downloads)."""
    tenths = -(-n // 100_000)
    return f"{max(tenths, 1) / 10:.1f}"


def url_to_file(path: str) -> str:
    """'carriers/mts/' -> 'carriers/mts/index.html'; '' -> 'index.html'; files stay."""
    return path + "index.html" if path == "" or path.endswith("/") else path


_TAG = re.compile(r"<(link|script|img)\b([^>]*)>", re.I)
_ATTR = re.compile(r"""\b(rel|href|src)\s*=\s*["']([^"']*)["']""", re.I)
_LOADED_RELS = {"stylesheet", "icon", "manifest", "preload", "modulepreload", "apple-touch-icon"}


def page_assets(html: str, page_path: str, root_path: str = "/", tags: tuple[str, ...] = ("link", "script")) -> set[str]:
    """Same-site files a page's <link rel=stylesheet|icon|manifest|preload> and <script src> load
    (with tags=("img",): its images), as paths from the site root (never the pages it links to)."""
    out = set()
    folder = ("/" + page_path).rsplit("/", 1)[0]
    for tag, attrs in _TAG.findall(html):
        tag = tag.lower()
        if tag not in tags:
            continue
        a = {k.lower(): v for k, v in _ATTR.findall(attrs)}
        ref = a.get("href") if tag == "link" else a.get("src")
        if not ref or (tag == "link" and not (set(a.get("rel", "").lower().split()) & _LOADED_RELS)):
            continue
        ref = ref.split("#")[0].split("?")[0]
        if not ref or re.match(r"^[a-z][a-z0-9+.-]*:|^//", ref, re.I):
            continue
        if ref.startswith(root_path) and root_path != "/":
            ref = "/" + ref[len(root_path):]     # absolute links of the 404 and offline pages
        parts: list[str] = []
        for seg in (ref if ref.startswith("/") else folder + "/" + ref).split("/"):
            if seg == "..":
                if parts:
                    parts.pop()
            elif seg not in ("", "."):
                parts.append(seg)
        out.add("/".join(parts))
    return out


def search_files(site: Path) -> list[str]:
    """The search worker, both indexes and the lunr files the worker imports for the
    languages the indexes name (their `config.lang`, as the worker reads it)."""
    js = site / "assets" / "javascripts"
    out = [p.relative_to(site).as_posix() for p in sorted((js / "workers").glob("search.*.min.js"))]
    langs: list[str] = []
    for lang in LANGS:
        index = site / "search" / f"{lang}.json"
        if index.is_file():
            out.append(f"search/{lang}.json")
            config = json.loads(index.read_text(encoding="utf-8")).get("config") or {}
            langs += [x for x in config.get("lang") or ["en"] if x not in langs]
    lunr = ["stemmer.support", "multi"] + [x for x in langs if x != "en"]
    out += [f"assets/javascripts/lunr/min/lunr.{name}.min.js" for name in lunr
            if (js / "lunr" / "min" / f"lunr.{name}.min.js").is_file()]
    out += [f"assets/javascripts/lunr/{extra}" for lang, extra in (("ja", "tinyseg.js"), ("th", "wordcut.js"))
            if lang in langs]
    return out


def other_assets(site: Path) -> list[str]:
    """Every other file under assets/ and search/ (what scripts load later, such as more search
    files), except what SKIP names and the lunr languages search_files did not pick."""
    out = []
    for folder in ("assets", "search"):
        for f in sorted((site / folder).rglob("*")):
            rel = f.relative_to(site).as_posix()
            if f.is_file() and not SKIP.search(rel) and not rel.startswith("assets/javascripts/lunr/"):
                out.append(rel)
    return out


def collect(site: Path, pages: list[str], root_path: str = "/") -> dict:
    """Everything sw.js needs to know, from the built site."""
    problems = []
    for lang in LANGS:
        for p in AUTO_PAGES:
            path = p if lang == "zh" else f"en/{p}"
            if path not in pages:
                problems.append(f"hooks/offline.py: /{path} is in the automatic offline set but was not built; "
                                f"update AUTO_PAGES")
    if problems:
        raise PluginError("\n  ".join(problems))
    offline = {lang: ("" if lang == "zh" else "en/") + "offline.html" for lang in LANGS}
    # The manifests and icons too (7 KB): site.js links the manifest once the worker controls
    # the page, so the browser reads them from the saved copy.
    icons = {f"assets/icons/icon-{n}.png" for n in ICON_SIZES} | {"assets/icons/maskable-512.png"}
    common: set[str] = set(icons) | {f"{'' if lang == 'zh' else lang + '/'}manifest.webmanifest" for lang in LANGS}
    images: set[str] = set()   # saved with the whole guide (and when a page shows them), not at install
    for p in pages + list(offline.values()):
        html = (site / url_to_file(p)).read_text(encoding="utf-8")
        images |= {i for i in page_assets(html, url_to_file(p), root_path, ("img",)) if (site / i).is_file()}
        for asset in sorted(page_assets(html, url_to_file(p), root_path) - common):
            if not (site / url_to_file(asset)).is_file():
                problems.append(f"hooks/offline.py: /{p} ({url_to_file(p)}) loads {asset}, which the site does not have")
            common.add(asset)
    if problems:
        raise PluginError("\n  ".join(problems))
    common = {c for c in common if not SKIP.search(c)}
    images = {i for i in images if not SKIP.search(i)}
    everything = sorted(set(pages) | set(offline.values()) | common | icons | images | set(search_files(site))
                        | set(other_assets(site)))
    return {
        "common": sorted(common),
        "auto": {lang: [("" if lang == "zh" else "en/") + p for p in AUTO_PAGES] + [offline[lang]]
                 for lang in LANGS},
        "offline": offline,
        "all": everything,
    }


def sizes(site: Path, paths) -> int:
    return sum(gzip_size((site / url_to_file(p)).read_bytes()) for p in paths)


def hashes(site: Path, paths) -> dict[str, str]:
    return {p: file_hash((site / url_to_file(p)).read_bytes()) for p in paths}


def worker_source(data: dict) -> str:
    text = SW_SOURCE.read_text(encoding="utf-8")
    blob = json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    if "/*DATA*/{}" not in text:
        raise PluginError("hooks/sw.js: the /*DATA*/{} placeholder is missing")
    return text.replace("/*DATA*/{}", blob, 1)


def manifest(lang: str, name: str, description: str) -> dict:
    up = "" if lang == "zh" else "../"
    icons = [{"src": f"{up}assets/icons/icon-{n}.png", "sizes": f"{n}x{n}", "type": "image/png", "purpose": "any"}
             for n in ICON_SIZES]
    icons.append({"src": f"{up}assets/icons/maskable-512.png", "sizes": "512x512", "type": "image/png",
                  "purpose": "maskable"})
    return {
        "name": name, "short_name": MANIFEST[lang]["short_name"], "description": description,
        "lang": MANIFEST[lang]["lang"], "dir": "ltr",
        "id": "./", "start_url": "./", "scope": up or "./",
        "display": "standalone", "background_color": "#ffffff", "theme_color": THEME_COLOR,
        "icons": icons,
    }


# ---------------------------------------------------------------- icons from the SVG favicon

_SVG = "{http://www.w3.org/2000/svg}"
_NUM = re.compile(r"[-+]?(?:\d+\.?\d*|\.\d+)(?:e[-+]?\d+)?", re.I)


def _path_polylines(d: str) -> list[tuple[list[tuple[float, float]], bool]]:
    """M/L/H/V/Z paths (absolute or relative) as (points, closed) lists."""
    tokens = re.findall(r"[A-Za-z]|" + _NUM.pattern, d)
    out, pts, x, y, cmd, i = [], [], 0.0, 0.0, None, 0
    while i < len(tokens):
        t = tokens[i]
        if t.isalpha():
            cmd, i = t, i + 1
            if cmd in "Zz":
                if pts:
                    out.append((pts, True))
                    x, y = pts[0]
                pts = []
                continue
            if cmd not in "MmLlHhVv":
                raise ValueError(f"path command {cmd!r}")
            continue
        if cmd is None:
            raise ValueError("path data must start with a command")
        rel = cmd.islower()
        if cmd in "MmLl":
            dx, dy = float(tokens[i]), float(tokens[i + 1])
            i += 2
            x, y = (x + dx, y + dy) if rel else (dx, dy)
            if cmd in "Mm":
                if pts:
                    out.append((pts, False))
                pts = [(x, y)]
                cmd = "l" if rel else "L"
            else:
                pts.append((x, y))
        elif cmd in "Hh":
            x = x + float(t) if rel else float(t)
            i += 1
            pts.append((x, y))
        else:
            y = y + float(t) if rel else float(t)
            i += 1
            pts.append((x, y))
    if pts:
        out.append((pts, False))
    return out


def render_svg(svg: str, size: int, pad: float = 0.0, background: str | None = None) -> bytes:
    """A PNG of a simple SVG icon (rect with rx, circle, M/L/H/V/Z paths; fill and round strokes).

    Raises ValueError naming the first element or command it cannot draw."""
    root = ET.fromstring(svg)
    vb = [float(v) for v in (root.get("viewBox") or "0 0 64 64").replace(",", " ").split()]
    ss = 4  # supersampling
    full = size * ss
    inner = full * (1 - 2 * pad)
    scale = inner / max(vb[2], vb[3])
    ox = (full - vb[2] * scale) / 2 - vb[0] * scale
    oy = (full - vb[3] * scale) / 2 - vb[1] * scale
    img = Image.new("RGBA", (full, full), background or (0, 0, 0, 0))
    draw = ImageDraw.Draw(img)

    def pt(px, py):
        return (ox + px * scale, oy + py * scale)

    for el in root.iter():
        tag = el.tag.replace(_SVG, "")
        if tag in ("svg", "title", "desc", "g"):
            if tag == "g" and len(el.attrib):
                raise ValueError("<g> with attributes")
            continue
        fill = el.get("fill", "#000")
        fill = None if fill == "none" else fill
        stroke = el.get("stroke")
        width = float(el.get("stroke-width", "1")) * scale
        if tag == "rect":
            x, y = float(el.get("x", 0)), float(el.get("y", 0))
            w, h = float(el.get("width")), float(el.get("height"))
            rx = float(el.get("rx", el.get("ry", 0))) * scale
            draw.rounded_rectangle([pt(x, y), pt(x + w, y + h)], radius=rx, fill=fill, outline=stroke,
                                   width=int(width) if stroke else 0)
        elif tag == "circle":
            cx, cy, r = float(el.get("cx", 0)), float(el.get("cy", 0)), float(el.get("r"))
            draw.ellipse([pt(cx - r, cy - r), pt(cx + r, cy + r)], fill=fill, outline=stroke,
                         width=int(width) if stroke else 0)
        elif tag == "path":
            for pts, closed in _path_polylines(el.get("d", "")):
                xy = [pt(*p) for p in pts]
                if fill and len(xy) > 2:
                    draw.polygon(xy, fill=fill)
                if stroke:
                    line = xy + [xy[0]] if closed else xy
                    draw.line(line, fill=stroke, width=int(round(width)), joint="curve")
                    if el.get("stroke-linecap") == "round" and not closed:
                        r = width / 2
                        for cx, cy in (xy[0], xy[-1]):
                            draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=stroke)
        else:
            raise ValueError(f"<{tag}>")
    out = BytesIO()
    # 16 colours are plenty for a flat icon and a third of the bytes of full colour.
    small = img.resize((size, size), Image.LANCZOS).quantize(colors=16, method=Image.Quantize.FASTOCTREE)
    small.save(out, "PNG", optimize=True)
    return out.getvalue()


def write_icons(site: Path, favicon: Path) -> None:
    svg = favicon.read_text(encoding="utf-8")
    folder = site / "assets" / "icons"
    folder.mkdir(parents=True, exist_ok=True)
    try:
        for n in ICON_SIZES:
            (folder / f"icon-{n}.png").write_bytes(render_svg(svg, n, pad=0.02))
        (folder / "maskable-512.png").write_bytes(render_svg(svg, 512, pad=0.18, background="#ffffff"))
    except (ValueError, ET.ParseError, TypeError) as exc:
        raise PluginError(f"{favicon.name}: the app icon cannot be drawn from it ({exc}): hooks/offline.py "
                          f"draws only rect, circle and M/L/H/V/Z paths; simplify the icon or extend render_svg")


# ---------------------------------------------------------------- MkDocs events

def on_startup(command, **_):
    _state["serve"] = command == "serve"


def on_config(config, **_):
    config.theme.static_templates.add(TEMPLATE)
    return config


def on_pre_build(config, **_):
    if _outer.enter():
        _state["pages"], _state["offline"], _state["names"] = {}, {}, {}


def on_build_error(**_):
    _outer.reset()


def on_page_context(context, page, config, **_):
    _state["pages"][page.url] = True
    return context


def on_template_context(context, template_name, config, **_):
    if template_name == TEMPLATE:
        # Absolute links, as for the 404 page: the worker shows this page at any address.
        context["base_url"] = urlsplit(config.site_url or "/").path
    return context


@event_priority(-10)  # after hooks/perf.py and hooks/csp.py have finished the HTML
def on_post_template(output, template_name, config, **_):
    if template_name == TEMPLATE:
        lang = config.theme["language"]
        _state["offline"][lang] = output
        _state["names"][lang] = (config.site_name, config.site_description)
    return output


@event_priority(-250)  # after the i18n plugin (-100) and hooks/postbuild.py (-200): the whole site is written
def on_post_build(config, **_):
    if not _outer.leave():
        return
    site = Path(config.site_dir)
    if _state["serve"]:
        (site / "sw.js").write_text(SERVE_SW, encoding="utf-8")
        return
    for lang in LANGS:
        html = _state["offline"].get(lang)
        if html is None:
            raise PluginError(f"hooks/offline.py: overrides/{TEMPLATE} was not rendered for {lang}")
        target = site / ("" if lang == "zh" else "en/") / "offline.html"
        target.write_text(html, encoding="utf-8")
        name, description = _state["names"][lang]
        man = site / ("" if lang == "zh" else "en/") / "manifest.webmanifest"
        man.write_text(json.dumps(manifest(lang, name, description), ensure_ascii=False, indent=1) + "\n",
                       encoding="utf-8")
    write_icons(site, Path(config.docs_dir) / (config.theme.get("favicon") or "assets/favicon.svg"))

    info = collect(site, sorted(_state["pages"]), urlsplit(config.site_url or "/").path or "/")
    # The size the button announces is in the pages it measures: write, measure again, settle.
    with_token = {p: t for p in site.rglob("*.html") if SIZE_TOKEN in (t := p.read_text(encoding="utf-8"))}
    total = sizes(site, info["all"])
    for _ in range(3):
        mb = megabytes(total)
        for page, text in with_token.items():
            page.write_text(text.replace(SIZE_TOKEN, mb), encoding="utf-8")
        total = sizes(site, info["all"])
        if megabytes(total) == mb:
            break
    files = hashes(site, info["all"])
    data = {"version": version(files), "files": files, "common": info["common"], "auto": info["auto"],
            "offline": info["offline"], "bytes": total}
    (site / "sw.js").write_text(worker_source(data), encoding="utf-8")
