#!/usr/bin/env bash
# A cluster of N Instances nodes on this machine, on the Debian PostgreSQL service (docs/cluster.md).
#
#   deploy/local-cluster.sh start [N]   # N nodes (default 3): HTTP 6688, 6689, ... on 127.0.0.1
#   deploy/local-cluster.sh stop        # ends exactly the processes `start` started
#   deploy/local-cluster.sh status
#
# start: installs the `postgresql` package when it is missing (as root, with apt-get), starts the
# cluster's PostgreSQL service, creates the role and database `instances` when absent, applies the
# migrations (`Instances.Server.dll migrate`), starts the nodes, waits until every /health/ready
# answers 200, then prints their URLs and the stop command. It leaves PostgreSQL running.
#
# Settings (environment): INSTANCES_HTTP_PORT (6688), INSTANCES_SILO_PORT (11111),
# INSTANCES_GATEWAY_PORT (30000) — node i uses base + i - 1; INSTANCES_CLUSTER_DIR (.local-cluster
# in the repository: pids and logs); INSTANCES_DATABASE (instances); INSTANCES_SERVER_DLL (a built
# Instances.Server.dll; default: build src/Instances.Server in Release); INSTANCES_READY_TIMEOUT (120 s).
set -euo pipefail

repo="$(cd "$(dirname "$0")/.." && pwd)"
http_base="${INSTANCES_HTTP_PORT:-6688}"
silo_base="${INSTANCES_SILO_PORT:-11111}"
gateway_base="${INSTANCES_GATEWAY_PORT:-30000}"
state="${INSTANCES_CLUSTER_DIR:-$repo/.local-cluster}"
database="${INSTANCES_DATABASE:-instances}"
ready_timeout="${INSTANCES_READY_TIMEOUT:-120}"

say() { echo "local-cluster: $*"; }
fail() { echo "local-cluster: $*" >&2; exit 1; }

as_postgres() {
  if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi
}

ensure_postgres() {
  if ! command -v pg_lsclusters >/dev/null; then
    [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null \
      || fail "PostgreSQL is not installed; run: sudo apt-get install -y postgresql"
    say "installing PostgreSQL (apt-get install postgresql)"
    apt-get -o DPkg::Lock::Timeout=300 update -q >/dev/null
    DEBIAN_FRONTEND=noninteractive apt-get -o DPkg::Lock::Timeout=300 install -y -q --no-install-recommends postgresql >/dev/null
  fi

  local line version name port status
  line="$(pg_lsclusters --no-header | head -n 1)"
  if [ -z "$line" ]; then
    version="$(ls /usr/lib/postgresql | sort -n | tail -n 1)"
    say "creating PostgreSQL cluster $version/main"
    pg_createcluster "$version" main >/dev/null
    line="$(pg_lsclusters --no-header | head -n 1)"
  fi
  read -r version name port status _ <<<"$line"
  if [ "$status" != "online" ]; then
    say "starting PostgreSQL $version/$name on port $port"
    pg_ctlcluster "$version" "$name" start
  fi
  pg_port="$port"

  as_postgres psql -p "$pg_port" -qtAc "SELECT 1 FROM pg_roles WHERE rolname = 'instances'" | grep -q 1 \
    || as_postgres psql -p "$pg_port" -qc "CREATE ROLE instances LOGIN PASSWORD 'instances'"
  as_postgres psql -p "$pg_port" -qtAc "SELECT 1 FROM pg_database WHERE datname = '$database'" | grep -q 1 \
    || as_postgres createdb -p "$pg_port" -O instances "$database"
}

server_dll() {
  if [ -n "${INSTANCES_SERVER_DLL:-}" ]; then
    echo "$INSTANCES_SERVER_DLL"
    return
  fi
  say "building src/Instances.Server (Release)" >&2
  dotnet build "$repo/src/Instances.Server" -c Release -v q -nologo >&2
  echo "$repo/src/Instances.Server/bin/Release/net10.0/Instances.Server.dll"
}

# A pid file names a node of ours only while that process still runs our server binary.
ours() {
  local pid="$1"
  [ -r "/proc/$pid/cmdline" ] && tr '\0' ' ' <"/proc/$pid/cmdline" | grep -q "Instances.Server.dll"
}

start() {
  local count="${1:-3}"
  [[ "$count" =~ ^[1-9][0-9]*$ ]] || fail "N must be a positive number, not '$count'"
  mkdir -p "$state"
  for pidfile in "$state"/node-*.pid; do
    [ -e "$pidfile" ] && ours "$(cat "$pidfile")" && fail "already running (see $state); stop it first: $0 stop"
  done
  rm -f "$state"/node-*.pid

  ensure_postgres
  local dll
  dll="$(server_dll)"
  [ -f "$dll" ] || fail "server binary not found: $dll"

  export Instances__Storage=PostgreSQL
  export ConnectionStrings__Instances="Host=127.0.0.1;Port=$pg_port;Database=$database;Username=instances;Password=instances"
  say "migrating database $database on port $pg_port"
  dotnet "$dll" migrate >"$state/migrate.log" 2>&1 || { cat "$state/migrate.log" >&2; fail "migration failed"; }

  local i
  for ((i = 1; i <= count; i++)); do
    (cd "$(dirname "$dll")" && exec dotnet "$dll" \
      --urls="http://127.0.0.1:$((http_base + i - 1))" \
      --Orleans:SiloPort=$((silo_base + i - 1)) --Orleans:GatewayPort=$((gateway_base + i - 1)) \
      --Instances:NodeName="node-$i" \
      >"$state/node-$i.log" 2>&1 </dev/null) &
    echo $! >"$state/node-$i.pid"
  done

  local deadline=$((SECONDS + ready_timeout))
  for ((i = 1; i <= count; i++)); do
    local url="http://127.0.0.1:$((http_base + i - 1))"
    until curl -fsS -o /dev/null "$url/health/ready" 2>/dev/null; do
      ours "$(cat "$state/node-$i.pid")" || { tail -n 20 "$state/node-$i.log" >&2; stop >/dev/null; fail "node-$i exited; log: $state/node-$i.log"; }
      [ $SECONDS -lt $deadline ] || { stop >/dev/null; fail "node-$i not ready within ${ready_timeout}s; log: $state/node-$i.log"; }
      sleep 0.5
    done
  done

  say "$count nodes ready:"
  for ((i = 1; i <= count; i++)); do
    echo "  node-$i  http://127.0.0.1:$((http_base + i - 1))/v1   (log: $state/node-$i.log)"
  done
  echo "Stop them with: $0 stop"
}

stop() {
  local pidfile pid stopped=0
  for pidfile in "$state"/node-*.pid; do
    [ -e "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    if ours "$pid"; then
      kill -TERM "$pid"
      stopped=$((stopped + 1))
    fi
  done
  # Graceful shutdown hands grains and reminders over; give it time, then insist.
  local deadline=$((SECONDS + 60))
  for pidfile in "$state"/node-*.pid; do
    [ -e "$pidfile" ] || continue
    pid="$(cat "$pidfile")"
    while ours "$pid" && [ $SECONDS -lt $deadline ]; do sleep 0.2; done
    ours "$pid" && kill -KILL "$pid"
    rm -f "$pidfile"
  done
  say "stopped $stopped node(s); PostgreSQL keeps running"
}

status() {
  local pidfile found=0
  for pidfile in "$state"/node-*.pid; do
    [ -e "$pidfile" ] || continue
    found=1
    local name
    name="$(basename "$pidfile" .pid)"
    if ours "$(cat "$pidfile")"; then echo "$name running (pid $(cat "$pidfile"))"; else echo "$name not running"; fi
  done
  [ $found -eq 1 ] || echo "no nodes started from $state"
}

case "${1:-}" in
  start) start "${2:-3}" ;;
  stop) stop ;;
  status) status ;;
  *) echo "usage: $0 start [N] | stop | status" >&2; exit 2 ;;
esac
