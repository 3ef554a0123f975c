#!/usr/bin/env bash
# Debian packages the tests use: Chromium for the browser tests (never a downloaded browser
# build), Hugo, which renders exported drafts the way xmpp.org does, and Prosody with its SQLite
# driver, the real XMPP server the newsroom transport tests start on 127.0.0.1
# (test/support/prosody.ts).
set -euo pipefail
missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
command -v hugo >/dev/null 2>&1 || missing+=(hugo)
command -v prosody >/dev/null 2>&1 || missing+=(prosody)
# Prosody's sql storage (pubsub items) needs LuaDBI's SQLite driver.
dpkg-query -W -f='${Status}' lua-dbi-sqlite3 2>/dev/null | grep -q 'install ok installed' \
  || missing+=(lua-dbi-sqlite3)
if [ ${#missing[@]} -eq 0 ]; then exit 0; fi
if [ "$(id -u)" -ne 0 ]; then
  echo "Missing Debian packages: ${missing[*]}. Run 'sudo apt-get install ${missing[*]}' and retry." >&2
  exit 1
fi
export DEBIAN_FRONTEND=noninteractive
apt-get update -qq
# Where an init system runs, the prosody package also starts a system-wide server on install; the
# tests never use it (they start their own on free loopback ports).
apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
