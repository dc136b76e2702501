"""Every test file on disk is collected by a plain `pytest`, which is what `make test` runs.

pytest skips folders named in `norecursedirs`, and its default list contains
`build`: tests/build/ once dropped out of every run without a word. This test
runs the collection exactly as `make test` does and names any test file that
yields no test, whatever the reason (a folder skipped, a file pattern, a file
whose tests were all renamed).
"""
from __future__ import annotations

import fnmatch
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SKIP_DIRS = {"__pycache__", "node_modules"}


def files_on_disk(patterns: list[str]) -> set[str]:
    found = set()
    for folder, dirs, names in os.walk(ROOT / "tests"):
        dirs[:] = [d for d in dirs if d not in SKIP_DIRS and not d.startswith(".")]
        for name in names:
            if any(fnmatch.fnmatch(name, p) for p in patterns):
                found.add((Path(folder) / name).relative_to(ROOT).as_posix())
    return found


def collected_by_plain_pytest() -> set[str]:
    env = {k: v for k, v in os.environ.items() if k != "PYTEST_ADDOPTS"}
    result = subprocess.run([sys.executable, "-m", "pytest", "--collect-only", "-q", "-p", "no:cacheprovider"],
                            cwd=ROOT, env=env, capture_output=True, text=True)
    assert result.returncode == 0, f"collection failed:\n{result.stdout[-3000:]}\n{result.stderr[-2000:]}"
    return {line.split("::", 1)[0] for line in result.stdout.splitlines() if "::" in line}


def test_every_test_file_is_collected(pytestconfig):
    on_disk = files_on_disk(pytestconfig.getini("python_files"))
    assert len(on_disk) > 20 and any(f.startswith("tests/build/") for f in on_disk)
    missing = sorted(on_disk - collected_by_plain_pytest())
    assert not missing, ("a plain `pytest` (what `make test` runs) collects no test from: "
                         + ", ".join(missing) + ". Check `norecursedirs` and `python_files` in pytest.ini.")
