"""My cancellation plan: <!-- md:plan --> on docs/plan.md and docs/plan.en.md.

The questions, the steps and the rules that pick them live in data/plan.yml
(its header describes the format). This hook

* loads and validates that file once per build (on_config): unknown questions,
  answers, phases, carrier fields, facts, card sentences, pages or anchors, a
  step without both languages, and any combination of answers whose plan is
  empty, does not start with unlinking, skips a phase or does not end with a
  written confirmation, all fail the build with one sentence naming the file
  and the entry;
* replaces <!-- md:plan --> with the form and EVERY step, fully written in the
  page's language and hidden (on_page_markdown). It runs before
  hooks/shortcodes.py, so the <!-- md:fact --> shortcodes it leaves in the
  step texts are expanded there, with the page's own source list.

docs/assets/js/plan.js shows the steps whose data-when/data-unless conditions
match the answers; `select()` below is the same rule in Python, used by the
checks here and by the tests. Conditions are written `question:a,b;question:c`
(every clause must hold; one of the listed answers).
"""
from __future__ import annotations

import itertools
import re
from dataclasses import dataclass, field
from html import escape
from pathlib import Path

import render
import sitedata

FILE = "data/plan.yml"
PHASES = ("unlink", "money", "contract", "confirm")
CARD = "counter/card.md"
OTHER = "other"
UI_KEYS = ("intro_form", "plan_title", "answers", "change", "change_label", "left", "done", "steps_label",
           "notes_title", "more", "say", "print", "reset", "share", "url")
STEP_FIELDS = {"phase": True, "when": False, "unless": False, "title": True, "text": True, "more": False,
               "carrier": False, "say": False, "links": False}
MORE_FIELDS = {"when": False, "unless": False, "zh": True, "en": True, "links": False}
NOTE_FIELDS = {"when": False, "unless": False, "replaces": True, "zh": True, "en": True}
QUESTION_FIELDS = {"label": True, "hint": False, "answers": False, "other": False}
FACT_RE = re.compile(r"<!--\s*md:([a-z-]+)((?:\s+[^\s>]+)*)\s*-->")
SAY_RE = re.compile(r'<div class="say[^"]*">\s*<p lang="ru" class="say-ru">(.*?)</p>\s*'
                    r'<p class="say-tr">(.*?)</p>\s*</div>', re.S)
TAG_RE = re.compile(r"<[^>]+>")


class PlanError(sitedata.DataError):
    """Bad plan data. The message names data/plan.yml and the entry."""


def _fail(where: str, problem: str) -> None:
    raise PlanError(f"{FILE}: {where}: {problem}")


@dataclass
class Plan:
    ui: dict[str, dict[str, str]] = field(default_factory=dict)
    # question id -> {"label", "hint", "answers": {answer id: {zh, en}}}
    questions: dict[str, dict] = field(default_factory=dict)
    steps: dict[str, dict] = field(default_factory=dict)   # in plan order
    notes: dict[str, dict] = field(default_factory=dict)
    # (path, lang) -> link text; (fragment, lang) -> (Russian HTML, translation HTML)
    titles: dict[tuple[str, str], str] = field(default_factory=dict)
    say: dict[tuple[str, str], tuple[str, str]] = field(default_factory=dict)


# ---------------------------------------------------------------- rules

def matches(cond: dict[str, tuple[str, ...]] | None, answers: dict[str, str]) -> bool:
    return all(answers.get(q) in allowed for q, allowed in (cond or {}).items())


def applies(entry: dict, answers: dict[str, str]) -> bool:
    return matches(entry.get("when"), answers) and not (entry.get("unless") and matches(entry["unless"], answers))


def select(plan: Plan, answers: dict[str, str]) -> list[str]:
    """The ids of the steps shown for these answers, in order."""
    return [sid for sid, step in plan.steps.items() if applies(step, answers)]


def select_notes(plan: Plan, answers: dict[str, str]) -> list[str]:
    return [nid for nid, note in plan.notes.items() if applies(note, answers)]


def combinations(plan: Plan):
    """Every full set of answers, as dicts."""
    names = list(plan.questions)
    for values in itertools.product(*(list(plan.questions[q]["answers"]) for q in names)):
        yield dict(zip(names, values))


def describe(answers: dict[str, str]) -> str:
    return ", ".join(f"{q}={a}" for q, a in answers.items())


def check_rules(plan: Plan) -> int:
    """Every combination: a plan that starts with unlinking, walks every phase in
    order, ends with written confirmation, and never shows a step together with
    the note that says it was left out. Returns the number of combinations."""
    count = 0
    for answers in combinations(plan):
        count += 1
        ids = select(plan, answers)
        where = f"the answers {describe(answers)}"
        if not ids:
            _fail(where, "give an empty plan: add a step for them or widen a step's 'when'")
        phases = [plan.steps[s]["phase"] for s in ids]
        if phases[0] != "unlink":
            _fail(where, f"give a plan that starts with step '{ids[0]}' (phase {phases[0]}), not with unlinking")
        if phases[-1] != "confirm":
            _fail(where, f"give a plan that ends with step '{ids[-1]}' (phase {phases[-1]}), "
                         "not with a written confirmation")
        missing = [p for p in PHASES if p not in phases]
        if missing:
            _fail(where, f"give a plan with no '{missing[0]}' step")
        for nid in select_notes(plan, answers):
            clash = [s for s in plan.notes[nid]["replaces"] if s in ids]
            if clash:
                _fail(f"note '{nid}'", f"says step '{clash[0]}' is left out, but {where} show both")
    return count


# ---------------------------------------------------------------- loading

def _text(where: str, value) -> dict[str, str]:
    try:
        return sitedata._check_text(FILE, where, value)
    except sitedata.DataError as exc:
        raise PlanError(str(exc)) from None


def _keys(where: str, obj, allowed: dict[str, bool]) -> None:
    try:
        sitedata._check_keys(FILE, where, obj, allowed)
    except sitedata.DataError as exc:
        raise PlanError(str(exc)) from None


def _condition(plan: Plan, where: str, cond) -> dict[str, tuple[str, ...]] | None:
    if cond is None:
        return None
    if not isinstance(cond, dict) or not cond:
        _fail(where, "must be a mapping of question ids to lists of answers, e.g. {where: [china]}")
    out = {}
    for q, allowed in cond.items():
        if q not in plan.questions:
            _fail(where, f"unknown question '{q}' (known: {', '.join(plan.questions)})")
        allowed = allowed if isinstance(allowed, list) else [allowed]
        for a in allowed:
            if isinstance(a, bool):
                _fail(where, f"answer {a!r} of question '{q}' must be in quotes (\"yes\", \"no\")")
            if a not in plan.questions[q]["answers"]:
                _fail(where, f"unknown answer '{a}' for question '{q}' "
                             f"(known: {', '.join(plan.questions[q]['answers'])})")
        out[q] = tuple(allowed)
    return out


def _check_facts(data: sitedata.SiteData, where: str, text: dict[str, str]) -> None:
    for lang, value in text.items():
        for m in FACT_RE.finditer(value):
            args = m.group(2).split()
            if m.group(1) != "fact" or len(args) != 1:
                _fail(where, f"only <!-- md:fact ID --> may be used in plan texts, not '{m.group(0)}'")
            if args[0] not in data.facts:
                _fail(where, f"unknown fact id '{args[0]}' in the '{lang}' text (define it in data/facts.yml)")


def page_url(path: str, lang: str) -> str:
    """'guide/unlink.md#banks' -> 'guide/unlink/#banks' (zh) or 'en/guide/unlink/#banks'."""
    doc, _, anchor = path.partition("#")
    stem = doc[:-3]
    url = "" if stem == "index" else stem[:-len("index")] if stem.endswith("/index") else stem + "/"
    return ("" if lang == "zh" else f"{lang}/") + url + (f"#{anchor}" if anchor else "")


def _source_file(docs: Path, doc: str, lang: str) -> Path:
    return docs / (doc if lang == "zh" else doc[:-3] + f".{lang}.md")


def _clean_heading(text: str) -> str:
    text = re.sub(r"\s*\{[^}]*\}\s*$", "", text)
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)
    return text.replace("**", "").replace("`", "").strip()


def _link_title(docs: Path, where: str, path: str, lang: str) -> str:
    doc, _, anchor = path.partition("#")
    if not doc.endswith(".md") or doc.startswith("/") or ".." in doc:
        _fail(where, f"link '{path}' must be a page under docs/ like 'guide/unlink.md#banks'")
    src = _source_file(docs, doc, lang)
    if not src.is_file():
        _fail(where, f"link '{path}': there is no page docs/{src.relative_to(docs).as_posix()}")
    text = src.read_text(encoding="utf-8")
    h1 = re.search(r"^#\s+(.+?)\s*$", text, re.M)
    title = _clean_heading(h1.group(1)) if h1 else doc
    if not anchor:
        return title
    m = re.search(r"^#{1,6}\s+(.+?\{[^}]*#" + re.escape(anchor) + r"\b[^}]*\})\s*$", text, re.M)
    if not m:
        _fail(where, f"link '{path}': docs/{src.relative_to(docs).as_posix()} has no heading {{#{anchor}}}")
    section = _clean_heading(m.group(1))
    # "Unlink before you cancel · Checklist": the words the reader will find on arrival.
    return section if section == title else f"{title} · {section}"


def _links(plan: Plan, docs: Path, where: str, links) -> list[str]:
    if links is None:
        return []
    if not isinstance(links, list) or not all(isinstance(x, str) for x in links):
        _fail(where, "'links' must be a list of pages like 'guide/unlink.md#banks'")
    for path in links:
        for lang in sitedata.LANGS:
            plan.titles[(path, lang)] = _link_title(docs, where, path, lang)
    return links


def card_sentences(docs: Path) -> dict[str, list[tuple[str, str]]]:
    """The counter card's sentences per language: [(Russian HTML, translation HTML)]."""
    out = {}
    for lang in sitedata.LANGS:
        src = _source_file(docs, CARD, lang)
        out[lang] = SAY_RE.findall(src.read_text(encoding="utf-8")) if src.is_file() else []
    return out


def _say(plan: Plan, where: str, fragments, sentences) -> list[str]:
    if fragments is None:
        return []
    if not isinstance(fragments, list) or not all(isinstance(x, str) and x.strip() for x in fragments):
        _fail(where, "'say' must be a list of a few Russian words from the counter card")
    for frag in fragments:
        for lang in sitedata.LANGS:
            found = [s for s in sentences[lang] if frag.lower() in TAG_RE.sub("", s[0]).lower()]
            card = _source_file(Path("docs"), CARD, lang).as_posix()
            if len(found) != 1:
                _fail(where, f"'say' entry '{frag}' matches {len(found)} sentences in {card} "
                             "(it must match exactly one <div class=\"say\"> sentence)")
            plan.say[(frag, lang)] = found[0]
    return fragments


def load(root: Path, data: sitedata.SiteData) -> Plan:
    """Load and validate data/plan.yml under root (pages and the card from root/docs)."""
    root = Path(root)
    docs = root / "docs"
    raw = sitedata._load_yaml(root / FILE)
    _keys("the top level", raw, {"ui": True, "questions": True, "steps": True, "notes": False})
    plan = Plan()

    _keys("'ui'", raw["ui"], {k: True for k in UI_KEYS})
    plan.ui = {k: _text(f"ui '{k}'", raw["ui"][k]) for k in UI_KEYS}

    if not isinstance(raw["questions"], dict) or not raw["questions"]:
        _fail("'questions'", "must be a mapping of question ids")
    for qid, q in raw["questions"].items():
        where = f"question '{qid}'"
        if not isinstance(qid, str) or not sitedata.ID_RE.match(qid):
            _fail(where, "ids use lower-case letters, digits and '-' (they go into the URL)")
        _keys(where, q, QUESTION_FIELDS)
        entry = {"label": _text(f"{where}, field 'label'", q["label"]),
                 "hint": _text(f"{where}, field 'hint'", q["hint"]) if "hint" in q else None}
        if qid == "carrier":
            if "answers" in q:
                _fail(where, "takes its answers from data/carriers.yml: remove 'answers'")
            if "other" not in q:
                _fail(where, "missing field 'other' (the label for another operator or not sure)")
            answers = {cid: {lang: render.carrier_name(c, lang) for lang in sitedata.LANGS}
                       for cid, c in data.carriers.items()}
            answers[OTHER] = _text(f"{where}, field 'other'", q["other"])
        else:
            if "other" in q:
                _fail(where, "only the carrier question has 'other'")
            if not isinstance(q.get("answers"), dict) or len(q["answers"]) < 2:
                _fail(where, "needs 'answers': at least two answer ids, each with zh and en")
            answers = {}
            for aid, label in q["answers"].items():
                if not isinstance(aid, str) or not sitedata.ID_RE.match(aid):
                    _fail(f"{where}, answer {aid!r}", "answer ids are lower-case words in quotes if needed "
                          "(write \"yes\" and \"no\" in quotes)")
                answers[aid] = _text(f"{where}, answer '{aid}'", label)
        entry["answers"] = answers
        plan.questions[qid] = entry
    if "carrier" not in plan.questions:
        _fail("'questions'", "missing question 'carrier'")

    sentences = card_sentences(docs)
    if not isinstance(raw["steps"], dict) or not raw["steps"]:
        _fail("'steps'", "must be a mapping of step ids, in plan order")
    last_phase = 0
    for sid, s in raw["steps"].items():
        where = f"step '{sid}'"
        if not isinstance(sid, str) or not sitedata.ID_RE.match(sid):
            _fail(where, "ids use lower-case letters, digits and '-'")
        _keys(where, s, STEP_FIELDS)
        if s["phase"] not in PHASES:
            _fail(where, f"'phase' must be one of {', '.join(PHASES)} (got {s['phase']!r})")
        phase = PHASES.index(s["phase"])
        if phase < last_phase:
            _fail(where, f"phase '{s['phase']}' comes after a '{PHASES[last_phase]}' step: "
                         f"list steps in the order {' → '.join(PHASES)}")
        last_phase = phase
        step = {"phase": s["phase"], "when": _condition(plan, f"{where}, field 'when'", s.get("when")),
                "unless": _condition(plan, f"{where}, field 'unless'", s.get("unless")),
                "title": _text(f"{where}, field 'title'", s["title"]),
                "text": _text(f"{where}, field 'text'", s["text"]),
                "links": _links(plan, docs, where, s.get("links")),
                "say": _say(plan, where, s.get("say"), sentences), "more": [], "carrier": []}
        _check_facts(data, f"{where}, field 'text'", step["text"])
        carrier_fields = s.get("carrier") or []
        for name in carrier_fields if isinstance(carrier_fields, list) else [carrier_fields]:
            if name != "contacts" and name not in sitedata.CARRIER_FACT_FIELDS:
                _fail(f"{where}, field 'carrier'", f"unknown carrier field '{name}' "
                      f"(known: {', '.join(sitedata.CARRIER_FACT_FIELDS)}, contacts)")
            step["carrier"].append(name)
        more = s.get("more") or []
        if not isinstance(more, list):
            _fail(f"{where}, field 'more'", "must be a list")
        for i, m in enumerate(more):
            mwhere = f"{where}, more[{i}]"
            _keys(mwhere, m, MORE_FIELDS)
            text = _text(mwhere, {k: m[k] for k in sitedata.LANGS})
            _check_facts(data, mwhere, text)
            step["more"].append({"text": text, "when": _condition(plan, f"{mwhere}, field 'when'", m.get("when")),
                                 "unless": _condition(plan, f"{mwhere}, field 'unless'", m.get("unless")),
                                 "links": _links(plan, docs, mwhere, m.get("links"))})
        plan.steps[sid] = step

    for nid, n in (raw.get("notes") or {}).items():
        where = f"note '{nid}'"
        _keys(where, n, NOTE_FIELDS)
        replaces = n["replaces"] if isinstance(n["replaces"], list) else [n["replaces"]]
        for sid in replaces:
            if sid not in plan.steps:
                _fail(f"{where}, field 'replaces'", f"unknown step id '{sid}' (known: {', '.join(plan.steps)})")
        text = _text(where, {k: n[k] for k in sitedata.LANGS})
        _check_facts(data, where, text)
        plan.notes[nid] = {"text": text, "replaces": replaces,
                           "when": _condition(plan, f"{where}, field 'when'", n.get("when")),
                           "unless": _condition(plan, f"{where}, field 'unless'", n.get("unless"))}

    check_rules(plan)
    return plan


# ---------------------------------------------------------------- rendering

def _cond_attr(cond: dict[str, tuple[str, ...]] | None) -> str:
    return ";".join(f"{q}:{','.join(a)}" for q, a in (cond or {}).items())


def _rule_attrs(entry: dict) -> str:
    """data-when (always, maybe empty: the script looks for it), data-unless, hidden."""
    out = f' data-when="{escape(_cond_attr(entry.get("when")))}"'
    if entry.get("unless"):
        out += f' data-unless="{escape(_cond_attr(entry["unless"]))}"'
    return out + " hidden"


def _label(text: str) -> str:
    """A label that runs into what follows: 'More: ' (texts are stored stripped), '详见：'."""
    return text if text.endswith(("：", "　")) else text + " "


def _t(text: str) -> str:
    """Text content (quotes need no escaping outside attributes: fewer bytes)."""
    return escape(text, quote=False)


def _prose(text: str) -> str:
    """Escape a plan text, keeping its <!-- md:fact --> shortcodes for hooks/shortcodes.py."""
    parts = FACT_RE.split(text)
    # split() with two groups gives: text, name, args, text, ...
    out = []
    for i in range(0, len(parts), 3):
        out.append(_t(parts[i]))
        if i + 1 < len(parts):
            out.append(f"<!-- md:{parts[i + 1]}{parts[i + 2]} -->")
    return "".join(out)


def _links_html(plan: Plan, links: list[str], lang: str, here: str, rel) -> str:
    if not links:
        return ""
    sep = "；" if lang == "zh" else "; "
    items = sep.join(f'<a href="{escape(rel(page_url(p, lang), here))}">{_t(plan.titles[(p, lang)])}</a>'
                     for p in links)
    return f'<span class="plan-links">{_t(_label(plan.ui["more"][lang]))}{items}</span>'


def _carrier_html(plan: Plan, data: sitedata.SiteData, fields: list[str], lang: str) -> str:
    """Each carrier's entries for these fields (badge, text, source), one hidden block per
    carrier. Entries every carrier shares (the law) are left out: the step's own text
    says them once, as the comparison table does."""
    out = []
    # numbered references into the page's source list (shortcodes.py numbers them), not a
    # source line under every entry: eight carriers' lines cost the page about 0.4 KB gzip
    refs = render.DeferredRefs()
    common = {name: render.common_entries(data, name) for name in fields if name != "contacts"}
    for cid, carrier in data.carriers.items():
        blocks = []
        for name in fields:
            if name == "contacts":
                body = render.contacts_html(data, carrier, lang, refs)
            else:
                entries = [e for e in carrier["facts"].get(name, []) if e not in common[name]]
                if not entries:
                    continue
                body = "".join(render._fact_block(data, e, lang, refs) for e in entries)
            label = render.UI[lang]["fields"][name]
            blocks.append(f'<p class="plan-carrier__label">{_t(render.carrier_name(carrier, lang))}'
                          f'{"：" if lang == "zh" else ": "}{_t(label)}</p>{body}')
        if blocks:
            out.append(f'<div class="plan-carrier" data-when="carrier:{cid}" hidden>{"".join(blocks)}</div>')
    return "".join(out)


def render_html(plan: Plan, data: sitedata.SiteData, lang: str, here: str, rel) -> str:
    """The whole plan widget for one language. `here` is the page URL, `rel(url, here)`
    makes a relative link (mkdocs.utils.get_relative_url)."""
    ui = {k: v[lang] for k, v in plan.ui.items()}
    qs = []
    for qid, q in plan.questions.items():
        hint_id = f"q-{qid}-hint"
        hint = (f'<p class="plan-q__hint" id="{hint_id}">{_t(q["hint"][lang])}</p>' if q["hint"] else "")
        described = f' aria-describedby="{hint_id}"' if q["hint"] else ""
        options = "".join(f'<label class="plan-q__option"><input type="radio" name="{qid}" value="{aid}"> '
                          f'<span>{_t(label[lang])}</span></label>' for aid, label in q["answers"].items())
        qs.append(f'<fieldset class="plan-q" id="q-{qid}" data-q="{qid}"{described}>'
                  f'<legend>{_t(q["label"][lang])}</legend>{hint}{options}</fieldset>')
    steps = []
    for sid, s in plan.steps.items():
        body = [f'<h3 class="plan-step__title">{_t(s["title"][lang])}</h3>',
                f'<p>{_prose(s["text"][lang])} {_links_html(plan, s["links"], lang, here, rel)}</p>']
        for m in s["more"]:
            body.append(f'<p class="plan-more"{_rule_attrs(m)}>{_prose(m["text"][lang])} '
                        f'{_links_html(plan, m["links"], lang, here, rel)}</p>')
        if s["carrier"]:
            body.append(_carrier_html(plan, data, s["carrier"], lang))
        if s["say"]:
            says = "".join(f'<div class="say say--small"><p lang="ru" class="say-ru">{plan.say[(f, lang)][0]}</p>'
                           f'<p class="say-tr">{plan.say[(f, lang)][1]}</p></div>' for f in s["say"])
            body.append(f'<div class="plan-say"><p class="plan-say__intro">{_t(ui["say"])}</p>{says}</div>')
        steps.append(f'<li class="plan-step" id="step-{sid}" data-phase="{s["phase"]}"'
                     f'{_rule_attrs(s)}>{"".join(body)}</li>')
    notes = "".join(f'<li id="note-{nid}"{_rule_attrs(n)}>{_prose(n["text"][lang])}</li>'
                    for nid, n in plan.notes.items())
    return (f'<div class="plan" data-plan>'
            f'<form class="plan-form" id="plan-form" hidden aria-label="{escape(ui["intro_form"])}">'
            f'{"".join(qs)}'
            f'<p class="plan-form__buttons"><button type="reset" class="md-button">{_t(ui["reset"])}</button></p>'
            f'</form>'
            f'<p class="plan-status" role="status" hidden data-left="{escape(ui["left"])}" '
            f'data-done="{escape(ui["done"])}"></p>'
            f'<section class="plan-out" id="plan" hidden aria-labelledby="plan-title">'
            f'<h2 id="plan-title">{_t(ui["plan_title"])}</h2>'
            f'<h3 class="plan-answers__title">{_t(ui["answers"])}</h3>'
            f'<dl class="plan-answers" data-change="{escape(ui["change"])}" '
            f'data-change-label="{escape(ui["change_label"])}"></dl>'
            f'<h3 class="plan-steps__title" id="plan-steps">{_t(ui["steps_label"])}</h3>'
            f'<ol class="plan-steps" aria-labelledby="plan-steps">{"".join(steps)}</ol>'
            f'<h3 class="plan-notes__title">{_t(ui["notes_title"])}</h3>'
            f'<ul class="plan-notes">{notes}</ul>'
            f'<p class="plan-share">{_t(ui["share"])}</p>'
            f'<p class="plan-url" data-label="{escape(_label(ui["url"]))}"></p>'
            f'<p><button type="button" class="md-button md-button--primary plan-print">{_t(ui["print"])}</button></p>'
            f'</section></div>')


# ---------------------------------------------------------------- hook

_state: dict = {}


def load_cached(root: Path) -> Plan:
    data = sitedata.load_cached(root)
    files = [root / FILE, *(_source_file(root / "docs", CARD, lang) for lang in sitedata.LANGS)]
    stamp = (id(data), *((f.stat().st_mtime_ns, f.stat().st_size) for f in files if f.exists()))
    if _state.get("stamp") != stamp:
        _state["plan"], _state["stamp"] = load(root, data), stamp
    return _state["plan"]


def on_config(config, **_):
    from mkdocs.exceptions import PluginError

    root = Path(config.config_file_path).parent
    try:
        load_cached(root)
    except sitedata.DataError as exc:
        raise PluginError(f"Bad data: {exc}") from None
    return config


def on_page_markdown(markdown, page, config, **_):
    if "md:plan" not in markdown:
        return markdown
    from mkdocs.utils import get_relative_url

    from hookutil import page_lang

    root = Path(config.config_file_path).parent
    plan = load_cached(root)
    lang = page_lang(page, config)
    html = render_html(plan, sitedata.load_cached(root), lang, page.url, get_relative_url)
    page.plan_assets = True   # overrides/main.html loads plan.css and plan.js on this page only
    return re.sub(r"<!--\s*md:plan\s*-->", lambda _: "\n\n" + html + "\n\n", markdown)
