"""Every page: when its facts were checked, and a plain "Spotted a mistake?" link."""
from __future__ import annotations

import re
from urllib.parse import parse_qs, urlparse

import pytest
import yaml

from conftest import ROOT, html_pages

FORM = ROOT / ".github" / "ISSUE_TEMPLATE" / "correction.yml"
META_RE = re.compile(r'<p class="page-meta">(.*?)</p>', re.S)


def test_every_page_has_the_report_link_and_its_check_date(site_dir):
    pages = [p for p in html_pages(site_dir) if "/404" not in p.as_posix()]
    assert len(pages) > 20
    missing = []
    for page in pages:
        html = page.read_text(encoding="utf-8")
        meta = META_RE.search(html)
        en = "/en/" in "/" + page.relative_to(site_dir).as_posix()
        label = "Spotted a mistake?" if en else "发现错误？"
        if not meta or label not in meta.group(1):
            missing.append(page.relative_to(site_dir).as_posix())
            continue
        href = re.search(r'href="([^"]+)"', meta.group(1)).group(1).replace("&amp;", "&")
        query = parse_qs(urlparse(href).query)
        assert query["template"] == ["correction.yml"], href
        assert query["page"][0].endswith("/" + page.parent.relative_to(site_dir).as_posix() + "/") or \
            page.parent == site_dir, href
        if 'class="src-checked"' in html:  # the page cites a dated source
            checked = "Facts on this page checked" if en else "本页信息核实于"
            assert checked in meta.group(1), page
    assert not missing, f"pages without the report link: {missing}"


def test_the_link_requests_nothing_before_a_click(site_dir):
    html = (site_dir / "carriers" / "mts" / "index.html").read_text(encoding="utf-8")
    for tag in re.findall(r"<(?:script|img|iframe|link)[^>]+github\.com[^>]*>", html):
        pytest.fail(f"GitHub is loaded, not linked: {tag}")


def test_the_form_asks_what_where_and_warns_about_private_data():
    form = yaml.safe_load(FORM.read_text(encoding="utf-8"))
    ids = [item.get("id") for item in form["body"]]
    for needed in ("page", "fact", "wrong", "seen", "where"):
        assert needed in ids, f"the form needs a '{needed}' field"
    warning = form["body"][0]["attributes"]["value"]
    assert "验证码" in warning and "护照" in warning and "codes" in warning and "passport" in warning
    config = yaml.safe_load((FORM.parent / "config.yml").read_text(encoding="utf-8"))
    assert config["blank_issues_enabled"] is False
