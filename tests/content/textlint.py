"""Copywriting rules for the Chinese text and a spell check for the English text.

Chinese (OI-wiki / "中文文案排版指北" style):
  ZH-SPACE   a space between Chinese and Latin letters or digits: "eSIM 卡", "90 天"
  ZH-PUNCT   full-width punctuation after Chinese text: "，" not ",", "（" not "("
  ZH-BEFORE  no space before full-width punctuation
  ZH-DOUBLE  no doubled full-width punctuation ("。。", "，，")
English: every word must be in the dictionary (pyspellchecker) or in
tests/content/wordlist.txt (names, British spellings, Russian terms in Latin),
and codespell's list of common misspellings must find nothing.
"""
from __future__ import annotations

import re

HAN = r"\u3400-\u4dbf\u4e00-\u9fff"
BOX = "\u25a1"  # stands in for code and shortcodes: neither Chinese, Latin nor space
STRIP = [  # (pattern, replacement)
    (re.compile(r"^---\n.*?\n---\n", re.S), ""),             # front matter (values checked separately)
    (re.compile(r"```.*?```", re.S), ""),                      # fenced code
    (re.compile(r"`[^`\n]*`"), BOX),                          # inline code
    (re.compile(r"<!--.*?-->", re.S), BOX),                    # comments and shortcodes
    (re.compile(r"\s*\{[^}\n]*#[A-Za-z0-9_-]+[^}\n]*\}"), ""),  # heading attribute lists
    (re.compile(r"\]\([^)\n]*\)"), "]"),                       # link targets
    (re.compile(r"https?://[^\s)>\]]+"), BOX),                 # bare URLs
    (re.compile(r"</?[a-zA-Z][^>\n]*>"), ""),                  # HTML tags and attributes
    (re.compile(r"^(\s*(?:[-*+]|\d+\.)\s+)\[[ xX]\]", re.M), r"\1"),  # task list boxes
    (re.compile(r"^(?:!!!|\?\?\?\+?|///)[^\n\"]*", re.M), ""),   # admonition keywords (titles kept)
]
FRONT_MATTER_RE = re.compile(r"^---\n(.*?)\n---\n", re.S)

ZH_RULES = [
    ("ZH-SPACE", re.compile(rf"[{HAN}][A-Za-z0-9]|[A-Za-z0-9][{HAN}]"), "add a space between Chinese and Latin/digits"),
    ("ZH-PUNCT", re.compile(rf"[{HAN}][,;:?!]|[{HAN}] ?\((?!\))|[{HAN}]\.(?=\s|$)"), "use full-width punctuation after Chinese"),
    ("ZH-BEFORE", re.compile(r"[ \t]+[，。：；？！、）]"), "no space before full-width punctuation"),
    ("ZH-DOUBLE", re.compile(r"([，。：；、])\1"), "doubled punctuation"),
]


def visible_text(markdown: str) -> str:
    fm = FRONT_MATTER_RE.match(markdown)
    values = ""
    if fm:
        values = "\n".join(line.split(":", 1)[1] for line in fm.group(1).splitlines() if ":" in line)
    text = markdown
    for pattern, replacement in STRIP:
        text = pattern.sub(lambda m: m.expand(replacement) + "\n" * m.group(0).count("\n"), text)
    return values + "\n" + text


def zh_problems(text: str, where: str) -> list[str]:
    out = []
    for lineno, line in enumerate(text.splitlines(), 1):
        for rule, pattern, hint in ZH_RULES:
            for m in pattern.finditer(line):
                snippet = line[max(0, m.start() - 8): m.end() + 8].strip()
                out.append(f"{where}:{lineno}: {rule} {hint}: …{snippet}…")
    return out


WORD_RE = re.compile(r"[A-Za-z]+(?:['’][a-z]+)?")


def english_words(text: str) -> set[str]:
    text = re.sub(r"[\u0400-\u04ff]+", " ", text)           # Russian terms are not English
    return {w.lower().replace("’", "'") for w in WORD_RE.findall(text)}
