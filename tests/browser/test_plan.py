"""My cancellation plan (/plan/, /en/plan/) in Chromium: answering shows the
steps the rules pick (the same as hooks/plan.py's select(), for EVERY
combination), the answers live in the URL (reload, another tab and the
language switch reopen the same plan), printing fits two A4 pages, and the page
stays accessible, private (no third-party request), inside its security policy,
usable at 360 px and useful without JavaScript.
"""
from __future__ import annotations

import sys
from urllib.parse import parse_qsl, urlparse

import pytest

from conftest import ROOT
from test_a11y import BLOCKING, axe_source, describe, run_axe  # noqa: F401 (axe_source is a fixture)
from test_csp import CATCH, violations
from test_print import pdf_pages, print_pdf

sys.path.insert(0, str(ROOT / "hooks"))
import plan as rules  # noqa: E402
import sitedata  # noqa: E402

PATHS = {"zh": "/plan/", "en": "/en/plan/"}
ACCEPTANCE = {"carrier": "mts", "where": "china", "sim": "esim", "helper": "no",
              "gosuslugi": "yes", "bank": "yes", "keep": "cancel"}
STEPS_JS = "() => [...document.querySelectorAll('.plan-step:not([hidden])')].map(e => e.id.slice(5))"
NOTES_JS = "() => [...document.querySelectorAll('.plan-notes li:not([hidden])')].map(e => e.id.slice(5))"


@pytest.fixture(scope="module")
def plan():
    return rules.load(ROOT, sitedata.load(ROOT))


def query(answers: dict) -> str:
    return "?" + "&".join(f"{q}={a}" for q, a in answers.items())


def answer(page, answers: dict) -> None:
    for q, a in answers.items():
        page.locator(f'input[name="{q}"][value="{a}"]').check()


def answers_in_url(page) -> dict:
    return dict(parse_qsl(urlparse(page.url).query))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_answering_shows_the_plan_without_a_reload(page, site_url, plan, lang):
    page.goto(site_url + PATHS[lang], wait_until="load")
    assert page.locator("#plan").is_hidden(), "the plan shows before any answer"
    assert "7" in page.locator(".plan-status").inner_text()
    page.evaluate("() => { window.__sameDocument = true; }")
    answer(page, ACCEPTANCE)
    assert page.evaluate("() => window.__sameDocument === true"), "answering reloaded the page"
    assert page.locator("#plan").is_visible()
    assert page.evaluate(STEPS_JS) == rules.select(plan, ACCEPTANCE)
    assert page.evaluate(NOTES_JS) == rules.select_notes(plan, ACCEPTANCE)
    assert answers_in_url(page) == ACCEPTANCE
    first, last = page.locator(".plan-step:not([hidden])").first, page.locator(".plan-step:not([hidden])").last
    assert first.get_attribute("data-phase") == "unlink" and last.get_attribute("data-phase") == "confirm"
    # the MTS facts show with their badge and a numbered source from the page's list; other
    # carriers' stay hidden
    mts = page.locator('.plan-step:not([hidden]) .plan-carrier[data-when="carrier:mts"]')
    assert mts.first.is_visible() and mts.first.locator(".conf").count() >= 1
    refs = mts.first.locator(".fact-ref").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert refs and all(page.locator(ref).count() == 1 for ref in refs), refs
    assert page.locator('.plan-carrier[data-when="carrier:beeline"]:not([hidden])').count() == 0
    # the summary repeats every answer with a link back to its question
    assert page.locator(".plan-answers dd").count() == len(ACCEPTANCE)
    assert page.locator(".plan-answers a[href='#q-where']").count() == 1


def test_changing_an_answer_changes_plan_and_url(page, site_url, plan):
    page.goto(site_url + PATHS["zh"] + query(ACCEPTANCE), wait_until="load")
    answer(page, {"helper": "yes"})
    changed = {**ACCEPTANCE, "helper": "yes"}
    assert page.evaluate(STEPS_JS) == rules.select(plan, changed)
    assert "proxy" in page.evaluate(STEPS_JS) and "helper-no" not in page.evaluate(NOTES_JS)
    assert answers_in_url(page) == changed
    page.locator(".plan-form button[type=reset]").click()
    page.wait_for_function("() => location.search === ''")
    assert page.locator("#plan").is_hidden()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_url_reopens_the_same_plan(page, site_url, plan, lang):
    page.goto(site_url + PATHS[lang], wait_until="load")
    answer(page, ACCEPTANCE)
    url, shown = page.url, page.evaluate(STEPS_JS)
    page.reload(wait_until="load")
    assert page.evaluate(STEPS_JS) == shown
    assert all(page.locator(f'input[name="{q}"][value="{a}"]').is_checked() for q, a in ACCEPTANCE.items())
    other = page.context.new_page()          # the friend who opens the shared link
    other.goto(url, wait_until="load")
    assert other.evaluate(STEPS_JS) == shown == rules.select(plan, ACCEPTANCE)
    other.close()


def test_a_mangled_link_shows_what_it_can(page, site_url):
    page.goto(site_url + PATHS["en"] + "?carrier=nope&where=china&sim=%E0&keep=cancel", wait_until="load")
    assert answers_in_url(page) == {"where": "china", "keep": "cancel"}
    assert page.locator("#plan").is_hidden()
    assert "5" in page.locator(".plan-status").inner_text()


def test_language_switch_keeps_the_answers(page, site_url, plan):
    page.goto(site_url + PATHS["zh"], wait_until="load")
    answer(page, ACCEPTANCE)
    with page.expect_navigation():
        page.locator(".md-select__link[hreflang=en]").first.dispatch_event("click")
    assert urlparse(page.url).path == PATHS["en"]
    assert answers_in_url(page) == ACCEPTANCE
    assert page.evaluate(STEPS_JS) == rules.select(plan, ACCEPTANCE)
    assert page.locator("html").get_attribute("lang").startswith("en")
    answer(page, {"where": "russia"})
    with page.expect_navigation():
        page.locator(".md-select__link[hreflang=zh]").first.dispatch_event("click")
    assert answers_in_url(page) == {**ACCEPTANCE, "where": "russia"}
    assert "shop" in page.evaluate(STEPS_JS)


def test_share_button_shares_the_answers(page, site_url):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    page.goto(site_url + PATHS["en"] + query(ACCEPTANCE), wait_until="load")
    page.locator(".share__button").click()
    page.wait_for_function("() => document.querySelector('.share__status').textContent !== ''")
    copied = page.evaluate("() => navigator.clipboard.readText()")
    assert dict(parse_qsl(urlparse(copied).query)) == ACCEPTANCE, copied


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_combination_shows_what_the_rules_say(page, site_url, plan, lang):
    """The script and hooks/plan.py agree on all combinations (1944 today), steps and notes."""
    combos = list(rules.combinations(plan))
    page.goto(site_url + PATHS[lang], wait_until="load")
    shown = page.evaluate("""combos => {
      const form = document.querySelector('.plan-form');
      return combos.map(a => {
        for (const q in a) form.elements[q].value = a[q];
        form.dispatchEvent(new Event('change'));
        const ids = sel => [...document.querySelectorAll(sel)].map(e => e.id.slice(5));
        return [ids('.plan-step:not([hidden])'), ids('.plan-notes li:not([hidden])')];
      });
    }""", combos)
    for answers, (steps, notes) in zip(combos, shown):
        assert steps == rules.select(plan, answers), answers
        assert notes == rules.select_notes(plan, answers), answers


def longest_plan(page, plan) -> dict:
    """The combination whose visible plan has the most text: the hardest to print."""
    combos = list(rules.combinations(plan))
    sizes = page.evaluate("""combos => {
      const form = document.querySelector('.plan-form');
      return combos.map(a => {
        for (const q in a) form.elements[q].value = a[q];
        form.dispatchEvent(new Event('change'));
        let n = 0;
        for (const s of document.querySelectorAll('.plan-step:not([hidden])')) {
          n += s.textContent.length;
          for (const h of s.querySelectorAll('[hidden]')) n -= h.textContent.length;
        }
        return n;
      });
    }""", combos)
    return combos[max(range(len(combos)), key=sizes.__getitem__)]


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_print_fits_two_a4_pages(page, site_url, watch, plan, lang):
    page.goto(site_url + PATHS[lang], wait_until="load")
    worst = longest_plan(page, plan)
    for answers in (ACCEPTANCE, worst):
        page.goto(site_url + PATHS[lang] + query(answers), wait_until="networkidle")
        pages = pdf_pages(print_pdf(page))
        assert 1 <= pages <= 2, f"{query(answers)} prints on {pages} A4 pages"
        # on paper: the answers, the steps and their Russian; no form, no buttons
        assert page.locator(".plan-answers").is_visible()
        assert page.locator(".plan-form").is_hidden() and page.locator(".plan-print").is_hidden()
        assert page.locator(".plan-url").is_visible()
        page.emulate_media(media="screen")
    page.goto(site_url + PATHS[lang] + query({**ACCEPTANCE, "where": "russia"}), wait_until="load")
    page.emulate_media(media="print")
    russian = page.locator('.plan-step:not([hidden]) .say-ru[lang="ru"]')
    assert russian.count() >= 3 and russian.first.is_visible()
    # A request cut short by the next navigation (ERR_ABORTED) is not a failure of the page.
    failed = [f for f in watch["failed"] if "ERR_ABORTED" not in f]
    assert watch["third_party"] == [] and failed == [] and watch["errors"] == []


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_axe_finds_nothing_serious_on_the_shown_plan(page, site_url, axe_source, lang):
    page.goto(site_url + PATHS[lang] + query({**ACCEPTANCE, "helper": "yes"}), wait_until="networkidle")
    found = [v for v in run_axe(page, axe_source) if v["impact"] in BLOCKING]
    assert not found, describe(found)


def test_no_third_party_request_and_no_csp_violation(page, site_url, watch):
    page.add_init_script(CATCH)
    errors = []
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.csp_errors = errors
    for lang in ("zh", "en"):
        page.goto(site_url + PATHS[lang], wait_until="networkidle")
        answer(page, ACCEPTANCE)
        page.locator(".plan-print").evaluate("b => { window.print = () => {}; b.click(); }")
        assert violations(page) == [], lang
    assert watch["third_party"] == [], watch["third_party"]
    assert [f for f in watch["failed"] if "ERR_ABORTED" not in f] == [] and watch["errors"] == []


def test_script_is_loaded_on_the_plan_page_only(page, site_url):
    page.goto(site_url + "/guide/start/", wait_until="load")
    assert page.locator('script[src$="plan.js"]').count() == 0
    assert page.locator('link[href$="plan.css"]').count() == 0
    page.goto(site_url + PATHS["zh"], wait_until="load")
    script = page.locator('script[src$="plan.js"]')
    assert script.count() == 1 and script.get_attribute("defer") is not None


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_fits_a_360_px_phone(page, site_url, lang):
    page.set_viewport_size({"width": 360, "height": 740})
    page.goto(site_url + PATHS[lang] + query({**ACCEPTANCE, "where": "russia"}), wait_until="load")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{PATHS[lang]} scrolls sideways by {overflow}px at 360px"
    box = page.locator('input[name="where"][value="china"]').locator("xpath=..").bounding_box()
    assert box["height"] >= 24, "answer rows are too small to tap"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_without_javascript_the_page_shows_the_routes(browser, site_url, lang):
    context = browser.new_context(java_script_enabled=False)
    page = context.new_page()
    page.goto(site_url + PATHS[lang] + query(ACCEPTANCE), wait_until="load")
    assert page.locator(".plan-fallback").is_visible()
    assert page.locator(".plan-form").is_hidden() and page.locator("#plan").is_hidden()
    links = page.locator(".plan-fallback a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert all(any(f"guide/start/#{r}" in h for h in links)
               for r in ("route-helper", "route-alone", "route-return", "route-in-russia", "route-lost", "minimum")), links
    assert any("guide/unlink/#checklist" in h for h in links), links
    context.close()
