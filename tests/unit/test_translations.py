"""The zh/en parity check."""
from __future__ import annotations

import pytest
from mkdocs.exceptions import PluginError

import translations as t


def test_headings_need_ascii_ids():
    assert t.headings("# T\n## 步骤 {#steps}\n### 细节 {#step-1-details}\n", "x") == ["steps", "step-1-details"]
    with pytest.raises(PluginError, match="has no explicit id"):
        t.headings("## 步骤\n", "x")
    with pytest.raises(PluginError, match="must be lower-case ASCII"):
        t.headings("## 步骤 {#Steps_1}\n", "x")
    with pytest.raises(PluginError, match="used twice"):
        t.headings("## a {#a}\n## b {#a}\n", "x")


def test_headings_in_code_fences_are_ignored():
    assert t.headings("```\n## not a heading\n```\n## Real {#real}\n", "x") == ["real"]


def test_dates_match_across_languages():
    zh = t.invariants("2025 年 7 月 1 日起，最多 10 个号码。")
    en = t.invariants("From 1 July 2025, no more than 10 numbers. You may need it.")
    assert zh["numbers"] == en["numbers"]


def test_phones_urls_and_shortcodes():
    zh = t.invariants("电话 8 800 250-08-90，见 https://mts.ru/ <!-- md:fact a.b -->")
    en = t.invariants("Call 8 800 250-08-90, see https://mts.ru/ <!-- md:fact a.b -->")
    assert zh == en
    assert zh["phones"] == ["88002500890"]


def test_pair_differences_are_reported(tmp_path):
    (tmp_path / "p.md").write_text("## 标题 {#a}\n等 90 天。\n", encoding="utf-8")
    (tmp_path / "p.en.md").write_text("## Title {#b}\nWait 60 days.\n", encoding="utf-8")
    problems = t.check_docs(tmp_path)
    assert any("heading ids differ" in p for p in problems)
    assert any("figures differ" in p and "'90'" in p and "'60'" in p for p in problems)


def test_missing_and_orphan_translations(tmp_path):
    (tmp_path / "a.md").write_text("# A\n", encoding="utf-8")
    (tmp_path / "b.en.md").write_text("# B\n", encoding="utf-8")
    (tmp_path / "c.fr.md").write_text("# C\n", encoding="utf-8")
    problems = t.check_docs(tmp_path)
    assert "docs/a.md: missing English translation docs/a.en.md" in problems
    assert "docs/b.en.md: has no Chinese page (expected docs/b.md)" in problems
    assert any("docs/c.fr.md: unknown language suffix" in p for p in problems)
