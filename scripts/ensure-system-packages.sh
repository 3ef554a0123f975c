#!/usr/bin/env bash
# Debian packages the tests use: Chromium for the browser tests (never a downloaded browser
# build) and Hugo, which renders exported drafts the way xmpp.org does.
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Run 'sudo apt-get install ${missing[*]}' and retry." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
