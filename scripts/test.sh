#!/usr/bin/env bash
# The whole test suite on a fresh machine: installs what it needs (npm packages, Debian's
# Chromium for the browser tests), builds the extension for Chrome and Firefox, runs unit and
# browser tests.
set -euo pipefail
cd "$(dirname "$0")/.."
export NO_COLOR=1 TZ=UTC

bash scripts/ensure-system-packages.sh
if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx wxt build >/dev/null
npx wxt build -b firefox --mv3 >/dev/null # linted by web-ext in test/browser/packages.test.ts
npx tsc --noEmit
npx vitest run "$@"
