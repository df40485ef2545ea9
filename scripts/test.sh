#!/usr/bin/env bash
# Install everything into .venv and run the whole test suite. The README's test command and
# .ci/run both call this script.
#
#   bash scripts/test.sh            # all tests
#   bash scripts/test.sh -k geo     # extra arguments go to pytest
#
# PostgreSQL tests need a server: set FLASHPOINT_TEST_PG_URL, or let this script start a
# throwaway one with .ci/postgres.sh (needs Debian's apt as root; in CI it always does).
# The browser tests need Debian's chromium, installed by .ci/chromium.sh the same way.
# pip is the one the venv came with, never upgraded: the dependencies must install with it.
set -euo pipefail
cd "$(dirname "$0")/.."

PYTHON="${PYTHON:-python3}"
if [ ! -x .venv/bin/python ]; then
  "$PYTHON" -m venv .venv
fi
.venv/bin/python -m pip install --quiet -e ".[dev]"

if [ -z "${FLASHPOINT_TEST_PG_URL:-}" ]; then
  if [ "${CI:-}" = "true" ] || [ "$(id -u)" -eq 0 ]; then
    if pg_env=$(bash .ci/postgres.sh); then
      eval "$pg_env"
    else
      echo "test.sh: could not start PostgreSQL; its tests will fail in CI, skip elsewhere" >&2
    fi
  fi
fi

# The page's browser tests (tests/web) drive Debian's chromium: install it the same way.
if ! command -v chromium >/dev/null 2>&1; then
  if [ "${CI:-}" = "true" ] || [ "$(id -u)" -eq 0 ]; then
    bash .ci/chromium.sh >/dev/null || echo "test.sh: could not install chromium; the browser tests will fail in CI, skip elsewhere" >&2
  fi
fi

exec .venv/bin/python -m pytest "$@"
