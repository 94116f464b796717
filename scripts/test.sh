#!/usr/bin/env bash
# npm test: format and lint, type check, unit and web tests, integration tests on a real Redis, then the
# Playwright journeys in Debian's Chromium against the whole stack.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
ensure_redis
export TEST_REDIS_URL=$REDIS_URL
ensure_chromium

log "prettier"
npx prettier --check . --log-level warn
log "eslint"
npx eslint .
log "type check"
npm run --silent typecheck
log "unit, web and integration tests"
npx vitest run --project unit --project web --project int
build_web
log "browser tests (Playwright, $CHROMIUM_PATH)"
npx playwright test -c e2e/playwright.config.ts
