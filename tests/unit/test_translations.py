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


def test_figures_are_a_sequence_per_section():
    zh = t.invariants("## 代办 {#proxy}\n按第 4 步到第 7 步办理。\n## 时间 {#timing}\n等 90 天。\n")
    en = t.invariants("## Proxy {#proxy}\nFollow step 4 to step 7.\n## Timing {#timing}\nWait 90 days.\n")
    assert zh["numbers"] == en["numbers"] == {"top": [], "proxy": ["4", "7"], "timing": ["90"]}


def test_a_swap_within_a_section_is_reported(tmp_path):
    # M08a: "step 4 … step 7" -> "step 7 … step 4" in the English page only
    (tmp_path / "p.md").write_text("## 代办 {#proxy}\n按第 4 步到第 7 步办理。\n", encoding="utf-8")
    (tmp_path / "p.en.md").write_text("## Proxy {#proxy}\nFollow step 7 to step 4.\n", encoding="utf-8")
    assert t.check_docs(tmp_path) == [
        "docs/p.md and docs/p.en.md: figures differ in section #proxy (zh ['4', '7'] vs en ['7', '4'])"]


def test_a_figure_moved_to_another_section_is_reported(tmp_path):
    (tmp_path / "p.md").write_text("## A {#a}\n90 天。\n## B {#b}\n无。\n", encoding="utf-8")
    (tmp_path / "p.en.md").write_text("## A {#a}\nSoon.\n## B {#b}\n90 days.\n", encoding="utf-8")
    problems = t.check_docs(tmp_path)
    assert any("section #a (zh ['90'] vs en [])" in p for p in problems)
    assert any("section #b (zh [] vs en ['90'])" in p for p in problems)


@pytest.mark.parametrize("zh,en", [
    ("2025 年 9 月 1 日起", "from 1 September 2025"),
    ("2025 年 9 月", "September 2025"),
    ("9 月 1 日", "1 September"),
    ("3 万至 5 万卢布", "30,000–50,000 roubles"),
    ("3 至 5 万卢布", "30 000 to 50 000 roubles"),
    ("约 450 万名外国人", "about 4.5 million foreigners"),
    ("880 万人", "8.8 million people"),   # exact: float arithmetic made it 8800000.000000002
    ("10 000 卢布", "10,000 roubles"),
    ("T2（原 Tele2）2024 年改名", "T2, renamed from Tele2 in 2024"),
    ("每天 3.3 卢布", "3,3 roubles a day"),
])
def test_figures_are_normalised(zh, en):
    assert t.figures(zh) == t.figures(en), (t.figures(zh), t.figures(en))


def test_the_verb_may_is_not_a_month():
    assert t.figures("You may wait 5 days. In May 2025 it changed.") == ["5", "2025-5"]


ENGLISH_WITH_CHINESE = """# Title

Go to WeChat (<span lang="zh">我 → 设置</span>) and `代码` too.

| Русский | 中文 | English |
| --- | --- | --- |
| баланс | 话费余额 | balance |

```
中文代码
```

Also known as: Билайн, Beeline, 比莱恩
{ .aliases }

This sentence was left 未翻译.
| Русский | English |
| --- | --- |
| баланс | 余额 |
"""


def test_chinese_in_an_english_page_outside_the_allowed_places():
    assert t.chinese_in_english(ENGLISH_WITH_CHINESE, "docs/x.en.md") == [
        "docs/x.en.md, line 16: Chinese text in an English page: 未翻译 "
        "(translate it; a Chinese name or interface label goes in <span lang=\"zh\">…</span>)",
        "docs/x.en.md, line 19: Chinese text in an English page: 余额 "
        "(translate it; a Chinese name or interface label goes in <span lang=\"zh\">…</span>)",
    ]


def test_full_width_punctuation_counts_as_chinese():
    assert t.chinese_in_english("Call them，then wait。\n", "docs/x.en.md")


def test_data_texts_need_the_same_figures_in_order(tmp_path):
    # M08b: MTS voluntary block "first 14 days … from day 15" swapped in English
    from unit.test_sitedata import CARRIER, make
    import sitedata

    swapped = CARRIER.replace(
        "    inactivity:\n",
        "    voluntary_block: {zh: 前 14 天免费，从第 15 天起每天 1 卢布, en: 'free for the first 15 days, "
        "then 1 rouble a day from day 14', confidence: secondary, sources: [good-weak]}\n    inactivity:\n")
    data = sitedata.load(make(tmp_path, carriers=swapped))
    assert t.check_data(data) == [
        "data/carriers.yml: carrier 'acme', field 'facts.voluntary_block': figures differ "
        "between zh and en (zh ['14', '15', '1'] vs en ['15', '1', '14'])"]


def test_todays_data_and_pages_pass():
    from pathlib import Path
    import sitedata

    root = Path(__file__).resolve().parents[2]
    assert t.check_data(sitedata.load(root)) == []
    assert t.check_docs(root / "docs") == []
