"""hookutil.load_yaml / check_yaml: the build's one YAML loader, and the hooks that use it."""
from __future__ import annotations

from pathlib import Path
from types import SimpleNamespace

import pytest

import frontmatter
import hookutil
import yamlcheck

ROOT = Path(__file__).resolve().parents[2]


def error(text: str, **kw) -> str:
    with pytest.raises(hookutil.YamlError) as exc:
        hookutil.load_yaml(text, "data/x.yml", **kw)
    return str(exc.value)


def test_plain_yaml_loads_and_dates_stay_text():
    assert hookutil.load_yaml("a: 1\nb: [x, y]\nwhen: 2026-11-24\n", "f") == {
        "a": 1, "b": ["x", "y"], "when": "2026-11-24"}
    assert hookutil.load_yaml("", "f") is None
    # An impossible date is text too: the validators name the entry (PyYAML raised a bare ValueError).
    assert hookutil.load_yaml("when: 2026-13-45\n", "f") == {"when": "2026-13-45"}


def test_duplicate_top_level_id():
    msg = error("mts: 1\nyota: 2\nmts: 3\n", ids=True)
    assert msg == "data/x.yml: line 3: duplicate key 'mts' (the first is on line 1); each id must be unique"


def test_duplicate_nested_key_and_in_lists():
    assert "line 3: duplicate key 'x' (the first is on line 2); each key must be unique" in error("a:\n  x: 1\n  x: 2\n")
    assert "duplicate key 'k'" in error("- {k: 1, k: 2}\n")
    assert "duplicate key 'k'" in error("a: [[{k: 1}], [{j: 1, k: 2, k: 3}]]\n")


def test_keys_equal_only_as_text_differ_by_type():
    assert hookutil.load_yaml("1: a\n'1': b\n", "f") == {1: "a", "1": "b"}


def test_merge_keys_and_aliases_are_not_duplicates():
    data = hookutil.load_yaml("a: &x {k: 1}\nb: *x\nc: {<<: *x, k: 2}\n", "f")
    assert data == {"a": {"k": 1}, "b": {"k": 1}, "c": {"k": 2}}


def test_syntax_error_names_line_and_where_it_began():
    msg = error("a: 1\nb: [x\n")
    assert msg.startswith("data/x.yml: line 3, column 1: not valid YAML (")
    assert "flow sequence that starts on line 2" in msg


def test_check_yaml_parses_any_tag_without_running_it():
    hookutil.check_yaml("site_url: !ENV [SITE_URL, x]\nslug: !!python/object/apply:os.system [echo hi]\n", "mkdocs.yml")
    with pytest.raises(hookutil.YamlError, match=r"mkdocs.yml: line 3: duplicate key 'strict' \(the first is on line 1\)"):
        hookutil.check_yaml("strict: true\nx: !ENV [A, b]\nstrict: false\n", "mkdocs.yml")


def test_project_yaml_has_no_duplicates():
    config = SimpleNamespace(config_file_path=str(ROOT / "mkdocs.yml"))
    names = [name for _, name in yamlcheck.yaml_files(config)]
    assert names[0] == "mkdocs.yml" and "data/carriers.yml" in names and "data/redirects.yml" in names
    assert yamlcheck.problems(config) == []


def test_yamlcheck_names_every_bad_file(tmp_path):
    (tmp_path / "data").mkdir()
    (tmp_path / "mkdocs.yml").write_text("a: 1\na: 2\n", encoding="utf-8")
    (tmp_path / "data" / "one.yml").write_text("x: 1\nx: 2\n", encoding="utf-8")
    found = yamlcheck.problems(SimpleNamespace(config_file_path=str(tmp_path / "mkdocs.yml")))
    assert found == ["mkdocs.yml: line 2: duplicate key 'a' (the first is on line 1); each key must be unique",
                     "data/one.yml: line 2: duplicate key 'x' (the first is on line 1); each id must be unique"]


# ------------------------------------------------------------ front matter

GOOD = "---\ndescription: One sentence.\ntitle: T\n---\n\n# Page\n"


@pytest.mark.parametrize("text, problem", [
    ("# Page\n", "docs/p.md: no front matter"),
    ("description: x\n\n# Page\n", "docs/p.md: no front matter"),  # MultiMarkdown meta is not accepted
    ("---\ndescription: x\n# Page\n", "docs/p.md: the front matter has no closing '---' line"),
    ("---\ntitle: T\n---\n# Page\n", "docs/p.md: the front matter has no 'description'"),
    ("---\ndescription:\n---\n# Page\n", "docs/p.md: the front matter's 'description' is empty or not text"),
    ("---\ndescription: '  '\n---\n# Page\n", "docs/p.md: the front matter's 'description' is empty"),
    ("---\ndescription: [a, b]\n---\n# Page\n", "docs/p.md: the front matter's 'description' is empty or not text"),
    ("---\n- a list\n---\n# Page\n", "docs/p.md: the front matter must be 'key: value' lines, got list"),
    ("---\ndescription: [How\n---\n# Page\n", "docs/p.md: front matter: line 3, column 1: not valid YAML"),
    ("---\ndescription: a\ndate: 2026-13-45\n---\n",  # MkDocs's own loader would fail: page text
     "docs/p.md: MkDocs cannot read the front matter (month must be in 1..12): quote the value"),
    ("---\ndescription: a\ntitle: b\ndescription: c\n---\n",
     "docs/p.md: front matter: line 4: duplicate key 'description' (the first is on line 2)"),
])
def test_front_matter_problems(text, problem):
    assert (frontmatter.check(text, "docs/p.md") or "").startswith(problem)


def test_good_front_matter_passes():
    assert frontmatter.check(GOOD, "docs/p.md") is None
    assert frontmatter.check("\ufeff" + GOOD, "docs/p.md") is None


def test_every_page_has_good_front_matter():
    pages = sorted((ROOT / "docs").rglob("*.md"))
    assert len(pages) > 40
    bad = [frontmatter.check(p.read_text(encoding="utf-8"), p.relative_to(ROOT).as_posix()) for p in pages]
    assert [b for b in bad if b] == []
