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
