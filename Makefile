# The two commands in the README:
#   make serve   set everything up, then serve the site at http://127.0.0.1:8000 with live reload
#   make test    set everything up, then build strictly and run the whole test suite
.PHONY: serve test build bench clean audit

serve:
	scripts/setup.sh build
	NO_MKDOCS_2_WARNING=1 .venv/bin/mkdocs serve -a 127.0.0.1:8000

test:
	scripts/setup.sh test
	scripts/test.sh

# Production build into site/. Set SITE_URL to the public address (see README).
# A failed build leaves no site/ behind (scripts/build.sh).
build:
	scripts/setup.sh build
	scripts/build.sh site

clean:
	rm -rf site .cache .pytest_cache

# Performance benchmark (Lighthouse mobile, build time, search payload): prints one
# table and records it in BENCHMARKS.md. Takes a few minutes. BENCH_ARGS=--no-strict
# measures a tree whose build still has warnings.
bench:
	scripts/setup.sh test
	.venv/bin/python scripts/bench.py $(BENCH_ARGS)

# Freshness audit: facts by age of their newest source, stale ones (over six months),
# sources without https and sources no fact uses. Never fails on age (README, "Audit").
audit:
	scripts/setup.sh build
	.venv/bin/python scripts/audit.py $(AUDIT_ARGS)
