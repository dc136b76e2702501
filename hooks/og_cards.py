"""Link-preview images: one 1200x630 PNG card per page, drawn at build time.

For every page (both languages) the hook draws a card with the page title in the
page's language, writes it to assets/og/<lang>/<path>.png in the site folder and
sets page.meta["og_image"] to its absolute URL (site_url + path). The template
(overrides/main.html) turns that into og:image, its width and height, and
twitter:card = summary_large_image.

* Font: Noto Sans CJK SC from Debian's fonts-noto-cjk (face index 2 of the .ttc),
  so Chinese, Latin and Cyrillic all have real glyphs. A title with a character
  the font lacks fails the build, naming the page (no tofu boxes in previews).
* Carrier pages (docs/carriers/<id>.md with <id> in data/carriers.yml) use the
  carrier's colour: `brand.color` in data/carriers.yml, else a fixed colour per
  carrier id below, else one derived from the id.
* Small and deterministic: flat colours, a fixed palette, no timestamps, so the
  same input gives a byte-identical PNG (~15-25 KB). Cards are reused from
  .cache/og/ (keyed by a hash of everything that decides the pixels: the text,
  the colours, this file, the fonts, Pillow and FreeType), so a rebuild only
  draws cards whose text or colours changed (SITE_NO_CACHE=1 turns that off).
* No network: everything comes from local files.
"""
from __future__ import annotations

import hashlib
import os
import re
import unicodedata
from io import BytesIO
from pathlib import Path
from urllib.parse import urlparse

from mkdocs.exceptions import PluginError
from PIL import Image, ImageDraw, ImageFont

import sitedata
from hookutil import disk_cached, page_lang

FONT_DIR = Path(os.environ.get("OG_FONT_DIR", "/usr/share/fonts/opentype/noto"))
FONT_BOLD = FONT_DIR / "NotoSansCJK-Bold.ttc"
FONT_REGULAR = FONT_DIR / "NotoSansCJK-Regular.ttc"
SC_INDEX = 2                      # faces in the .ttc: JP, KR, SC, TC, HK
WIDTH, HEIGHT = 1200, 630
MARGIN = 80

SITE_COLOR = "#283593"            # Material indigo 800: the site's own cards
# Fallback carrier colours (approximate brand colours) when data/carriers.yml
# has no brand.color for the carrier.
CARRIER_COLORS = {
    "mts": "#e30611",
    "beeline": "#ffc800",
    "megafon": "#00b956",
    "t2": "#1f2229",
    "yota": "#00a0e3",
    "t-mobile": "#ffdd2d",
    "sbermobile": "#21a038",
    "gazprombank-mobile": "#0f3b7a",
}
TAGLINE = {
    "zh": "删除手机里的 eSIM，不等于注销合同",
    "en": "Deleting the eSIM does not end the contract",
}

_fonts: dict[tuple[Path, int], ImageFont.FreeTypeFont] = {}
_glyph_ok: dict[str, bool] = {}
_state: dict = {}


# ---------------------------------------------------------------- drawing

def font(size: int, bold: bool = True) -> ImageFont.FreeTypeFont:
    path = FONT_BOLD if bold else FONT_REGULAR
    key = (path, size)
    if key not in _fonts:
        if not path.is_file():
            raise PluginError(f"og_cards: font {path} not found (install the Debian package fonts-noto-cjk)")
        _fonts[key] = ImageFont.truetype(str(path), size, index=SC_INDEX)
    return _fonts[key]


def _mask(ch: str) -> bytes:
    f = font(48)
    img = Image.new("L", (96, 96), 0)
    ImageDraw.Draw(img).text((16, 16), ch, font=f, fill=255)
    return img.tobytes()


def missing_glyphs(text: str) -> list[str]:
    """Characters of `text` that the card font would draw as the missing-glyph box.

    Each character is rendered and compared with the font's .notdef glyph (what
    a character outside the font's cmap renders as). Spaces and format
    characters draw nothing and are skipped.
    """
    if "notdef" not in _state:
        _state["notdef"] = _mask("\U0010fffd")   # private use: never in a font's cmap
    out = []
    for ch in dict.fromkeys(text):
        if ch.isspace() or unicodedata.category(ch) in ("Cf", "Zs", "Cc"):
            continue
        if ch not in _glyph_ok:
            _glyph_ok[ch] = _mask(ch) != _state["notdef"]
        if not _glyph_ok[ch]:
            out.append(ch)
    return out


def hex_rgb(color: str) -> tuple[int, int, int]:
    color = color.lstrip("#")
    return tuple(int(color[i:i + 2], 16) for i in (0, 2, 4))


def _luminance(rgb) -> float:
    def ch(c):
        c /= 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (ch(c) for c in rgb)
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a, b) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def text_color(bg) -> tuple[int, int, int]:
    """White or near-black, whichever reads better on `bg`."""
    white, dark = (255, 255, 255), (20, 20, 28)
    return white if contrast(bg, white) >= contrast(bg, dark) else dark


def id_color(ident: str) -> str:
    """A stable, fairly dark colour derived from an id (for carriers without one)."""
    import colorsys
    h = int(hashlib.sha256(ident.encode()).hexdigest()[:4], 16) / 0xFFFF
    r, g, b = colorsys.hls_to_rgb(h, 0.35, 0.6)
    return "#%02x%02x%02x" % (round(r * 255), round(g * 255), round(b * 255))


_OPENING = "（(「『“‘《〈【["
_CLOSING = "，。、；：？！）)」』”’》〉】],.;:!?"
_TOKEN_RE = re.compile(r"[0-9A-Za-z\u00c0-\u024f\u0400-\u04ff'’\-–./]+|\s+|.", re.S)


def tokens(text: str) -> list[str]:
    """Break opportunities: Latin/Cyrillic words whole, CJK per character,
    closing punctuation glued to the token before, opening to the token after."""
    out: list[str] = []
    carry = ""
    for tok in _TOKEN_RE.findall(text):
        if tok in _CLOSING and out and not out[-1].isspace():
            out[-1] += tok
        elif tok in _OPENING:
            carry += tok
        else:
            out.append(carry + tok)
            carry = ""
    if carry:
        out.append(carry)
    return out


def wrap(text: str, f: ImageFont.FreeTypeFont, width: int) -> list[str]:
    lines: list[str] = []
    line = ""
    for tok in tokens(text):
        if not line and tok.isspace():
            continue
        if f.getlength(line + tok) <= width:
            line += tok
            continue
        if line:
            lines.append(line.rstrip())
            line = "" if tok.isspace() else tok
        else:
            line = tok
        while f.getlength(line) > width:          # a single over-long word: break it
            cut = len(line)
            while cut > 1 and f.getlength(line[:cut]) > width:
                cut -= 1
            lines.append(line[:cut])
            line = line[cut:]
    if line.strip():
        lines.append(line.rstrip())
    return lines


def fit_title(title: str, width: int) -> tuple[ImageFont.FreeTypeFont, list[str]]:
    """The largest size at which the title fits in three lines (four when small)."""
    for size, max_lines in ((76, 3), (66, 3), (58, 4), (50, 4)):
        f = font(size)
        lines = wrap(title, f, width)
        if len(lines) <= max_lines:
            return f, lines
    lines = lines[:max_lines]
    while lines[-1] and f.getlength(lines[-1] + "…") > width:
        lines[-1] = lines[-1][:-1]
    lines[-1] += "…"
    return f, lines


def _mix(a, b, t: float):
    return tuple(round(x + (y - x) * t) for x, y in zip(a, b))


def draw_card(title: str, site_name: str, tagline: str, domain: str, color: str,
              label: str | None = None) -> bytes:
    """The PNG bytes of one card. Pure: the same arguments give the same bytes."""
    bg = hex_rgb(color)
    fg = text_color(bg)
    soft = _mix(bg, fg, 0.78)
    img = Image.new("RGB", (WIDTH, HEIGHT), bg)
    d = ImageDraw.Draw(img)

    # Top: the site name (and the carrier's name on carrier pages).
    d.text((MARGIN, 92), site_name, font=font(34, bold=False), fill=soft, anchor="ls")
    if label:
        f = font(30)
        w = f.getlength(label)
        x1, y0 = WIDTH - MARGIN, 52
        d.rounded_rectangle((x1 - w - 40, y0, x1, y0 + 56), radius=28, outline=fg, width=3)
        d.text((x1 - w - 20, y0 + 39), label, font=f, fill=fg, anchor="ls")
    d.line((MARGIN, 124, MARGIN + 96, 124), fill=fg, width=6)

    # Middle: the title, as large as fits.
    f, lines = fit_title(title, WIDTH - 2 * MARGIN)
    step = round(f.size * 1.28)
    band_top = HEIGHT - 128
    block = step * (len(lines) - 1) + f.size
    y = 150 + (band_top - 150 - block) // 2 + round(f.size * 0.88)
    for line in lines:
        d.text((MARGIN, y), line, font=f, fill=fg, anchor="ls")
        y += step

    # Bottom band: the key message and the address.
    d.rectangle((0, band_top, WIDTH, HEIGHT), fill=(255, 255, 255))
    d.rectangle((0, band_top, 16, HEIGHT), fill=bg if bg != (255, 255, 255) else (40, 53, 147))
    ink = (20, 20, 28)
    d.text((MARGIN, band_top + 58), tagline, font=font(34), fill=ink, anchor="ls")
    d.text((MARGIN, band_top + 102), domain, font=font(26, bold=False), fill=(85, 85, 95), anchor="ls")

    # A fixed palette (the colours used and the anti-aliasing steps between
    # them) keeps the file small, the encoding fast and the bytes reproducible.
    ramps = [(bg, fg, 12), (bg, soft, 6), ((255, 255, 255), ink, 10), ((255, 255, 255), (85, 85, 95), 6)]
    colors = []
    for a, b, steps in ramps:
        for i in range(steps + 1):
            c = _mix(a, b, i / steps)
            if c not in colors:
                colors.append(c)
    pal = Image.new("P", (1, 1))
    pal.putpalette([v for c in colors for v in c])
    out = img.quantize(palette=pal, dither=Image.Dither.NONE)
    buf = BytesIO()
    out.save(buf, format="PNG", compress_level=7)
    return buf.getvalue()


# ---------------------------------------------------------------- MkDocs events

def card_path(page_url: str, lang: str) -> str:
    """'en/carriers/mts/' -> 'assets/og/en/carriers/mts.png'; '' -> 'assets/og/zh/index.png'."""
    rel = page_url
    if rel == lang or rel.startswith(lang + "/"):
        rel = rel[len(lang):]
    rel = rel.strip("/") or "index"
    if rel.endswith(".html"):
        rel = rel[:-5]
    return f"assets/og/{lang}/{rel}.png"


def carrier_brands(carriers: dict[str, dict]) -> dict[str, dict]:
    """Colour and names of each carrier, from the validated data (hooks/sitedata.py).
    A `brand.color` in data/carriers.yml wins; otherwise a fixed colour per carrier."""
    out = {}
    for cid, entry in carriers.items():
        color = (entry.get("brand") or {}).get("color") or CARRIER_COLORS.get(cid) or id_color(cid)
        out[cid] = {"color": color.lower(), "names": entry["names"]}
    return out


def on_config(config, **_):
    root = Path(config.config_file_path).parent
    try:
        _state["carriers"] = carrier_brands(sitedata.load_cached(root).carriers)
    except sitedata.DataError as exc:
        raise PluginError(f"Bad data: {exc}") from None
    # SITE_NO_CACHE=1 draws every card afresh (e.g. to test reproducible builds).
    _state["cache"] = None if os.environ.get("SITE_NO_CACHE") else root / ".cache" / "og"
    return config


def _carrier_of(page) -> str | None:
    src = page.file.src_uri
    m = re.match(r"^carriers/([a-z0-9-]+)(?:\.[a-z]{2})?\.md$", src)
    if m and m.group(1) in _state["carriers"]:
        return m.group(1)
    return None


def card_for(page, config) -> tuple[str, bytes]:
    lang = page_lang(page, config)
    title = (page.meta.get("title") or page.title or config.site_name).strip()
    site_name = config.site_name
    tagline = TAGLINE.get(lang, TAGLINE["en"])
    domain = (urlparse(config.site_url or "").netloc + urlparse(config.site_url or "").path).rstrip("/")
    cid = _carrier_of(page)
    carrier = _state["carriers"].get(cid) if cid else None
    color = carrier["color"] if carrier else SITE_COLOR
    label = None
    if carrier:
        names = carrier["names"]
        label = str(names.get("ru") or names.get(lang) or cid)
    missing = missing_glyphs(title + site_name + tagline + domain + (label or ""))
    if missing:
        chars = ", ".join(f"'{c}' (U+{ord(c):04X})" for c in missing)
        raise PluginError(f"docs/{page.file.src_uri}: the link-preview font has no glyph for {chars} "
                          f"in the title '{title}': use other characters")
    args = (title, site_name, tagline, domain, color, label)
    key = hashlib.sha256(repr((args, _code_stamp())).encode()).hexdigest()[:24]
    return card_path(page.url, lang), disk_cached(_state["cache"], f"{key}.png", lambda: draw_card(*args))


def _code_stamp() -> tuple:
    """What else decides the pixels: this file, the fonts, Pillow and FreeType."""
    if "stamp" not in _state:
        from PIL import features
        code = hashlib.sha256(Path(__file__).read_bytes()).hexdigest()
        fonts = tuple((str(p), p.stat().st_size, p.stat().st_mtime_ns) for p in (FONT_BOLD, FONT_REGULAR)
                      if p.is_file())
        _state["stamp"] = (code, fonts, features.version("freetype2"), Image.__version__)
    return _state["stamp"]


def on_page_context(context, page, config, **_):
    rel, png = card_for(page, config)
    out = Path(config.site_dir) / rel
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_bytes(png)
    page.meta["og_image"] = (config.site_url or "/") + rel
    return context
