#!/usr/bin/env bash
# The compose topology without Docker: deploy/local-cluster.sh starts 3 nodes on spare ports, the
# host's nginx (apt-get install nginx) runs deploy/nginx/nginx.conf with the upstreams pointed at
# them, and a client drives reads and power changes through nginx for 20 s while node-2 is killed
# (kill -9) at 3 s. Prints the statuses the client saw and which nodes served. Cleans up after itself.
set -euo pipefail
repo="$(cd "$(dirname "$0")/../.." && pwd)"
work="$(mktemp -d /tmp/instances-nginx-check.XXXXXX)"
export INSTANCES_HTTP_PORT=47100 INSTANCES_SILO_PORT=47200 INSTANCES_GATEWAY_PORT=47300
export INSTANCES_CLUSTER_DIR="$work/cluster" INSTANCES_DATABASE=instances_nginx_check
command -v nginx >/dev/null || { echo "needs nginx: apt-get install -y nginx" >&2; exit 1; }

cleanup() {
  [ -f "$work/nginx.pid" ] && kill -QUIT "$(cat "$work/nginx.pid")" 2>/dev/null || true
  bash "$repo/deploy/local-cluster.sh" stop >/dev/null || true
  runuser -u postgres -- dropdb --if-exists --force "$INSTANCES_DATABASE" 2>/dev/null || true
  rm -rf "$work"
}
trap cleanup EXIT

bash "$repo/deploy/local-cluster.sh" start 3
sed -e 's/server instances-1:6688/server 127.0.0.1:47100/' -e 's/server instances-2:6688/server 127.0.0.1:47101/' \
    -e 's/server instances-3:6688/server 127.0.0.1:47102/' -e 's/listen 80;/listen 127.0.0.1:47180;/' \
    -e 's|access_log /dev/stdout;|access_log off;|' -e "s|worker_processes auto;|worker_processes 1; pid $work/nginx.pid;|" \
    "$repo/deploy/nginx/nginx.conf" >"$work/nginx.conf"
mkdir -p "$work/logs"
nginx -c "$work/nginx.conf" -p "$work" -e "$work/error.log"

python3 - "$INSTANCES_CLUSTER_DIR/node-2.pid" <<'PY'
import collections, json, subprocess, sys, time, urllib.error, urllib.request, uuid
base = 'http://127.0.0.1:47180/v1'
def call(method, path, body=None):
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(base + path, data=data, method=method, headers={'Content-Type': 'application/json'})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, response.read(), response.headers.get('x-instances-node')
    except urllib.error.HTTPError as error:
        return error.code, error.read(), error.headers.get('x-instances-node')
deadline = time.time() + 60
while call('GET', '/instances')[0] != 200:
    if time.time() > deadline: sys.exit('nginx never answered 200')
    time.sleep(0.2)
kind = json.loads(call('POST', '/types', {'name': 'nginx-check', 'is_public': True})[1])['uuid']
ids = [json.loads(call('POST', '/instances', {'name': f'n{i}', 'instance_type_uuid': kind, 'image_uuid': str(uuid.uuid4()),
                                              'networks': [{'uuid': str(uuid.uuid4())}]})[1])['uuid'] for i in range(10)]
while any(json.loads(call('GET', f'/instances/{u}/states')[1])['status'] != 'active' for u in ids):
    time.sleep(0.2)
seen, served, start, killed = collections.Counter(), collections.Counter(), time.time(), False
while time.time() - start < 20:
    if not killed and time.time() - start > 3:
        subprocess.run(['kill', '-9', open(sys.argv[1]).read().strip()]); killed = True
    for u in ids:
        status, body, node = call('GET', f'/instances/{u}/states'); seen[f'GET {status}'] += 1; served[node] += 1
        if status == 200 and json.loads(body)['status'] in ('active', 'stopped'):
            target = 'off' if json.loads(body)['power_state'] == 'power on' else 'on'
            seen[f"PUT {call('PUT', f'/instances/{u}/states/power', {'target': target})[0]}"] += 1
print('statuses through nginx over 20 s, node-2 killed (kill -9) at 3 s:', dict(seen))
print('served by:', dict(served))
PY
