#!/bin/sh
# setup.sh: install playwright-core (the driver of the browser tests) into
# tests/browser/node_modules with `npm ci`, from package-lock.json, when
# node_modules does not match the lock file yet. Run by ctest (fixture
# browser/setup) before the browser tests; the browser itself is Debian's
# chromium (scripts/install-deps), playwright downloads nothing.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
cd "$here"
if [ -f node_modules/.package-lock.json ] && cmp -s package-lock.json node_modules/.winnow-lock; then
    exit 0
fi
command -v npm >/dev/null 2>&1 || { echo "setup.sh: npm is missing (scripts/install-deps)" >&2; exit 1; }
PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --no-audit --no-fund --loglevel=error >&2
cp package-lock.json node_modules/.winnow-lock
