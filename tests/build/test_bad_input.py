"""Bad input fails the build with a message naming the file and the problem.

Each case copies the project to a temporary folder, breaks one thing, builds
with --strict and checks the exit code and the message.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import append, build_site, copy_project, fails, replace  # noqa: F401 (shared helpers)

@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def test_clean_copy_builds(project):
    result = build_site(project / "site", project)
    assert result.returncode == 0, result.stderr[-3000:]


def test_broken_link(project):
    append(project / "docs/guide/esim.md", "\n[坏链接](no-such-page.md)\n")
    append(project / "docs/guide/esim.en.md", "\n[broken](no-such-page.md)\n")
    fails(project, "guide/esim.md", "no-such-page.md")


def test_missing_anchor(project):
    append(project / "docs/guide/esim.md", "\n[见这里](cancel.md#no-such-anchor)\n")
    append(project / "docs/guide/esim.en.md", "\n[see here](cancel.md#no-such-anchor)\n")
    fails(project, "guide/esim.md", "no-such-anchor")


def test_missing_translation(project):
    (project / "docs/guide/esim.en.md").unlink()
    fails(project, "docs/guide/esim.md: missing English translation docs/guide/esim.en.md")


def test_orphan_translation(project):
    (project / "docs/guide/extra.en.md").write_text("---\ndescription: An extra page.\n---\n\n# Extra\n",
                                                    encoding="utf-8")
    fails(project, "docs/guide/extra.en.md: has no Chinese page")


def test_external_image(project):
    append(project / "docs/guide/esim.md", "\n![图](https://example.com/x.png)\n")
    append(project / "docs/guide/esim.en.md", "\n![img](https://example.com/x.png)\n")
    fails(project, "External file: https://example.com/x.png", "guide/esim.md")


def test_heading_without_id(project):
    append(project / "docs/guide/esim.md", "\n## 没有编号的标题\n")
    append(project / "docs/guide/esim.en.md", "\n## A heading without id\n")
    fails(project, "docs/guide/esim.md: heading '## 没有编号的标题' has no explicit id")


def test_heading_ids_differ(project):
    append(project / "docs/guide/esim.md", "\n## 标题 {#one-id}\n")
    append(project / "docs/guide/esim.en.md", "\n## Title {#another-id}\n")
    fails(project, "docs/guide/esim.md and docs/guide/esim.en.md: heading ids differ")


def test_figures_differ(project):
    append(project / "docs/guide/esim.md", "\n等 90 天。\n")
    append(project / "docs/guide/esim.en.md", "\nWait 60 days.\n")
    fails(project, "docs/guide/esim.md and docs/guide/esim.en.md: figures differ", "'90'", "'60'")


def test_phone_numbers_differ(project):
    append(project / "docs/guide/esim.md", "\n电话 8 800 250-08-90。\n")
    append(project / "docs/guide/esim.en.md", "\nCall 8 800 333-08-90.\n")
    fails(project, "docs/guide/esim.md and docs/guide/esim.en.md: phones differ")


def test_unknown_shortcode(project):
    append(project / "docs/guide/esim.md", "\n<!-- md:nonsense x -->\n")
    append(project / "docs/guide/esim.en.md", "\n<!-- md:nonsense x -->\n")
    fails(project, "docs/guide/esim.md: unknown shortcode 'md:nonsense'")


def test_unknown_carrier_id(project):
    append(project / "docs/guide/esim.md", "\n<!-- md:carrier-link no-such-carrier -->\n")
    append(project / "docs/guide/esim.en.md", "\n<!-- md:carrier-link no-such-carrier -->\n")
    fails(project, "docs/guide/esim.md: unknown carrier id 'no-such-carrier'")


def test_unknown_fact_id(project):
    append(project / "docs/guide/esim.md", "\n<!-- md:fact no.such-fact -->\n")
    append(project / "docs/guide/esim.en.md", "\n<!-- md:fact no.such-fact -->\n")
    fails(project, "docs/guide/esim.md: unknown fact id 'no.such-fact'")


def test_malformed_data_file(project):
    append(project / "data/facts.yml", "\nbroken: [unclosed\n")
    fails(project, "data/facts.yml", "not valid YAML")


def test_fact_without_source(project):
    append(project / "data/facts.yml", "\nno.source:\n  text: {zh: 九十天, en: ninety days}\n  confidence: news\n")
    fails(project, "data/facts.yml: fact 'no.source': no source")


def test_carrier_without_pages(project):
    append(project / "data/carriers.yml", """
newcarrier:
  names: {zh: 新运营商, en: New carrier, ru: Новый}
  aliases: [Новый]
  kind: mvno
  facts:
    abroad: {zh: 未知, en: unknown, confidence: unknown}
    inactivity: {zh: 未知, en: unknown, confidence: unknown}
  contacts: []
  urls: [{url: "https://example.org/", zh: 官网, en: Website}]
""")
    fails(project, "docs/carriers/newcarrier.md (carrier 'newcarrier' in data/carriers.yml has no page)")


def test_carrier_bad_phone(project):
    text = (project / "data/carriers.yml").read_text(encoding="utf-8")
    if "number:" not in text:
        pytest.skip("no carrier contacts yet")
    import re
    new = re.sub(r'number: "?8 800[^"\n]*"?', 'number: "8-800-CALL-NOW"', text, count=1)
    (project / "data/carriers.yml").write_text(new, encoding="utf-8")
    fails(project, "data/carriers.yml", "'8-800-CALL-NOW' is not a valid")
