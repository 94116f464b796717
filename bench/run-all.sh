#!/usr/bin/env bash
# npm run bench: every benchmark of issue 12 in turn (about 20 minutes, the soak alone 10), each printing its
# table and writing its JSON under bench/results/. The machine's load is printed before each, since every
# figure is a ratio measured in one run but the load still says how quiet the run was.
set -euo pipefail
cd "$(dirname "$0")/.."
for name in pipeline latency fanout quant soak; do
  echo "== bench:$name (load $(cut -d' ' -f1-3 /proc/loadavg))"
  npm run --silent "bench:$name"
done
echo "== results: $(ls bench/results/*.json | tr '\n' ' ')"
