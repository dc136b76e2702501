"""URL paths of every page, collected from the source tree (stable test ids before the site exists)."""
from __future__ import annotations

from conftest import ROOT


def source_paths() -> list[str]:
    paths = []
    for md in sorted((ROOT / "docs").rglob("*.md")):
        rel = md.relative_to(ROOT / "docs").as_posix()
        prefix = "/en" if rel.endswith(".en.md") else ""
        stem = rel.removesuffix(".en.md").removesuffix(".md")
        stem = "" if stem == "index" else (stem.removesuffix("index") if stem.endswith("/index") else stem + "/")
        paths.append(f"{prefix}/{stem}")
    return paths
