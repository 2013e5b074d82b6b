#!/usr/bin/env bash
# Brings a machine that has only Node 20 and npm to a working checkout: pnpm, the workspace's dependencies (the
# embedded database's PostgreSQL binaries among them) and, for the browser tests, Debian's Chromium, Firefox ESR
# and WebKitGTK (see the options below). Arguments after `--` are a command run afterwards with the workspace's
# pnpm first on PATH.
set -euo pipefail
cd "$(dirname "$0")/.."

# The workspace's own pnpm, installed under .tools/pnpm: a pnpm the developer has on PATH is neither replaced
# nor used, whatever its version.
PNPM_VERSION=12.21.0
TOOLS="$PWD/.tools/pnpm"
if [ "$("$TOOLS/node_modules/.bin/pnpm" --version 2>/dev/null || true)" != "$PNPM_VERSION" ]; then
  npm install --prefix "$TOOLS" --no-save --no-package-lock --no-audit --no-fund --loglevel=error \
    "pnpm@$PNPM_VERSION"
fi
export PATH="$TOOLS/node_modules/.bin:$PATH"

# Browser tests use Debian's Chromium; no tool may download a browser of its own.
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
if [ -n "${CI:-}" ]; then
  pnpm install --frozen-lockfile --reporter=silent
else
  pnpm install --reporter=silent
fi

# --browser: Debian's Chromium for the browser tests. --firefox: Firefox ESR, which the core browser suites
# also run in (through puppeteer-core and WebDriver BiDi). --webkit: WebKitGTK's WebDriver and its MiniBrowser,
# with the virtual X server that browser needs.
packages=()
then_run=()
while [ "$#" -gt 0 ]; do
  option="$1"
  shift
  case "$option" in
    --)
      then_run=("$@")
      break
      ;;
    --browser)
      [ -x /usr/lib/chromium/chromium ] || command -v chromium >/dev/null || packages+=(chromium)
      ;;
    --firefox)
      [ -x /usr/bin/firefox-esr ] || packages+=(firefox-esr)
      ;;
    --webkit)
      [ -x /usr/bin/WebKitWebDriver ] || packages+=(webkit2gtk-driver)
      [ -x /usr/bin/Xvfb ] || packages+=(xvfb)
      ;;
  esac
done
if [ "${#packages[@]}" -gt 0 ]; then
  SUDO=""
  if [ "$(id -u)" != 0 ]; then
    command -v sudo >/dev/null || {
      echo "setup: installing ${packages[*]} needs root or sudo" >&2
      exit 1
    }
    SUDO="sudo"
  fi
  echo "setup: installing ${packages[*]} (apt-get)"
  $SUDO apt-get update -qq
  # Through env: sudo would drop a variable set before it, and a package's questions would wait for a terminal.
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${packages[@]}" >/dev/null
fi

if [ "${#then_run[@]}" -gt 0 ]; then
  exec "${then_run[@]}"
fi
