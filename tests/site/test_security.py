"""Security checks on the built HTML: CSP meta, inline code, new-tab links, mixed content.

Every HTML file counts, including the two 404 pages.
"""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from conftest import ROOT

sys.path.insert(0, str(ROOT / "hooks"))
import csp  # noqa: E402

URL_ATTRS = {"src", "href", "srcset", "poster", "data", "action", "formaction", "background"}
# Elements whose URL the browser fetches while rendering the page (mixed content if http://).
SUBRESOURCE_TAGS = {"script", "img", "link", "iframe", "source", "video", "audio", "track", "embed",
                    "object", "input", "image", "use", "form"}


class Scan(HTMLParser):
    def __init__(self, text: str):
        super().__init__(convert_charrefs=True)
        self.order: list[str] = []          # "csp", "script", "style" in document order (head)
        self.csp: list[str] = []
        self.handlers: list[str] = []
        self.js_urls: list[str] = []
        self.style_attrs: list[str] = []
        self.style_elements = 0
        self.new_tab: list[dict] = []
        self.insecure: list[str] = []
        self.feed(text)

    def handle_starttag(self, tag, attrs):
        a = {k.lower(): (v or "") for k, v in attrs}
        if tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.csp.append(a.get("content", ""))
            self.order.append("csp")
        elif tag == "script":
            self.order.append("script")
        elif tag == "link" and "stylesheet" in a.get("rel", ""):
            self.order.append("style")
        elif tag == "style":
            self.style_elements += 1
        for k, v in a.items():
            if k.startswith("on"):
                self.handlers.append(f"<{tag} {k}=…>")
            if k in URL_ATTRS and v.strip().lower().startswith("javascript:"):
                self.js_urls.append(f"<{tag} {k}={v[:60]}>")
            if k == "style":
                self.style_attrs.append(f"<{tag} style={v[:60]}>")
        if a.get("target") and tag in ("a", "area", "form", "base"):
            self.new_tab.append({"tag": tag, **a})
        if tag in SUBRESOURCE_TAGS or (tag == "meta" and a.get("property", "").startswith("og:image")):
            for k in ("src", "href", "srcset", "poster", "data", "content"):
                v = a.get(k, "")
                if tag == "link" and a.get("rel") in ("canonical", "alternate"):
                    continue  # navigation links, not fetched while rendering
                if re.search(r"(^|[\s,])http://", v):
                    self.insecure.append(f"<{tag} {k}={v[:80]}>")

    handle_startendtag = handle_starttag


def all_html(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


@pytest.fixture(scope="module")
def scans(site_dir):
    out = {}
    for path in all_html(site_dir):
        text = path.read_text(encoding="utf-8")
        out[path.relative_to(site_dir).as_posix()] = (text, Scan(text))
    assert len(out) > 2
    return out


def directives(policy: str) -> dict[str, list[str]]:
    out = {}
    for part in policy.split(";"):
        words = part.split()
        if words:
            out[words[0].lower()] = words[1:]
    return out


def test_every_page_carries_the_policy_before_any_script_or_style(scans):
    bad = []
    for rel, (_, scan) in scans.items():
        if not scan.order:
            continue  # no script or stylesheet at all (e.g. a redirect stub): nothing for a policy to guard
        if len(scan.csp) != 1:
            bad.append(f"{rel}: {len(scan.csp)} CSP meta tags")
        elif scan.order[0] != "csp":
            bad.append(f"{rel}: CSP meta comes after a {scan.order[0]}; the browser would not enforce it there")
    assert not bad, "\n".join(bad)


def test_policy_forbids_inline_code_except_hashed_theme_scripts(scans):
    bad = []
    for rel, (text, scan) in scans.items():
        if not scan.order:
            continue
        d = directives(scan.csp[0]) if scan.csp else {}
        scripts = d.get("script-src", [])
        for word in ("'unsafe-inline'", "'unsafe-eval'", "*", "data:", "http:", "https:"):
            if word in scripts:
                bad.append(f"{rel}: script-src allows {word}")
        if "'unsafe-inline'" in d.get("style-src", ["'unsafe-inline'"]):
            bad.append(f"{rel}: style-src allows 'unsafe-inline' (or is missing)")
        if d.get("default-src") != ["'none'"]:
            bad.append(f"{rel}: default-src is {d.get('default-src')}, expected 'none'")
        if d.get("object-src") != ["'none'"]:
            bad.append(f"{rel}: object-src is not 'none'")
        if "frame-ancestors" in d:
            bad.append(f"{rel}: frame-ancestors in a <meta> policy is ignored and logs an error")
        for body in csp.inline_scripts(text):
            if csp.script_hash(body) not in scripts:
                bad.append(f"{rel}: inline script not allowed by the policy: {body[:60]!r}")
    assert not bad, "\n".join(bad)


def test_no_inline_event_handlers_javascript_urls_or_inline_styles(scans):
    # None of these can run or apply under the policy; finding one means a feature is broken.
    bad = []
    for rel, (_, scan) in scans.items():
        for what in scan.handlers + scan.js_urls + scan.style_attrs:
            bad.append(f"{rel}: {what}")
        if scan.style_elements:
            bad.append(f"{rel}: {scan.style_elements} <style> element(s)")
    assert not bad, "\n".join(bad[:40])


# Links allowed to open a new tab: none so far. A link that opens a new tab must
# be listed here on purpose (path fragment -> why) and carry rel="noopener noreferrer".
NEW_TAB_ALLOWED: dict[str, str] = {}


def test_links_open_in_the_same_tab_or_safely(scans):
    bad = []
    for rel, (_, scan) in scans.items():
        for a in scan.new_tab:
            target, href = a.get("target", ""), a.get("href", a.get("action", ""))
            if target.lower() in ("_self", ""):
                continue
            words = set(a.get("rel", "").lower().split())
            if not {"noopener", "noreferrer"} <= words:
                bad.append(f"{rel}: <{a['tag']} href={href} target={target}> lacks rel=\"noopener noreferrer\"")
            if not any(key in href for key in NEW_TAB_ALLOWED):
                bad.append(f"{rel}: <{a['tag']} href={href}> opens a new tab unexpectedly (target={target})")
    assert not bad, "\n".join(bad[:40])


def test_no_mixed_content(scans, site_dir):
    bad = [f"{rel}: {what}" for rel, (_, scan) in scans.items() for what in scan.insecure]
    for css in sorted(site_dir.rglob("*.css")):
        for m in re.finditer(r"url\(\s*['\"]?http://[^)]*\)", css.read_text(encoding="utf-8", errors="replace")):
            bad.append(f"{css.relative_to(site_dir)}: {m.group(0)[:80]}")
    assert not bad, "\n".join(bad[:40])
