"""After each language build: one 404 page per language, one search index per language.

* 404: both language builds write site/404.html; the last one wins. The zh build's
  page is kept at /404.html (what static hosts serve by default) and the en
  build's page moves to /en/404.html (served for /en/ by the nginx config).
* Search: the i18n plugin writes one index with both languages, with Chinese
  escaped as \\uXXXX. After the last build it is split into search/zh.json and
  search/en.json (UTF-8), which assets/js/lazy-search.js loads on first use.
  Each is tidied (tidy_index: no "sources" sections, carrier aliases on the page
  entry only) and gets the readers' own words from data/search-synonyms.yml
  (hooks/synonyms.py) on the page or section that answers.
"""
from __future__ import annotations

import json
import re
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority

import synonyms
from hookutil import OuterBuild
from sitedata import DataError

_state: dict = {}
_outer = OuterBuild()


def split_index(index: dict) -> dict[str, dict]:
    """Split Material's combined index into one index per language."""
    out = {}
    for lang in ("zh", "en"):
        docs = [d for d in index["docs"] if d["location"].startswith("en/") == (lang == "en")]
        out[lang] = {"config": index["config"], "docs": docs}
    return out


# lazy-search.js ends each run of Chinese in a query with U+3007 so that Material's query
# segmenter also tries the word ending at the last character; as a separator it matches nothing.
SENTINEL = "\\u3007"


def _drop_alias_lines(text: str, tags: list[str]) -> str:
    """Drop a paragraph that only repeats the tags ("也叫：МТС、мтс…"): the tags already find the
    page, and in a result the list pushed the other results down."""
    known = {t.lower() for t in tags}

    def drop(m):
        label, colon, rest = m[1].replace("\u200b", "").partition("：" if "：" in m[1] else ":")
        items = [i.strip() for i in re.split(r"[、,，]", rest)] if colon else []
        return "" if items and all(i.lower() in known for i in items) else m[0]
    return re.sub(r"<p>(.*?)</p>", drop, text).strip()


def tidy_index(index: dict) -> dict:
    """Less to download, fewer false hits: drop every page's source list (citations only, and the
    review saw them outrank the page that answers), and keep tags (carrier aliases) on the page
    entry only: Material copies them onto every section, and shows them on each result (and drop
    the page's "also known as" line, which only repeats them)."""
    docs = []
    for doc in index["docs"]:
        if doc["location"].endswith("#sources"):
            continue
        if "#" in doc["location"] and "tags" in doc:
            doc = {k: v for k, v in doc.items() if k != "tags"}
        elif "tags" in doc:
            doc = {**doc, "text": _drop_alias_lines(doc["text"], doc["tags"])}
        docs.append(doc)
    config = dict(index["config"])
    sep = config.get("separator", "")
    if sep.startswith("[") and sep.endswith("]+") and SENTINEL not in sep:
        config["separator"] = "[" + SENTINEL + sep[1:]
    return {**index, "config": config, "docs": docs}


def write_split_index(site_dir: Path, words: dict | None = None) -> None:
    combined = site_dir / "search" / "search_index.json"
    if not combined.exists():
        return
    index = json.loads(combined.read_text(encoding="utf-8"))
    write_search_worker(site_dir, index["config"]["lang"])
    for lang, part in split_index(index).items():
        part = tidy_index(part)
        if words is not None:
            try:
                synonyms.add_to_index(part, lang, words)
            except DataError as exc:
                raise PluginError(f"Bad data: {exc}") from None
        (site_dir / "search" / f"{lang}.json").write_text(
            json.dumps(part, ensure_ascii=False, separators=(",", ":"), sort_keys=True), encoding="utf-8")


WORKER_PREAMBLE = """/* Written by hooks/postbuild.py: Material's search worker followed by the lunr files
 * it would fetch with importScripts, one after another, only once the index had arrived
 * (about one round trip each: ~2 s on a 400 ms link). assets/js/lazy-search.js starts this
 * file instead of Material's worker. */
(function () {
  var inFile = %s, seen = {}, real = self.importScripts;
  inFile.forEach(function (u) { seen[new URL(u, location.href).href] = true; });
  self.importScripts = function () {
    var todo = [].filter.call(arguments, function (u) { return !seen[new URL(u, location.href).href]; });
    if (todo.length) return real.apply(self, todo);
  };
})();
"""


def lunr_files(langs: list[str]) -> list[str]:
    """The files Material's worker imports for these languages, in its order, relative to the worker."""
    names = []
    for lang in langs:
        names += {"ja": ["tinyseg"], "hi": ["wordcut"], "th": ["wordcut"]}.get(lang, [])
        if lang != "en":
            names.append(lang)
    if len(langs) > 1:
        names.append("multi")
    names = ["stemmer.support"] + names if names else []
    return [f"../lunr/{n}.js" if n in ("tinyseg", "wordcut") else f"../lunr/min/lunr.{n}.min.js" for n in names]


def write_search_worker(site_dir: Path, langs: list[str]) -> None:
    """search-all.<hash>.js beside Material's worker: that worker plus its lunr files, in one request."""
    workers = site_dir / "assets" / "javascripts" / "workers"
    for worker in workers.glob("search.*.min.js"):
        files = lunr_files(langs)
        parts = [WORKER_PREAMBLE % json.dumps(files)]
        for path in [worker] + [workers / f for f in files]:
            code = path.read_text(encoding="utf-8")
            parts.append(re.sub(r"^//# sourceMappingURL=.*$", "", code, flags=re.M).strip() + "\n;")
        target = workers / worker.name.replace(".min.js", ".js").replace("search.", "search-all.", 1)
        target.write_text("\n".join(parts) + "\n", encoding="utf-8")


def on_post_template(output, template_name, config, **_):
    if template_name == "404.html":
        _state["404", config.theme["language"]] = output
    return output


def on_build_error(error, **_):
    _outer.reset()


def _separator(config) -> str:
    for name in ("material/search", "search"):
        plugin = config.plugins.get(name)
        if plugin is not None:
            return plugin.config["separator"]
    return r"[\s\-]+"


def on_pre_build(config, **_):
    if _outer.enter():
        root = Path(config.config_file_path).parent
        try:
            _state["synonyms"] = synonyms.load(root, Path(config.docs_dir), _separator(config))
        except DataError as exc:
            raise PluginError(f"Bad data: {exc}") from None


@event_priority(-200)  # after the i18n plugin, which builds the other languages in its on_post_build
def on_post_build(config, **_):
    if not _outer.leave():
        return  # a nested language build: the outer build finishes the job
    site = Path(config.site_dir)
    for loc in ("zh", "en"):
        html = _state.get(("404", loc))
        if html is None:
            continue
        target = site / "404.html" if loc == "zh" else site / loc / "404.html"
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(html, encoding="utf-8")
    write_split_index(site, _state.get("synonyms"))
