#!/usr/bin/env python3
"""Maintain data/published-urls.txt, the list of every URL the site has published.

    .venv/bin/python scripts/published_urls.py --update   # after adding pages: register them
    .venv/bin/python scripts/published_urls.py --check    # build and report, change nothing

Both build the site into a temporary folder (the build itself does the check:
hooks/urls.py), without --strict so that unrelated warnings do not hide it.
--update adds the new pages to the registry and never removes a line: when a
page moves or goes away, add a redirect to data/redirects.yml.
"""
from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REGISTRY = ROOT / "data" / "published-urls.txt"


def urls(path: Path) -> set[str]:
    if not path.is_file():
        return set()
    return {l.strip() for l in path.read_text(encoding="utf-8").splitlines() if l.strip() and not l.startswith("#")}


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    mode = parser.add_mutually_exclusive_group(required=True)
    mode.add_argument("--update", action="store_true", help="register new pages in data/published-urls.txt")
    mode.add_argument("--check", action="store_true", help="only build and report")
    args = parser.parse_args(argv)

    before = urls(REGISTRY)
    env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    if args.update:
        env["PUBLISHED_URLS_UPDATE"] = "1"
    with tempfile.TemporaryDirectory(prefix="published-urls-") as tmp:
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--no-strict", "-q", "-f", str(ROOT / "mkdocs.yml"), "-d", tmp],
            cwd=ROOT, env=env, capture_output=True, text=True)
    after = urls(REGISTRY)
    added = sorted(after - before)
    out = "\n".join(l for l in (result.stdout + result.stderr).splitlines()
                    if l.strip() and not l.startswith(("INFO", "Building prefix dict", "Loading model",
                                                       "Prefix dict", "Dumping model")))
    if added:
        print(f"Registered {len(added)} new URL(s) in {REGISTRY.relative_to(ROOT)}:")
        for u in added:
            print("  " + u)
    elif result.returncode == 0:
        print("Nothing to register: every page is already in the registry." if args.update
              else f"URL check passed: all {len(after)} registered URLs resolve and every page is registered.")
    if result.returncode != 0:
        print(out[-4000:], file=sys.stderr)
        if args.update and not added and "URL check failed" not in out:
            print("The build stopped before the URL check: fix the errors above, then run this again.",
                  file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
