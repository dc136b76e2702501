#!/usr/bin/env bash
# Build the site strictly, then run the whole test suite against the build.
# scripts/build.sh builds beside site/ and moves it into place only on success.
# Prints the figures the closing notes quote: pages built, build seconds, tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_MKDOCS_2_WARNING=1
start=$(date +%s%N)
scripts/build.sh site 2>&1 | { grep -v -E "^INFO|^Building prefix dict|^Loading model|^Prefix dict|^Dumping model" || true; }
end=$(date +%s%N)
pages=$(find site -name index.html | wc -l)
ms=$(( (end - start) / 1000000 ))
printf 'build: %d pages (zh + en) in %d.%03d s\n' "$pages" $((ms / 1000)) $((ms % 1000))
SITE_DIR=site .venv/bin/python -m pytest "$@"
