#!/usr/bin/env bash
# Build the site strictly into DEST (default: site/) and never leave a broken one there.
#
#   scripts/build.sh [DEST] [extra mkdocs build options]
#
# MkDocs writes pages as it goes, so a strict build that fails late (an external
# script found by the privacy plugin, a broken URL) would leave a half-written
# site, third-party script included, where `make serve`, a deploy or the tests
# look. So the build goes into a fresh folder beside DEST and replaces DEST only
# when it succeeds; when it fails, DEST is removed as well, so a stale site from
# an earlier build cannot be mistaken for this one. PYTHON picks the interpreter
# (default: the project's .venv).
set -euo pipefail
cd "$(dirname "$0")/.."
dest="${1:-site}"
dest="${dest%/}"
shift $(( $# > 0 ? 1 : 0 ))
python="${PYTHON:-.venv/bin/python}"
tmp="$(mktemp -d "$dest.building.XXXXXX")"   # beside DEST: same filesystem, so the move is a rename
chmod u=rwx,go=rx "$tmp"                     # mktemp makes it private; a web server must read it
old="$dest.old.$$"
trap 'rm -rf "$tmp" "$old"' EXIT
if NO_MKDOCS_2_WARNING=1 "$python" -m mkdocs build --strict -d "$tmp" "$@"; then
  if [ -e "$dest" ]; then mv "$dest" "$old"; fi
  mv "$tmp" "$dest"
else
  status=$?
  rm -rf "$dest"
  echo "Build failed: nothing was written to $dest/ (and the old one was removed)." >&2
  exit "$status"
fi
