#!/usr/bin/env bash
# npm run dev: the services with reload on change, and the console from Vite's dev server with hot reload.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
ensure_redis
export GAMMA_API_PORT=${PORT:-4000}
trap 'kill 0' EXIT
npx tsx watch server/src/main.ts &
npx vite web --port "${WEB_DEV_PORT:-5173}" &
wait
