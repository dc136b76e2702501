"""Shortcodes: <!-- md:NAME ARGS --> comments replaced with rendered facts.

Like Material's own docs hooks, the comments stay invisible in raw Markdown
and an unknown shortcode, fact id or carrier id fails the build, naming the
page. The data is loaded and validated once per language build.

    <!-- md:fact law.inactivity-floor -->    one fact, inline, with a source reference
    <!-- md:carrier-card mts -->            the facts card of a carrier page
    <!-- md:carrier-table -->               all carriers side by side
    <!-- md:carrier-link mts -->            a link to a carrier page, in the page's language
    <!-- md:sources -->                     where the page's source list goes (default: the end)
"""
from __future__ import annotations

import re
from html import escape
from pathlib import Path

from mkdocs.exceptions import PluginError
from mkdocs.utils import get_relative_url

import render
import sitedata
from hookutil import page_lang

SHORTCODE_RE = re.compile(r"<!--\s*md:([a-z-]+)((?:\s+[^\s>]+)*)\s*-->")
_state: dict = {}


def on_config(config, **_):
    root = Path(config.config_file_path).parent
    try:
        data = sitedata.load_cached(root)
    except sitedata.DataError as exc:
        raise PluginError(f"Bad data: {exc}") from None
    no_act = sitedata.legal_statements_without_act(data)
    if no_act:
        raise PluginError("Bad data: " + "\n  ".join(no_act))
    missing = sitedata.carrier_pages_missing(data, Path(config.docs_dir))
    if missing:
        raise PluginError("Missing carrier pages:\n  " + "\n  ".join(missing))
    _state["data"] = data
    add_carriers_to_nav(config.nav, data)
    return config


def add_carriers_to_nav(nav, data: sitedata.SiteData) -> None:
    """List every carrier page in the nav section that holds carriers/index.md,
    in data file order, so adding a carrier needs no nav edit."""
    def walk(items):
        for item in items or []:
            children = next(iter(item.values())) if isinstance(item, dict) else None
            if isinstance(children, list):
                if "carriers/index.md" in children:
                    return children
                found = walk(children)
                if found is not None:
                    return found
        return None

    section = walk(nav)
    if section is None:
        raise PluginError("mkdocs.yml: the nav needs a section containing carriers/index.md")
    pages = [f"carriers/{cid}.md" for cid in data.carriers]
    rest = [p for p in section if p not in pages]
    at = rest.index("carriers/index.md") + 1
    section[:] = rest[:at] + pages + rest[at:]


def _carrier_url(cid: str, lang: str) -> str:
    return f"carriers/{cid}/" if lang == "zh" else f"{lang}/carriers/{cid}/"


def carrier_groups(carrier: dict) -> list[list[str]]:
    """The source ids behind each fact and contact of a carrier (its card's check dates)."""
    entries = [e for es in carrier["facts"].values() for e in es] + carrier["contacts"]
    if carrier.get("network"):
        entries.append(carrier["network"])
    return [e["sources"] or e.get("searched", []) for e in entries]


def report_url(base: str | None, page_url: str, site_url: str | None, fact: str | None = None) -> str | None:
    """The correction form, with the page (and fact) filled in through the URL's query."""
    if not base:
        return None
    from urllib.parse import quote
    page = (site_url or "/").rstrip("/") + "/" + page_url
    url = f"{base.rstrip('/')}/issues/new?template=correction.yml&page={quote(page, safe='')}"
    return url + (f"&fact={quote(fact, safe='')}" if fact else "")


def expand(markdown: str, src: str, lang: str, page_url: str, data: sitedata.SiteData,
           report: str | None = None) -> str:
    """Replace every shortcode in one page's Markdown. `src` names the file in errors.
    `report` is the correction-form URL for the page's "Spotted a mistake?" link."""
    sources = render.SourceList(data, lang)
    used_cards = []
    groups: list[list[str]] = []

    def need(kind: str, ident: str | None, table: dict) -> str:
        if not ident:
            raise PluginError(f"{src}: shortcode '{kind}' needs an id")
        if ident not in table:
            raise PluginError(f"{src}: unknown {kind.split('-')[0]} id '{ident}' in shortcode '{kind}' "
                              f"(known: {', '.join(sorted(table))})")
        return ident

    def replace(match: re.Match) -> str:
        name, args = match.group(1), match.group(2).split()
        arg = args[0] if args else None
        if name == "fact":
            fid = need("fact", arg, data.facts)
            problem = sitedata.carrier_fact_misuse(data, src, fid)
            if problem:
                raise PluginError(problem)
            groups.append(data.fact_evidence(fid))
            return render.fact_inline(data, fid, lang, sources)
        if name == "carrier-card":
            cid = need("carrier-card", arg, data.carriers)
            used_cards.append(cid)
            groups.extend(carrier_groups(data.carriers[cid]))
            card = render.carrier_card(data, cid, lang)
            if report:  # the card's own report link names the card, so the form says which facts
                href = escape(f"{report}&fact={cid}.card")
                card += f'\n<p class="facts-card__report"><a href="{href}" rel="noopener">{render.UI[lang]["report"]}</a></p>'
            return "\n\n" + card + "\n\n"
        if name == "carrier-table":
            link = lambda cid: get_relative_url(_carrier_url(cid, lang), page_url)  # noqa: E731
            for carrier in data.carriers.values():
                groups.extend(carrier_groups(carrier))
            return "\n\n" + render.carrier_table(data, lang, sources, link) + "\n\n"
        if name == "carrier-link":
            cid = need("carrier-link", arg, data.carriers)
            href = get_relative_url(_carrier_url(cid, lang), page_url)
            return f'<a href="{href}">{render.carrier_name(data.carriers[cid], lang)}</a>'
        if name == "sources":
            return "\x00SOURCES\x00"
        raise PluginError(f"{src}: unknown shortcode 'md:{name}' "
                          "(known: fact, carrier-card, carrier-table, carrier-link, sources)")

    out = SHORTCODE_RE.sub(replace, markdown)
    stem = Path(src).name.split(".")[0]
    if Path(src).parent.name == "carriers" and stem in data.carriers and stem not in used_cards:
        raise PluginError(f"{src}: a carrier page must show its facts card: add <!-- md:carrier-card {stem} -->")
    listing = sources.html()
    footer = render.page_footer(data, lang, groups, report)
    if "\x00SOURCES\x00" in out:
        return out.replace("\x00SOURCES\x00", listing) + footer
    return out + listing + footer


def on_page_markdown(markdown, page, config, files, **_):
    parts = page.file.src_uri.split("/")
    cid = parts[1].split(".")[0] if len(parts) == 2 and parts[0] == "carriers" else None
    if cid in _state["data"].carriers:
        # Readers search for carrier names: index every alias as a search tag
        # (Material weights tags far above text), so the carrier's own page comes first.
        carrier = _state["data"].carriers[cid]
        page.meta["tags"] = list(dict.fromkeys([*carrier["names"].values(), *carrier["aliases"]]))
    report = report_url(config.extra.get("report_repo"), page.url, config.site_url)
    return expand(markdown, f"docs/{page.file.src_uri}", page_lang(page, config), page.url, _state["data"],
                  report)
