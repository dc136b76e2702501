"""Link-preview cards (hooks/og_cards.py): real CJK glyphs, size, colours, determinism."""
from __future__ import annotations

import re
from io import BytesIO
from pathlib import Path

import pytest
import yaml
from PIL import Image

import og_cards

ROOT = Path(__file__).resolve().parents[2]
CARRIERS = yaml.safe_load((ROOT / "data" / "carriers.yml").read_text(encoding="utf-8")) or {}


def page_titles() -> list[str]:
    """Every page's preview title: front matter `title:` or the H1."""
    titles = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        text = md.read_text(encoding="utf-8")
        m = re.match(r"^---\n(.*?)\n---\n", text, re.S)
        meta = yaml.safe_load(m.group(1)) if m else {}
        title = (meta or {}).get("title")
        if not title:
            h1 = re.search(r"^# (.+)$", text, re.M)
            title = h1.group(1) if h1 else ""
        titles.append(str(title))
    return titles


def site_names() -> list[str]:
    text = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    return re.findall(r"^\s*site_name: (.+)$", text, re.M)


# ------------------------------------------------------------ glyph coverage (no tofu)

def test_notdef_detector_catches_missing_glyphs():
    # Egyptian hieroglyphs and a private-use character are not in Noto Sans CJK:
    # the detector must report them, or the coverage test below could never fail.
    assert og_cards.missing_glyphs("\U00013000") == ["\U00013000"]
    assert og_cards.missing_glyphs("注销 MTS \U00013000 \ue000") == ["\U00013000", "\ue000"]


def test_cjk_latin_cyrillic_have_real_glyphs():
    sample = "俄罗斯 eSIM / 手机卡注销指南：营业厅出示卡（俄语 + 中文），比莱恩 Beeline（Билайн）МТС МегаФон ГПБ Мобайл"
    assert og_cards.missing_glyphs(sample) == []


def test_real_glyph_differs_from_notdef():
    # Rendered masks: a Chinese character must not look like the .notdef box.
    notdef = og_cards._mask("\U0010fffd")
    for ch in "注销俄罗斯МТСé":
        assert og_cards._mask(ch) != notdef, ch


def test_every_page_title_and_tagline_is_covered():
    text = "".join(page_titles() + site_names() + list(og_cards.TAGLINE.values()))
    names = "".join(str(v) for c in CARRIERS.values() if isinstance(c, dict) for v in (c.get("names") or {}).values())
    missing = og_cards.missing_glyphs(text + names)
    assert missing == [], [f"U+{ord(c):04X} {c}" for c in missing]


def test_the_card_font_is_the_sc_face():
    f = og_cards.font(40)
    assert f.getname()[0] == "Noto Sans CJK SC", f.getname()


def test_title_pixels_come_from_glyphs():
    # The title area of a card with a Chinese title differs from one whose title
    # is drawn with missing glyphs (tofu): the card really draws the characters.
    args = dict(site_name="俄罗斯 eSIM / 手机卡注销指南", tagline=og_cards.TAGLINE["zh"],
                domain="ru-sim-guide.github.io", color=og_cards.SITE_COLOR)
    real = Image.open(BytesIO(og_cards.draw_card("注销指南", **args))).convert("L")
    tofu = Image.open(BytesIO(og_cards.draw_card("\U00013000" * 4, **args))).convert("L")
    box = (og_cards.MARGIN, 150, 1200 - og_cards.MARGIN, 500)
    assert real.crop(box).tobytes() != tofu.crop(box).tobytes()


# ------------------------------------------------------------ the PNG itself

@pytest.mark.parametrize("title,lang,color,label", [
    ("T-Mobile（Т-Мобайл，原 Tinkoff Mobile）注销指南", "zh", "#ffdd2d", "Т-Мобайл"),
    ("Power of attorney checklist for a representative in Russia", "en", og_cards.SITE_COLOR, None),
])
def test_card_is_1200x630_small_and_deterministic(title, lang, color, label):
    args = (title, "site", og_cards.TAGLINE[lang], "ru-sim-guide.github.io", color, label)
    one, two = og_cards.draw_card(*args), og_cards.draw_card(*args)
    assert one == two, "same input must give byte-identical PNGs"
    img = Image.open(BytesIO(one))
    assert img.format == "PNG" and img.size == (1200, 630)
    assert img.mode == "P", "palette PNG keeps the file small"
    assert len(one) < 40_000, len(one)
    assert "tIME" not in str(img.info) and b"tIME" not in one, "no timestamp chunk"


def test_wrap_keeps_words_and_punctuation():
    f = og_cards.font(76)
    width = 1040
    lines = og_cards.wrap("Power of attorney checklist for a representative in Russia", f, width)
    assert len(lines) > 1
    words = "Power of attorney checklist for a representative in Russia".split()
    assert " ".join(lines).split() == words, "lines break between words only"
    zh = og_cards.wrap("T-Mobile（Т-Мобайл，原 Tinkoff Mobile）注销指南，注销步骤：在俄罗斯或在国外注销", f, width)
    assert all(f.getlength(l) <= width for l in zh)
    assert not any(l[0] in "，。、；：？！）" for l in zh), zh


def test_long_title_is_shortened_not_overflowing():
    f, lines = og_cards.fit_title("注销" * 200, 1040)
    assert len(lines) <= 4 and lines[-1].endswith("…")
    assert all(f.getlength(l) <= 1040 for l in lines)


# ------------------------------------------------------------ carrier branding

def test_every_carrier_gets_a_colour_with_readable_text():
    import sitedata
    carriers = og_cards.carrier_brands(sitedata.load(ROOT).carriers)
    assert set(carriers) == {k for k, v in CARRIERS.items() if isinstance(v, dict)}
    for cid, c in carriers.items():
        bg = og_cards.hex_rgb(c["color"])
        assert og_cards.contrast(bg, og_cards.text_color(bg)) >= 4.5, cid
    colours = [c["color"] for c in carriers.values()]
    assert len(set(colours)) == len(colours), "each carrier has its own colour"


def test_brand_color_in_data_wins(tmp_path):
    carriers = og_cards.carrier_brands({
        "mts": {"names": {"zh": "MTS", "en": "MTS", "ru": "МТС"}, "brand": {"color": "#123456"}},
        "newco": {"names": {"zh": "新", "en": "New", "ru": "Новый"}, "brand": None},
    })
    assert carriers["mts"]["color"] == "#123456"
    assert carriers["newco"]["color"] == og_cards.id_color("newco")  # stable fallback


def test_card_paths():
    assert og_cards.card_path("", "zh") == "assets/og/zh/index.png"
    assert og_cards.card_path("en/", "en") == "assets/og/en/index.png"
    assert og_cards.card_path("carriers/mts/", "zh") == "assets/og/zh/carriers/mts.png"
    assert og_cards.card_path("en/carriers/mts/", "en") == "assets/og/en/carriers/mts.png"
