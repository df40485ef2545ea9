#!/usr/bin/env bash
# A longer fuzz run than CI's: N hostile cases through flashpoint's entry points, with a report
# of cases tried, crashes, output violations and hangs (see scripts/fuzz.py).
#
#   bash scripts/fuzz.sh 1000            # 1000 cases, seed 1
#   bash scripts/fuzz.sh 1000 --seed 7 --out /tmp/fuzz-findings
#   bash scripts/fuzz.sh 200 --targets api_read,api_write,serve_read,serve_write   # the API only
#
# Exit status 1 when anything was found.
set -euo pipefail
cd "$(dirname "$0")/.."
cases="${1:-200}"
shift || true
exec .venv/bin/python scripts/fuzz.py --cases "$cases" "$@"
