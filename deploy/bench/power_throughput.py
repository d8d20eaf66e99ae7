#!/usr/bin/env python3
"""Power-operation throughput of a running Instances server (interim tool; issue 5 brings the
full load tool). Creates N instances, then W workers toggle power on their own share of them
for D seconds (409 = still moving: next instance). Afterwards it waits until every accepted
transition has completed and checks that none was lost.

  python3 deploy/bench/power_throughput.py --url http://127.0.0.1:6688 --instances 200 --workers 32 --seconds 20

Prints accepted/s over the drive window and completed/s from the first accept to the last
completion, and the latency of a read that needs no storage (the state of an instance nobody
drives, answered from its grain's memory) sampled meanwhile: it shows whether storage waits stall
unrelated grain turns. Standard library only."""
import argparse, http.client, json, random, sys, threading, time, urllib.parse, uuid


class Client:
    def __init__(self, url):
        u = urllib.parse.urlparse(url)
        self.conn = http.client.HTTPConnection(u.hostname, u.port, timeout=60)

    def call(self, method, path, body=None):
        headers = {"Accept": "application/json"}
        data = None
        if body is not None:
            data = json.dumps(body).encode()
            headers["Content-Type"] = "application/json"
        for attempt in range(5):
            try:
                self.conn.request(method, path, data, headers)
                r = self.conn.getresponse()
                text = r.read()
                return r.status, (json.loads(text) if text else None)
            except (ConnectionError, http.client.HTTPException):
                self.conn.close()
                time.sleep(0.2)
        raise RuntimeError(f"{method} {path} failed")


def listing(c):
    items, marker = [], None
    while True:
        path = "/v1/instances/detail?limit=1000" + (f"&marker={marker}" if marker else "")
        status, body = c.call("GET", path)
        assert status == 200, (status, body)
        items += body["instances"]
        if "next" not in body:
            return items
        marker = body["instances"][-1]["uuid"]


def pct(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(len(ordered) * p / 100))]


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--url", default="http://127.0.0.1:6688")
    p.add_argument("--instances", type=int, default=200)
    p.add_argument("--workers", type=int, default=32)
    p.add_argument("--seconds", type=float, default=20)
    a = p.parse_args()

    c = Client(a.url)
    status, t = c.call("POST", "/v1/types", {"name": f"bench-{uuid.uuid4().hex[:8]}"})
    assert status == 201, (status, t)
    ids = []
    for i in range(a.instances):
        status, body = c.call("POST", "/v1/instances", {
            "name": f"bench-{i}", "instance_type_uuid": t["uuid"], "image_uuid": str(uuid.uuid4()),
            "networks": [{"uuid": str(uuid.uuid4())}]})
        assert status == 201, (status, body)
        ids.append(body["uuid"])
    mine = set(ids)
    deadline = time.time() + 300
    while sum(1 for i in listing(c) if i["uuid"] in mine and i["status"] == "active") < len(ids):
        assert time.time() < deadline, "instances did not become active"
        time.sleep(0.5)

    counts = {"accepted": 0, "busy": 0, "other": 0}
    expected = {}
    lock = threading.Lock()
    start = time.time()
    stop = start + a.seconds
    first_accept = [None]

    def worker(share):
        cl = Client(a.url)
        on = {u: True for u in share}
        k = 0
        while time.time() < stop and share:
            u = share[k % len(share)]
            k += 1
            target = "off" if on[u] else "on"
            status, _ = cl.call("PUT", f"/v1/instances/{u}/states/power", {"target": target})
            with lock:
                if status == 202:
                    counts["accepted"] += 1
                    expected[u] = "power off" if target == "off" else "power on"
                    first_accept[0] = first_accept[0] or time.time()
                elif status == 409:
                    counts["busy"] += 1
                else:
                    counts["other"] += 1
            if status == 202:
                on[u] = not on[u]

    probe_id, ids = ids[0], ids[1:]
    probes = []

    def probe():
        cl = Client(a.url)
        while time.time() < stop:
            t0 = time.perf_counter()
            status, _ = cl.call("GET", f"/v1/instances/{probe_id}/states")
            probes.append((time.perf_counter() - t0) * 1000)
            time.sleep(0.01)

    shares = [ids[w::a.workers] for w in range(a.workers)]
    threads = [threading.Thread(target=worker, args=(s,)) for s in shares] + [threading.Thread(target=probe)]
    for th in threads: th.start()
    for th in threads: th.join()
    drive = time.time() - start

    while True:
        items = {i["uuid"]: i for i in listing(c) if i["uuid"] in mine}
        if all(i["target_power_state"] is None and i["status"] in ("active", "stopped") for i in items.values()):
            break
        assert time.time() < stop + 300, "transitions did not complete"
        time.sleep(0.2)
    done = time.time()
    lost = sum(1 for u, want in expected.items() if items[u]["power_state"] != want)
    print(json.dumps({
        "instances": a.instances, "workers": a.workers, "seconds": round(drive, 1),
        "accepted": counts["accepted"], "busy_409": counts["busy"], "other": counts["other"],
        "accepted_per_s": round(counts["accepted"] / drive, 1),
        "completed_per_s": round(counts["accepted"] / (done - first_accept[0]), 1),
        "lost": lost,
        "unrelated_read_ms": {"p50": round(pct(probes, 50), 1), "p99": round(pct(probes, 99), 1), "max": round(max(probes), 1)}}))
    sys.exit(1 if lost or counts["other"] else 0)


if __name__ == "__main__":
    main()
