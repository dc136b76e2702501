"""Shortcodes: <!-- md:NAME ARGS --> comments replaced with rendered facts.

Like Material's own docs hooks, the comments stay invisible in raw Markdown
and an unknown shortcode, fact id or carrier id fails the build, naming the
page. The data is loaded and validated once per language build.

    <!-- md:fact law.inactivity-floor -->    one fact, inline, with a source reference
    <!-- md:carrier-card mts -->            the facts card of a carrier page
    <!-- md:carrier-table -->               all carriers side by side
    <!-- md:carrier-link mts -->            a link to a carrier page, in the page's language
    <!-- md:sources -->                     where the page's source list goes (default: the end)

Before any page is built, every page is checked (check_pages, run by
hooks/translations.py's on_config, the first hook, so a typo is named before the
parity check trips over it): a typo fails the build with the file, the line,
what was written and what was meant:

* a shortcode is written exactly `<!-- md:name id -->` (lower case, one space
  after `<!--` and before `-->`, no space after the colon, on one line).
  `<!-- md: fact x -->`, `<!-- MD:Fact x -->`, `<!--md:fact x-->`, an unclosed
  `<!-- md:fact x` and `md:fact` outside a comment all fail with the right form;
* any other HTML comment fails too: readers never see it, and an unclosed one
  silently hides the rest of the page. Write notes to editors in an issue.
* emoji shortcodes (`:smile:`, `:warning:`) fail: with the emoji extension they
  load images from a CDN, without it readers see the raw text. Code is exempt.
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
# ... and the marks render.DeferredRefs leaves for sources to number in the page's list
_TOKEN_RE = re.compile(SHORTCODE_RE.pattern + "|\x00REFS:([^\x00]*)\x00")
ARGS = {"fact": 1, "carrier-card": 1, "carrier-table": 0, "carrier-link": 1, "sources": 0}
_CANONICAL = re.compile(r"<!-- md:([a-z-]+)((?: [^\s>]+)*) -->")
_ATTEMPT = re.compile(r"\s*md\s*[:;.,]?\s*([A-Za-z-]*)(.*)", re.I | re.S)
_STRAY = re.compile(r"md\s*:\s*(" + "|".join(ARGS) + r")\b[^\n<>]*", re.I)
EMOJI_RE = re.compile(r"(?<![\w:/])(:(?:[a-z0-9_+-]*[a-z][a-z0-9_+-]*|[+-]1):)(?![\w/])")
_FENCE = re.compile(r"^\s*(```|~~~)")
_CODE_SPAN = re.compile(r"(`+).+?\1")
_URL = re.compile(r"[a-z][a-z0-9+.-]*://[^\s)\]>\"'<`]+", re.I)
_state: dict = {}


def _blank(m: re.Match) -> str:
    return re.sub(r"[^\n]", " ", m.group(0))


def _mask_code(text: str) -> str:
    """The text with code blocks and code spans blanked out, line numbers kept."""
    out, fenced = [], False
    for line in text.split("\n"):
        if _FENCE.match(line):
            fenced = not fenced
            out.append("")
        else:
            out.append("" if fenced else _CODE_SPAN.sub(_blank, line))
    return "\n".join(out)


def _written_as(name: str, args: list[str]) -> str:
    ids = [m.group(0) for m in (re.match(r"[\w.-]*\w", a) for a in args) if m]  # "law.x。" -> "law.x"
    return "<!-- md:" + " ".join([name.lower(), *ids]) + " -->"


def lint(text: str, src: str) -> list[str]:
    """Shortcode typos, other HTML comments and emoji shortcodes in one page file."""
    text = _mask_code(text)
    problems, spans, pos = [], [], 0
    line_of = lambda at: text.count("\n", 0, at) + 1  # noqa: E731
    while (start := text.find("<!--", pos)) >= 0:
        end = text.find("-->", start + 4)
        body = text[start + 4:end] if end >= 0 else text[start + 4:]
        where = f"{src}, line {line_of(start)}"
        first_line = body.split("\n")[0].split("<!--")[0].strip()
        attempt = _ATTEMPT.match(first_line)
        unclosed = end < 0 or "\n" in body or "<!--" in body
        if unclosed:
            end = start + 4 + len(text[start + 4:].split("\n")[0])
        written = text[start:end + 3].strip() if not unclosed else f"<!-- {first_line}"
        spans.append((start, end + 3))
        pos = start + 4
        if attempt and attempt.group(1):
            name, args = attempt.group(1), attempt.group(2).split()
            if name.lower() in ARGS:
                args = args[:ARGS[name.lower()]] if unclosed else args
                meant = _written_as(name, args)
                if unclosed:
                    problems.append(f"{where}: shortcode '{written[:60]}' is not closed (it hides the text after it): "
                                    f"write {meant}")
                elif not _CANONICAL.fullmatch(written):
                    problems.append(f"{where}: malformed shortcode '{written}': write {meant}")
                elif len(args) > ARGS[name]:
                    problems.append(f"{where}: shortcode '{written}' takes "
                                    f"{'one id' if ARGS[name] else 'no arguments'}: "
                                    f"write {_written_as(name, args[:ARGS[name]])}")
                continue
            if _CANONICAL.fullmatch(written):
                continue  # an unknown name: expand() names it with the list of known ones
            problems.append(f"{where}: '{written[:60]}' is not a shortcode "
                            f"(known: {', '.join(ARGS)}; written like <!-- md:fact law.x -->)")
            continue
        problems.append(f"{where}: HTML comment '{written[:60]}' is not allowed in a page: readers never see it "
                        "and an unclosed one hides the text after it (the only comments are shortcodes, "
                        "like <!-- md:fact law.x -->; put notes for editors in an issue)")
    rest = list(text)
    for a, b in spans:
        rest[a:b] = " " * (b - a)
    rest = "".join(rest)
    for m in _STRAY.finditer(rest):
        shown = m.group(0).rstrip(" ->")
        args = shown.split(":", 1)[1].split()
        problems.append(f"{src}, line {line_of(m.start())}: '{shown[:60]}' looks like a broken "
                        f"shortcode: write {_written_as(args[0], args[1:ARGS[args[0].lower()] + 1])}")
    rest = _URL.sub(_blank, rest)
    for m in EMOJI_RE.finditer(rest):
        problems.append(f"{src}, line {line_of(m.start())}: emoji shortcode '{m.group(1)}' (this site uses no "
                        "emoji shortcodes: they load images from a CDN or show as raw text; use words, "
                        "or an admonition such as !!! warning)")
    return problems


def check_pages(docs_dir: Path) -> list[str]:
    docs_dir = Path(docs_dir)
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        problems += lint(path.read_text(encoding="utf-8"), f"docs/{path.relative_to(docs_dir).as_posix()}")
    return problems


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


# What ends a sentence (a full stop, maybe inside closing marks or tags), and what
# opens a block (a list item, table cell, quote, heading, admonition or block tag).
_SENTENCE_END = re.compile(r"[.!?…](?:[*_)\]»”\"’]|</[a-z]+>)*\s*$")
_BLOCK_OPEN = re.compile(r"(?:^|\n)[ \t]*(?:(?:[-*+]|\d+[.)])[ \t]+|>[ \t]*|#+[ \t]+)*$|\|[ \t]*$"
                         r"|<(?:p|li|td|th|div|dd)(?:\s[^>]*)?>\s*$")
_ADMONITION = re.compile(r"(?:^|\n)[ \t]*(?:!!!|\?\?\?\+?)[^\n]*\n\s*$")


def starts_sentence(before: str) -> bool:
    """True when the Markdown before a shortcode ends a sentence or is empty, so an English
    fact dropped in there starts a sentence and takes a capital letter."""
    line_start = before.rsplit("\n", 1)[-1].strip() == ""
    if not before.strip() or _SENTENCE_END.search(before) or _ADMONITION.search(before):
        return True
    if line_start:  # a new line: a new block, unless it continues a paragraph's sentence
        prev = before.rstrip(" \t")
        return prev.endswith("\n\n") or not prev.strip() or bool(_SENTENCE_END.search(prev))
    return bool(_BLOCK_OPEN.search(before))


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
        if match.group(3) is not None:  # a DEFERRED_REFS mark
            ids = match.group(3).split(",")
            groups.append(ids)
            return sources.refs_html(ids)
        name, args = match.group(1), match.group(2).split()
        arg = args[0] if args else None
        if name == "fact":
            fid = need("fact", arg, data.facts)
            problem = sitedata.carrier_fact_misuse(data, src, fid)
            if problem:
                raise PluginError(problem)
            groups.append(data.fact_evidence(fid))
            cap = lang == "en" and starts_sentence(match.string[:match.start()])
            return render.fact_inline(data, fid, lang, sources, capital=cap)
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

    out = _TOKEN_RE.sub(replace, markdown)
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
