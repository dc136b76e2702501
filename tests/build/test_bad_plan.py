"""A broken data/plan.yml fails the whole build with one sentence naming the file and
the entry (the full set of plan mistakes is in tests/unit/test_plan.py)."""
from __future__ import annotations

import pytest

from conftest import build_site, copy_project


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def replace(path, old, new):
    text = path.read_text(encoding="utf-8")
    assert old in text, f"fixture out of date: {old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def fails(project, *expected):
    result = build_site(project / "site", project)
    out = result.stdout + result.stderr
    assert result.returncode != 0, f"build passed but should fail:\n{out[-2000:]}"
    assert "Traceback" not in out, out[-3000:]
    for text in expected:
        assert text in out, f"expected {text!r} in the build output:\n{out[-3000:]}"


def test_plan_rule_on_an_unknown_answer_fails_the_build(project):
    replace(project / "data/plan.yml", "when: {where: [russia], keep: [cancel, unsure]}\n    title: {zh: 本人",
            "when: {where: [moscow], keep: [cancel, unsure]}\n    title: {zh: 本人")
    fails(project, "data/plan.yml: step 'shop', field 'when': unknown answer 'moscow' for question 'where'")


def test_plan_link_to_a_missing_anchor_fails_the_build(project):
    replace(project / "data/plan.yml", "links: [guide/unlink.md#checklist]", "links: [guide/unlink.md#check-list]")
    fails(project, "data/plan.yml: step 'unlink': link 'guide/unlink.md#check-list': "
                   "docs/guide/unlink.md has no heading {#check-list}")
