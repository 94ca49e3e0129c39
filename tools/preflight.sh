#!/usr/bin/env bash
# Find or get what the browser tests and the PDF need besides Python: Chromium, and Node.js with npm.
#
# Usage: tools/preflight.sh [chromium] [npm]      (no argument: both; `make test` runs it first)
#
# Chromium: one on the PATH (`chromium`, `chromium-browser`), else Playwright's own
# (in ~/.cache/ms-playwright) if one was downloaded; else, as root with apt-get,
# `apt-get install chromium`; else `playwright install chromium` (it downloads,
# where the machine can). Node.js/npm: on the PATH, else apt-get as root. Each
# install is announced. When nothing works it stops at once with one line saying
# what to install. PREFLIGHT_NO_INSTALL=1 only looks (the tests use it).
set -euo pipefail
cd "$(dirname "$0")/.."

say() { echo "preflight: $*"; }
stop() { echo "preflight: $*" >&2; exit 1; }

can_apt() {
  [ -z "${PREFLIGHT_NO_INSTALL:-}" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null 2>&1
}

apt_install() {
  say "installing $* with apt-get"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

# The Chromium that Playwright downloaded, if any (tests/browser/sitecheck.py finds it the same way).
playwright_chromium() {
  [ -x .venv/bin/python ] || return 1
  local path
  path=$(.venv/bin/python -c 'from playwright.sync_api import sync_playwright
with sync_playwright() as p: print(p.chromium.executable_path)' 2>/dev/null) || return 1
  [ -x "$path" ] && echo "$path"
}

# Whether Playwright's download server answers (any HTTP status will do), within 5 seconds.
can_download_playwright() {
  python3 -c 'import sys, urllib.request, urllib.error
try:
    urllib.request.urlopen("https://cdn.playwright.dev/", timeout=5)
except urllib.error.HTTPError:
    pass
except OSError:
    sys.exit(1)' 2>/dev/null
}

find_chromium() {
  command -v chromium 2>/dev/null || command -v chromium-browser 2>/dev/null || playwright_chromium
}

need_chromium() {
  local found
  if found=$(find_chromium); then
    say "Chromium: $found"
    return
  fi
  if can_apt; then
    apt_install chromium
  elif [ -z "${PREFLIGHT_NO_INSTALL:-}" ] && can_download_playwright; then
    say "no Chromium and no root for apt-get: downloading Playwright's with 'playwright install chromium'"
    make -s .venv/.installed >/dev/null
    .venv/bin/python -m playwright install chromium >/dev/null 2>&1 || true
  fi
  found=$(find_chromium) ||
    stop "Chromium is missing: install it with 'sudo apt-get install -y chromium' (or '.venv/bin/python -m playwright install chromium'), then rerun."
  say "Chromium: $found"
}

need_npm() {
  if ! command -v npm >/dev/null 2>&1; then
    can_apt && apt_install nodejs npm
    command -v npm >/dev/null 2>&1 ||
      stop "Node.js and npm are missing (the browser tests need axe-core): install them with 'sudo apt-get install -y nodejs npm', then rerun."
  fi
  say "npm: $(command -v npm)"
}

wanted=("$@")
[ ${#wanted[@]} -gt 0 ] || wanted=(chromium npm)
for tool in "${wanted[@]}"; do
  case "$tool" in
    chromium) need_chromium ;;
    npm) need_npm ;;
    *) stop "unknown tool '$tool' (expected chromium or npm)" ;;
  esac
done
