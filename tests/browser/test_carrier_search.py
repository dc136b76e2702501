"""Searching any alias of a carrier finds its page among the first results, in both languages."""
from __future__ import annotations

import sys

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import sitedata  # noqa: E402

DATA = sitedata.load(ROOT)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_alias_finds_its_carrier(page, site_url, lang):
    start = "/en/" if lang == "en" else "/"
    page.goto(site_url + start, wait_until="load")
    box = page.locator("input.md-search__input")
    box.click()
    misses = []
    for cid, carrier in DATA.carriers.items():
        expect = f"{'/en' if lang == 'en' else ''}/carriers/{cid}/"
        for alias in carrier["aliases"] + [carrier["names"]["ru"], carrier["names"]["en"]]:
            box.fill("")
            box.fill(alias)
            box.press("End")  # Material listens to keyup
            first = page.locator(".md-search-result__item > a").first
            try:
                first.wait_for(timeout=8000)
                page.wait_for_timeout(150)
                hrefs = page.locator(".md-search-result__item > a").evaluate_all("els => els.map(e => e.href)")
            except Exception:  # no result at all
                hrefs = []
            if not any(expect in h for h in hrefs[:3]):
                misses.append(f"{alias!r} -> {hrefs[:3]}")
    assert not misses, f"{lang}: aliases that do not find their carrier page first:\n" + "\n".join(misses)
