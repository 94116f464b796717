# Shared helpers of start.sh, test.sh and dev.sh: install what is missing, make sure Redis answers.
# Sourced, not run.

log() { printf '\033[1;36m[gamma]\033[0m %s\n' "$*" >&2; }
die() { printf '\033[1;31m[gamma]\033[0m %s\n' "$*" >&2; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

apt_install() {
  is_root || return 1
  command -v apt-get >/dev/null || return 1
  log "installing $* with apt-get"
  if [ -z "${GAMMA_APT_UPDATED:-}" ]; then
    DEBIAN_FRONTEND=noninteractive apt-get update -qq >/dev/null 2>&1 || true
    export GAMMA_APT_UPDATED=1
  fi
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
}

ensure_node() {
  command -v node >/dev/null || die "Node.js 20 or newer is required (https://nodejs.org or Debian's nodejs)."
  local major
  major=$(node -p 'process.versions.node.split(".")[0]')
  [ "$major" -ge 20 ] || die "Node.js $major found; Gamma needs Node.js 20 or newer."
}

ensure_node_modules() {
  ensure_node
  if [ ! -d node_modules ] || [ ! -f node_modules/.package-lock.json ] || [ package-lock.json -nt node_modules/.package-lock.json ]; then
    log "installing npm dependencies (npm ci)"
    npm ci --no-audit --no-fund --loglevel=error
  fi
}

# redis_ping HOST PORT: true when a Redis server answers PING there.
redis_ping() {
  local host=$1 port=$2 reply=''
  if command -v redis-cli >/dev/null; then
    [ "$(redis-cli -h "$host" -p "$port" ping 2>/dev/null)" = PONG ]
    return
  fi
  exec 3<>"/dev/tcp/$host/$port" 2>/dev/null || return 1
  printf 'PING\r\n' >&3
  read -r -t 2 reply <&3 || true
  exec 3<&- 3>&-
  [[ "$reply" == +PONG* ]]
}

# ensure_redis: exports REDIS_URL. Order: REDIS_CLUSTER_NODES if set (a cluster runs elsewhere: nothing to start,
# REDIS_URL untouched); REDIS_URL if set; else 127.0.0.1:6379 if it answers; else a private redis-server with AOF
# under DATA_DIR; else install redis-server with apt (root on Debian); else stop.
ensure_redis() {
  if [ -n "${REDIS_CLUSTER_NODES:-}" ]; then
    log "using the Redis Cluster at REDIS_CLUSTER_NODES=$REDIS_CLUSTER_NODES (no local Redis started)"
    return
  fi
  if [ -n "${REDIS_URL:-}" ]; then
    log "using REDIS_URL=$REDIS_URL"
    return
  fi
  if redis_ping 127.0.0.1 6379; then
    export REDIS_URL=redis://127.0.0.1:6379/0
    log "using the Redis already running on 127.0.0.1:6379"
    return
  fi
  if ! command -v redis-server >/dev/null; then
    apt_install redis-server || true
    command -v redis-server >/dev/null || die "Redis is needed and none was found. Start one and set REDIS_URL (e.g. REDIS_URL=redis://127.0.0.1:6379/0), or install it: sudo apt-get install redis-server"
  fi
  local dir port=${GAMMA_REDIS_PORT:-6379}
  dir="$(realpath -m "${DATA_DIR:-./data}")/redis"
  mkdir -p "$dir"
  log "starting a private redis-server on 127.0.0.1:$port (AOF in $dir)"
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir" --appendonly yes --daemonize yes \
    --pidfile "$dir/redis.pid" --logfile "$dir/redis.log" >/dev/null
  for _ in $(seq 1 50); do
    redis_ping 127.0.0.1 "$port" && break
    sleep 0.1
  done
  redis_ping 127.0.0.1 "$port" || die "redis-server did not answer on 127.0.0.1:$port; see $dir/redis.log"
  export REDIS_URL="redis://127.0.0.1:$port/0"
}

# ensure_chromium: exports CHROMIUM_PATH (Debian's chromium; Playwright's own download is not used).
ensure_chromium() {
  if [ -n "${CHROMIUM_PATH:-}" ] && [ -x "$CHROMIUM_PATH" ]; then return; fi
  local candidate
  for candidate in /usr/bin/chromium /usr/bin/chromium-browser; do
    if [ -x "$candidate" ]; then
      export CHROMIUM_PATH=$candidate
      return
    fi
  done
  apt_install chromium || die "Chromium is needed for the browser tests: sudo apt-get install chromium (or set CHROMIUM_PATH)"
  export CHROMIUM_PATH=/usr/bin/chromium
}

build_web() {
  log "building the console (vite build)"
  npx vite build web --logLevel warn
}
