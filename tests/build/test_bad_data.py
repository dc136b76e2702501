"""Bad data, YAML and front matter fail the build in one plain line.

Each case copies the project (a copy takes milliseconds; the build is what
costs), breaks one thing and builds with --strict. The build must fail, and a
single line of its output must name the file, the entry and the problem, with
no traceback. Most of these fail in on_config or on_files, before any page is
rendered, so each build takes about a second. The last test checks that a
failed build leaves no site behind (scripts/build.sh).
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import ROOT, append, build_site, copy_project, fails_in_one_line, replace


@pytest.fixture
def project(tmp_path):
    return copy_project(tmp_path)


def data(project: Path, name: str) -> Path:
    return project / "data" / name


# ------------------------------------------------------------ duplicate keys, in every YAML file

def test_duplicate_carrier_id(project):  # audit c06: a second `mts:` replaced MTS with Yota's card
    path = data(project, "carriers.yml")
    first = path.read_text(encoding="utf-8").splitlines().index("mts:") + 1
    append(path, "\nmts:\n  names: {zh: Yota, en: Yota, ru: Йота}\n")
    fails_in_one_line(project, "data/carriers.yml: line", f"duplicate key 'mts' (the first is on line {first})",
                      "each id must be unique")


def test_duplicate_source_id(project):  # audit s01
    append(data(project, "sources.yml"), "\nrbc-2024-rules:\n  url: https://example.org/\n")
    fails_in_one_line(project, "data/sources.yml: line", "duplicate key 'rbc-2024-rules'", "each id must be unique")


def test_duplicate_fact_id(project):  # audit e02: a second law.inactivity-floor said 30 days
    append(data(project, "facts.yml"), "\nlaw.inactivity-floor:\n  text: {zh: 30 天, en: 30 days}\n"
                                       "  confidence: news\n  sources: [rbc-2024-rules]\n")
    fails_in_one_line(project, "data/facts.yml: line", "duplicate key 'law.inactivity-floor'", "each id must be unique")


def test_duplicate_field_inside_an_entry(project):
    replace(data(project, "carriers.yml"), "  kind: mno\n", "  kind: mno\n  kind: mvno\n")
    fails_in_one_line(project, "data/carriers.yml: line", "duplicate key 'kind'", "each key must be unique")


def test_duplicate_redirect(project):
    append(data(project, "redirects.yml"), "")
    path = data(project, "redirects.yml")
    path.write_text(path.read_text(encoding="utf-8").replace("{}\n", "/old/: /faq/\n/old/: /glossary/\n"),
                    encoding="utf-8")
    fails_in_one_line(project, "data/redirects.yml: line", "duplicate key '/old/'")


def test_duplicate_key_in_any_data_file(project):
    (project / "data" / "extra.yml").write_text("a: 1\nb: 2\na: 3\n", encoding="utf-8")
    fails_in_one_line(project, "data/extra.yml: line 3", "duplicate key 'a' (the first is on line 1)")


def test_duplicate_key_in_mkdocs_yml(project):
    append(project / "mkdocs.yml", "\nstrict: false\n")
    fails_in_one_line(project, "mkdocs.yml: line", "duplicate key 'strict' (the first is on line 17)")


def test_duplicate_key_in_front_matter(project):
    replace(project / "docs/guide/esim.en.md", "---\ndescription:", "---\ndescription: One.\ndescription:")
    fails_in_one_line(project, "docs/guide/esim.en.md: front matter: line 3", "duplicate key 'description'")


# ------------------------------------------------------------ dates

@pytest.mark.parametrize("bad, problem", [
    ("2026-13-45", "is not a real date (month must be in 1..12)"),  # audit c09: was a 23-frame traceback
    ("2026-02-30", "is not a real date (day is out of range for month)"),  # audit c09b
])
def test_impossible_date(project, bad, problem):
    replace(data(project, "sources.yml"), "  published: 2024-01-26\n  checked: 2026-11-24",
            f"  published: 2024-01-26\n  checked: {bad}")
    fails_in_one_line(project, "data/sources.yml", "source 'rbc-2024-rules', field 'checked'", f"'{bad}' {problem}")


def test_checked_in_the_future(project):  # audit c08: was shown 124 times on the site
    replace(data(project, "sources.yml"), "  published: 2024-01-26\n  checked: 2026-11-24",
            "  published: 2024-01-26\n  checked: 2031-01-01")
    fails_in_one_line(project, "data/sources.yml", "source 'rbc-2024-rules', field 'checked'",
                      "2031-01-01 is in the future")


def test_checked_before_published(project):  # audit s06
    replace(data(project, "sources.yml"), "  published: 2024-01-26\n  checked: 2026-11-24",
            "  published: 2024-01-26\n  checked: 2020-01-01")
    fails_in_one_line(project, "data/sources.yml", "source 'rbc-2024-rules', field 'checked'",
                      "2020-01-01 is earlier than 'published' (2024-01-26)")


# ------------------------------------------------------------ the data as a whole

def test_alias_shared_by_two_carriers(project):  # audit c07; compared as search does, ignoring case
    replace(data(project, "carriers.yml"), "  aliases: [Билайн,", "  aliases: [Мтс, Билайн,")
    fails_in_one_line(project, "data/carriers.yml", "carrier 'beeline', field 'aliases'",
                      "'Мтс' is also a name or alias of carrier 'mts' ('МТС')")


def test_unused_source(project):  # audit s04
    append(data(project, "sources.yml"), "nobody-cites-me:\n  url: https://example.org/page\n"
                                         "  publisher: Example\n  kind: news\n  checked: 2026-11-24\n")
    fails_in_one_line(project, "data/sources.yml", "source 'nobody-cites-me'", "no fact or carrier cites it")


def test_zh_text_left_in_english(project):  # audit c10c
    replace(data(project, "facts.yml"), "    zh: 用户可以随时单方面解除合同，前提是已经用过的服务费都已付清\n",
            "    zh: you can end the contract on your own at any time, as long as the services you already used are paid for\n")
    fails_in_one_line(project, "data/facts.yml", "fact 'law.terminate-anytime', field 'text'",
                      "the 'zh' text has no Chinese characters")


def test_en_text_with_chinese(project):
    replace(data(project, "carriers.yml"), "en: Go to an MTS shop with the passport named in your contract.",
            "en: Go to an MTS 营业厅 with the passport named in your contract.")
    fails_in_one_line(project, "data/carriers.yml", "carrier 'mts', field 'facts.in_person'",
                      "the 'en' text contains Chinese characters ('营业厅')")


# ------------------------------------------------------------ front matter (audit d11, d11b, d11c)

def test_front_matter_without_description(project):
    replace(project / "docs/guide/esim.en.md", "---\ndescription:", "---\ntitle: eSIM\nsummary:")
    fails_in_one_line(project, "docs/guide/esim.en.md", "the front matter has no 'description'")


def test_empty_description(project):
    path = project / "docs/guide/esim.md"
    text = path.read_text(encoding="utf-8")
    path.write_text("---\ndescription: \"  \"\n---" + text.split("---", 2)[2], encoding="utf-8")
    fails_in_one_line(project, "docs/guide/esim.md", "'description' is empty")


def test_no_front_matter(project):
    path = project / "docs/guide/esim.en.md"
    path.write_text(path.read_text(encoding="utf-8").split("---", 2)[2].lstrip(), encoding="utf-8")
    fails_in_one_line(project, "docs/guide/esim.en.md", "no front matter")


def test_front_matter_not_valid_yaml(project):  # was printed as the page's first paragraph
    replace(project / "docs/guide/esim.en.md", "description: How", "description: [How")
    out = fails_in_one_line(project, "docs/guide/esim.en.md: front matter: line 3", "not valid YAML",
                            "that starts on line 2")
    assert "description: [How" not in out


# ------------------------------------------------------------ a failed build leaves no site (audit d07)

def run_build_script(project: Path, dest: Path, python: str = sys.executable) -> subprocess.CompletedProcess:
    env = dict(os.environ, PYTHON=python)
    return subprocess.run(["bash", str(project / "scripts/build.sh"), str(dest)],
                          cwd=project, env=env, capture_output=True, text=True)


def test_failed_build_leaves_no_site(project):
    dest = project / "out"
    dest.mkdir()
    (dest / "index.html").write_text("an older build", encoding="utf-8")
    # Fails late (the privacy plugin, after pages are written): the worst case for a half-written site.
    # (An external image: a <script> is now refused earlier, while the page is read.)
    append(project / "docs/guide/esim.md", '\n![x](https://cdn.example.com/track.png)\n')
    append(project / "docs/guide/esim.en.md", '\n![x](https://cdn.example.com/track.png)\n')
    result = run_build_script(project, dest)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out[-2000:]
    assert "External file: https://cdn.example.com/track.png" in out, out[-3000:]
    assert not dest.exists(), "a failed build left the output folder behind"
    assert not list(project.glob("out.*")), f"temporary folders left: {list(project.glob('out.*'))}"


# Stands in for `python -m mkdocs build ... -d DIR`: writes a page into DIR, then exits with $FAKE_EXIT.
FAKE_MKDOCS = """#!/bin/sh
while [ "$#" -gt 0 ]; do [ "$1" = "-d" ] && dir="$2"; shift; done
echo new > "$dir/index.html"
exit "${FAKE_EXIT:-0}"
"""


def test_build_script_replaces_the_site_only_on_success(project, monkeypatch):
    # The real build on success is what `make test` itself runs; here a stand-in keeps it fast.
    fake = project / "fake-python"
    fake.write_text(FAKE_MKDOCS, encoding="utf-8")
    fake.chmod(0o755)
    dest = project / "out"
    dest.mkdir()
    (dest / "stale.html").write_text("an older build", encoding="utf-8")
    result = run_build_script(project, dest, str(fake))
    assert result.returncode == 0, result.stdout + result.stderr
    assert (dest / "index.html").read_text() == "new\n"
    assert not (dest / "stale.html").exists(), "the old site was merged into, not replaced"
    assert oct(dest.stat().st_mode & 0o777) == "0o755", "a web server must be able to read the site"
    assert not list(project.glob("out.*")), "temporary folders left behind"

    monkeypatch.setenv("FAKE_EXIT", "3")
    result = run_build_script(project, dest, str(fake))
    assert result.returncode == 3 and "Build failed" in result.stderr
    assert not dest.exists() and not list(project.glob("out.*"))
