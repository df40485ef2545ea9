#!/usr/bin/env bash
# Re-measure every figure in docs/quality.md: the re3d and PLOVER evals and the benchmark.
# Usage: scripts/measure_quality.sh [SHARED_DIR] [OUT_DIR] [BENCH_LIMIT]
# Writes one JSON result and one errors file per eval into OUT_DIR (default: out/quality, git-ignored).
set -euo pipefail
shared="${1:-../shared}"
out="${2:-out/quality}"
limit="${3:-200}"
fp="${FLASHPOINT:-flashpoint}"
mkdir -p "$out"
date -u +"%Y-%m-%dT%H:%MZ" > "$out/date.txt"
"$fp" eval re3d "$shared/eval/re3d" --json --errors "$out/re3d-errors.jsonl" > "$out/re3d.json"
"$fp" eval plover "$shared/eval/plover-gsr/PLOVER_GSR_CAMEO.txt" --json \
  --errors "$out/plover-errors.jsonl" > "$out/plover.json"
for workers in 1 2; do
  "$fp" bench "$shared/corpora/fa-kes/FA-KES-Dataset.csv" --text-column article_content \
    --encoding latin-1 --limit "$limit" --workers "$workers" --keep-going --json \
    > "$out/bench-w$workers.json"
done
echo "results in $out/"
