#!/usr/bin/env bash
# The scenario table of load/README.md against one backend, each scenario on a fresh target started by
# `npm run load:smoke` (production build, local stack on ports of its own). Figures: .load/<backend>-<name>.json.
#
#   bash load/matrix.sh pglite|postgres [scenario…]     (postgres: the machine's PostgreSQL and Redis)
set -uo pipefail
cd "$(dirname "$0")/.."
backend=${1:?usage: load/matrix.sh pglite|postgres [scenario…]}
shift
declare -A scenarios=(
  [saturate]="--sessions 1 --players 2000 --questions 5 --think saturate"
  [spread-2000]="--sessions 1 --players 2000 --questions 5 --think uniform:5000"
  [burst-2000]="--sessions 1 --players 2000 --questions 5 --think burst:200"
  [sessions-100x50]="--players 50 --sessions 100 --questions 5 --think uniform:10000"
  [sessions-100x50-lockstep]="--players 50 --sessions 100 --questions 5 --think uniform:10000 --hosts lockstep"
  [players-10000]="--sessions 1 --players 10000 --questions 3 --think uniform:10000 --workers 4 --join-timeout 300"
  [players-100]="--sessions 1 --players 100 --questions 5 --think uniform:3000"
)
names=("$@")
[ ${#names[@]} -eq 0 ] && names=(players-100 spread-2000 burst-2000 saturate sessions-100x50 sessions-100x50-lockstep players-10000)
mkdir -p .load
# A large run's target can hold its ports past load:smoke's stop; the next scenario would fail with EADDRINUSE.
ports=("${LOAD_SMOKE_APP_PORT:-3199}" "${LOAD_SMOKE_STACK_PORT:-54391}" "${LOAD_SMOKE_DB_PORT:-54392}")
wait_for_free_ports() {
  for _ in $(seq 1 60); do
    local busy=0
    for port in "${ports[@]}"; do
      # Any socket on the port, listening or not: a 10,000-player target closing its sockets, or a client
      # connection that the kernel gave this port as its ephemeral one (both make the next target's bind fail).
      if command -v ss >/dev/null; then [ -n "$(ss -Htan "sport = :$port")" ] && busy=1; fi
      (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && busy=1
    done
    [ "$busy" = 0 ] && return 0
    sleep 1
  done
  echo "ports ${ports[*]} still in use after 60 s" >&2
}
for name in "${names[@]}"; do
  wait_for_free_ports
  args=${scenarios[$name]:?unknown scenario $name}
  env=()
  if [ "$backend" = postgres ]; then
    db="pubquiz_load_$(date +%s)"
    env=(DATABASE_URL="postgresql://postgres@127.0.0.1:5432/$db" REDIS_URL="redis://127.0.0.1:6379")
  fi
  echo "=== $backend $name: $args ($(date -u +%H:%M:%S), load average $(cut -d' ' -f1-3 /proc/loadavg))"
  # shellcheck disable=SC2086
  env "${env[@]}" npm run --silent load:smoke -- $args --ceiling-seconds 3 --budget --json ".load/$backend-$name.json" \
    | sed -n '/^PubQuiz load test/,$p'
  if [ "$backend" = postgres ]; then
    psql -q -h 127.0.0.1 -U postgres -c "drop database if exists \"$db\" with (force)" >/dev/null
  fi
done
