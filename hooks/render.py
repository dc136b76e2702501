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
            "official": "运营商、政府机关（含俄罗斯使领馆）、法律数据库或手机厂商的官方页面",
            "news": "正规媒体报道，运营商未在官方页面确认",
            "secondary": "只见于二手资料，运营商未确认：办理前请先核实",
            "unknown": "我们没有找到可靠来源：请直接问运营商",
        },
        "source": "来源",
        "checked": "核实于",
        "card_title": "{name}{sp}速查",
        "card_legend": "“未证实”：只见于二手资料，办理前先向运营商核实。",
        "fields": {
            "abroad": "人不在俄罗斯，能注销吗？",
            "in_person": "本人去营业厅要带什么？",
            "proxy": "委托别人办理",
            "remote": "App、电话和网上渠道",
            "debt": "欠费",
            "refund": "余额能退吗？",
            "inactivity": "什么都不做会怎样？",
            "voluntary_block": "自愿停机（停机保号）",
            "esim": "eSIM",
            "foreigners": "外国人",
            "network": "用谁的网络",
            "contacts": "打给谁",
            "urls": "官方网站",
        },
        "contact": {"short": "短号（用 {name} 的卡拨打）", "tollfree": "免费热线（在俄罗斯境内拨打）",
                    "abroad": "在俄罗斯境外拨打", "chat": "在线客服"},
        "sources_title": "本页信息来源",
        "sources_intro": "“核实于”是我们查阅该来源的日期。可信度：",
        "table_carrier": "运营商",
        "table_all": "所有运营商（法律规定）",
        "table_see_all": "只有第一行的通用规定",
        "no_contacts": "没有找到可靠的电话号码：请看运营商官网",
        "table_caption": "各运营商注销要点对比（点击运营商名称查看详情和全部来源）",
        "kind": {"official": "官方", "news": "媒体", "secondary": "二手资料", "content-farm": "为搜索流量写的网页"},
        "published": "发表于",
        "side_dated": "{date}的报道说",
        "side_undated": "另一来源说",
        "searched_intro": "我们查过下面这些网页，但它们没有回答标为“未找到来源”的问题：",
        "acts_intro": "本页提到的法定日期、年龄和数量上限出自：",
        # the legend only (not every badge's title): an act's own text is official wherever we read it
        "legend_extra": {"official": "，或者法律、政府令和法院判决的原文（有的是在转载的副本里读的，来源里写明了出处和版本）"},
        "page_checked": "本页信息核实于 {date}",
        "page_checked_range": "本页信息核实于 {old}至 {new}",
        "report": "发现错误？",
    },
    "en": {
        "conf": {"official": "Official", "news": "News report", "secondary": "Unconfirmed", "unknown": "No source found"},
        "conf_long": {
            "official": "a page published by the operator, a government body (including Russian consulates), a law database or the phone maker",
            "news": "reported by established media, not confirmed on an official page",
            "secondary": "reported by secondary sources only, not confirmed by the operator: check before you rely on it",
            "unknown": "we found no reliable source: ask the operator",
        },
        "source": "Source",
        "checked": "checked",
        "card_title": "{name}{sp}at a glance",
        "card_legend": "“Unconfirmed”: found in secondary sources only. Check with the operator before you act.",
        "fields": {
            "abroad": "Can I cancel from outside Russia?",
            "in_person": "Going yourself: what to bring",
            "proxy": "Someone acting for you",
            "remote": "App, phone and online routes",
            "debt": "Debt",
            "refund": "Can I get my balance back?",
            "inactivity": "What happens if I do nothing?",
            "voluntary_block": "Voluntary block (pausing the number)",
            "esim": "eSIM",
            "foreigners": "Foreign customers",
            "network": "Whose network",
            "contacts": "Whom to call",
            "urls": "Official pages",
        },
        "contact": {"short": "Short number (from this carrier's SIM)", "tollfree": "Free hotline (from inside Russia)",
                    "abroad": "From outside Russia", "chat": "Online chat"},
        "sources_title": "Sources for this page",
        "sources_intro": "“Checked” is the date we looked at the source. Confidence:",
        "table_carrier": "Carrier",
        "table_all": "All carriers (the law)",
        "table_see_all": "Only the general rule in the first row",
        "no_contacts": "No reliable phone number found: see the operator's website",
        "table_caption": "Cancelling with each carrier, side by side (open a carrier for details and all sources)",
        "kind": {"official": "official", "news": "news", "secondary": "secondary", "content-farm": "page written for search traffic"},
        "published": "published",
        "side_dated": "a report of {date} says ",
        "side_undated": "another source says ",
        "searched_intro": "We read these pages, but they did not answer the questions marked “No source found”:",
        "acts_intro": "The legal dates, ages and limits on this page come from ",
        "legend_extra": {"official": ", or the text of a law, decree or court ruling (sometimes read in a copy; the source says where, and which edition)"},
        "page_checked": "Facts on this page checked on {date}",
        "page_checked_range": "Facts on this page checked between {old} and {new}",
        "report": "Spotted a mistake?",
    },
}

# Columns of the comparison table, in order.
TABLE_FIELDS = ("abroad", "proxy", "refund", "inactivity", "contacts")


class DeferredRefs:
    """Stands in for a page's SourceList when a hook renders facts before shortcodes.py runs
    (hooks/plan.py): it leaves a mark that shortcodes.expand() numbers in the page's list."""

    def refs_html(self, source_ids: list[str]) -> str:
        return f"\x00REFS:{','.join(source_ids)}\x00" if source_ids else ""


class SourceList:
    """Numbered sources cited on one page, in order of first use."""

    def __init__(self, data: sitedata.SiteData, lang: str):
        self.data, self.lang, self.order, self.searched, self.acts = data, lang, [], [], []

    def note_act(self, fact: sitedata.Fact) -> None:
        """A value read inside a sentence (`act_in: sources`): its act is named in the source list."""
        if fact.act and fact.act_in == "sources" and fact.act not in self.acts:
            self.acts.append(fact.act)

    def note_searched(self, source_ids: list[str]) -> None:
        """Pages we read for an `unknown` fact: listed apart, never as a numbered source."""
        self.searched += [s for s in source_ids if s not in self.searched]

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
        searched = [s for s in self.searched if s not in self.order]
        if not self.order and not searched:
            return ""
        ui = UI[self.lang]
        legend = "；".join if self.lang == "zh" else "; ".join
        conf = legend(f"{ui['conf'][c]}＝{ui['conf_long'][c]}{ui['legend_extra'].get(c, '')}" if self.lang == "zh"
                      else f"{ui['conf'][c]} = {ui['conf_long'][c]}{ui['legend_extra'].get(c, '')}"
                      for c in reversed(sitedata.CONFIDENCE))
        items = "".join(f'<li id="src-{n}">{source_html(self.data, sid, self.lang)}</li>'
                        for n, sid in enumerate(self.order, 1))
        looked = ""
        if searched:
            links = "".join(f"<li>{source_html(self.data, sid, self.lang)}</li>" for sid in searched)
            looked = f'<p class="sources-searched">{escape(ui["searched_intro"])}</p>\n<ul class="sources-list">{links}</ul>\n'
        acts = ""
        if self.acts:
            sep, end = ("；", "。") if self.lang == "zh" else ("; ", ".")
            names = sep.join(escape(self.data.facts[a].text[self.lang]) for a in self.acts)
            acts = f'<p class="sources-acts">{escape(ui["acts_intro"])}{names}{end}</p>\n\n'
        return (f'\n\n<h2 id="sources">{escape(ui["sources_title"])}</h2>\n\n'
                f'<p class="sources-intro">{escape(ui["sources_intro"])}{"" if self.lang == "zh" else " "}{escape(conf)}</p>\n\n'
                + acts + (f'<ol class="sources-list">{items}</ol>\n' if items else "") + looked)


def date_text(iso: str, lang: str) -> str:
    """2026-11-24 as readers write it: 2026 年 11 月 24 日 / 24 November 2026.
    A partial date (2025-01, 2016) keeps only what is known."""
    parts = [int(p) for p in iso.split("-")]
    if lang == "zh":
        return " ".join(f"{n} {u}" for n, u in zip(parts, ("年", "月", "日")))
    months = ("January", "February", "March", "April", "May", "June", "July", "August",
              "September", "October", "November", "December")
    if len(parts) == 1:
        return str(parts[0])
    if len(parts) == 2:
        return f"{months[parts[1] - 1]} {parts[0]}"
    return f"{parts[2]} {months[parts[1] - 1]} {parts[0]}"


def source_html(data: sitedata.SiteData, sid: str, lang: str) -> str:
    src = data.sources[sid]
    ui = UI[lang]
    zh = lang == "zh"
    colon, comma, lp, rp = ("：", "，", "（", "）") if zh else (": ", ", ", " (", ")")
    title = f"{colon}{escape(src['title'][lang])}" if src.get("title") else ""
    kind = ui["kind"]["content-farm" if src.get("quality") == "content-farm" else src["kind"]]
    # the publication date has its own element, so .src-checked holds only the checked date
    published = (f'<span class="src-published">{escape(ui["published"])} <time datetime="{src["published"]}">'
                 f'{date_text(src["published"], lang)}</time></span>{comma}' if src.get("published") else "")
    return (f'<a href="{escape(src["url"])}" rel="noopener noreferrer">{escape(src["publisher"][lang])}{title}</a>'
            f'<span class="src-kind">{lp}{escape(kind)}{rp}</span>{"" if zh else ", "}'
            f'{published}<span class="src-checked">{escape(ui["checked"])} '
            f'<time datetime="{src["checked"]}">{date_text(src["checked"], lang)}</time></span>')


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


def sides_html(data: sitedata.SiteData, fact: sitedata.Fact, lang: str, sources: SourceList) -> str:
    """'：2026 年 3 月 5 日的报道说……[1]；2016 年 3 月 23 日的报道说……[2]': each view with
    the date of its newest source, so neither is picked silently."""
    if not fact.sides:
        return ""
    ui = UI[lang]
    parts = []
    for side in fact.sides:
        dates = [data.sources[s].get("published") for s in side["sources"]]
        dates = [d for d in dates if d]
        when = ui["side_dated"].format(date=date_text(max(dates), lang)) if dates else ui["side_undated"]
        text = side["text"][lang]
        # zh: a space between the Chinese lead-in and a text that starts with a digit or Latin letter
        gap = " " if lang == "zh" and text[:1].isascii() and text[:1].isalnum() else ""
        parts.append(f'{escape(when)}{gap}{escape(text)}{sources.refs_html(side["sources"])}')
    sep, colon = ("；", "：") if lang == "zh" else ("; ", ": ")
    return colon + sep.join(parts)


def fact_inline(data: sitedata.SiteData, fact_id: str, lang: str, sources: SourceList,
                capital: bool = False) -> str:
    """One fact inline; `capital`: it starts a sentence, so its first letter is a capital."""
    fact = data.facts[fact_id]
    text = fact.text[lang]
    if capital:
        text = text[:1].upper() + text[1:]
    conf = "" if fact.confidence in ("official", "news") else " " + badge(fact.confidence, lang)
    sources.note_searched(fact.searched)
    sources.note_act(fact)
    return (f'<span class="fact" data-fact="{escape(fact_id)}" data-confidence="{fact.confidence}">'
            f'{escape(text)}{act_html(data, fact, lang)}{sides_html(data, fact, lang, sources)}{conf}'
            f'{sources.refs_html(fact.sources)}</span>')


def act_html(data: sitedata.SiteData, fact: sitedata.Fact, lang: str) -> str:
    """A legal statement names its act: '（第 59 号政府令）' unless its text already does, or
    it is a value inside a sentence (`act_in: sources`: the page's source list names the act)."""
    if not fact.act or fact.act_in == "sources":
        return ""
    short = data.facts[fact.act].value[lang]
    if short in fact.text[lang]:
        return ""
    return f"（{escape(short)}）" if lang == "zh" else f" ({escape(short)})"


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
        # zh names the carrier ("用 MTS 的卡拨打"); the brand is the name before its bracket
        label = ui["contact"][c["kind"]].format(name=carrier["names"][lang].split("（")[0].split(" (")[0].strip())
        note = f' <span class="contact-note">{escape(c["note"][lang])}</span>' if c["note"] else ""
        href = c["number"] if c["kind"] == "chat" else tel_href(c["number"])
        text = escape(c["number"])
        refs = sources.refs_html(c["sources"]) if sources else ""
        src = "" if sources else (f'<br>{sources_inline(data, c["sources"], lang)}' if c["sources"] else "")
        items.append(f'<li class="fact" data-confidence="{c["confidence"]}">{badge(c["confidence"], lang)} '
                     f'<span class="contact-kind">{escape(label)}</span>{"：" if lang == "zh" else ": "}'
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
    name = carrier_name(carrier, lang)
    sp = "" if lang == "zh" and name.endswith("）") else " "
    title = escape(ui["card_title"].format(name=name, sp=sp))
    # the legend explains "Unconfirmed": show it only on a card that has such an entry
    shown = [e for entries in carrier["facts"].values() for e in entries] + carrier["contacts"]
    if carrier.get("network"):
        shown.append(carrier["network"])
    legend = (f'<p class="facts-card__legend">{escape(ui["card_legend"])}</p>\n'
              if any(e["confidence"] == "secondary" for e in shown) else "")
    return (f'<section class="facts-card" data-carrier="{cid}" aria-label="{title}">\n'
            f'<dl>{"".join(rows)}</dl>\n'
            f'{legend}</section>')


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


def page_footer(data: sitedata.SiteData, lang: str, groups, report_url: str | None) -> str:
    """'本页信息核实于 2026 年 11 月 24 日 · 发现错误？': when this page's facts were last
    checked, and a plain link (nothing loads before a click) to the correction form."""
    ui = UI[lang]
    span = data.checked_range(groups)
    parts = []
    if span:
        old, new = (date_text(d, lang) for d in span)
        parts.append(escape(ui["page_checked"].format(date=new) if old == new
                            else ui["page_checked_range"].format(old=old, new=new)))
    if report_url:
        parts.append(f'<a href="{escape(report_url)}" rel="noopener">{escape(ui["report"])}</a>')
    return f'\n\n<p class="page-meta">{" · ".join(parts)}</p>\n' if parts else ""
