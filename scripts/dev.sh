#!/usr/bin/env bash
# npm run dev: the services with reload on change, and the console from Vite's dev server with hot reload.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
ensure_redis
export GAMMA_API_PORT=${PORT:-4000}
# Vite serves the console on its own port and proxies /trpc (HTTP and WebSocket) to the gateway: the browser's
# Origin is then Vite's, so the gateway must allow it besides its own (see Browser safety in the README)
WEB_DEV_PORT=${WEB_DEV_PORT:-5173}
export ALLOWED_ORIGINS=${ALLOWED_ORIGINS:-self,http://localhost:${WEB_DEV_PORT},http://127.0.0.1:${WEB_DEV_PORT}}
trap 'kill 0' EXIT
npx tsx watch server/src/main.ts &
npx vite web --port "$WEB_DEV_PORT" &
wait
