#!/usr/bin/env bash
# A standalone OpenStack Ironic on loopback for the Ironic driver's tests and for trying the driver:
# installs Ironic from Debian's packages when absent, writes a noauth config (fake hardware, SQLite,
# no message bus), creates the schema, starts the all-in-one `ironic` process and enrolls N
# fake-hardware nodes through to `available`, each with its zone as the trait CUSTOM_AZ_<ZONE>
# (zone-a → CUSTOM_AZ_ZONE_A) and the given resource class.
#
#   deploy/ironic/standalone.sh start [--nodes N] [--port P] [--dir D] [--resource-class C] [--zone Z]
#   deploy/ironic/standalone.sh enroll [--nodes N] [--port P] [--resource-class C] [--zone Z]
#   deploy/ironic/standalone.sh stop [--dir D]
#
# `enroll` adds N more nodes to an Ironic this script started (a second zone, say), named fake-<zone>-i.
# `stop` ends exactly the process `start` wrote to D/ironic.pid. Everything lives in D
# (default /tmp/instances-ironic): config, database, log.
set -euo pipefail

command=${1:-}
shift || true
nodes=10 port=6385 dir=/tmp/instances-ironic resource_class=baremetal zone=zone-a
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --port) port=$2; shift 2 ;;
    --dir) dir=$2; shift 2 ;;
    --resource-class) resource_class=$2; shift 2 ;;
    --zone) zone=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

api="http://127.0.0.1:$port"
zone_trait="CUSTOM_AZ_$(tr '[:lower:]' '[:upper:]' <<<"$zone" | tr -c 'A-Z0-9\n' '_')"
header=(-H "X-OpenStack-Ironic-API-Version: 1.78" -H "Content-Type: application/json")

install_ironic() {
  if command -v ironic >/dev/null && command -v ironic-dbsync >/dev/null; then
    return
  fi
  if [ "$(id -u)" -ne 0 ]; then
    echo "Ironic is not installed and this is not root: apt-get install ironic-common first" >&2
    exit 1
  fi
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends ironic-common >/dev/null
}

write_config() {
  mkdir -p "$dir/locks"
  cat >"$dir/ironic.conf" <<CONF
[DEFAULT]
auth_strategy = noauth
rpc_transport = none
host = instances-ironic
enabled_hardware_types = fake-hardware
enabled_boot_interfaces = fake
enabled_deploy_interfaces = fake
enabled_management_interfaces = fake
enabled_power_interfaces = fake
enabled_bios_interfaces = no-bios
enabled_console_interfaces = no-console
enabled_inspect_interfaces = no-inspect
enabled_network_interfaces = noop
enabled_raid_interfaces = no-raid
enabled_rescue_interfaces = no-rescue
enabled_vendor_interfaces = no-vendor
default_network_interface = noop
log_file = $dir/ironic.log
use_stderr = false

[api]
host_ip = 127.0.0.1
port = $port

[database]
connection = sqlite:///$dir/ironic.sqlite

[dhcp]
dhcp_provider = none

[conductor]
automated_clean = false
sync_power_state_interval = -1

[oslo_concurrency]
lock_path = $dir/locks
CONF
}

wait_for_api() {
  for _ in $(seq 1 300); do
    if curl -sf "$api/v1" >/dev/null; then
      return
    fi
    if ! kill -0 "$(cat "$dir/ironic.pid")" 2>/dev/null; then
      echo "ironic exited; see $dir/ironic.log" >&2
      tail -20 "$dir/ironic.log" >&2 || true
      exit 1
    fi
    sleep 0.2
  done
  echo "ironic did not answer on $api within 60 s" >&2
  exit 1
}

# Enrolls node i, then manage → provide: with automated cleaning off it lands in `available`.
enroll() {
  local name="$2$1" uuid
  uuid=$(curl -sf "${header[@]}" -X POST "$api/v1/nodes" -d "{\"name\": \"$name\", \"driver\": \"fake-hardware\",
    \"resource_class\": \"$resource_class\", \"properties\": {\"availability_zone\": \"$zone\"}}" |
    /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["uuid"])')
  # The zone as a trait, so an allocation can ask for it (allocations match traits, not properties).
  curl -sf "${header[@]}" -X PUT "$api/v1/nodes/$uuid/traits/$zone_trait"
  curl -sf "${header[@]}" -X PUT "$api/v1/nodes/$uuid/states/provision" -d '{"target": "manage"}'
  wait_for_state "$uuid" manageable
  curl -sf "${header[@]}" -X PUT "$api/v1/nodes/$uuid/states/provision" -d '{"target": "provide"}'
  wait_for_state "$uuid" available
  # Allocations only pick nodes with a known power state; fake nodes have none until told.
  curl -sf "${header[@]}" -X PUT "$api/v1/nodes/$uuid/states/power" -d '{"target": "power off"}'
}

wait_for_state() {
  for _ in $(seq 1 300); do
    state=$(curl -sf "${header[@]}" "$api/v1/nodes/$1" | /usr/bin/python3 -c 'import json,sys; print(json.load(sys.stdin)["provision_state"])')
    [ "$state" = "$2" ] && return
    sleep 0.1
  done
  echo "node $1 did not reach $2 (last: $state)" >&2
  exit 1
}

case "$command" in
  start)
    install_ironic
    if [ -f "$dir/ironic.pid" ] && kill -0 "$(cat "$dir/ironic.pid")" 2>/dev/null; then
      echo "already running (pid $(cat "$dir/ironic.pid")); stop it first" >&2
      exit 1
    fi
    rm -rf "$dir" && write_config
    ironic-dbsync --config-file "$dir/ironic.conf" create_schema >>"$dir/dbsync.log" 2>&1
    setsid ironic --config-file "$dir/ironic.conf" >>"$dir/ironic.out" 2>&1 < /dev/null &
    echo $! >"$dir/ironic.pid"
    wait_for_api
    # In parallel, but `wait` only for the enrollments: the ironic process is a child too.
    enrolling=()
    for i in $(seq 1 "$nodes"); do enroll "$i" fake- & enrolling+=($!); done
    for pid in "${enrolling[@]}"; do wait "$pid"; done
    echo "Ironic at $api ($nodes fake-hardware nodes available, resource class $resource_class, zone $zone)"
    echo "stop: $0 stop --dir $dir"
    ;;
  enroll)
    curl -sf "$api/v1" >/dev/null || { echo "no Ironic answers on $api" >&2; exit 1; }
    enrolling=()
    for i in $(seq 1 "$nodes"); do enroll "$i" "fake-$zone-" & enrolling+=($!); done
    for pid in "${enrolling[@]}"; do wait "$pid"; done
    echo "enrolled $nodes nodes in zone $zone ($zone_trait) at $api"
    ;;
  stop)
    if [ -f "$dir/ironic.pid" ]; then
      pid=$(cat "$dir/ironic.pid")
      kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
      for _ in $(seq 1 100); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
      kill -KILL -- "-$pid" 2>/dev/null || true
      rm -f "$dir/ironic.pid"
    fi
    ;;
  *)
    echo "usage: $0 start|enroll|stop [options]" >&2
    exit 2
    ;;
esac
