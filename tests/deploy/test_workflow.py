"""The GitHub Pages workflow: pinned actions, least privilege, the real build command."""
from __future__ import annotations

import re

import pytest
import yaml

from conftest import ROOT

WORKFLOW = ROOT / ".github" / "workflows" / "pages.yml"
ALLOWED = {"build": {"contents": "read", "pages": "read"}, "deploy": {"pages": "write", "id-token": "write"}}


@pytest.fixture(scope="module")
def text():
    return WORKFLOW.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def flow(text):
    return yaml.safe_load(text)


def unpinned(text: str) -> tuple[int, list[str]]:
    """(number of `uses:` lines, those not pinned to a full SHA with a '# vX.Y.Z' comment)."""
    uses = re.findall(r"^\s*(?:-\s*)?uses:\s*(\S+)(.*)$", text, flags=re.M)
    return len(uses), [u + c for u, c in uses if not re.fullmatch(r"[\w.-]+/[\w.-]+@[0-9a-f]{40}", u)
                       or not re.match(r"\s*#\s*v\d+(\.\d+)*", c)]


def test_every_action_is_pinned_to_a_commit_with_its_version(text):
    count, bad = unpinned(text)
    assert count >= 4
    assert not bad, f"not pinned to a full SHA with a '# vX.Y.Z' comment: {bad}"


def test_permissions_start_empty_and_each_job_gets_the_least(flow):
    assert flow.get("permissions") == {}, "top-level permissions must be {}"
    for name, job in flow["jobs"].items():
        perms = job.get("permissions")
        assert perms is not None, f"job {name} inherits permissions: set them"
        allowed = ALLOWED.get(name, {})
        extra = {k: v for k, v in perms.items() if allowed.get(k) != v}
        assert not extra, f"job {name} asks for more than it needs: {extra}"


def test_build_uses_make_build_with_the_pages_address(flow):
    steps = flow["jobs"]["build"]["steps"]
    run = [s for s in steps if s.get("run")]
    assert [s["run"].strip() for s in run] == ["make build"]
    assert "steps.pages.outputs.base_url" in run[0]["env"]["SITE_URL"]
    assert any(s.get("id") == "pages" and "configure-pages" in s.get("uses", "") for s in steps)
    upload = [s for s in steps if "upload-pages-artifact" in s.get("uses", "")]
    assert upload and upload[0]["with"]["path"] == "site"


def test_deploy_job(flow):
    deploy = flow["jobs"]["deploy"]
    assert deploy["needs"] == "build"
    assert deploy["environment"]["name"] == "github-pages"
    assert any("deploy-pages" in s.get("uses", "") for s in deploy["steps"])


# ---- the monthly fact audit (scripts/audit.py) ----
AUDIT = ROOT / ".github" / "workflows" / "audit.yml"


@pytest.fixture(scope="module")
def audit_text():
    return AUDIT.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def audit_flow(audit_text):
    return yaml.safe_load(audit_text)


def test_audit_actions_are_pinned_to_a_commit(audit_text):
    count, bad = unpinned(audit_text)
    assert count, "the audit workflow checks out the repository"
    assert not bad, f"not pinned to a full SHA with a '# vX.Y.Z' comment: {bad}"


def test_audit_runs_monthly_with_least_privilege(audit_flow):
    on = audit_flow.get("on", audit_flow.get(True))  # YAML 1.1 reads the key `on` as True
    crons = [c["cron"] for c in on["schedule"]]
    assert crons and all(c.split()[2] != "*" and c.split()[3] == "*" for c in crons), crons
    assert audit_flow.get("permissions") == {}, "top-level permissions must be {}"
    for name, job in audit_flow["jobs"].items():
        perms = job.get("permissions")
        assert perms is not None, f"job {name} inherits permissions: set them"
        extra = {k: v for k, v in perms.items() if {"contents": "read", "issues": "write"}.get(k) != v}
        assert not extra, f"job {name} asks for more than it needs: {extra}"


def test_audit_updates_one_tracking_issue(audit_flow):
    steps = audit_flow["jobs"]["audit"]["steps"]
    runs = "\n".join(s.get("run", "") for s in steps)
    assert "scripts/audit.py" in runs and "--out audit.md" in runs
    assert "gh issue edit" in runs and "gh issue create" in runs and "gh issue list" in runs
    env = {k: v for s in steps for k, v in (s.get("env") or {}).items()}
    assert env.get("TITLE") and "github.token" in env.get("GH_TOKEN", "")
