"""A bad search synonyms file fails the strict build with one sentence naming file and entry."""
from __future__ import annotations

from conftest import build_site, copy_project


def test_synonym_for_a_missing_section_fails_the_build(tmp_path):
    project = copy_project(tmp_path)
    path = project / "data" / "search-synonyms.yml"
    path.write_text(path.read_text(encoding="utf-8")
                    + "\nbroken:\n  pages: [guide/after#no-such-id]\n  zh: [不存在的词]\n", encoding="utf-8")
    result = build_site(project / "site", project)
    out = result.stdout + result.stderr
    assert result.returncode != 0, out[-2000:]
    assert ("data/search-synonyms.yml: entry 'broken': target 'guide/after#no-such-id': "
            "no heading with id '#no-such-id' in docs/guide/after.md") in out, out[-2000:]
    assert "Traceback" not in out, out[-3000:]
