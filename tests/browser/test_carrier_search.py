"""Searching any alias of a carrier finds its page among the first results, in both languages."""
from __future__ import annotations

import sys
from urllib.parse import urlsplit

import pytest

from conftest import ROOT, open_search, search_results

sys.path.insert(0, str(ROOT / "hooks"))
import sitedata  # noqa: E402

DATA = sitedata.load(ROOT)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_alias_finds_its_carrier(page, site_url, lang):
    prefix = "/en" if lang == "en" else ""
    open_search(page, site_url + prefix + "/")
    misses = []
    for cid, carrier in DATA.carriers.items():
        expect = f"{prefix}/carriers/{cid}/"
        for alias in carrier["aliases"] + [carrier["names"]["ru"], carrier["names"]["en"]]:
            search_results(page, "")  # the same alias twice in a row would not re-run
            top = [urlsplit(h).path for h in search_results(page, alias)[:3]]
            if expect not in top:
                misses.append(f"{alias!r} -> {top}")
    assert not misses, f"{lang}: aliases that do not find their carrier page first:\n" + "\n".join(misses)
