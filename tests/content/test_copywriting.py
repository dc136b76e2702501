"""Chinese copywriting lint and English spell check over pages and data."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import re

import pytest
import yaml

from conftest import ROOT
from content.textlint import english_words, visible_text, zh_problems

DOCS = ROOT / "docs"
SHORTCODE = re.compile(r"<!--.*?-->")
WORDLIST = Path(__file__).with_name("wordlist.txt")


def zh_pages():
    return sorted(p for p in DOCS.rglob("*.md") if not p.name.endswith(".en.md"))


def en_pages():
    return sorted(DOCS.rglob("*.en.md"))


def data_texts(lang: str):
    """(where, text) for every reader-facing text in data/*.yml."""
    out = []

    def walk(node, path):
        if isinstance(node, dict):
            for k, v in node.items():
                if k == lang and isinstance(v, str):
                    out.append((path, SHORTCODE.sub("", v)))   # plan.yml texts may hold <!-- md:fact ID -->
                else:
                    walk(v, f"{path}.{k}")
        elif isinstance(node, list):
            for i, v in enumerate(node):
                walk(v, f"{path}[{i}]")

    for name in ("facts.yml", "carriers.yml", "plan.yml"):
        walk(yaml.safe_load((ROOT / "data" / name).read_text(encoding="utf-8")) or {}, f"data/{name}")
    return out


def test_chinese_pages_follow_copywriting_rules():
    problems = []
    for page in zh_pages():
        problems += zh_problems(visible_text(page.read_text(encoding="utf-8")), page.relative_to(ROOT).as_posix())
    assert not problems, "\n".join(problems)


def test_chinese_data_texts_follow_copywriting_rules():
    problems = []
    for where, text in data_texts("zh"):
        problems += zh_problems(text, where)
    assert not problems, "\n".join(problems)


def allowed_words() -> set[str]:
    return {w.strip().lower() for w in WORDLIST.read_text(encoding="utf-8").splitlines()
            if w.strip() and not w.startswith("#")}


def test_english_spelling():
    from spellchecker import SpellChecker

    checker = SpellChecker(language="en")
    allowed = allowed_words()
    unknown = {}
    sources = [(p.relative_to(ROOT).as_posix(), visible_text(p.read_text(encoding="utf-8"))) for p in en_pages()]
    sources += data_texts("en")
    for where, text in sources:
        for word in checker.unknown(english_words(text) - allowed):
            unknown.setdefault(word, where)
    assert not unknown, ("unknown English words (fix the spelling, or add real words to "
                         f"tests/content/wordlist.txt): {sorted(unknown.items())}")


def test_codespell_finds_no_common_misspellings():
    files = [str(p) for p in en_pages()] + [str(ROOT / "data" / n) for n in ("facts.yml", "carriers.yml")]
    result = subprocess.run([sys.executable, "-m", "codespell_lib", *files], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize("bad,rule", [
    ("这是eSIM卡。", "ZH-SPACE"), ("等待90天。", "ZH-SPACE"), ("注销合同,然后", "ZH-PUNCT"),
    ("运营商(MTS)", "ZH-PUNCT"), ("结束 。", "ZH-BEFORE"), ("好。。", "ZH-DOUBLE"),
])
def test_lint_catches_bad_chinese(bad, rule):
    assert any(rule in p for p in zh_problems(bad, "x")), bad


def test_lint_accepts_good_chinese():
    good = "请在 90 天内到 MTS（МТС）营业厅办理 eSIM 注销，电话 8 800 250-08-90。"
    assert zh_problems(visible_text(good), "x") == []
