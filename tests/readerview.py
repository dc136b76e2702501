"""What a reader sees of the rendered facts, compared with data/ (not with the markup's own attributes).

Used by tests/unit/test_render.py (render.py on fixture data) and
tests/site/test_rendered_facts.py (the built site on the real data), so both
check the same things:

* every fact's badge text is the label of that fact's confidence in data;
* every fact's text is that fact's text in the page's language (an inline legal fact
  followed by the act's short name that render.act_html adds);
* a card shows the "Unconfirmed" legend exactly when it holds an unconfirmed entry;
* every source line names the source's publisher and title in the page's language,
  shows its `checked` date as "checked", and its `published` date (only when data has
  one) in a separate "published" element;
* an English card or table shows no Chinese text.
"""
from __future__ import annotations

import re
import sys
from html import unescape
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "hooks"))
import render  # noqa: E402
import sitedata  # noqa: E402
from translations import CJK_RE  # noqa: E402

_FACT = re.compile(r'<(p|li|span) class="fact"([^>]*)>')
_BADGE = re.compile(r'<span class="conf conf--[\w-]+"[^>]*>(.*?)</span>')
_DATED = r'<span class="{cls}">([^<]*) <time datetime="([^"]*)">([^<]*)</time></span>'
# render.source_html as a reader sees it, with each language's punctuation:
# zh  <a>出版者：标题</a><span class="src-kind">（媒体）</span><span class="src-published">发表于 …</span>，<span class="src-checked">核实于 …</span>
# en  <a>Publisher: Title</a><span class="src-kind"> (news)</span>, <span class="src-published">published …</span>, <span class="src-checked">checked …</span>
_SOURCE = {
    lang: re.compile(r'<a href="([^"]+)" rel="noopener noreferrer">([^<]*)</a>'
                     rf'<span class="src-kind">{lp}([^<]*){rp}</span>{after_kind}'
                     rf'(?:{_DATED.format(cls="src-published")}{comma})?{_DATED.format(cls="src-checked")}')
    for lang, lp, rp, after_kind, comma in (("zh", "（", "）", "", "，"), ("en", r" \(", r"\)", ", ", ", "))
}
_LEGEND = re.compile(r'<p class="facts-card__legend">(.*?)</p>', re.S)
_PHONE = re.compile(r'<a class="phone" href="[^"]*">(.*?)</a>')


def visible(html: str) -> str:
    return " ".join(unescape(re.sub(r"<[^>]+>", " ", html)).split())


def _elements(html: str):
    """(tag, attributes, inner HTML) of every fact element, nested tags of the same name balanced."""
    for m in _FACT.finditer(html):
        tag, depth, pos = m.group(1), 1, m.end()
        for t in re.finditer(rf"<(/?){tag}\b[^>]*>", html[pos:]):
            depth += -1 if t.group(1) else 1
            if depth == 0:
                yield tag, m.group(2), html[pos:pos + t.start()]
                break


def shown_facts(html: str) -> list[dict]:
    """Every fact element: its badge label (or None), its text without badge, refs and
    sources, its phone number (contacts), and its data-fact id (inline facts)."""
    out = []
    for _tag, attrs, body in _elements(html):
        badge = _BADGE.search(body)
        text = _BADGE.sub(" ", body)
        text = re.sub(r"<br><span class=\"src\">.*", " ", re.sub(r"<sup>.*?</sup>", "", text, flags=re.S), flags=re.S)
        fid = re.search(r'data-fact="([^"]+)"', attrs)
        phone = _PHONE.search(body)
        out.append({"badge": visible(badge.group(1)) if badge else None, "text": visible(text),
                    "fact": fid.group(1) if fid else None, "phone": unescape(phone.group(1)) if phone else None})
    return out


def carrier_entries(carrier: dict) -> list[dict]:
    entries = [e for key in sitedata.CARRIER_FACT_FIELDS for e in carrier["facts"].get(key, [])]
    return entries + ([carrier["network"]] if carrier.get("network") else [])


def label(confidence: str, lang: str) -> str:
    return render.UI[lang]["conf"][confidence]


def problems_in_carrier_facts(html: str, data: sitedata.SiteData, cids: list[str], lang: str,
                              complete: bool = False) -> list[str]:
    """Check the facts of a card (one carrier) or the table (all carriers) against data.
    `complete`: a card: every fact of the carrier must be shown (the table shows some fields),
    with the legend when it holds unconfirmed entries."""
    entries = [e for cid in cids for e in carrier_entries(data.carriers[cid])]
    by_text: dict[str, set[str]] = {}
    for e in entries:
        by_text.setdefault(" ".join(e["text"][lang].split()), set()).add(e["confidence"])
    contacts = {c["number"]: c["confidence"] for cid in cids for c in data.carriers[cid]["contacts"]}
    no_contacts = " ".join(render.UI[lang]["no_contacts"].split())
    problems, seen = [], set()
    for f in shown_facts(html):
        if f["phone"]:
            want = contacts.get(f["phone"])
            if want is None:
                problems.append(f"contact {f['phone']!r} is not in data")
            elif f["badge"] != label(want, lang):
                problems.append(f"contact {f['phone']}: badge {f['badge']!r}, data says {want!r} ({label(want, lang)!r})")
            continue
        if f["text"] == no_contacts:
            continue
        if f["text"] not in by_text:
            problems.append(f"fact text is not the {lang} text of any fact in data: {f['text'][:100]!r}")
            continue
        seen.add(f["text"])
        if f["badge"] not in {label(c, lang) for c in by_text[f["text"]]}:
            problems.append(f"badge {f['badge']!r} for {f['text'][:60]!r}, data says {sorted(by_text[f['text']])}")
    if complete:
        for text in by_text:
            if text not in seen:
                problems.append(f"fact from data not shown: {text[:80]!r}")
        for cid in cids:
            problems += problems_in_card_legend(html, data, cid, lang)
    return problems


def problems_in_card_legend(html: str, data: sitedata.SiteData, cid: str, lang: str) -> list[str]:
    """A card explains "Unconfirmed" in a legend exactly when one of its entries is unconfirmed."""
    carrier = data.carriers[cid]
    weak = any(e["confidence"] == "secondary" for e in carrier_entries(carrier) + carrier["contacts"])
    legends = [visible(m) for m in _LEGEND.findall(html)]
    if not weak:
        return [f"card {cid}: a legend {legends[0][:60]!r}, but no entry is {label('secondary', lang)!r}"] if legends else []
    want = " ".join(render.UI[lang]["card_legend"].split())
    return [] if legends == [want] else [f"card {cid}: legend {legends!r}, want [{want!r}] (it has unconfirmed entries)"]


def shown_text(data: sitedata.SiteData, fact: sitedata.Fact, lang: str) -> str:
    """A fact's text as a reader sees it: its text, then the act's short name (render's own
    rule), then each of its disagreeing sides with the date of that side's newest source:
    '……：2026 年 3 月 5 日的报道说……；另一来源说……'."""
    ui, zh = render.UI[lang], lang == "zh"
    sides = []
    for side in fact.sides:
        dates = [d for d in (data.sources[s].get("published") for s in side["sources"]) if d]
        when = ui["side_dated"].format(date=render.date_text(max(dates), lang)) if dates else ui["side_undated"]
        text = side["text"][lang]
        gap = " " if zh and text[:1].isascii() and text[:1].isalnum() else ""  # 说 2025 年
        sides.append(when + gap + text)
    tail = (("：" if zh else ": ") + ("；" if zh else "; ").join(sides)) if sides else ""
    return " ".join((fact.text[lang] + unescape(render.act_html(data, fact, lang)) + tail).split())


def problems_in_inline_facts(html: str, data: sitedata.SiteData, lang: str) -> list[str]:
    problems = []
    for f in shown_facts(html):
        if not f["fact"]:
            continue
        fact = data.facts[f["fact"]]
        want_text = shown_text(data, fact, lang)
        # An English fact that starts a sentence shows its first letter as a capital (and only that).
        if f["text"] != want_text and not (lang == "en" and f["text"] == want_text[:1].upper() + want_text[1:]):
            problems.append(f"fact {f['fact']}: shows {f['text'][:80]!r}, not its {lang} text "
                            f"{shown_text(data, fact, lang)[:80]!r}")
        want = label(fact.confidence, lang) if fact.confidence not in ("official", "news") else None
        if f["badge"] != want:
            problems.append(f"fact {f['fact']}: badge {f['badge']!r}, data says {fact.confidence!r} ({want!r})")
    return problems


def source_name(src: dict, lang: str) -> str:
    """'Publisher: Title' (en) or '出版者：标题' (zh), as the link reads."""
    title = src.get("title")
    return src["publisher"][lang] + (("：" if lang == "zh" else ": ") + title[lang] if title else "")


def _dated(problem: str, shown: tuple[str, str, str], word: str, iso: str | None, lang: str) -> list[str]:
    """The label, the datetime attribute and the visible date of one shown date, against data."""
    label_, datetime, text = (visible(x) for x in shown)
    out = []
    if label_ != word:
        out.append(f"{problem}: labelled {label_!r}, not {word!r}")
    if datetime != iso or text != (render.date_text(iso, lang) if iso else None):
        out.append(f"{problem}: shows {text!r} (datetime {datetime!r}), data says {iso!r}")
    return out


def problems_in_source_dates(html: str, data: sitedata.SiteData, lang: str) -> list[str]:
    """Every source line names its source in the page's language, shows its `checked` date
    as "checked" and, only if data has one, its `published` date in .src-published."""
    by_link: dict[tuple[str, str], list[dict]] = {}
    for s in data.sources.values():
        by_link.setdefault((s["url"], source_name(s, lang)), []).append(s)
    ui = render.UI[lang]
    problems, found, published = [], 0, 0
    for url, name, kind, *dates in _SOURCE[lang].findall(html):
        found += 1
        url, name = unescape(url), unescape(name)
        candidates = by_link.get((url, name))
        if candidates is None:
            problems.append(f"source {url} ({name!r}) is not in data as {lang} publisher/title")
            continue
        pub, checked = tuple(dates[:3]), tuple(dates[3:])
        published += bool(pub[1])
        best = None  # the problems of the data entry (same link) the line matches best
        for src in candidates:
            farm = "content-farm" if src.get("quality") == "content-farm" else src["kind"]
            p = [] if visible(kind) == ui["kind"][farm] else [f"source {url}: kind {visible(kind)!r}, data says {farm!r}"]
            p += _dated(f"source {url}: checked date", checked, ui["checked"], src["checked"], lang)
            if pub[1] or src.get("published"):
                p += _dated(f"source {url}: published date", pub, ui["published"] if pub[1] else "", src.get("published"), lang)
            if best is None or len(p) < len(best):
                best = p
        problems += best
    lost = html.count('class="src-checked"') - found, html.count('class="src-published"') - published
    if any(lost):
        problems.append(f"{lost[0]} checked and {lost[1]} published dates are not in a readable source line")
    return problems


def chinese_in(html: str) -> list[str]:
    return CJK_RE.findall(visible(html))
