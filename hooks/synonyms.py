"""Search synonyms: the words readers type, put on the page or section that answers.

data/search-synonyms.yml maps reader words (zh, en, ru and Latin spellings) to
pages and sections. load() validates it; add_to_index() writes the words into a
hidden field of the search index ("synonyms"), weighted like Material's tags, on
the index entry of each target. The field is never shown in results (Material
renders only title, text and tags), so synonyms add no alias chips.

Chinese words go into the Chinese index only; English and Russian words (and
their Latin spellings) go into both, because readers type them on both sites.
Not a hook itself: hooks/postbuild.py calls it.
"""
from __future__ import annotations

import re
from pathlib import Path

from sitedata import DataError, _check_keys, _fail, _load_yaml

FILE = "data/search-synonyms.yml"
FIELD = "synonyms"
BOOST = 1e6                      # what Material gives tags: far above titles (1e3) and text (1)
LISTS = {"zh": ("zh",), "en": ("zh", "en"), "ru": ("zh", "en")}   # word list -> indexes it goes to
TARGET_RE = re.compile(r"^(?P<page>[a-z0-9-]+(?:/[a-z0-9-]+)*)(?:#(?P<id>[a-z0-9-]+))?$")



def location(page: str, anchor: str | None, lang: str) -> str:
    """The search index location of a target: guide/after#refund -> en/guide/after/#refund."""
    path = "" if page == "index" else page.removesuffix("index") if page.endswith("/index") else page + "/"
    return ("en/" if lang == "en" else "") + path + (f"#{anchor}" if anchor else "")


def _check_target(file: str, where: str, target, docs: Path) -> tuple[str, str | None]:
    m = TARGET_RE.match(target) if isinstance(target, str) else None
    if not m:
        _fail(file, where, f"target {target!r} must look like guide/scams or guide/after#refund")
    page, anchor = m["page"], m["id"]
    for md in (docs / f"{page}.md", docs / f"{page}.en.md"):
        if not md.is_file():
            _fail(file, where, f"target '{target}': there is no page docs/{md.relative_to(docs).as_posix()}")
        if anchor and not re.search(r"\{[^}\n]*#" + re.escape(anchor) + r"[\s}]", md.read_text(encoding="utf-8")):
            _fail(file, where, f"target '{target}': no heading with id '#{anchor}' in docs/{md.relative_to(docs).as_posix()}")
    return page, anchor


def load(root: Path, docs: Path, separator: str) -> dict[str, dict[str, list[str]]]:
    """{language: {index location: [words]}}, or DataError naming the file, the entry and the problem."""
    file = FILE
    split = re.compile(separator)
    seen: dict[str, str] = {}
    out: dict[str, dict[str, list[str]]] = {"zh": {}, "en": {}}
    for eid, entry in _load_yaml(root / file).items():
        where = f"entry '{eid}'"
        _check_keys(file, where, entry, {"pages": True, "zh": False, "en": False, "ru": False})
        pages = entry["pages"]
        if not isinstance(pages, list) or not pages:
            _fail(file, where, "field 'pages' must be a non-empty list of targets (guide/scams, guide/after#refund)")
        if len(set(map(str, pages))) != len(pages):
            _fail(file, where, "field 'pages' lists a target twice")
        targets = [_check_target(file, where, t, docs) for t in pages]
        if not any(k in entry for k in LISTS):
            _fail(file, where, "needs at least one word list: zh, en or ru")
        for key, langs in LISTS.items():
            if key not in entry:
                continue
            words = entry[key]
            if not isinstance(words, list) or not words:
                _fail(file, where, f"field '{key}' must be a non-empty list of words")
            for word in words:
                if not isinstance(word, str) or not word.strip():
                    _fail(file, f"{where}, field '{key}'", f"{word!r} is not a word")
                word = word.strip()
                if split.search(word):
                    parts = [p for p in split.split(word) if p]
                    _fail(file, f"{where}, field '{key}'",
                          f"'{word}' is {len(parts)} words for search ({', '.join(parts)}), and each of them alone "
                          "would find this page: list single words")
                norm = word.lower()
                if norm in seen:
                    _fail(file, f"{where}, field '{key}'", f"'{word}' is already listed in entry '{seen[norm]}'")
                seen[norm] = eid
                for lang in langs:
                    for page, anchor in targets:
                        out[lang].setdefault(location(page, anchor, lang), []).append(word)
    return out


def add_to_index(index: dict, lang: str, synonyms: dict[str, dict[str, list[str]]]) -> None:
    """Write each target's words into the hidden, heavily weighted field of its index entry."""
    wanted = dict(synonyms.get(lang, {}))
    index["config"].setdefault("fields", {})[FIELD] = {"boost": BOOST}
    for doc in index["docs"]:
        words = wanted.pop(doc["location"], None)
        if words:
            doc[FIELD] = words
    if wanted:
        missing = ", ".join(sorted(wanted))
        raise DataError(f"{FILE}: target(s) not in the {lang} search index: {missing} "
                        "(is that page or section excluded from search?)")
