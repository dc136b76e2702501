"""hooks/reproducible.py: SOURCE_DATE_EPOCH comes from the last commit unless already set."""
import os
import subprocess
from pathlib import Path
from types import SimpleNamespace

import reproducible

ROOT = Path(__file__).resolve().parents[2]


def config_in(folder: Path):
    return SimpleNamespace(config_file_path=str(folder / "mkdocs.yml"))


def test_unset_date_comes_from_the_last_commit(monkeypatch):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    expected = subprocess.run(["git", "-C", str(ROOT), "log", "-1", "--format=%ct"],
                              capture_output=True, text=True).stdout.strip()
    reproducible.on_config(config_in(ROOT))
    assert os.environ["SOURCE_DATE_EPOCH"] == expected and expected.isdigit()


def test_a_date_set_by_the_caller_wins(monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1700000000")
    reproducible.on_config(config_in(ROOT))
    assert os.environ["SOURCE_DATE_EPOCH"] == "1700000000"


def test_outside_git_the_date_is_left_alone(monkeypatch, tmp_path):
    monkeypatch.delenv("SOURCE_DATE_EPOCH", raising=False)
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    reproducible.on_config(config_in(tmp_path))
    assert "SOURCE_DATE_EPOCH" not in os.environ
