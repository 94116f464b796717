#!/usr/bin/env bash
# npm test: format and lint, type check, unit and web tests, integration tests on a real Redis, the console's
# bundle-size check, the Playwright journeys in Debian's Chromium against the whole stack, then a shortened race
# test and a shortened chaos test.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/lib.sh

ensure_node_modules
# The tests run on one Redis (the Redis Cluster test starts a cluster of its own), never on a cluster set for npm start
unset REDIS_CLUSTER_NODES
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
log "bundle size (initial JavaScript at most 150 kB gzip, no chart code in it)"
npm run --silent check:bundle
log "browser tests (Playwright, $CHROMIUM_PATH)"
npx playwright test -c e2e/playwright.config.ts
# The race and chaos tests start a redis-server of their own (6393, 6392), never the shared one
command -v redis-server >/dev/null || apt_install redis-server || die "the chaos test needs redis-server (apt-get install redis-server)"
log "race test, shortened (3 engines, 300 intents against the BTC position and ETH vega capacities)"
npm run --silent test:race -- --engines 3 --intents 300 --port 6393
log "race test, shortened: one strategy's order rate (10/s), then its notional budget (25 000 USD)"
npm run --silent test:race -- --scenario rate --engines 3 --intents 300 --port 6393
npm run --silent test:race -- --scenario budget --engines 3 --intents 300 --port 6393
log "chaos test, shortened (300 intents, 6 kill -9s, 1 Redis restart)"
npm run --silent test:chaos -- --intents 300 --kills 6 --redis-restarts 1 --rate 15 --port 6392
