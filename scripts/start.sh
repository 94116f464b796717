#!/usr/bin/env bash
# npm start: install what is missing, make sure Redis runs, build the console, run every service and the gateway.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
ensure_redis
build_web
log "starting Gamma (all services and the console)"
exec node --import tsx server/src/main.ts
