"""Reproducible build: the same sources give byte-identical sites.

The site is built twice into two temporary folders, in two processes (so Python's
hash seed differs too: set iteration order cannot leak into the output). The
second build runs as if it were the next day: a small sitecustomize shifts
MkDocs's clock by 24 hours whenever SOURCE_DATE_EPOCH is unset, so a date that
comes from the wall clock (sitemap <lastmod>, the mtime in sitemap.xml.gz)
shows up here instead of at midnight. hooks/reproducible.py pins the date to
the last commit, so the two builds must match.
"""
from __future__ import annotations

import difflib
import os
import subprocess
import sys
from pathlib import Path

from conftest import ROOT

TOMORROW = '''
import datetime, os
import mkdocs.utils as u
_real = u.get_build_datetime
def _tomorrow():
    if os.environ.get("SOURCE_DATE_EPOCH") is None:
        return _real() + datetime.timedelta(days=1)
    return _real()
u.get_build_datetime = _tomorrow
'''

HINTS = {
    "sitemap.xml": "sitemap <lastmod> comes from the build date (SOURCE_DATE_EPOCH / hooks/reproducible.py)",
    "sitemap.xml.gz": "gzip header mtime comes from the build date (SOURCE_DATE_EPOCH / hooks/reproducible.py)",
    "search/": "search index entries or their order differ between builds",
    ".png": "a generated image differs (check the OG image hook: fonts, metadata, timestamps)",
    ".svg": "a generated SVG differs (QR code or icon generation)",
}


def build(dest: Path, extra_env: dict) -> None:
    env = {k: v for k, v in os.environ.items() if k not in ("SOURCE_DATE_EPOCH", "PYTHONHASHSEED")}
    env.update(NO_MKDOCS_2_WARNING="1", **extra_env)
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", str(dest)],
        cwd=ROOT, env=env, capture_output=True, text=True,
    )
    assert result.returncode == 0, f"build failed:\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"


def files(root: Path) -> dict[str, bytes]:
    return {p.relative_to(root).as_posix(): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()}


def explain(name: str, a: bytes, b: bytes) -> str:
    hint = next((h for key, h in HINTS.items() if key in name or name.endswith(key)), "")
    try:
        la, lb = a.decode("utf-8").splitlines(), b.decode("utf-8").splitlines()
    except UnicodeDecodeError:
        first = next((i for i, (x, y) in enumerate(zip(a, b)) if x != y), min(len(a), len(b)))
        return f"{name}: binary, {len(a)} vs {len(b)} bytes, first difference at byte {first}. {hint}"
    diff = [d for d in difflib.unified_diff(la, lb, lineterm="", n=0) if d[:1] in "+-" and d[:3] not in ("+++", "---")]
    return f"{name}: {hint}\n    " + "\n    ".join(line[:160] for line in diff[:6])


def test_two_builds_are_byte_identical(tmp_path):
    shim = tmp_path / "shim"
    shim.mkdir()
    (shim / "sitecustomize.py").write_text(TOMORROW, encoding="utf-8")
    first, second = tmp_path / "one", tmp_path / "two"
    build(first, {})
    build(second, {"PYTHONPATH": os.pathsep.join(filter(None, [str(shim), os.environ.get("PYTHONPATH")]))})
    a, b = files(first), files(second)
    assert len(a) > 50
    problems = [f"only in build 1: {n}" for n in sorted(a.keys() - b.keys())]
    problems += [f"only in build 2: {n}" for n in sorted(b.keys() - a.keys())]
    problems += [explain(n, a[n], b[n]) for n in sorted(a.keys() & b.keys()) if a[n] != b[n]]
    assert not problems, "the two builds differ:\n" + "\n".join(problems)
