"""`make audit` (scripts/audit.py) on the repository's own data, in a fresh copy."""
from __future__ import annotations

import subprocess
import sys

from conftest import ROOT, copy_project


def fresh_copy(tmp_path):
    """What a fresh clone holds that the audit reads (no .venv, no built site)."""
    dest = tmp_path / "clone"
    dest.mkdir()
    return copy_project(dest)


def run_audit(project, *args):
    return subprocess.run([sys.executable, str(project / "scripts" / "audit.py"), "--root", str(project), *args],
                          cwd=project, capture_output=True, text=True)


def test_audit_runs_on_a_fresh_copy(tmp_path):
    project = fresh_copy(tmp_path)
    result = run_audit(project, "--today", "2026-12-01", "--out", str(tmp_path / "audit.md"))
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "audit.md").read_text(encoding="utf-8")
    for heading in ("## Facts by confidence", "## Not checked for more than six months",
                    "## All facts, oldest check first", "## Sources without https", "## Sources no fact uses"):
        assert heading in text
    assert "| official |" in text and "| unknown |" in text
    assert "law.refund-deadline" in text


def test_audit_flags_stale_facts_but_never_fails_on_age(tmp_path):
    project = fresh_copy(tmp_path)
    result = run_audit(project, "--today", "2030-01-01")
    assert result.returncode == 0, result.stderr
    assert "**STALE**" in result.stdout
    fresh = run_audit(project, "--today", "2026-12-01")
    assert "**STALE**" not in fresh.stdout


def test_audit_lists_http_and_unused_sources(tmp_path):
    project = fresh_copy(tmp_path)
    sources = project / "data" / "sources.yml"
    sources.write_text(sources.read_text(encoding="utf-8") + (
        "unused.example:\n  url: http://nobody.example/page\n  publisher: Nobody\n"
        "  kind: secondary\n  checked: 2026-11-24\n"), encoding="utf-8")
    out = run_audit(project).stdout
    http = out.split("## Sources without https")[1].split("##")[0]
    unused = out.split("## Sources no fact uses")[1]
    assert "unused.example" in http and "unused.example" in unused


def test_audit_reports_bad_data_plainly(tmp_path):
    project = fresh_copy(tmp_path)
    (project / "data" / "facts.yml").write_text("law.x: [unclosed\n", encoding="utf-8")
    result = run_audit(project)
    assert result.returncode == 2 and "facts.yml" in result.stderr and "Traceback" not in result.stderr


def test_make_audit_target_runs_the_script():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    block = makefile.split("\naudit:")[1].split("\n\n")[0]
    assert "scripts/audit.py" in block and "audit" in makefile.split(".PHONY:")[1].split("\n")[0]
