"""The built search indexes: synonyms on their pages, no source lists, aliases on page entries only."""
from __future__ import annotations

import json
import sys

import pytest
import yaml

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import synonyms  # noqa: E402

ENTRIES = yaml.safe_load((ROOT / synonyms.FILE).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def indexes(site_dir):
    return {lang: json.loads((site_dir / "search" / f"{lang}.json").read_text(encoding="utf-8"))
            for lang in ("zh", "en")}


@pytest.mark.parametrize("eid", list(ENTRIES))
def test_synonym_entry_is_in_the_built_index(indexes, eid):
    entry = ENTRIES[eid]
    for lang, index in indexes.items():
        assert index["config"]["fields"][synonyms.FIELD]["boost"] >= index["config"]["fields"]["title"]["boost"]
        words = [w for key, langs in synonyms.LISTS.items() if lang in langs for w in entry.get(key, [])]
        if not words:
            continue
        by_loc = {d["location"]: d for d in index["docs"]}
        for target in entry["pages"]:
            page, _, anchor = target.partition("#")
            loc = synonyms.location(page, anchor or None, lang)
            assert loc in by_loc, f"{eid}: {loc} is not in search/{lang}.json"
            missing = set(words) - set(by_loc[loc].get(synonyms.FIELD, []))
            assert not missing, f"{eid}: {loc} in search/{lang}.json lacks {sorted(missing)}"


def test_index_has_no_source_lists_and_tags_only_on_pages(indexes):
    for lang, index in indexes.items():
        assert not [d["location"] for d in index["docs"] if d["location"].endswith("#sources")], lang
        assert not [d["location"] for d in index["docs"] if "#" in d["location"] and "tags" in d], lang
        assert any("tags" in d for d in index["docs"]), f"{lang}: carrier aliases lost"
        # search-more.js ends each Chinese run of a query with U+3007; it must split, not match.
        assert "\\u3007" in index["config"]["separator"], f"{lang}: U+3007 is not a separator"


def test_search_worker_carries_its_lunr_files(site_dir, indexes):
    """lazy-search.js starts search-all.<hash>.js: Material's worker plus the lunr files it needs."""
    sys.path.insert(0, str(ROOT / "hooks"))
    import postbuild

    workers = site_dir / "assets" / "javascripts" / "workers"
    (material,) = workers.glob("search.*.min.js")
    combined = workers / material.name.replace("search.", "search-all.").replace(".min.js", ".js")
    assert combined.is_file(), f"{combined.name} missing: search would not start"
    text = combined.read_text(encoding="utf-8")
    files = postbuild.lunr_files(indexes["zh"]["config"]["lang"])
    assert "../lunr/min/lunr.ru.min.js" in files and "../lunr/min/lunr.multi.min.js" in files
    for f in [material.name] + files:
        code = (workers / f).read_text(encoding="utf-8").split("//# sourceMappingURL")[0].strip()
        assert code[:200] in text, f"{combined.name} lacks {f}"
