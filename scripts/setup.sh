#!/usr/bin/env bash
# Install everything the project needs on a Debian machine, idempotently.
#   scripts/setup.sh build   # Python venv + the CJK font the preview images need
#   scripts/setup.sh test    # + Chromium, nginx and the Node packages the tests use
# Safe to run again: it only installs what is missing or changed.
set -euo pipefail
cd "$(dirname "$0")/.."
mode="${1:-build}"

apt_pkgs=(fonts-noto-cjk)                      # hooks/og_cards.py draws Chinese titles with it
if [ "$mode" = test ]; then
  apt_pkgs+=(chromium nginx libnginx-mod-http-brotli-filter libnginx-mod-http-brotli-static nodejs npm)
fi
missing=()
for p in "${apt_pkgs[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "ok installed" || missing+=("$p")
done
# nodejs/npm may come from elsewhere (e.g. a preinstalled Node): accept any working ones.
if [ "$mode" = test ] && command -v node >/dev/null && command -v npm >/dev/null; then
  missing=("${missing[@]/nodejs}"); missing=("${missing[@]/npm}")
fi
missing=($(printf '%s\n' "${missing[@]}" | grep -v '^$' || true))
if [ "${#missing[@]}" -gt 0 ]; then
  echo "setup: installing Debian packages: ${missing[*]}"
  sudo=""; [ "$(id -u)" -eq 0 ] || sudo="sudo"
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

python="${PYTHON:-python3}"
"$python" -c 'import sys; assert sys.version_info[:2] >= (3, 11), sys.version' \
  || { echo "setup: Python 3.11 or newer is required (set PYTHON=...)"; exit 1; }
req=requirements.txt; [ "$mode" = test ] && req=requirements-test.txt
stamp=".venv/.installed-$(cat requirements.txt "$req" | sha256sum | cut -c1-16)"
if [ ! -f "$stamp" ]; then
  [ -x .venv/bin/python ] || "$python" -m venv .venv
  echo "setup: installing Python packages from $req"
  .venv/bin/python -m pip install -q --disable-pip-version-check -r "$req"
  rm -f .venv/.installed-*; touch "$stamp"
fi

if [ "$mode" = test ] && [ -f package-lock.json ]; then
  lockstamp="node_modules/.installed-$(sha256sum package-lock.json | cut -c1-16)"
  if [ ! -f "$lockstamp" ]; then
    echo "setup: installing Node packages (npm ci)"
    PUPPETEER_SKIP_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error
    touch "$lockstamp"
  fi
fi
