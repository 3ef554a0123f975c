#!/usr/bin/env bash
# Build Newsdesk and run it: installs the npm packages, builds the Chrome (MV3) and Firefox
# (MV3) extensions, then opens Chromium with the extension loaded in a separate profile when a
# display is available. Pass --no-launch to only build.
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -d node_modules ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
  npm ci --no-audit --no-fund
fi
npx wxt build
npx wxt build -b firefox --mv3

echo
echo "Chrome/Chromium/Edge: chrome://extensions → Developer mode → Load unpacked → $(pwd)/.output/chrome-mv3"
echo "Firefox:              about:debugging#/runtime/this-firefox → Load Temporary Add-on → $(pwd)/.output/firefox-mv3/manifest.json"

if [ "${1:-}" = "--no-launch" ]; then exit 0; fi
browser=""
for candidate in chromium chromium-browser google-chrome; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$candidate; break; fi
done
if [ -n "$browser" ] && { [ -n "${DISPLAY:-}" ] || [ -n "${WAYLAND_DISPLAY:-}" ] || [ "$(uname)" = Darwin ]; }; then
  mkdir -p .tmp/profile
  echo "Starting $browser with Newsdesk loaded (profile in .tmp/profile)…"
  exec "$browser" --user-data-dir="$(pwd)/.tmp/profile" --no-first-run \
    --load-extension="$(pwd)/.output/chrome-mv3" "https://xmpp.org/2023/11/the-xmpp-newsletter-october-2023/"
else
  echo "No display or Chromium found: load the build by hand as above."
fi
