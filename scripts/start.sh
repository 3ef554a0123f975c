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

# Debian's package first (/usr/bin/chromium), then whatever else is on the PATH.
browser=""
for candidate in /usr/bin/chromium chromium chromium-browser google-chrome google-chrome-stable; do
  if command -v "$candidate" >/dev/null 2>&1; then browser=$(command -v "$candidate"); break; fi
done
if [ -z "$browser" ]; then
  echo
  echo "No Chromium or Chrome found (looked for /usr/bin/chromium, chromium, chromium-browser, google-chrome)."
  echo "Install it (Debian/Ubuntu: sudo apt-get install chromium) or load the build by hand as above."
  exit 0
fi
if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ "$(uname)" != Darwin ]; then
  echo
  echo "Found $browser, but there is no display to open its window on (neither DISPLAY nor"
  echo "WAYLAND_DISPLAY is set: a server or SSH session). Run npm start on a desktop session, or"
  echo "load the build by hand as above in a browser on a machine with a screen."
  exit 0
fi
mkdir -p .tmp/profile
echo "Starting $browser with Newsdesk loaded (profile in .tmp/profile)…"
exec "$browser" --user-data-dir="$(pwd)/.tmp/profile" --no-first-run \
  --load-extension="$(pwd)/.output/chrome-mv3" "https://xmpp.org/2023/11/the-xmpp-newsletter-october-2023/"
