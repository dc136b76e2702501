"""hooks/shortcodes.py lint: shortcode typos, other HTML comments and emoji shortcodes
fail with the file, the line, what was written and what was meant."""
from __future__ import annotations

from pathlib import Path

import pytest

import shortcodes

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("written,meant", [
    ("<!-- md: fact law.x -->", "<!-- md:fact law.x -->"),     # d10c: space after the colon
    ("<!-- md:Fact law.x -->", "<!-- md:fact law.x -->"),      # d10d: capital letter
    ("<!-- MD:FACT law.x -->", "<!-- md:fact law.x -->"),
    ("<!--md:fact law.x-->", "<!-- md:fact law.x -->"),
    ("<!-- md fact law.x -->", "<!-- md:fact law.x -->"),
    ("<!-- md:fact  law.x -->", "<!-- md:fact law.x -->"),
    ("<!-- md:carrier-table  -->", "<!-- md:carrier-table -->"),
])
def test_malformed_shortcode_names_the_right_form(written, meant):
    assert shortcodes.lint(f"# T\n\nText {written} more.\n", "docs/x.md") == [
        f"docs/x.md, line 3: malformed shortcode '{written}': write {meant}"]


def test_unclosed_shortcode_swallowing_prose():
    # d10b: the comment runs on to the next shortcode's "-->" and hides what is between
    text = "# T\n\n按照现行规则，<!-- md:fact law.terminate-anytime。\n\n!!! warning \"刚回国\"\n    见 <!-- md:fact law.y -->。\n"
    problems = shortcodes.lint(text, "docs/x.md")
    assert problems == ["docs/x.md, line 3: shortcode '<!-- md:fact law.terminate-anytime。' is not closed "
                        "(it hides the text after it): write <!-- md:fact law.terminate-anytime -->"]


def test_unclosed_at_end_of_file():
    assert "is not closed" in shortcodes.lint("Text <!-- md:fact law.x", "docs/x.md")[0]


def test_extra_arguments():
    assert shortcodes.lint("<!-- md:fact a b -->", "docs/x.md") == [
        "docs/x.md, line 1: shortcode '<!-- md:fact a b -->' takes one id: write <!-- md:fact a -->"]


def test_broken_comment_opener():
    assert shortcodes.lint("x <!- md:fact law.x -->", "docs/x.md") == [
        "docs/x.md, line 1: 'md:fact law.x' looks like a broken shortcode: write <!-- md:fact law.x -->"]


def test_plain_html_comment_is_refused():
    (problem,) = shortcodes.lint("a\n<!-- TODO: check this -->\n", "docs/x.md")
    assert problem.startswith("docs/x.md, line 2: HTML comment '<!-- TODO: check this -->' is not allowed in a page")


def test_comment_like_text_that_is_not_a_known_shortcode():
    (problem,) = shortcodes.lint("<!-- mdash -->", "docs/x.md")
    assert "'<!-- mdash -->' is not a shortcode (known: fact, carrier-card" in problem


def test_well_formed_shortcodes_pass_and_unknown_names_are_left_to_expand():
    text = "<!-- md:fact law.x --> <!-- md:carrier-card mts --> <!-- md:sources --> <!-- md:nonsense x -->"
    assert shortcodes.lint(text, "docs/x.md") == []


@pytest.mark.parametrize("text", [":smile:", "a :warning: b", "(:+1:)", ":material-alert:"])
def test_emoji_shortcodes_are_refused(text):
    (problem,) = shortcodes.lint(f"# T\n{text}\n", "docs/x.md")
    assert problem.startswith("docs/x.md, line 2: emoji shortcode ':") and "CDN" in problem


@pytest.mark.parametrize("text", [
    "at 10:30:15", "https://mts.ru:443/a:b:", "`:smile:`", "```\n:smile:\n```", "Привет:мир:", "a:b:c",
    "{: .aliases }", "| :---: | --- |", "Note: call: now", "ratio 1:2:3",
])
def test_no_false_emoji_positives(text):
    assert shortcodes.lint(text + "\n", "docs/x.md") == []


def test_code_is_exempt():
    assert shortcodes.lint("Write `<!-- md: fact x -->`.\n\n```\n<!-- any -->\n```\n", "docs/x.md") == []


def test_todays_pages_pass():
    assert shortcodes.check_pages(ROOT / "docs") == []
