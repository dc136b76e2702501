"""Phone and reading (issue #13): a 360x780 touch phone at DPR 2, in both languages.

One browser context per language (plus one with JavaScript off), reused by every
test in this module, so the checks stay fast. Each check is a property of the
layout a reader sees: where the title starts, the smallest text, sideways
scrolling (also at 200 % text), tables on phones, dates, checklists, the share
toast, the QR popover and the section kept by the language switch.
"""
from __future__ import annotations

import pytest

PHONE = {"viewport": {"width": 360, "height": 780}, "device_scale_factor": 2,
         "is_mobile": True, "has_touch": True}
PAGES = ["/carriers/mts/", "/carriers/", "/guide/cancel/", "/counter/card/", "/guide/keep-block-cancel/",
         "/glossary/"]
LANGS = {"zh": "", "en": "/en"}
CASES = [(lang, prefix + path) for lang, prefix in LANGS.items() for path in PAGES]
IDS = [path for _, path in CASES]


@pytest.fixture(scope="module")
def phones(browser, site_url):
    """One phone page per language, and one with JavaScript off; all reused."""
    made = {}
    for name, js in (("zh", True), ("en", True), ("nojs", False)):
        context = browser.new_context(**PHONE, java_script_enabled=js)
        if js:
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
        made[name] = (context, context.new_page())
    yield {name: page for name, (_, page) in made.items()}
    for context, _ in made.values():
        context.close()


def visit(page, url):
    page.goto(url, wait_until="load")
    page.evaluate("document.documentElement.style.fontSize = ''; window.scrollTo(0, 0)")
    return page


SMALLEST_TEXT = """() => {
  const found = [];
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let n; (n = walk.nextNode());) {
    const el = n.parentElement;
    if (!n.textContent.trim() || el.closest('script, style, [hidden]')) continue;
    const r = el.getBoundingClientRect();
    if (r.width <= 1 || r.height <= 1) continue;            // not rendered, or visually hidden
    const cs = getComputedStyle(el);
    if (cs.visibility !== 'visible' || +cs.opacity === 0) continue;
    const size = parseFloat(cs.fontSize);
    if (size < 11) found.push(`${size.toFixed(1)}px <${el.tagName.toLowerCase()} class="${el.className}">${n.textContent.trim().slice(0, 30)}`);
  }
  return found;
}"""

OVERFLOW = "document.documentElement.scrollWidth - document.documentElement.clientWidth"


@pytest.mark.parametrize("lang,path", CASES, ids=IDS)
def test_first_screen_starts_with_the_title(phones, site_url, lang, path):
    for page in (phones[lang], phones["nojs"]):
        visit(page, site_url + path)
        h1 = page.locator("h1").first.bounding_box()
        js = "with JS" if page is phones[lang] else "with JS off"
        assert h1["y"] <= 110, f"{path} ({js}): the title starts {h1['y']:.0f}px down, more than 110px"
        link = page.locator("h1 .headerlink")
        if link.count():
            box = link.first.bounding_box()
            assert box is None or box["width"] <= 1, f"{path}: the '#' beside the title takes room on a touch screen"


@pytest.mark.parametrize("lang,path", CASES, ids=IDS)
def test_no_text_under_11px(phones, site_url, lang, path):
    page = visit(phones[lang], site_url + path)
    small = page.evaluate(SMALLEST_TEXT)
    assert not small, f"{path}: {len(small)} text pieces under 11px, e.g. {small[:5]}"


@pytest.mark.parametrize("lang,path", CASES, ids=IDS)
def test_no_sideways_scroll_at_360px_and_200_percent_text(phones, site_url, lang, path):
    page = visit(phones[lang], site_url + path)
    assert page.evaluate(OVERFLOW) <= 0, f"{path} scrolls sideways at 360px"
    # Android's font scaling: every rem doubles (Material's root is 125 %).
    page.evaluate("document.documentElement.style.fontSize = '250%'")
    overflow = page.evaluate(OVERFLOW)
    page.evaluate("document.documentElement.style.fontSize = ''")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 200 % text"


@pytest.mark.parametrize("lang,path", CASES, ids=IDS)
def test_dates_stay_on_one_line(phones, site_url, lang, path):
    page = visit(phones[lang], site_url + path)
    broken = page.locator("time").evaluate_all(
        "els => els.filter(e => e.getClientRects().length > 1).map(e => e.textContent)")
    assert not broken, f"{path}: dates broken across lines: {broken[:5]}"


@pytest.mark.parametrize("lang,path", CASES, ids=IDS)
def test_tables_fit_the_phone_without_empty_rows(phones, site_url, lang, path):
    page = visit(phones[lang], site_url + path)
    tables = page.evaluate("""() => [...document.querySelectorAll('.md-typeset table')].map(t => {
      const wrap = t.closest('.md-typeset__scrollwrap') || t;
      const cap = t.querySelector('caption');
      const empty = [...t.querySelectorAll('td')].filter(td => {
        const r = td.getBoundingClientRect();
        return r.height > 0 && !td.textContent.trim();
      });
      return {cols: t.rows[0] ? t.rows[0].cells.length : 0, hidden: wrap.scrollWidth - wrap.clientWidth,
              capWidth: cap ? cap.getBoundingClientRect().width : null, width: t.getBoundingClientRect().width,
              empty: empty.length, cards: t.hasAttribute('data-cards')};
    })""")
    for t in tables:
        if t["capWidth"] is not None:
            assert t["capWidth"] >= 0.9 * t["width"], f"{path}: the caption is squeezed to {t['capWidth']:.0f}px"
        assert t["empty"] == 0, f"{path}: {t['empty']} empty cells or card rows are shown"
        if t["cols"] >= 4:
            assert t["hidden"] <= 0, f"{path}: a {t['cols']}-column table hides {t['hidden']}px off-screen"


@pytest.mark.parametrize("lang", LANGS)
def test_carrier_card_rows_are_filled_and_not_titled_twice(phones, site_url, lang):
    page = visit(phones[lang], site_url + LANGS[lang] + "/carriers/mts/")
    rows = page.locator(".facts-card dd").evaluate_all("els => els.map(e => e.textContent.trim().length)")
    assert rows and min(rows) > 0, "an empty row in the facts card"
    heading = page.locator("#at-a-glance").inner_text().strip(" #")
    first = page.locator(".facts-card").inner_text().strip().splitlines()[0]
    assert heading.lower() not in first.lower(), f"the card repeats its heading: {first!r}"


@pytest.mark.parametrize("lang", LANGS)
def test_quotes_are_not_full_width(phones, site_url, lang):
    page = visit(phones[lang], site_url + LANGS[lang] + "/carriers/mts/")
    ratio = page.evaluate("""() => {
      // A paragraph of its own, with CJK punctuation trimming off: the width then shows only
      // which font the page's stack picks for quotes (Chrome trims adjacent CJK punctuation).
      const p = document.createElement('p'), s = document.createElement('span');
      s.textContent = '\\u201c\\u201d\\u201c\\u201d';
      s.style.textSpacingTrim = 'space-all';
      p.appendChild(s);
      document.querySelector('h1').after(p);
      const r = s.getBoundingClientRect().width / 4 / parseFloat(getComputedStyle(s).fontSize);
      p.remove();
      return r;
    }""")
    if lang == "en":
        assert ratio < 0.6, f"English quotes are {ratio:.2f}em wide: a CJK font comes first"
    else:
        assert ratio > 0.8, "Chinese pages keep the CJK font stack (full-width quotes)"


@pytest.mark.parametrize("lang", LANGS)
def test_share_toast_never_covers_the_title(phones, site_url, lang):
    page = visit(phones[lang], site_url + LANGS[lang] + "/carriers/mts/")
    button = page.locator(".share__button")
    assert button.is_visible()
    box = button.bounding_box()
    h1 = page.locator("h1").bounding_box()
    assert box["y"] < h1["y"] + h1["height"] and box["width"] >= 24, "the share button sits beside the title"
    button.tap()
    status = page.locator(".share__status")
    page.wait_for_function("() => document.querySelector('.share__status').textContent !== ''", timeout=3000)
    s, h1 = status.bounding_box(), page.locator("h1").bounding_box()
    assert s["y"] >= h1["y"] + h1["height"] or s["y"] + s["height"] <= h1["y"], "the status covers the title"


def test_footnote_markers_are_big_enough_to_tap(phones, site_url):
    page = visit(phones["zh"], site_url + "/carriers/")
    sizes = page.locator(".fact-ref").evaluate_all(
        "els => els.map(e => { const r = e.getClientRects()[0]; return [r.width, r.height]; })")
    assert sizes
    small = [s for s in sizes if s[0] < 24 or s[1] < 24]
    assert not small, f"{len(small)} of {len(sizes)} footnote markers are under 24x24px, e.g. {small[:3]}"


def test_checklist_rings_are_visible_and_the_text_ticks(phones, site_url):
    page = visit(phones["zh"], site_url + "/guide/unlink/")
    page.evaluate("localStorage.clear()")
    page.reload(wait_until="load")
    colour = page.evaluate("""() => getComputedStyle(document.querySelector('.task-list-indicator'), '::before').backgroundColor""")
    rgb = [int(x) for x in colour[colour.index("(") + 1:colour.index(")")].split(",")[:3]]
    alpha = float(colour.split(",")[3].strip(" )")) if colour.startswith("rgba") else 1.0
    rgb = [alpha * c + (1 - alpha) * 255 for c in rgb]          # on the white page

    def lum(c):
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    contrast = 1.05 / (0.2126 * lum(rgb[0]) + 0.7152 * lum(rgb[1]) + 0.0722 * lum(rgb[2]) + 0.05)
    assert contrast >= 3, f"the unticked ring is {contrast:.1f}:1 against the page"
    item = page.locator(".task-list-item").first
    item.evaluate("e => { e.scrollIntoView(); window.scrollBy(0, -300); }")
    box = item.bounding_box()
    page.touchscreen.tap(box["x"] + box["width"] - 20, box["y"] + 10)   # on the text, far from the circle
    assert item.locator("input").is_checked(), "tapping the item text does not tick it"
    page.evaluate("localStorage.clear()")


def test_address_follows_the_section_and_the_switch_keeps_it(phones, site_url):
    page = visit(phones["zh"], site_url + "/guide/cancel/")
    page.evaluate("document.getElementById('from-abroad').scrollIntoView()")
    # Material skips the first scroll after load: keep nudging until the address follows.
    page.wait_for_function("() => { window.scrollBy(0, 2); return location.hash === '#from-abroad'; }",
                           polling=300, timeout=5000)
    page.locator(".md-header__option .md-select").first.tap()
    page.locator('.md-select__link[hreflang="en"]').tap()
    page.wait_for_url("**/en/guide/cancel/#from-abroad", timeout=5000)


def test_qr_popover_closes_with_escape_and_outside_click(page, site_url):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto(site_url + "/carriers/mts/", wait_until="load")
    qr = page.locator(".share__qr")
    page.locator(".share__summary").click()
    assert qr.get_attribute("open") is not None
    page.keyboard.press("Escape")
    assert qr.get_attribute("open") is None, "Esc leaves the QR popover open"
    page.locator(".share__summary").click()
    page.locator("h1").click()
    assert qr.get_attribute("open") is None, "a click outside leaves the QR popover open"


def test_ticked_boxes_print_ticked(page, site_url):
    page.goto(site_url + "/counter/card/", wait_until="load")
    page.evaluate("localStorage.clear()")
    page.locator(".task-list-item input").first.evaluate("box => { box.checked = true; }")
    page.emulate_media(media="print")
    marks = page.locator(".task-list-indicator").evaluate_all(
        "els => els.slice(0, 2).map(e => getComputedStyle(e, '::before').content)")
    page.evaluate("localStorage.clear()")
    assert marks[0] == '"\\u2713"' or marks[0] == '"✓"', f"a ticked box prints as {marks[0]}"
    assert marks[1] in ('""', "none", "normal"), f"an empty box prints as {marks[1]}"


BACKGROUND = "getComputedStyle(document.body).backgroundColor"


def test_dark_theme_follows_the_system_and_the_toggle(browser, site_url):
    context = browser.new_context(viewport={"width": 1280, "height": 800}, color_scheme="dark")
    page = context.new_page()
    try:
        page.goto(site_url + "/en/carriers/mts/", wait_until="load")
        assert page.evaluate(BACKGROUND) != "rgb(255, 255, 255)", "a dark system setting leaves the page white"
        page.locator(".share__summary").click()
        qr = page.evaluate("""() => new Promise(done => { const img = document.querySelector('.share__qr-code');
            const go = () => { const c = document.createElement('canvas'); c.width = c.height = 8;
              const x = c.getContext('2d'); x.drawImage(img, 0, 0, 8, 8); done([...x.getImageData(0, 0, 1, 1).data]); };
            img.complete ? go() : img.addEventListener('load', go); })""")
        assert qr[:3] == [255, 255, 255], "the QR code's quiet zone must stay white"
        page.emulate_media(media="print")
        assert page.evaluate(BACKGROUND) == "rgb(255, 255, 255)", "print must stay black on white"
        page.emulate_media(media="screen")
        page.locator(".theme-toggle").click()
        assert page.evaluate(BACKGROUND) == "rgb(255, 255, 255)", "the toggle does not switch to light"
        page.goto(site_url + "/en/guide/cancel/", wait_until="load")
        assert page.evaluate(BACKGROUND) == "rgb(255, 255, 255)", "the choice is not kept on the next page"
    finally:
        context.close()


def test_share_sends_the_section_being_read(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(site_url + "/en/guide/cancel/", wait_until="load")
    page.evaluate("document.getElementById('from-abroad').scrollIntoView()")
    page.wait_for_function("() => { window.scrollBy(0, 2); return location.hash === '#from-abroad'; }",
                           polling=300, timeout=5000)
    page.evaluate("document.querySelector('.share__button').focus({preventScroll: true})")
    page.keyboard.press("Enter")
    page.locator(".share__status").filter(has_text="Link copied").wait_for(timeout=3000)
    assert page.evaluate("navigator.clipboard.readText()").endswith("/en/guide/cancel/#from-abroad")
