"""Translation parity: zh and en pages must say the same things.

For every docs/X.md (Chinese) there must be docs/X.en.md (English), and the
reverse. Within each pair these must match exactly, in order:

* heading ids: every heading from level 2 down carries an explicit ASCII id
  ({#steps}) and both languages use the same ids, so shared links and the
  language switch land on the same section;
* shortcodes (<!-- md:fact ... -->): the same facts, cards and tables;
* external URLs and phone numbers;
* figures: within each section (the text under one heading id), the numbers in
  order of appearance, so a changed or swapped figure fails (a digit right after a
  letter, as in T2 or Tele2, is part of a name). Dates, 万/million and thousands
  separators are normalised first: "2025 年 9 月 1 日" and
  "1 September 2025" are both 2025-9-1; "3 万至 5 万" and "30,000–50,000" are
  both 30000, 50000; "10 000" is 10000.

English pages hold no Chinese text (an untranslated sentence left behind),
except inside an element marked lang="zh" (<span lang="zh">我 → 设置</span>,
for labels of a Chinese app interface or a name Chinese readers use), in a
table column headed 中文 (the glossary), in a carrier page's list of search
aliases (the paragraph marked { .aliases }), and in code.

Data texts (data/facts.yml, data/carriers.yml) get the same figure check: each
text's zh and en hold the same numbers in the same order.

The check runs before the build reads any page, so a missing translation fails
the build with the file named, instead of a silent fallback.
"""
from __future__ import annotations

import re
from decimal import Decimal
from collections import Counter
from pathlib import Path

from mkdocs.exceptions import PluginError

import shortcodes
import sitedata

HEADING_RE = re.compile(r"^(#{1,6})\s+(.*?)\s*$")
ID_RE = re.compile(r"\{[^}]*#([A-Za-z0-9_-]+)[^}]*\}\s*$")
ASCII_ID_RE = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
SHORTCODE_RE = re.compile(r"<!--\s*md:[^>]*?-->")
URL_RE = re.compile(r"https?://[^\s)\]>\"'<`]+")
PHONE_RE = re.compile(r"(?:\+7|\b8)[ \u00a0]?\(?\d{3}\)?[ \u00a0]?\d{3}[- \u00a0]?\d{2}[- \u00a0]?\d{2}\b")
MONTHS = {m: str(i) for i, m in enumerate(
    ["January", "February", "March", "April", "May", "June", "July", "August",
     "September", "October", "November", "December"], 1)}
_M = "|".join(MONTHS)
FENCE_RE = re.compile(r"^(```|~~~)")


def _strip_fences(lines):
    out, fenced = [], False
    for line in lines:
        if FENCE_RE.match(line.strip()):
            fenced = not fenced
            out.append("")
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



_ZH_YMD = re.compile(r"(\d{4})\s*年\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?")
_ZH_MD = re.compile(r"(?<![\d年])(\d{1,2})\s*月\s*(\d{1,2})\s*日")
# A month name (capitalised, so the verb "may" is not May) counts only with a day or a year.
_EN_DATE = re.compile(r"\b(?:(\d{1,2})[ \u00a0])?(" + _M + r")(?:,?[ \u00a0](\d{4}))?\b")
_WAN_RANGE = re.compile(r"(\d+(?:\.\d+)?)\s*(?:万\s*)?(至|到|-|–|~|～)\s*(\d+(?:\.\d+)?)\s*万")
_WAN = re.compile(r"(\d+(?:\.\d+)?)\s*万")
_MILLION = re.compile(r"(\d+(?:\.\d+)?)[ \u00a0]million\b")
_THOUSANDS = re.compile(r"(?<![\d.,])\d{1,3}(?:(?:,|[ \u00a0\u202f])\d{3})+(?![\d]|[.,]\d)")


def _date(y, m, d) -> str:
    return "-".join(str(int(x)) for x in (y, m, d) if x)


def _en_date(m: re.Match) -> str:
    day, month, year = m.group(1), MONTHS[m.group(2)], m.group(3)
    if not day and not year:
        return m.group(0)   # a bare month word ("may", "March") is not a figure
    return f" {_date(year, month, day)} "


def _wan(x: str, unit: int = 10000) -> str:
    """"8.8" 万 (unit 10 000) or million (unit 1 000 000) as a whole figure, in exact decimal
    arithmetic: float would make 8.8 million 8800000.000000002."""
    v = Decimal(x) * unit
    return str(int(v)) if v == v.to_integral_value() else format(v.normalize(), "f")


def figures(text: str) -> list[str]:
    """The numbers of a text in order of appearance, dates and 万 normalised.
    Expects URLs, phone numbers, shortcodes and link targets already removed."""
    text = _ZH_YMD.sub(lambda m: f" {_date(*m.groups())} ", text)
    text = _ZH_MD.sub(lambda m: f" {_date(None, *m.groups())} ", text)
    text = _EN_DATE.sub(_en_date, text)
    text = _WAN_RANGE.sub(lambda m: f" {_wan(m.group(1))} {m.group(2)} {_wan(m.group(3))} ", text)
    text = _WAN.sub(lambda m: f" {_wan(m.group(1))} ", text)
    text = _MILLION.sub(lambda m: f" {_wan(m.group(1), 1_000_000)} ", text)
    text = _THOUSANDS.sub(lambda m: re.sub(r"\D", "", m.group(0)), text)
    # A digit right after a letter is part of a name (T2, Tele2), not a figure.
    return [n.replace(",", ".") for n in re.findall(r"(?<![A-Za-zА-Яа-яЁё\d])(?:\d+(?:-\d+)+|\d+(?:[.,]\d+)?)", text)]


def _strip(text: str) -> tuple[list, list, list, str]:
    urls = URL_RE.findall(text)
    rest = URL_RE.sub(" ", text)
    shortcodes = [" ".join(s.split()) for s in SHORTCODE_RE.findall(rest)]
    rest = SHORTCODE_RE.sub(" ", rest)
    rest = re.sub(r"\{[^}\n]*#[A-Za-z0-9_-]+[^}\n]*\}", " ", rest)   # heading attr lists
    rest = re.sub(r"\]\([^)]*\)", "]", rest)                        # link targets (paths, anchors)
    phones = ["".join(ch for ch in p if ch.isdigit() or ch == "+") for p in PHONE_RE.findall(rest)]
    rest = PHONE_RE.sub(" ", rest)
    return urls, shortcodes, phones, rest


def sections(text: str) -> list[tuple[str, str]]:
    """(heading id, text) for the part before the first ## heading ('top') and each
    section after it. Headings without an id are left to headings() to report."""
    out, current, lines = [], "top", []
    for raw, line in zip(text.splitlines(), _strip_fences(text.splitlines())):
        m = HEADING_RE.match(line)
        idm = ID_RE.search(m.group(2)) if m and len(m.group(1)) >= 2 else None
        if idm:
            out.append((current, "\n".join(lines)))
            current, lines = idm.group(1), [ID_RE.sub("", m.group(2))]
        else:
            lines.append(raw)
    out.append((current, "\n".join(lines)))
    return out


def invariants(text: str) -> dict[str, list]:
    """What must be identical in both languages of one page."""
    urls, shortcodes, phones, _ = _strip(text)
    numbers = {sid: figures(_strip(body)[3]) for sid, body in sections(text)}
    return {"shortcodes": shortcodes, "urls": sorted(urls), "phones": sorted(phones), "numbers": numbers}


def _diff(a: list, b: list) -> str:
    ca, cb = Counter(a), Counter(b)
    only_a = sorted((ca - cb).elements())
    only_b = sorted((cb - ca).elements())
    return f"only in zh: {only_a or '-'}; only in en: {only_b or '-'}"


def sequence_diff(zh: list[str], en: list[str]) -> str:
    """'zh [4, 7] vs en [7, 4]', trimmed to where the two sequences differ."""
    p = 0
    while p < min(len(zh), len(en)) and zh[p] == en[p]:
        p += 1
    s = 0
    while s < min(len(zh), len(en)) - p and zh[-1 - s] == en[-1 - s]:
        s += 1
    show = lambda seq: str(seq[p:len(seq) - s])  # noqa: E731
    where = f"after {zh[max(p - 3, 0):p]}: " if p else ""
    return f"{where}zh {show(zh)} vs en {show(en)}"


def figure_problems(zh: dict[str, list[str]], en: dict[str, list[str]], where: str) -> list[str]:
    return [f"{where}: figures differ in section {sid if sid.startswith('(') else '#' + sid} "
            f"({sequence_diff(zh[sid], en.get(sid, []))})"
            for sid in zh if zh[sid] != en.get(sid, [])]


# Chinese characters and full-width punctuation.
CJK_RE = re.compile(r"[\u2e80-\u2fff\u3000-\u303f\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\ufe30-\ufe4f\uff00-\uffef]+")
_LANG_ZH = re.compile(r"<(\w+)\b[^>]*\blang=[\"']?zh[^>]*>.*?</\1\s*>", re.S)
_CODE_SPAN = re.compile(r"(`+).+?\1")
_ALIASES = re.compile(r"^\s*\{:?\s*\.aliases\s*\}\s*$")


def chinese_in_english(text: str, src: str) -> list[str]:
    """Chinese left in an English page, outside the allowed places (see the docstring)."""
    problems, zh_col, header = [], None, None
    lines = _strip_fences(text.splitlines())
    for n, line in enumerate(lines, 1):
        if n < len(lines) and _ALIASES.match(lines[n]):
            continue  # a carrier's search aliases, names as readers type them (some in Chinese)
        cells = line.strip()
        if cells.startswith("|"):
            row = [c.strip() for c in cells.strip("|").split("|")]
            if header is None:
                header = row
                zh_col = row.index("中文") if "中文" in row else None
            if zh_col is not None and zh_col < len(row):
                row[zh_col] = ""
            line = "|".join(row)
        else:
            header = zh_col = None
        line = _CODE_SPAN.sub(" ", _LANG_ZH.sub(" ", line))
        found = CJK_RE.findall(line)
        if found:
            problems.append(f"{src}, line {n}: Chinese text in an English page: {' … '.join(found)!s} "
                            "(translate it; a Chinese name or interface label goes in <span lang=\"zh\">…</span>)")
    return problems


def check_pair(zh_path: Path, en_path: Path, zh_name: str, en_name: str) -> list[str]:
    problems = []
    zh, en = zh_path.read_text(encoding="utf-8"), en_path.read_text(encoding="utf-8")
    problems += chinese_in_english(en, en_name)
    try:
        zh_ids, en_ids = headings(zh, zh_name), headings(en, en_name)
    except PluginError as exc:
        return problems + [str(exc)]
    if zh_ids != en_ids:
        problems.append(f"{zh_name} and {en_name}: heading ids differ: zh {zh_ids} vs en {en_ids}")
    zi, ei = invariants(zh), invariants(en)
    for key in ("shortcodes", "urls", "phones"):
        if (zi[key] if key == "shortcodes" else sorted(zi[key])) != (ei[key] if key == "shortcodes" else sorted(ei[key])):
            problems.append(f"{zh_name} and {en_name}: {key} differ ({_diff(zi[key], ei[key])})")
    if zh_ids != en_ids:  # sections do not line up: compare the whole page
        flat = lambda numbers: {"(whole page)": [n for seq in numbers.values() for n in seq]}  # noqa: E731
        zi["numbers"], ei["numbers"] = flat(zi["numbers"]), flat(ei["numbers"])
    problems += figure_problems(zi["numbers"], ei["numbers"], f"{zh_name} and {en_name}")
    return problems


def data_texts(data) -> list[tuple[str, str, dict]]:
    """(file, entry and field, {zh, en}) for every reader-facing text in data/."""
    out = []
    for fid, fact in data.facts.items():
        out.append(("data/facts.yml", f"fact '{fid}', field 'text'", fact.text))
    for cid, c in data.carriers.items():
        file = "data/carriers.yml"
        for key, entries in c["facts"].items():
            for i, e in enumerate(entries):
                at = f"[{i}]" if len(entries) > 1 else ""
                out.append((file, f"carrier '{cid}', field 'facts.{key}{at}'", e["text"]))
        if c.get("network"):
            out.append((file, f"carrier '{cid}', field 'network'", c["network"]["text"]))
        for i, contact in enumerate(c["contacts"]):
            if contact["note"]:
                out.append((file, f"carrier '{cid}', field 'contacts[{i}].note'", contact["note"]))
        for i, u in enumerate(c["urls"]):
            out.append((file, f"carrier '{cid}', field 'urls[{i}]'", u["text"]))
    return out


def check_data(data) -> list[str]:
    """Every data text says the same numbers in the same order in zh and en."""
    problems = []
    for file, where, text in data_texts(data):
        zh, en = (figures(_strip(text[lang])[3]) for lang in ("zh", "en"))
        if zh != en:
            problems.append(f"{file}: {where}: figures differ between zh and en ({sequence_diff(zh, en)})")
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
    docs = Path(config.docs_dir)
    # Shortcode typos first: an unclosed one would otherwise show up as a confusing parity difference.
    problems = shortcodes.check_pages(docs) + check_docs(docs)
    try:
        problems += check_data(sitedata.load_cached(Path(config.config_file_path).parent))
    except sitedata.DataError:
        pass  # hooks/shortcodes.py reports bad data, naming the file and entry
    if problems:
        raise PluginError("Page check failed:\n  " + "\n  ".join(problems))
    return config
