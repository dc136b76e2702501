"""What a reader sees of the rendered facts, compared with data/ (not with the markup's own attributes).

Used by tests/unit/test_render.py (render.py on fixture data) and
tests/site/test_rendered_facts.py (the built site on the real data), so both
check the same things:

* every fact's badge text is the label of that fact's confidence in data;
* every fact's text is that fact's text in the page's language;
* every "checked" date shown beside a source is the source's `checked` date;
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
_SOURCE = re.compile(r'<a href="([^"]+)" rel="noopener noreferrer">([^<]*)</a> <span class="src-kind">\((.*?)\)</span>, '
                     r'<span class="src-checked">(.*?) <time datetime="([^"]*)">(.*?)</time></span>', re.S)
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
        text = re.sub(r"<sup>.*?</sup>|<br><span class=\"src\">.*", " ", text, flags=re.S)
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
    `complete`: every fact of the carrier must be shown (a card; the table shows some fields)."""
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
    return problems


def problems_in_inline_facts(html: str, data: sitedata.SiteData, lang: str) -> list[str]:
    problems = []
    for f in shown_facts(html):
        if not f["fact"]:
            continue
        fact = data.facts[f["fact"]]
        if f["text"] != " ".join(fact.text[lang].split()):
            problems.append(f"fact {f['fact']}: shows {f['text'][:80]!r}, not its {lang} text")
        want = label(fact.confidence, lang) if fact.confidence not in ("official", "news") else None
        if f["badge"] != want:
            problems.append(f"fact {f['fact']}: badge {f['badge']!r}, data says {fact.confidence!r} ({want!r})")
    return problems


def problems_in_source_dates(html: str, data: sitedata.SiteData, lang: str) -> list[str]:
    """Every source shown with a date shows its `checked` date, labelled as such."""
    by_link: dict[tuple[str, str], set[str]] = {}
    for s in data.sources.values():
        name = s["publisher"] + (f": {s['title']}" if s.get("title") else "")
        by_link.setdefault((s["url"], name), set()).add(s["checked"])
    problems, found = [], 0
    for url, name, _kind, word, datetime, shown in _SOURCE.findall(html):
        found += 1
        want = by_link.get((unescape(url), unescape(name)))
        if want is None:
            problems.append(f"source {url} ({visible(name)}) is not in data")
        elif datetime not in want or visible(shown) not in want:
            problems.append(f"source {url}: shows {visible(shown)!r} (datetime {datetime!r}) as checked, "
                            f"data says checked {sorted(want)}")
        if visible(word) != render.UI[lang]["checked"]:
            problems.append(f"source {url}: the date is labelled {visible(word)!r}")
    return problems if found or "src-checked" not in html else ["no source line could be read"]


def chinese_in(html: str) -> list[str]:
    return CJK_RE.findall(visible(html))
