"""Reader queries (tests/browser/search-queries.yml) find the page that answers among the first 3.

One browser page per site language, reused for every query; each query waits only until the
results for exactly that query are shown (no fixed waits), so a miss costs no more than a hit.
"""
from __future__ import annotations

from pathlib import Path
from urllib.parse import urlsplit

import pytest
import yaml

from conftest import search_results

QUERIES = yaml.safe_load((Path(__file__).with_name("search-queries.yml")).read_text(encoding="utf-8"))
START = {"zh": "/", "en": "/en/"}


@pytest.mark.parametrize("lang,query,expect", QUERIES, ids=[f"{l}-{q}" for l, q, _ in QUERIES])
def test_query_finds_its_page(search_page, lang, query, expect):
    page = search_page(START[lang])
    hrefs = search_results(page, query)
    top = [urlsplit(h).path for h in hrefs[:3]]
    expect = [expect] if isinstance(expect, str) else expect
    assert set(expect) & set(top), (f"{START[lang]} search {query!r}: expected {' or '.join(expect)} in the first 3 results, "
                           f"got {top or 'no results'} ({len(hrefs)} in all)")
