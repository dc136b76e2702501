"""The cancellation plan (data/plan.yml, hooks/plan.py).

1. The real rules over EVERY combination of answers: a plan that is never
   empty, starts with unlinking, walks every phase in order and ends with a
   written confirmation, and never shows a step beside the note that says it
   was left out. The acceptance reader from issue #14 gets the expected plan.
2. Bad input: each kind of mistake in plan.yml fails with one sentence naming
   the file and the entry (the data validation tests in test_sitedata.py are
   the model).
"""
from __future__ import annotations

import re
import textwrap
from html import escape
from pathlib import Path

import pytest
from mkdocs.utils import get_relative_url

import plan
import sitedata

from .test_sitedata import make as make_data

ROOT = Path(__file__).resolve().parents[2]
ACCEPTANCE = {"carrier": "mts", "where": "china", "sim": "esim", "helper": "no",
              "gosuslugi": "yes", "bank": "yes", "keep": "cancel"}


# ---------------------------------------------------------------- the real rules

@pytest.fixture(scope="module")
def real():
    data = sitedata.load(ROOT)
    return plan.load(ROOT, data), data


def test_every_combination_gives_a_plan_from_unlinking_to_confirmation(real):
    p, data = real
    seen = 0
    for answers in plan.combinations(p):
        ids = plan.select(p, answers)
        seen += 1
        assert ids, f"empty plan for {answers}"
        phases = [p.steps[s]["phase"] for s in ids]
        assert phases[0] == "unlink", f"{answers}: starts with {ids[0]}"
        assert phases[-1] == "confirm", f"{answers}: ends with {ids[-1]}"
        assert phases == sorted(phases, key=plan.PHASES.index), f"{answers}: phases out of order {phases}"
        assert set(phases) == set(plan.PHASES), f"{answers}: missing a phase in {phases}"
        for nid in plan.select_notes(p, answers):
            assert not set(p.notes[nid]["replaces"]) & set(ids), f"{answers}: note {nid} beside its step"
    sizes = [len(q["answers"]) for q in p.questions.values()]
    expected = 1
    for n in sizes:
        expected *= n
    assert seen == expected == plan.check_rules(p)


def test_carrier_question_lists_every_carrier_and_other(real):
    p, data = real
    assert list(p.questions["carrier"]["answers"]) == [*data.carriers, "other"]


def test_acceptance_reader_gets_a_plan_for_tonight(real):
    p, _ = real
    assert plan.select(p, ACCEPTANCE) == ["bank", "unlink", "balance", "autopay", "refund-where",
                                          "remote", "gosuslugi", "no-route", "confirm"]
    assert plan.select_notes(p, ACCEPTANCE) == ["helper-no", "abroad"]


@pytest.mark.parametrize("changed,shown,hidden", [
    ({"helper": "yes"}, ["proxy"], ["no-route"]),
    ({"where": "russia"}, ["shop"], ["remote", "proxy", "gosuslugi", "no-route"]),
    ({"gosuslugi": "no"}, [], ["gosuslugi"]),
    ({"keep": "keep"}, ["keep", "keep-block", "keep-confirm"], ["shop", "remote", "confirm", "refund-where"]),
    ({"keep": "unsure"}, ["compare", "confirm"], ["keep"]),
    ({"sim": "lost"}, ["unlink-lost"], ["unlink"]),
    ({"carrier": "other"}, ["find-carrier"], []),
    ({"bank": "no"}, [], ["bank", "autopay"]),
])
def test_each_answer_changes_the_plan(real, changed, shown, hidden):
    p, _ = real
    ids = plan.select(p, {**ACCEPTANCE, **changed})
    assert set(shown) <= set(ids), ids
    assert not set(hidden) & set(ids), ids


def test_rendered_page_holds_every_step_hidden_in_both_languages(real):
    p, data = real
    for lang, here in (("zh", "plan/"), ("en", "en/plan/")):
        html = plan.render_html(p, data, lang, here, get_relative_url)
        for sid in p.steps:
            assert re.search(rf'<li class="plan-step" id="step-{sid}" data-phase="\w+" data-when="[^"]*" hidden>', html), sid
            assert escape(p.steps[sid]["title"][lang], quote=False) in html
        assert 'data-when="carrier:mts" hidden' in html
        # links are relative to the page and land in the same language
        assert 'href="../guide/unlink/#checklist"' in html
        # the Russian comes from the counter card, marked as Russian
        assert '<p lang="ru" class="say-ru">Здравствуйте! Я хочу расторгнуть' in html
        assert "<script" not in html and "style=" not in html
    assert "您好！我要解除" in plan.render_html(p, data, "zh", "plan/", get_relative_url)
    assert "您好" not in plan.render_html(p, data, "en", "en/plan/", get_relative_url)


def test_conditions_in_the_page_read_like_the_rules(real):
    """The script reads data-when as 'q:a,b;q:c': the same rule as plan.matches()."""
    p, data = real
    html = plan.render_html(p, data, "en", "en/plan/", get_relative_url)
    for sid, step in p.steps.items():
        attr = re.search(rf'id="step-{sid}" data-phase="\w+" data-when="([^"]*)"', html).group(1)
        parsed = {c.split(":")[0]: tuple(c.split(":")[1].split(",")) for c in attr.split(";") if c}
        assert parsed == (step["when"] or {}), sid


# ---------------------------------------------------------------- bad input

UI = "\n".join(f"  {k}: {{zh: 字, en: word}}" for k in plan.UI_KEYS)
PLAN = f"""
ui:
{UI}
questions:
  carrier:
    label: {{zh: 哪家, en: Which operator}}
    other: {{zh: 其他, en: Other}}
  where:
    label: {{zh: 在哪, en: Where}}
    answers:
      russia: {{zh: 俄罗斯, en: Russia}}
      china: {{zh: 中国, en: China}}
steps:
  unlink:
    phase: unlink
    title: {{zh: 解绑, en: Unlink}}
    text: {{zh: 先解绑, en: Unlink first}}
    links: [guide/a.md#one]
  money:
    phase: money
    title: {{zh: 余额, en: Balance}}
    text: {{zh: "查余额：<!-- md:fact law.days -->", en: "Check it: <!-- md:fact law.days -->"}}
    carrier: [abroad, contacts]
  shop:
    phase: contract
    when: {{where: [russia]}}
    title: {{zh: 营业厅, en: Shop}}
    text: {{zh: 去营业厅, en: Go to a shop}}
    say: [расторгнуть]
  remote:
    phase: contract
    when: {{where: [china]}}
    title: {{zh: 远程, en: Remote}}
    text: {{zh: 远程办, en: Do it remotely}}
    more:
      - when: {{carrier: [acme]}}
        zh: 阿克米可以
        en: Acme can
        links: [guide/a.md]
  confirm:
    phase: confirm
    title: {{zh: 确认, en: Confirm}}
    text: {{zh: 要书面确认, en: Get it in writing}}
notes:
  abroad:
    when: {{where: [china]}}
    replaces: [shop]
    zh: 你不在俄罗斯
    en: You are not in Russia
"""
PAGE = {"zh": "# 页面\n\n## 第一节 {#one}\n", "en": "# Page\n\n## Part one {#one}\n"}
SAY = """
<div class="say">
<p lang="ru" class="say-ru">Я хочу расторгнуть договор.</p>
<p class="say-tr">{tr}</p>
</div>
<div class="say say--small">
<p lang="ru" class="say-ru">Напишите, пожалуйста, дату.</p>
<p class="say-tr">{tr2}</p>
</div>
"""


def project(tmp_path: Path, text: str = PLAN) -> Path:
    root = make_data(tmp_path)
    docs = root / "docs"
    (docs / "guide").mkdir(parents=True)
    (docs / "counter").mkdir()
    (docs / "guide" / "a.md").write_text(PAGE["zh"], encoding="utf-8")
    (docs / "guide" / "a.en.md").write_text(PAGE["en"], encoding="utf-8")
    (docs / "counter" / "card.md").write_text(SAY.format(tr="我要解约。", tr2="请写日期。"), encoding="utf-8")
    (docs / "counter" / "card.en.md").write_text(SAY.format(tr="I want to end it.", tr2="Write the date."),
                                                 encoding="utf-8")
    (root / "data" / "plan.yml").write_text(textwrap.dedent(text), encoding="utf-8")
    return root


def load(root: Path) -> plan.Plan:
    return plan.load(root, sitedata.load(root))


def error(tmp_path: Path, old: str, new: str) -> str:
    assert old in PLAN, f"fixture out of date: {old!r}"
    root = project(tmp_path, PLAN.replace(old, new, 1))
    with pytest.raises(sitedata.DataError) as exc:
        load(root)
    msg = str(exc.value)
    assert msg.startswith("data/plan.yml: ") or "plan.yml" in msg.split(":")[0], msg
    assert "\n" not in msg and "Traceback" not in msg
    return msg


def test_good_plan_loads_and_renders(tmp_path):
    p = load(project(tmp_path))
    assert list(p.steps) == ["unlink", "money", "shop", "remote", "confirm"]
    assert plan.select(p, {"carrier": "acme", "where": "china"}) == ["unlink", "money", "remote", "confirm"]
    html = plan.render_html(p, sitedata.load(tmp_path), "en", "en/plan/", get_relative_url)
    assert '<a href="../guide/a/#one">Page · Part one</a>' in html   # page title · section
    assert '<a href="../guide/a/">Page</a>' in html
    assert "I want to end it." in html and "我要解约" not in html
    assert "<!-- md:fact law.days -->" in html          # left for hooks/shortcodes.py


@pytest.mark.parametrize("old,new,expected", [
    ("when: {where: [russia]}", "when: {wher: [russia]}",
     "step 'shop', field 'when': unknown question 'wher'"),
    ("when: {where: [russia]}", "when: {where: [moscow]}",
     "step 'shop', field 'when': unknown answer 'moscow' for question 'where'"),
    ("      - when: {carrier: [acme]}", "      - when: {carrier: [nope]}",
     "step 'remote', more[0], field 'when': unknown answer 'nope' for question 'carrier'"),
    ("when: {where: [russia]}", "when: {where: [yes]}",
     "must be in quotes"),
    ("title: {zh: 营业厅, en: Shop}", "title: {zh: 营业厅}",
     "step 'shop', field 'title': missing the 'en' text"),
    ("        zh: 阿克米可以\n", "",
     "step 'remote', more[0]: missing field 'zh'"),
    ("    zh: 你不在俄罗斯\n", "",
     "note 'abroad': missing field 'zh'"),
    ("links: [guide/a.md#one]", "links: [guide/b.md#one]",
     "step 'unlink': link 'guide/b.md#one': there is no page docs/guide/b.md"),
    ("links: [guide/a.md#one]", "links: [guide/a.md#two]",
     "step 'unlink': link 'guide/a.md#two': docs/guide/a.md has no heading {#two}"),
    ("phase: unlink", "phase: first",
     "step 'unlink': 'phase' must be one of unlink, money, contract, confirm"),
    ("phase: money", "phase: confirm",
     "step 'shop': phase 'contract' comes after a 'confirm' step"),
    ("carrier: [abroad, contacts]", "carrier: [abroad, phone]",
     "step 'money', field 'carrier': unknown carrier field 'phone'"),
    ("<!-- md:fact law.days -->\", en", "<!-- md:fact law.dayz -->\", en",
     "step 'money', field 'text': unknown fact id 'law.dayz' in the 'zh' text"),
    ("say: [расторгнуть]", "say: [купить]",
     "step 'shop': 'say' entry 'купить' matches 0 sentences in docs/counter/card.md"),
    ("say: [расторгнуть]", "say: [а]",
     "'say' entry 'а' matches 2 sentences"),
    ("replaces: [shop]", "replaces: [shops]",
     "note 'abroad', field 'replaces': unknown step id 'shops'"),
    ("replaces: [shop]", "replaces: [remote]",
     "note 'abroad': says step 'remote' is left out, but the answers"),
    ("    title: {zh: 远程, en: Remote}", "    colour: red\n    title: {zh: 远程, en: Remote}",
     "step 'remote': unknown field 'colour'"),
    ("    other: {zh: 其他, en: Other}", "    other: {zh: 其他, en: Other}\n    answers: {a: {zh: 甲, en: A}, b: {zh: 乙, en: B}}",
     "question 'carrier': takes its answers from data/carriers.yml"),
])
def test_bad_plan_names_file_and_entry(tmp_path, old, new, expected):
    msg = error(tmp_path, old, new)
    assert msg.startswith("data/plan.yml: "), msg
    assert expected in msg, msg


def test_a_combination_with_no_steps_fails(tmp_path):
    text = PLAN
    for sid in ("unlink", "money", "confirm"):
        text = text.replace(f"  {sid}:\n    phase:", f"  {sid}:\n    when: {{where: [russia]}}\n    phase:", 1)
    text = text.replace("when: {where: [china]}\n    title: {zh: 远程", "when: {where: [russia]}\n    title: {zh: 远程")
    with pytest.raises(plan.PlanError) as exc:
        load(project(tmp_path, text))
    assert "data/plan.yml: the answers carrier=acme, where=china: give an empty plan" in str(exc.value)


@pytest.mark.parametrize("sid,problem", [
    ("unlink", "give a plan that starts with step 'money' (phase money), not with unlinking"),
    ("confirm", "give a plan that ends with step 'remote' (phase contract), not with a written confirmation"),
    ("money", "give a plan with no 'money' step"),
])
def test_every_plan_starts_with_unlinking_and_ends_with_confirmation(tmp_path, sid, problem):
    text = PLAN.replace(f"  {sid}:\n    phase:", f"  {sid}:\n    when: {{where: [russia]}}\n    phase:", 1)
    with pytest.raises(plan.PlanError) as exc:
        load(project(tmp_path, text))
    assert str(exc.value) == f"data/plan.yml: the answers carrier=acme, where=china: {problem}"


def test_malformed_yaml_names_the_file(tmp_path):
    root = project(tmp_path, "ui: [unclosed\n")
    with pytest.raises(sitedata.DataError) as exc:
        load(root)
    assert "plan.yml" in str(exc.value) and "not valid YAML" in str(exc.value)


def test_carrier_entries_cite_the_pages_numbered_sources():
    # The plan is rendered before shortcodes.py: carrier entries leave marks that the page's
    # own source list numbers, in page order, instead of a source line under every entry.
    import render
    import shortcodes
    marked = render._fact_block(None, {"confidence": "news", "text": {"en": "a claim"}, "sources": ["a", "b"]},
                                "en", render.DeferredRefs())
    assert "\x00REFS:a,b\x00" in marked and "fact-src" not in marked
    data = sitedata.load(ROOT)
    sid = next(iter(data.sources))
    fid = next(f for f, fact in data.facts.items() if fact.sources and fact.sources[0] != sid)
    out = shortcodes.expand(f"<!-- md:fact {fid} --> x{render.DeferredRefs().refs_html([sid])}", "docs/x.en.md",
                            "en", "en/x/", data)
    assert "\x00" not in out and '<a href="#src-2" class="fact-ref">[2]</a>' in out
