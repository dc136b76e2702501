"""Same sources, same bytes: pin the build date to the last commit.

MkDocs stamps every page's `update_date` (the sitemap's <lastmod>, and the
mtime inside sitemap.xml.gz) with today's date unless SOURCE_DATE_EPOCH is set
(https://reproducible-builds.org/specs/source-date-epoch/). Left alone, the same
commit built on two days gives two different sites. When the variable is not
set, this hook sets it to the time of the last git commit, which is also an
honest "last modified" for a site whose content lives in git. Outside a git
checkout (a source tarball) it leaves the date alone.
"""
from __future__ import annotations

import os
import subprocess
from pathlib import Path


def commit_time(repo: Path) -> str | None:
    try:
        out = subprocess.run(
            ["git", "-C", str(repo), "log", "-1", "--format=%ct"],
            capture_output=True, text=True, timeout=10, check=True,
        ).stdout.strip()
    except (OSError, subprocess.SubprocessError):
        return None
    return out if out.isdigit() else None


def on_config(config, **_):
    if not os.environ.get("SOURCE_DATE_EPOCH"):
        stamp = commit_time(Path(config.config_file_path).parent)
        if stamp:
            os.environ["SOURCE_DATE_EPOCH"] = stamp
    return config
