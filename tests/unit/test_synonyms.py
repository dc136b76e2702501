"""Search synonyms (data/search-synonyms.yml): validation, and every entry reaching its index entry."""
from __future__ import annotations

import re
import textwrap
from pathlib import Path

import pytest
import yaml

import postbuild
import synonyms
from sitedata import DataError

ROOT = Path(__file__).resolve().parents[2]
SEPARATOR = yaml.safe_load(re.search(r"^\s+(separator: .*)$", (ROOT / "mkdocs.yml").read_text(encoding="utf-8"),
                                     re.M)[1])["separator"]
ENTRIES = yaml.safe_load((ROOT / synonyms.FILE).read_text(encoding="utf-8"))


def project(tmp_path: Path, text: str) -> Path:
    (tmp_path / "data").mkdir()
    (tmp_path / synonyms.FILE).write_text(textwrap.dedent(text), encoding="utf-8")
    docs = tmp_path / "docs" / "guide"
    docs.mkdir(parents=True)
    for name in ("scams.md", "scams.en.md"):
        (docs / name).write_text("# T\n\n## A {#what-to-do}\n", encoding="utf-8")
    return tmp_path


def load(tmp_path, text):
    root = project(tmp_path, text)
    return synonyms.load(root, root / "docs", SEPARATOR)


def test_good_file(tmp_path):
    out = load(tmp_path, """
        scams:
          pages: [guide/scams, guide/scams#what-to-do]
          zh: [诈骗]
          en: [fraud]
          ru: [мошенники]
    """)
    assert out["zh"]["guide/scams/"] == ["诈骗", "fraud", "мошенники"]
    assert out["zh"]["guide/scams/#what-to-do"] == ["诈骗", "fraud", "мошенники"]
    assert out["en"]["en/guide/scams/"] == ["fraud", "мошенники"], "Chinese words stay on the Chinese site"


@pytest.mark.parametrize("text,message", [
    ("a: {pages: [guide/nope], zh: [诈骗]}", "entry 'a': target 'guide/nope': there is no page docs/guide/nope.md"),
    ("a: {pages: [guide/scams#nope], zh: [诈骗]}", "no heading with id '#nope' in docs/guide/scams.md"),
    ("a: {pages: [Guide/Scams.md], zh: [诈骗]}", "must look like guide/scams"),
    ("a: {pages: [], zh: [诈骗]}", "field 'pages' must be a non-empty list"),
    ("a: {pages: [guide/scams, guide/scams], zh: [诈骗]}", "lists a target twice"),
    ("a: {pages: [guide/scams]}", "needs at least one word list"),
    ("a: {pages: [guide/scams], zh: []}", "field 'zh' must be a non-empty list"),
    ("a: {pages: [guide/scams], en: ['']}", "'' is not a word"),
    ("a: {pages: [guide/scams], en: [power of attorney]}", "'power of attorney' is 3 words for search"),
    ("a: {pages: [guide/scams], ru: [gosuslugi.ru]}", "is 2 words"),
    ("a: {pages: [guide/scams], en: [Fraud]}\nb: {pages: [guide/scams], ru: [fraud]}",
     "entry 'b', field 'ru': 'fraud' is already listed in entry 'a'"),
    ("a: {pages: [guide/scams], fr: [arnaque]}", "unknown field 'fr'"),
    ("a: {zh: [诈骗]}", "missing field 'pages'"),
])
def test_bad_file_names_file_entry_and_problem(tmp_path, text, message):
    with pytest.raises(DataError) as err:
        load(tmp_path, text)
    assert str(err.value).startswith(synonyms.FILE + ": "), err.value
    assert message in str(err.value)


def test_target_missing_from_index_fails():
    index = {"config": {"fields": {}}, "docs": [{"location": "guide/scams/", "title": "t", "text": ""}]}
    with pytest.raises(DataError, match="not in the zh search index: guide/after/#refund"):
        synonyms.add_to_index(index, "zh", {"zh": {"guide/after/#refund": ["退款"]}})


def test_words_go_into_a_hidden_weighted_field():
    index = {"config": {"fields": {"title": {"boost": 1e3}}}, "docs": [
        {"location": "guide/scams/", "title": "防骗", "text": ""},
        {"location": "guide/scams/#what-to-do", "title": "怎么办", "text": ""}]}
    synonyms.add_to_index(index, "zh", {"zh": {"guide/scams/": ["诈骗"]}})
    assert index["config"]["fields"][synonyms.FIELD] == {"boost": synonyms.BOOST}
    assert index["docs"][0][synonyms.FIELD] == ["诈骗"]
    assert synonyms.FIELD not in index["docs"][1]


def test_tidy_index_drops_source_lists_and_section_tags():
    index = {"config": {"separator": "[\\s]+"}, "docs": [
        {"location": "carriers/mts/", "title": "MTS", "tags": ["МТС", "mts", "ПАО «МТС»"],
         "text": "<p>\u200b也\u200b叫\u200b：МТС、mts、ПАО «МТС»</p><p>也叫：МТС、别的</p>"},
        {"location": "carriers/mts/#money", "title": "钱", "text": "", "tags": ["МТС"]},
        {"location": "carriers/mts/#sources", "title": "来源", "text": "RBC"}]}
    out = postbuild.tidy_index(index)
    assert [d["location"] for d in out["docs"]] == ["carriers/mts/", "carriers/mts/#money"]
    assert out["docs"][0]["tags"] == ["МТС", "mts", "ПАО «МТС»"] and "tags" not in out["docs"][1]
    assert out["docs"][0]["text"] == "<p>也叫：МТС、别的</p>", "only a line that merely repeats the tags goes"
    assert out["config"]["separator"] == "[\\u3007\\s]+"


@pytest.mark.parametrize("eid", list(ENTRIES))
def test_entry_reaches_the_index_of_its_pages(eid):
    """Each entry of the real file, through load() and add_to_index(), lands on every target."""
    words = synonyms.load(ROOT, ROOT / "docs", SEPARATOR)
    entry = ENTRIES[eid]
    for lang in ("zh", "en"):
        expected = [w for key in ("zh", "en", "ru") if lang in synonyms.LISTS[key] for w in entry.get(key, [])]
        if not expected:
            continue
        for target in entry["pages"]:
            page, _, anchor = target.partition("#")
            loc = synonyms.location(page, anchor or None, lang)
            index = {"config": {}, "docs": [{"location": l} for l in words[lang]]}
            synonyms.add_to_index(index, lang, words)
            doc = next(d for d in index["docs"] if d["location"] == loc)
            assert set(expected) <= set(doc[synonyms.FIELD]), f"{eid}: {target} ({lang}) misses some words"


def test_lunr_files_follow_materials_worker():
    assert postbuild.lunr_files(["zh", "en", "ru"]) == [
        "../lunr/min/lunr.stemmer.support.min.js", "../lunr/min/lunr.zh.min.js",
        "../lunr/min/lunr.ru.min.js", "../lunr/min/lunr.multi.min.js"]
    assert postbuild.lunr_files(["en"]) == []
    assert "../lunr/tinyseg.js" in postbuild.lunr_files(["ja", "en"])
