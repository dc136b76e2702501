"""Translation parity: zh and en pages must say the same things.

For every docs/X.md (Chinese) there must be docs/X.en.md (English), and the
reverse. Within each pair these must match exactly, in order:

* heading ids: every heading from level 2 down carries an explicit ASCII id
  ({#steps}) and both languages use the same ids, so shared links and the
  language switch land on the same section;
* shortcodes (<!-- md:fact ... -->): the same facts, cards and tables;
* external URLs and phone numbers;
* figures: the multiset of numbers in the text (English month names count as
  their number, so "1 July 2025" matches "2025 年 7 月 1 日").

The check runs before the build reads any page, so a missing translation fails
the build with the file named, instead of a silent fallback.
"""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

from mkdocs.exceptions import PluginError

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ID_RE = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
ASCII_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHORTCODE_RE = re.compile(r"<!--\s*md:[^>]*?-->")
URL_RE = re.compile(r"https?://[^\s)\]>\"'<`]+")
PHONE_RE = re.compile(r"(?:\+7|\b8)[ \u00a0]?\(?\d{3}\)?[ \u00a0]?\d{3}[- \u00a0]?\d{2}[- \u00a0]?\d{2}\b")
NUMBER_RE = re.compile(r"\d+(?:[.,]\d+)?")
MONTHS = {m: str(i) for i, m in enumerate(
    ["january", "february", "march", "april", "may", "june", "july", "august",
     "september", "october", "november", "december"], 1)}
_M = "|".join(MONTHS)
# A month name counts only next to a number ("1 July 2025", "July 2025"), so the
# English word "may" is not read as the fifth month.
MONTH_RE = re.compile(r"(?:(?<=\d )|(?<=\d\u00a0))(" + _M + r")\b|\b(" + _M + r")(?=[ \u00a0]\d)", re.IGNORECASE)
FENCE_RE = re.compile(r"^(```|~~~)")


def _strip_fences(lines):
    out, fenced = [], False
    for line in lines:
        if FENCE_RE.match(line.strip()):
            fenced = not fenced
            continue
        out.append("" if fenced else line)
    return out


def headings(text: str, src: str) -> list[str]:
    """The explicit ids of all headings (level 2 and below), in order."""
    ids = []
    for line in _strip_fences(text.splitlines()):
        m = HEADING_RE.match(line)
        if not m or len(m.group(1)) < 2:
            continue
        idm = ID_RE.search(m.group(2))
        if not idm:
            raise PluginError(f"{src}: heading '{line.strip()}' has no explicit id: "
                              "write it as '## Title {#ascii-id}' (same id in both languages)")
        if not ASCII_ID_RE.match(idm.group(1)):
            raise PluginError(f"{src}: heading id '{idm.group(1)}' must be lower-case ASCII words joined by '-'")
        ids.append(idm.group(1))
    dupes = [i for i, n in Counter(ids).items() if n > 1]
    if dupes:
        raise PluginError(f"{src}: heading id(s) used twice: {', '.join(dupes)}")
    return ids



def invariants(text: str) -> dict[str, list]:
    """What must be identical in both languages of one page."""
    urls = URL_RE.findall(text)
    rest = URL_RE.sub(" ", text)
    shortcodes = [" ".join(s.split()) for s in SHORTCODE_RE.findall(rest)]
    rest = SHORTCODE_RE.sub(" ", rest)
    rest = re.sub(r"\{[^}\n]*#[A-Za-z0-9_-]+[^}\n]*\}", " ", rest)   # heading attr lists
    rest = re.sub(r"\]\([^)]*\)", "]", rest)                        # link targets (paths, anchors)
    phones = ["".join(ch for ch in p if ch.isdigit() or ch == "+") for p in PHONE_RE.findall(rest)]
    rest = PHONE_RE.sub(" ", rest)
    rest = MONTH_RE.sub(lambda m: f" {MONTHS[(m.group(1) or m.group(2)).lower()]} ", rest)
    numbers = sorted(n.replace(",", ".") for n in NUMBER_RE.findall(rest))
    return {"shortcodes": shortcodes, "urls": sorted(urls), "phones": sorted(phones), "numbers": numbers}


def _diff(a: list, b: list) -> str:
    ca, cb = Counter(a), Counter(b)
    only_a = sorted((ca - cb).elements())
    only_b = sorted((cb - ca).elements())
    return f"only in zh: {only_a or '-'}; only in en: {only_b or '-'}"


def check_pair(zh_path: Path, en_path: Path, zh_name: str, en_name: str) -> list[str]:
    problems = []
    zh, en = zh_path.read_text(encoding="utf-8"), en_path.read_text(encoding="utf-8")
    try:
        zh_ids, en_ids = headings(zh, zh_name), headings(en, en_name)
    except PluginError as exc:
        return [str(exc)]
    if zh_ids != en_ids:
        problems.append(f"{zh_name} and {en_name}: heading ids differ: zh {zh_ids} vs en {en_ids}")
    zi, ei = invariants(zh), invariants(en)
    for key in ("shortcodes", "urls", "phones"):
        if (zi[key] if key == "shortcodes" else sorted(zi[key])) != (ei[key] if key == "shortcodes" else sorted(ei[key])):
            problems.append(f"{zh_name} and {en_name}: {key} differ ({_diff(zi[key], ei[key])})")
    if Counter(zi["numbers"]) != Counter(ei["numbers"]):
        problems.append(f"{zh_name} and {en_name}: figures differ ({_diff(zi['numbers'], ei['numbers'])})")
    return problems


def check_docs(docs_dir: Path) -> list[str]:
    docs_dir = Path(docs_dir)
    problems = []
    for path in sorted(docs_dir.rglob("*.md")):
        rel = path.relative_to(docs_dir).as_posix()
        if rel.endswith(".en.md"):
            twin = path.with_name(path.name[: -len(".en.md")] + ".md")
            if not twin.exists():
                problems.append(f"docs/{rel}: has no Chinese page (expected docs/{twin.relative_to(docs_dir).as_posix()})")
            continue
        if re.search(r"\.[a-z]{2}\.md$", path.name):
            problems.append(f"docs/{rel}: unknown language suffix (only .md for zh and .en.md for en)")
            continue
        twin = path.with_name(path.stem + ".en.md")
        if not twin.exists():
            problems.append(f"docs/{rel}: missing English translation docs/{twin.relative_to(docs_dir).as_posix()}")
            continue
        problems += check_pair(path, twin, f"docs/{rel}", f"docs/{twin.relative_to(docs_dir).as_posix()}")
    return problems


def on_config(config, **_):
    problems = check_docs(Path(config.docs_dir))
    if problems:
        raise PluginError("Translation check failed:\n  " + "\n  ".join(problems))
    return config
