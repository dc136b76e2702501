"""Data validation: each kind of bad input gives an error naming file, entry and field."""
from __future__ import annotations

import textwrap
from pathlib import Path

import pytest

import sitedata

SOURCES = """
good-official:
  url: https://operator.example/help
  publisher: Operator
  kind: official
  checked: 2026-11-24
good-weak:
  url: https://blog.example/post
  publisher: A blog
  kind: secondary
  checked: 2026-11-20
"""
FACTS = """
law.days:
  text: {zh: 90 天, en: 90 days}
  confidence: official
  sources: [good-official]
"""
CARRIER = """
acme:
  names: {zh: 阿克米, en: Acme, ru: Акме}
  aliases: [Акме, Acme]
  kind: mno
  facts:
    abroad: {zh: 可以, en: it is possible, confidence: official, sources: [good-official]}
    inactivity:
      - {zh: 九十天, en: ninety days, confidence: secondary, sources: [good-weak]}
  contacts:
    - {kind: short, number: "0890", confidence: secondary, sources: [good-weak]}
    - {kind: tollfree, number: "8 800 250-08-90", confidence: secondary, sources: [good-weak]}
    - {kind: abroad, number: "+7 495 766-01-66", confidence: secondary, sources: [good-weak]}
  urls:
    - {url: "https://operator.example/", zh: 官网, en: Website}
"""


def make(tmp_path: Path, sources=SOURCES, facts=FACTS, carriers=CARRIER) -> Path:
    (tmp_path / "data").mkdir()
    for name, text in (("sources.yml", sources), ("facts.yml", facts), ("carriers.yml", carriers)):
        (tmp_path / "data" / name).write_text(textwrap.dedent(text), encoding="utf-8")
    return tmp_path


def sub(tmp_path: Path, name: str) -> Path:
    (tmp_path / name).mkdir()
    return tmp_path / name


def error(tmp_path, **files) -> str:
    with pytest.raises(sitedata.DataError) as exc:
        sitedata.load(make(tmp_path, **files))
    return str(exc.value)


def test_good_data_loads(tmp_path):
    data = sitedata.load(make(tmp_path))
    assert data.facts["law.days"].text["en"] == "90 days"
    assert data.carriers["acme"]["contacts"][1]["number"] == "8 800 250-08-90"
    assert data.checked(["good-official", "good-weak"]) == "2026-11-24"


def test_malformed_yaml_names_file_and_line(tmp_path):
    msg = error(tmp_path, facts="law.days: [unclosed\n")
    assert "facts.yml" in msg and "line" in msg and "not valid YAML" in msg


def test_unknown_field(tmp_path):
    msg = error(tmp_path, carriers=CARRIER.replace("  kind: mno", "  kind: mno\n  colour: red"))
    assert "carriers.yml: carrier 'acme': unknown field 'colour'" in msg


def test_unknown_carrier_fact_field(tmp_path):
    msg = error(tmp_path, carriers=CARRIER.replace("    abroad:", "    abraod:"))
    assert "carrier 'acme', field 'facts.abraod': unknown field" in msg


def test_missing_source(tmp_path):
    msg = error(tmp_path, facts="law.days:\n  text: {zh: 九十天, en: ninety}\n  confidence: news\n")
    assert "facts.yml: fact 'law.days': no source" in msg


def test_unknown_source_id(tmp_path):
    msg = error(tmp_path, facts=FACTS.replace("[good-official]", "[nope]"))
    assert "fact 'law.days': unknown source id 'nope'" in msg


def test_missing_checked_date(tmp_path):
    msg = error(tmp_path, sources=SOURCES.replace("  checked: 2026-11-20\n", ""))
    assert "sources.yml: source 'good-weak': missing field 'checked'" in msg


def test_bad_date(tmp_path):
    msg = error(tmp_path, sources=SOURCES.replace("2026-11-20", "20.11.2026"))
    assert "source 'good-weak', field 'checked': '20.11.2026' is not a date" in msg


def test_malformed_url(tmp_path):
    msg = error(tmp_path, sources=SOURCES.replace("https://blog.example/post", "blog.example/post"))
    assert "source 'good-weak': field 'url': 'blog.example/post' is not an http(s) URL" in msg


def test_malformed_phone(tmp_path):
    msg = error(tmp_path, carriers=CARRIER.replace("8 800 250-08-90", "88002500890"))
    assert "carrier 'acme', field 'contacts[1]': '88002500890' is not a valid tollfree number" in msg


def test_confidence_stronger_than_source(tmp_path):
    msg = error(tmp_path, carriers=CARRIER.replace("confidence: secondary, sources: [good-weak]}\n  contacts",
                                                   "confidence: official, sources: [good-weak]}\n  contacts"))
    assert "confidence 'official' is stronger than its best source ('secondary')" in msg


def test_missing_translation_in_data(tmp_path):
    msg = error(tmp_path, facts=FACTS.replace("{zh: 90 天, en: 90 days}", "{zh: 90 天}"))
    assert "fact 'law.days', field 'text': missing the 'en' text" in msg


def test_yaml_boolean_is_not_text(tmp_path):
    msg = error(tmp_path, facts=FACTS.replace("en: 90 days", "en: yes"))
    assert "the 'en' text must be a string, got True (put it in quotes)" in msg


def test_required_reader_fields(tmp_path):
    text = CARRIER.replace("    abroad: {zh: 可以, en: it is possible, confidence: official, sources: [good-official]}\n", "")
    msg = error(tmp_path, carriers=text)
    assert "carrier 'acme', field 'facts': missing field 'abroad'" in msg


def test_unknown_without_source_is_allowed(tmp_path):
    facts = FACTS + "law.unknown:\n  text: {zh: 没有找到, en: not found}\n  confidence: unknown\n"
    assert sitedata.load(make(tmp_path, facts=facts)).facts["law.unknown"].sources == []


def test_carrier_pages_missing(tmp_path):
    data = sitedata.load(make(tmp_path))
    (tmp_path / "docs" / "carriers").mkdir(parents=True)
    (tmp_path / "docs" / "carriers" / "acme.md").write_text("# Acme\n")
    assert sitedata.carrier_pages_missing(data, tmp_path / "docs") == [
        "docs/carriers/acme.en.md (carrier 'acme' in data/carriers.yml has no page)"]


def test_project_data_is_valid():
    root = Path(__file__).resolve().parents[2]
    data = sitedata.load(root)
    assert data.facts and data.sources
    assert not sitedata.carrier_pages_missing(data, root / "docs")


# ---------------------------------------------------------------- duplicates, dates, the data as a whole

def test_duplicate_ids_are_refused(tmp_path):
    msg = error(tmp_path, sources=SOURCES + "good-weak:\n  url: https://other.example/\n")
    assert msg.startswith("data/sources.yml: line 12: duplicate key 'good-weak' (the first is on line 7)")
    assert msg.endswith("each id must be unique")


@pytest.mark.parametrize("bad, problem", [
    ("2026-13-45", "'2026-13-45' is not a real date (month must be in 1..12)"),
    ("2026-02-30", "'2026-02-30' is not a real date (day is out of range for month)"),
    ("20261120", "'20261120' is not a date (write YYYY-MM-DD)"),
    ("2026-11-20 10:00", "'2026-11-20 10:00' is not a date (write YYYY-MM-DD)"),
])
def test_impossible_dates_name_entry_and_field(tmp_path, bad, problem):
    msg = error(tmp_path, sources=SOURCES.replace("checked: 2026-11-20", f"checked: {bad}"))
    assert msg == f"data/sources.yml: source 'good-weak', field 'checked': {problem}"


def test_checked_in_the_future(tmp_path):
    root = make(tmp_path)
    day = sitedata._dt.date(2026, 11, 23)  # one day of slack for time zones: 2026-11-24 passes
    assert sitedata.load(root, today=day).sources["good-official"]["checked"] == "2026-11-24"
    with pytest.raises(sitedata.DataError) as exc:
        sitedata.load(root, today=sitedata._dt.date(2026, 11, 22))
    assert str(exc.value) == ("data/sources.yml: source 'good-official', field 'checked': 2026-11-24 is in the "
                              "future (the build's date is 2026-11-22): write the date you read the page")


def test_checked_before_published(tmp_path):
    msg = error(tmp_path, sources=SOURCES.replace("  checked: 2026-11-20", "  published: 2026-11-21\n  checked: 2026-11-20"))
    assert msg == ("data/sources.yml: source 'good-weak', field 'checked': 2026-11-20 is earlier than "
                   "'published' (2026-11-21): a page cannot be read before it was published")


def test_reference_date(tmp_path, monkeypatch):
    epoch = str(int(sitedata._dt.datetime(2026, 11, 24, 8, 42, tzinfo=sitedata._dt.timezone.utc).timestamp()))
    monkeypatch.setattr(sitedata, "_CALLER_EPOCH", epoch)  # set by the caller: used as given
    assert sitedata.reference_date(tmp_path) == sitedata._dt.date(2026, 11, 24)
    monkeypatch.setattr(sitedata, "_CALLER_EPOCH", None)
    today = sitedata._dt.datetime.now(sitedata._dt.timezone.utc).date()
    assert sitedata.reference_date(tmp_path) == today  # not a git checkout: today
    monkeypatch.setattr(sitedata.reproducible, "commit_time", lambda root: epoch)
    monkeypatch.setattr(sitedata.subprocess, "run", lambda *a, **k: type("R", (), {"stdout": ""})())
    assert sitedata.reference_date(tmp_path) == sitedata._dt.date(2026, 11, 24)  # data committed: the commit
    monkeypatch.setattr(sitedata.subprocess, "run", lambda *a, **k: type("R", (), {"stdout": " M data/sources.yml"})())
    assert sitedata.reference_date(tmp_path) == today  # data being edited: today


def test_alias_shared_by_two_carriers(tmp_path):
    other = CARRIER.replace("acme:", "beta:").replace("[Акме, Acme]", "[Бета, ACME]").replace(
        "{zh: 阿克米, en: Acme, ru: Акме}", "{zh: 贝塔, en: Beta, ru: Бета}")
    msg = error(tmp_path, carriers=CARRIER + other)
    assert msg == ("data/carriers.yml: carrier 'beta', field 'aliases': 'ACME' is also a name or alias of "
                   "carrier 'acme' ('Acme'): a search for it must find one carrier")
    # Compared as search does: case, full-width letters, '-' and spaces do not make a new name.
    spaced = CARRIER.replace("[Акме, Acme]", "[Акме, Ac me]") + other.replace("ACME", "ＡＣ-ＭＥ")
    assert "'ＡＣ-ＭＥ' is also a name or alias of carrier 'acme' ('Ac me')" in error(sub(tmp_path, "2"), carriers=spaced)


def test_same_alias_twice_in_one_carrier_is_fine(tmp_path):
    sitedata.load(make(tmp_path, carriers=CARRIER.replace("[Акме, Acme]", "[Акме, акме, Acme, ACME]")))


def test_unused_source(tmp_path):
    extra = "nobody:\n  url: https://x.example/\n  publisher: X\n  kind: news\n  checked: 2026-11-01\n"
    msg = error(tmp_path, sources=SOURCES + extra)
    assert msg == ("data/sources.yml: source 'nobody': no fact or carrier cites it: "
                   "cite it in data/facts.yml or data/carriers.yml, or remove it")


def test_zh_text_must_be_chinese_and_en_text_must_not(tmp_path):
    msg = error(tmp_path, facts=FACTS.replace("{zh: 90 天, en: 90 days}", "{zh: 90 days, en: 90 days}"))
    assert msg == ("data/facts.yml: fact 'law.days', field 'text': the 'zh' text has no Chinese characters, "
                   "so it looks untranslated ('90 days')")
    msg = error(sub(tmp_path, "2"), facts=FACTS.replace("{zh: 90 天, en: 90 days}", "{zh: 90 天, en: 90 天}"))
    assert msg == "data/facts.yml: fact 'law.days', field 'text': the 'en' text contains Chinese characters ('天'): translate them"
    msg = error(sub(tmp_path, "3"), carriers=CARRIER.replace("en: Website", "en: Website（官网）"))
    assert "carrier 'acme', field 'urls[0]': the 'en' text contains Chinese characters ('（官网）')" in msg


def test_chinese_names_in_aliases_and_russian_in_en_texts_are_fine(tmp_path):
    carriers = CARRIER.replace("[Акме, Acme]", "[Акме, Acme, 阿克米]").replace(
        "en: it is possible", "en: it is possible at a shop (салон связи)")
    assert sitedata.load(make(tmp_path, carriers=carriers)).carriers["acme"]["aliases"][-1] == "阿克米"
