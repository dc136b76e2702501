"""Render facts, carrier cards and the comparison table as HTML.

Pure functions over sitedata.SiteData; the shortcodes hook calls them. Every
fact is shown with its confidence and a link to its source with the date it
was checked, either right beside it (cards) or as a numbered reference to the
page's source list (inline facts, the comparison table).
"""
from __future__ import annotations

from html import escape

import sitedata

UI = {
    "zh": {
        "conf": {"official": "官方", "news": "媒体报道", "secondary": "未证实", "unknown": "未找到来源"},
        "conf_long": {
            "official": "运营商或政府的官方页面",
            "news": "正规媒体报道，运营商未在官方页面确认",
            "secondary": "只见于二手资料，运营商未确认：办理前请先核实",
            "unknown": "我们没有找到可靠来源：请直接问运营商",
        },
        "source": "来源",
        "checked": "核实于",
        "card_title": "{name} 速查",
        "card_legend": "每条信息后面都注明了可信度、来源和核实日期。“未证实”的内容只见于二手资料，办理前请向运营商确认。",
        "fields": {
            "abroad": "人在国外能注销吗？",
            "in_person": "本人去营业厅要带什么？",
            "proxy": "委托别人办理",
            "remote": "App、电话、在线渠道",
            "debt": "欠费",
            "refund": "余额能退吗？",
            "inactivity": "什么都不做会怎样？",
            "voluntary_block": "自愿停机（暂停号码）",
            "esim": "eSIM",
            "foreigners": "外国人",
            "network": "网络",
            "contacts": "打给谁",
            "urls": "官方网站",
        },
        "contact": {"short": "短号（用本运营商的卡拨打）", "tollfree": "免费热线（在俄罗斯境内拨打）",
                    "abroad": "在国外拨打", "chat": "在线客服"},
        "sources_title": "本页信息来源",
        "sources_intro": "“核实于”是我们查阅该来源的日期。可信度：",
        "table_carrier": "运营商",
        "table_all": "所有运营商（法律规定）",
        "table_see_all": "只有第一行的通用规定",
        "no_contacts": "没有找到可靠的电话号码：请看运营商官网",
        "table_caption": "各运营商注销要点对比（点击运营商名称查看详情和全部来源）",
        "kind": {"official": "官方", "news": "媒体", "secondary": "二手资料"},
    },
    "en": {
        "conf": {"official": "Official", "news": "News report", "secondary": "Unconfirmed", "unknown": "No source found"},
        "conf_long": {
            "official": "the operator's or a government body's own page",
            "news": "reported by established media, not confirmed on an official page",
            "secondary": "reported by secondary sources only, not confirmed by the operator: check before you rely on it",
            "unknown": "we found no reliable source: ask the operator",
        },
        "source": "Source",
        "checked": "checked",
        "card_title": "{name} at a glance",
        "card_legend": "Each item shows how sure we are, its source and the date we checked it. “Unconfirmed” items come from secondary sources only: check them with the operator before you act.",
        "fields": {
            "abroad": "Can I cancel from abroad?",
            "in_person": "Going yourself: what to bring",
            "proxy": "Someone acting for you",
            "remote": "App, phone and online routes",
            "debt": "Debt",
            "refund": "Can I get my balance back?",
            "inactivity": "What happens if I do nothing?",
            "voluntary_block": "Voluntary block (pausing the number)",
            "esim": "eSIM",
            "foreigners": "Foreign customers",
            "network": "Network",
            "contacts": "Whom to call",
            "urls": "Official pages",
        },
        "contact": {"short": "Short number (from this carrier's SIM)", "tollfree": "Free hotline (from inside Russia)",
                    "abroad": "From abroad", "chat": "Online chat"},
        "sources_title": "Sources for this page",
        "sources_intro": "“Checked” is the date we looked at the source. Confidence:",
        "table_carrier": "Carrier",
        "table_all": "All carriers (the law)",
        "table_see_all": "Only the general rule in the first row",
        "no_contacts": "No reliable phone number found: see the operator's website",
        "table_caption": "Cancelling with each carrier, side by side (open a carrier for details and all sources)",
        "kind": {"official": "official", "news": "news", "secondary": "secondary"},
    },
}

# Columns of the comparison table, in order.
TABLE_FIELDS = ("abroad", "proxy", "refund", "inactivity", "contacts")


class SourceList:
    """Numbered sources cited on one page, in order of first use."""

    def __init__(self, data: sitedata.SiteData, lang: str):
        self.data, self.lang, self.order = data, lang, []

    def ref(self, source_id: str) -> int:
        if source_id not in self.order:
            self.order.append(source_id)
        return self.order.index(source_id) + 1

    def refs_html(self, source_ids: list[str]) -> str:
        links = "".join(
            f'<a href="#src-{n}" class="fact-ref">[{n}]</a>' for n in (self.ref(s) for s in source_ids)
        )
        return f"<sup>{links}</sup>" if links else ""

    def html(self) -> str:
        if not self.order:
            return ""
        ui = UI[self.lang]
        legend = "；".join if self.lang == "zh" else "; ".join
        conf = legend(f"{ui['conf'][c]}＝{ui['conf_long'][c]}" if self.lang == "zh"
                      else f"{ui['conf'][c]} = {ui['conf_long'][c]}" for c in reversed(sitedata.CONFIDENCE))
        items = "".join(f'<li id="src-{n}">{source_html(self.data, sid, self.lang)}</li>'
                        for n, sid in enumerate(self.order, 1))
        return (f'\n\n<h2 id="sources">{escape(ui["sources_title"])}</h2>\n\n'
                f'<p class="sources-intro">{escape(ui["sources_intro"])} {escape(conf)}</p>\n\n'
                f'<ol class="sources-list">{items}</ol>\n')


def source_html(data: sitedata.SiteData, sid: str, lang: str) -> str:
    src = data.sources[sid]
    ui = UI[lang]
    title = f": {escape(src['title'])}" if src.get("title") else ""
    return (f'<a href="{escape(src["url"])}" rel="noopener noreferrer">{escape(src["publisher"])}{title}</a> '
            f'<span class="src-kind">({escape(ui["kind"][src["kind"]])})</span>, '
            f'<span class="src-checked">{escape(ui["checked"])} <time datetime="{src["checked"]}">{src["checked"]}</time></span>')


def badge(confidence: str, lang: str) -> str:
    ui = UI[lang]
    return (f'<span class="conf conf--{confidence}" title="{escape(ui["conf_long"][confidence])}">'
            f'{escape(ui["conf"][confidence])}</span>')


def sources_inline(data: sitedata.SiteData, source_ids: list[str], lang: str) -> str:
    """'Source: <a>RBC</a> (news), checked 2026-11-24' beside a fact."""
    if not source_ids:
        return ""
    ui = UI[lang]
    parts = ("；" if lang == "zh" else "; ").join(source_html(data, s, lang) for s in source_ids)
    sep = "：" if lang == "zh" else ": "
    return f'<span class="src">{escape(ui["source"])}{sep}{parts}</span>'


def fact_inline(data: sitedata.SiteData, fact_id: str, lang: str, sources: SourceList) -> str:
    fact = data.facts[fact_id]
    conf = "" if fact.confidence in ("official", "news") else " " + badge(fact.confidence, lang)
    return (f'<span class="fact" data-fact="{escape(fact_id)}" data-confidence="{fact.confidence}">'
            f'{escape(fact.text[lang])}{conf}{sources.refs_html(fact.sources)}</span>')


def _fact_block(data, entry: dict, lang: str, sources: SourceList | None) -> str:
    """One fact in a card (source inline) or the table (numbered reference)."""
    refs = sources.refs_html(entry["sources"]) if sources else ""
    body = (f'<p class="fact" data-confidence="{entry["confidence"]}">{badge(entry["confidence"], lang)} '
            f'{escape(entry["text"][lang])}{refs}</p>')
    if sources is None and entry["sources"]:
        body += f'<p class="fact-src">{sources_inline(data, entry["sources"], lang)}</p>'
    return body


def tel_href(number: str) -> str:
    digits = "".join(ch for ch in number if ch.isdigit() or ch == "+")
    if digits.startswith("8") and len(digits) == 11:
        digits = "+7" + digits[1:]
    return "tel:" + digits


def contacts_html(data, carrier: dict, lang: str, sources: SourceList | None) -> str:
    ui = UI[lang]
    if not carrier["contacts"]:
        return f'<p class="fact" data-confidence="unknown">{badge("unknown", lang)} {escape(ui["no_contacts"])}</p>'
    items = []
    for c in carrier["contacts"]:
        label = ui["contact"][c["kind"]]
        note = f' <span class="contact-note">{escape(c["note"][lang])}</span>' if c["note"] else ""
        href = c["number"] if c["kind"] == "chat" else tel_href(c["number"])
        text = escape(c["number"])
        refs = sources.refs_html(c["sources"]) if sources else ""
        src = "" if sources else (f'<br>{sources_inline(data, c["sources"], lang)}' if c["sources"] else "")
        items.append(f'<li class="fact" data-confidence="{c["confidence"]}">{badge(c["confidence"], lang)} '
                     f'<span class="contact-kind">{escape(label)}</span>: '
                     f'<a class="phone" href="{escape(href)}">{text}</a>{note}{refs}{src}</li>')
    return f'<ul class="contacts">{"".join(items)}</ul>'


def carrier_name(carrier: dict, lang: str) -> str:
    return carrier["names"][lang]


def carrier_card(data: sitedata.SiteData, cid: str, lang: str) -> str:
    carrier = data.carriers[cid]
    ui = UI[lang]
    rows = []
    order = list(sitedata.CARRIER_FACT_FIELDS)
    for key in order:
        entries = carrier["facts"].get(key)
        if not entries:
            continue
        blocks = "".join(_fact_block(data, e, lang, None) for e in entries)
        rows.append(f'<div class="facts-card__row" data-field="{key}"><dt>{escape(ui["fields"][key])}</dt>'
                    f'<dd>{blocks}</dd></div>')
        if key == "inactivity":
            # the phone numbers belong in the first screen, right after the basics
            rows.append(f'<div class="facts-card__row" data-field="contacts"><dt>{escape(ui["fields"]["contacts"])}</dt>'
                        f'<dd>{contacts_html(data, carrier, lang, None)}</dd></div>')
    if carrier.get("network"):
        rows.append(f'<div class="facts-card__row" data-field="network"><dt>{escape(ui["fields"]["network"])}</dt>'
                    f'<dd>{_fact_block(data, carrier["network"], lang, None)}</dd></div>')
    links = "".join(f'<li><a href="{escape(u["url"])}" rel="noopener noreferrer">{escape(u["text"][lang])}</a></li>'
                    for u in carrier["urls"])
    rows.append(f'<div class="facts-card__row" data-field="urls"><dt>{escape(ui["fields"]["urls"])}</dt>'
                f'<dd><ul>{links}</ul></dd></div>')
    # The card sits under its own "At a glance" heading: its name is for screen readers only,
    # with no space after a full-width bracket ("MTS（МТС）速查").
    title = escape(ui["card_title"].format(name=carrier_name(carrier, lang)).replace("） ", "）"))
    return (f'<section class="facts-card" data-carrier="{cid}" aria-label="{title}">\n'
            f'<dl>{"".join(rows)}</dl>\n'
            f'<p class="facts-card__legend">{escape(ui["card_legend"])}</p>\n</section>')


def common_entries(data: sitedata.SiteData, field: str) -> list[dict]:
    """Entries every carrier shares for a field (the law), shown once in the table."""
    lists = [c["facts"].get(field, []) for c in data.carriers.values()]
    if len(lists) < 2 or not all(lists):
        return []
    return [e for e in lists[0] if all(e in other for other in lists[1:])]


def carrier_table(data: sitedata.SiteData, lang: str, sources: SourceList, link) -> str:
    """The comparison table. `link(cid)` returns the page URL of a carrier.

    Facts that every carrier shares (the law) go in one first row instead of
    being repeated in every row.
    """
    ui = UI[lang]
    head = "".join(f'<th scope="col">{escape(ui["fields"][f])}</th>' for f in TABLE_FIELDS)
    common = {f: common_entries(data, f) for f in TABLE_FIELDS if f != "contacts"}
    body = []
    if any(common.values()):
        cells = "".join(
            f'<td data-label="{escape(ui["fields"][f])}">'
            f'{"".join(_fact_block(data, e, lang, sources) for e in common.get(f, []))}</td>'
            for f in TABLE_FIELDS)
        body.append(f'<tr class="carrier-table__common"><th scope="row">{escape(ui["table_all"])}</th>{cells}</tr>')
    for cid, carrier in data.carriers.items():
        cells = []
        for f in TABLE_FIELDS:
            if f == "contacts":
                inner = contacts_html(data, carrier, lang, sources)
            else:
                own = [e for e in carrier["facts"].get(f, []) if e not in common.get(f, [])]
                inner = ("".join(_fact_block(data, e, lang, sources) for e in own)
                         or (f'<p class="table-see-all">{escape(ui["table_see_all"])}</p>' if common.get(f) else ""))
            cells.append(f'<td data-label="{escape(ui["fields"][f])}">{inner}</td>')
        name = escape(carrier_name(carrier, lang))
        body.append(f'<tr data-carrier="{cid}"><th scope="row"><a href="{escape(link(cid))}">{name}</a></th>'
                    f'{"".join(cells)}</tr>')
    return (f'<div class="carrier-table"><table>\n<caption>{escape(ui["table_caption"])}</caption>\n'
            f'<thead><tr><th scope="col">{escape(ui["table_carrier"])}</th>{head}</tr></thead>\n'
            f'<tbody>{"".join(body)}</tbody>\n</table></div>')
