#!/usr/bin/env bash
# Install Debian's chromium for the page's browser tests (tests/web), when it is missing.
#
#   bash .ci/chromium.sh      # prints the path of the chromium binary
#
# Playwright drives this binary (executable_path); it never downloads a browser of its own.
# Needs root for apt-get (scripts/test.sh calls this only as root or in CI).
set -euo pipefail

log() { echo "chromium.sh: $*" >&2; }

if ! command -v chromium >/dev/null 2>&1; then
  if [ "$(id -u)" -ne 0 ]; then log "need root to apt-get install chromium"; exit 1; fi
  log "installing chromium from Debian packages"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends chromium >&2
fi
command -v chromium
