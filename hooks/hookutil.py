"""Small pieces the hooks share. Not a hook itself (not listed in mkdocs.yml).

* page_lang: the language a page is being built in.
* OuterBuild: the i18n plugin builds English *inside* the Chinese build's
  on_post_build, so every hook sees pre_build/post_build twice, nested. Hooks
  that must act once, after both languages, count the nesting with this.
* disk_cached: reuse a slow, deterministic result (preview images, QR codes)
  from .cache/ across builds, written atomically; a read-only checkout still builds.
"""
from __future__ import annotations

import os
from pathlib import Path
from typing import Callable


def page_lang(page, config) -> str:
    return getattr(page.file, "locale", None) or config.theme["language"]


class OuterBuild:
    def __init__(self) -> None:
        self.depth = 0

    def enter(self) -> bool:
        """Call in on_pre_build. True for the outermost build."""
        self.depth += 1
        return self.depth == 1

    def leave(self) -> bool:
        """Call in on_post_build. True when the outermost build finishes."""
        self.depth = max(self.depth - 1, 0)
        return self.depth == 0

    def reset(self) -> None:
        """Call in on_build_error: `mkdocs serve` rebuilds after a failure."""
        self.depth = 0


def disk_cached(cache_dir: Path | None, name: str, make: Callable[[], bytes]) -> bytes:
    path = cache_dir / name if cache_dir else None
    if path and path.is_file():
        return path.read_bytes()
    data = make()
    if path:
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            tmp = path.with_suffix(f".{os.getpid()}.tmp")
            tmp.write_bytes(data)
            tmp.replace(path)
        except OSError:
            pass
    return data
