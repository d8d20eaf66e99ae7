#!/usr/bin/env bash
# Power operations per second on a standalone Ironic: straight at Ironic's API, then through our
# server (Driver:Kind=Ironic) with the load tool, same nodes, same concurrency, same poll interval.
# The difference is the overhead the service adds. Everything it starts it stops (trap).
#
#   deploy/ironic/bench.sh [--nodes 50] [--ops 200] [--workers 8] [--rate 4] [--poll 0.5]
#
# Straight at Ironic: a closed loop, `workers` threads each toggling its own nodes and polling each
# request to its end. Through us: the load tool's open model at `rate` requests/s (its closed model
# re-sends at once on every 409 of an instance still in transition, and that spin, on the same
# cores, starves Ironic), so pick a rate near the direct figure and compare completions/s and latency.
#
# The poll interval is Driver:Ironic:PollInterval for the server and the client loop's own: too
# short and 50 concurrent builds swamp the single-process Ironic with GETs.
set -euo pipefail

nodes=50 ops=200 workers=8 rate=4 poll=0.5
while [ $# -gt 0 ]; do
  case "$1" in
    --nodes) nodes=$2; shift 2 ;;
    --ops) ops=$2; shift 2 ;;
    --workers) workers=$2; shift 2 ;;
    --rate) rate=$2; shift 2 ;;
    --poll) poll=$2; shift 2 ;;
    *) echo "unknown option $1" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d /tmp/instances-ironic-bench.XXXXXX)
free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }
ironic_port=$(free_port) http_port=$(free_port) silo_port=$(free_port) gateway_port=$(free_port)
server_pid=

cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null || true
  "$root/deploy/ironic/standalone.sh" stop --dir "$work/ironic" || true
}
trap cleanup EXIT

echo "building Release…"
dotnet build -c Release -v q --nologo "$root/src/Instances.Server" >/dev/null
dotnet build -c Release -v q --nologo "$root/src/Instances.LoadTest" >/dev/null
"$root/deploy/ironic/standalone.sh" start --nodes "$nodes" --port "$ironic_port" --dir "$work/ironic"

echo "== straight at Ironic: $ops power toggles, $workers workers, poll every ${poll}s"
/usr/bin/python3 - "$ironic_port" "$ops" "$workers" "$poll" <<'PY'
import json, sys, threading, time, urllib.request
port, ops, workers, poll = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4])
api = f"http://127.0.0.1:{port}/v1"
headers = {"X-OpenStack-Ironic-API-Version": "1.78", "Content-Type": "application/json"}
def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    with urllib.request.urlopen(urllib.request.Request(api + path, data=data, method=method, headers=headers)) as r:
        text = r.read()
        return json.loads(text) if text else None
nodes = [n["uuid"] for n in call("GET", "/nodes?fields=uuid")["nodes"]]
lock, done, latencies = threading.Lock(), [0], []
def worker(mine):
    i = 0
    while True:
        with lock:
            if done[0] >= ops: return
            done[0] += 1
        node = mine[i % len(mine)]; i += 1
        began = time.monotonic()
        state = call("GET", f"/nodes/{node}")["power_state"]
        call("PUT", f"/nodes/{node}/states/power", {"target": "power on" if state == "power off" else "power off"})
        while call("GET", f"/nodes/{node}")["target_power_state"] is not None:
            time.sleep(poll)
        latencies.append(time.monotonic() - began)
start = time.monotonic()
threads = [threading.Thread(target=worker, args=(nodes[w::workers],)) for w in range(workers)]
for t in threads: t.start()
for t in threads: t.join()
elapsed = time.monotonic() - start
latencies.sort()
p50, p90 = latencies[len(latencies) // 2], latencies[int(len(latencies) * 0.9)]
print(f"direct: {ops} power operations completed in {elapsed:.1f} s = {ops / elapsed:.1f} ops/s; latency p50 {p50 * 1000:.0f} ms, p90 {p90 * 1000:.0f} ms")
PY

echo "== through our server (Driver:Kind=Ironic): same nodes, $ops requests at $rate/s"
(cd "$work" && exec dotnet "$root/src/Instances.Server/bin/Release/net10.0/Instances.Server.dll" \
  --urls="http://127.0.0.1:$http_port" --Orleans:SiloPort="$silo_port" --Orleans:GatewayPort="$gateway_port" \
  --ConnectionStrings:Instances="Data Source=$work/instances.db" --Logging:LogLevel:Default=Warning \
  --Driver:Kind=Ironic --Driver:Ironic:Endpoint="http://127.0.0.1:$ironic_port" --Driver:Ironic:PollInterval="00:00:0$poll" \
  >"$work/server.log" 2>&1) &
server_pid=$!
for _ in $(seq 1 300); do curl -sf "http://127.0.0.1:$http_port/health/ready" >/dev/null && break; sleep 0.2; done
load="$root/src/Instances.LoadTest/bin/Release/net10.0/Instances.LoadTest.dll"
dotnet "$load" setup -u "http://127.0.0.1:$http_port" -n "$nodes" --project bench --verify-timeout 00:10:00
dotnet "$load" drive -u "http://127.0.0.1:$http_port" -n "$nodes" --project bench -r "$rate" -c "$ops" --mix off=1 --verify-timeout 00:10:00 \
  -o "$work/results" --no-plot
/usr/bin/python3 - "$work/results/report.json" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c = r["completion_latency_ms"]
print(f"through the API: {r['completed']} completed, {r['failed']} failed, {r['completed_per_second']} ops/s; completion latency {c}")
PY
