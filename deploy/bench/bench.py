#!/usr/bin/env python3
"""Reproduces the figures of docs/benchmarks.md (issue 5) and rewrites that file. Run through run.sh.

Every figure is measured next to its baseline in the same run, on the same machine, so the
ratio means something even when the machine is shared; each is the median of --runs runs.

  1. GET /v1/instances/{id}/states req/s (wrk -t2 -c64, random ids) vs a bare ASP.NET Core
     minimal-API app (built here in a temp dir, same SDK, Release) answering the same JSON shape.
  2. Completed, verified durable power transitions/s (the load tool, PostgreSQL mode) vs
     `pgbench -N` TPS on the same PostgreSQL server.
  3. Accept latency p99 of the open model at half the maximum accepted rate of figure 2.
  4. N instances (100,000; --quick 10,000): first page of a filtered list, p99 (wrk --latency, 8
     connections; with the CPU per page of the server and of PostgreSQL, and one window with one
     connection), and the server's RSS once every instance grain has been activated (and after the list runs),
     with the managed heap's part of it from the runtime's GC gauges.
  5. The power workload of figure 2 in SQLite embedded mode.

Needs: dotnet, wrk, PostgreSQL binaries (apt-get install -y wrk postgresql), root or the
postgres user for the private cluster. Nothing is left running; the temp dir is removed.
"""
import argparse, datetime, json, os, platform, shutil, signal, socket, statistics, subprocess, sys, tempfile, time, urllib.request

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
# Each load-tool run is a new process: its first seconds (its own JIT, new connections) are driven but not measured.
WARM_UP_SECONDS = 5
WARM_UP = f"00:00:{WARM_UP_SECONDS:02d}"
WRK_WARM_UP_RUNS = 3  # figure 1: the service's tier-up takes ~30 s of wrk (dev run: 5.2k, 7.3k, 12.7k, then 13.8-15.6k req/s per 10 s)
SERVER_DLL = os.path.join(ROOT, "src/Instances.Server/bin/Release/net10.0/Instances.Server.dll")
LOADTEST_DLL = os.path.join(ROOT, "src/Instances.LoadTest/bin/Release/net10.0/Instances.LoadTest.dll")
FAST_DRIVER = [  # the simulated hardware answers at once and keeps its BMC state in memory: what is measured is the service's own path
    "--Driver:Simulated:PersistNodes=false",
    "--Driver:Simulated:DeployDuration=00:00:00.010", "--Driver:Simulated:PowerDuration=00:00:00.001",
    "--Driver:Simulated:RebootDuration=00:00:00.001", "--Driver:Simulated:TeardownDuration=00:00:00.001",
    "--Driver:Simulated:NodesPerZone=10000", "--Logging:LogLevel:Default=Warning",
]

ZONES = 1000

BARE_PROGRAM = r"""
using System.Text.Json;
var builder = WebApplication.CreateSlimBuilder(args);
builder.Logging.ClearProviders();
builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.PropertyNamingPolicy = JsonNamingPolicy.SnakeCaseLower);
var app = builder.Build();
var states = File.ReadAllLines(Environment.GetEnvironmentVariable("BARE_IDS")!).Where(l => l.Length > 0).ToDictionary(Guid.Parse, _ => new States("power on", null, "active", false, null));
app.MapGet("/v1/instances/{id:guid}/states", (Guid id) => states.TryGetValue(id, out var s) ? Results.Ok(s) : Results.NotFound());
app.Run();
record States(string? PowerState, string? TargetPowerState, string Status, bool Locked, string? LastError);
"""

BARE_CSPROJ = """<Project Sdk="Microsoft.NET.Sdk.Web">
  <PropertyGroup><TargetFramework>net10.0</TargetFramework><Nullable>enable</Nullable><ImplicitUsings>enable</ImplicitUsings>
  <InvariantGlobalization>true</InvariantGlobalization><PublishAot>false</PublishAot>
  <ServerGarbageCollection>false</ServerGarbageCollection><ConcurrentGarbageCollection>true</ConcurrentGarbageCollection></PropertyGroup>
</Project>
"""

WRK_RANDOM = """
local ids = {}
init = function(args) for line in io.lines("%s") do ids[#ids + 1] = line end end
request = function() return wrk.format("GET", "/v1/instances/" .. ids[math.random(#ids)] .. "/states") end
"""

WRK_SWEEP = """
local n = 0
setup = function(thread) thread:set("first", n); n = n + 1 end
local ids, i = {}, 0
init = function(args) for line in io.lines("%s") do ids[#ids + 1] = line end; i = first end
request = function() local id = ids[(i %% #ids) + 1]; i = i + 2; return wrk.format("GET", "/v1/instances/" .. id .. "/states") end
"""


def log(*a):
    print(time.strftime("%H:%M:%S"), *a, file=sys.stderr, flush=True)


def run(cmd, check=True, env=None, timeout=None, cwd=None):
    r = subprocess.run(cmd, capture_output=True, text=True, env=env, timeout=timeout, cwd=cwd)
    if check and r.returncode != 0:
        raise RuntimeError(f"{cmd[0]} failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    return r


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_http(url, deadline=120):
    end = time.time() + deadline
    while True:
        try:
            with urllib.request.urlopen(url, timeout=5) as r:
                if r.status == 200:
                    return
        except Exception:
            pass
        if time.time() > end:
            raise RuntimeError(f"{url} did not answer 200 within {deadline}s")
        time.sleep(0.3)


class Postgres:
    """A private, durable (fsync on) cluster in the temp dir on a free port, run as the postgres user."""

    def __init__(self, tmp):
        versions = sorted(os.listdir("/usr/lib/postgresql"), key=int)
        self.bin = f"/usr/lib/postgresql/{versions[-1]}/bin"
        self.version = versions[-1]
        self.dir = os.path.join(tmp, "pg")
        self.port = free_port()
        os.makedirs(os.path.join(self.dir, "sock"))
        self.as_pg = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
        if self.as_pg:
            run(["chown", "-R", "postgres:postgres", self.dir])
            os.chmod(tmp, 0o755)
        run(self.as_pg + [f"{self.bin}/initdb", "-D", f"{self.dir}/data", "-U", "postgres", "-A", "trust", "-E", "UTF8", "--no-locale"])
        with open(f"{self.dir}/data/postgresql.conf", "a") as f:
            f.write(f"port = {self.port}\nlisten_addresses = '127.0.0.1'\nunix_socket_directories = '{self.dir}/sock'\n"
                    "max_connections = 300\nshared_buffers = 256MB\ntimezone = 'UTC'\n"
                    "shared_preload_libraries = 'pg_stat_statements'\npg_stat_statements.track = all\n")
        run(self.as_pg + [f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-l", f"{self.dir}/log", "-w", "start"])
        for db in ("instances", "pgbench"):
            self.psql(f"CREATE DATABASE {db}")
        self.psql("CREATE EXTENSION pg_stat_statements", db="instances")

    def psql(self, sql, db="postgres"):
        return run([f"{self.bin}/psql", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-d", db, "-Atc", sql]).stdout.strip()

    def durable(self, on):
        """Populating is not measured: commits need not wait for the disk meanwhile."""
        self.psql(f"ALTER SYSTEM SET synchronous_commit = {'on' if on else 'off'}")
        self.psql("SELECT pg_reload_conf()")

    def connection_string(self, db="instances"):
        return f"Host=127.0.0.1;Port={self.port};Database={db};Username=postgres;Maximum Pool Size=100"

    def pgbench(self, seconds, clients=16):
        out = run([f"{self.bin}/pgbench", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-N",
                   "-c", str(clients), "-j", "2", "-T", str(seconds), "pgbench"]).stdout
        return float(next(l for l in out.splitlines() if l.startswith("tps = ")).split()[2])

    def pgbench_latency(self, rate, seconds, tmp):
        """pgbench -N on a fixed schedule (-R): per-transaction latency p50 / p99 / max in ms, from its log."""
        logs = tempfile.mkdtemp(prefix="pgbench-log-", dir=tmp)
        os.chmod(logs, 0o777)
        run([f"{self.bin}/pgbench", "-h", "127.0.0.1", "-p", str(self.port), "-U", "postgres", "-N", "-c", "16", "-j", "2",
             "-R", f"{rate:.0f}", "-T", str(seconds), "-l", "--log-prefix", os.path.join(logs, "tx"), "pgbench"])
        lat = sorted(int(line.split()[2]) / 1000 for name in os.listdir(logs) for line in open(os.path.join(logs, name)))
        at = lambda q: lat[min(len(lat) - 1, int(q * len(lat)))]
        return {"rate": rate, "count": len(lat), "p50": at(0.5), "p99": at(0.99), "max": lat[-1]}

    def stop(self):
        run(self.as_pg + [f"{self.bin}/pg_ctl", "-D", f"{self.dir}/data", "-m", "fast", "stop"], check=False)


def table_stats(pg):
    rows = pg.psql("SELECT relname, n_tup_ins, n_tup_upd, n_tup_del FROM pg_stat_user_tables", db="instances")
    return {r.split("|")[0]: tuple(int(x) for x in r.split("|")[1:]) for r in rows.splitlines() if r}


def statements(pg):
    """Calls and total ms of every statement the instances database has run, by query text."""
    rows = pg.psql("SELECT s.calls, s.total_exec_time, regexp_replace(left(s.query, 90), E'\\\\s+', ' ', 'g') FROM pg_stat_statements s "
                   "JOIN pg_database d ON d.oid = s.dbid WHERE d.datname = 'instances'", db="instances")
    out = {}
    for r in rows.splitlines():
        calls, ms, query = r.split("|", 2)
        c, t = out.get(query, (0, 0.0))
        out[query] = (c + int(calls), t + float(ms))
    return out


def commits(pg):
    return int(pg.psql("SELECT xact_commit FROM pg_stat_database WHERE datname = 'instances'"))


class Process:
    """A server process on a free port, stopped on exit."""

    def __init__(self, args, health, tmp, name, env=None):
        self.port = free_port()
        self.log = open(os.path.join(tmp, f"{name}.log"), "w")
        self.proc = subprocess.Popen([a.replace("{port}", str(self.port)) for a in args], stdout=self.log, stderr=subprocess.STDOUT,
                                     env=dict(os.environ, **(env or {})))
        self.url = f"http://127.0.0.1:{self.port}"
        wait_http(self.url + health)

    def rss_mib(self):
        with open(f"/proc/{self.proc.pid}/status") as f:
            return next(int(l.split()[1]) for l in f if l.startswith("VmRSS:")) / 1024

    def heap_mb(self):
        """The runtime's own GC gauges from /metrics (as of the last GC): heap size and its free part, summed over
        the generations, and the memory the GC had committed; what of the RSS is the managed heap."""
        with urllib.request.urlopen(self.url + "/metrics", timeout=30) as r:
            text = r.read().decode()
        sums = {}
        for line in text.splitlines():
            for key, name in (("heap", "dotnet_gc_last_collection_heap_size_bytes"), ("free", "dotnet_gc_last_collection_heap_fragmentation_size_bytes"),
                              ("committed", "dotnet_gc_last_collection_memory_committed_size_bytes")):
                if line.startswith(name + "{") or line.startswith(name + " "):
                    sums[key] = sums.get(key, 0) + float(line.split()[-1]) / 1e6
        return sums

    def stop(self):
        self.proc.send_signal(signal.SIGTERM)
        try:
            self.proc.wait(30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
        self.log.close()


def instances_server(tmp, name, storage, connection, zones=1):
    # Each zone's simulated fleet claims nodes in one grain whose state (every claim) is written per
    # claim; setup spreads instances over the zones, so many zones keep those writes small.
    env = {f"Instances__AvailabilityZones__{i}": f"zone-{i}" for i in range(zones)}
    return Process(["dotnet", SERVER_DLL, f"--Instances:Storage={storage}", f"--ConnectionStrings:Instances={connection}",
                    "--urls=http://127.0.0.1:{port}", f"--Orleans:SiloPort={free_port()}", f"--Orleans:GatewayPort={free_port()}"]
                   + FAST_DRIVER, "/health/ready", tmp, name, env)


def wrk(url, script, seconds, connections=64, headers=(), threads=2):
    cmd = ["wrk", f"-t{threads}", f"-c{connections}", f"-d{seconds}s", "--latency", "-s", script]
    for h in headers:
        cmd += ["-H", h]
    out = run(cmd + [url]).stdout
    rps = float(next(l for l in out.splitlines() if l.startswith("Requests/sec:")).split()[1])
    p99 = next(l for l in out.splitlines() if l.strip().startswith("99%")).split()[1]
    non2xx = next((int(l.split()[-1]) for l in out.splitlines() if "Non-2xx" in l), 0)
    return rps, to_ms(p99), non2xx


def to_ms(text):
    for unit, factor in (("us", 0.001), ("ms", 1), ("s", 1000), ("m", 60000)):
        if text.endswith(unit):
            return float(text[: -len(unit)]) * factor
    return float(text)


def load_tool(tmp, command, url, project, extra, name):
    out = os.path.join(tmp, name)
    r = run(["dotnet", LOADTEST_DLL, command, "-u", url, "--project", project] + (["-o", out] if command != "setup" else []) + extra,
            check=False, timeout=3600)
    if r.returncode not in (0, 2):
        raise RuntimeError(f"load tool failed ({r.returncode}):\n{r.stdout[-3000:]}\n{r.stderr[-3000:]}")
    if command == "setup":
        return None
    with open(os.path.join(out, "report.json")) as f:
        return json.load(f)


def ids_file(tmp, url, project, name):
    ids, marker = [], None
    while True:
        q = f"{url}/v1/instances?fields=uuid&limit=1000" + (f"&marker={marker}" if marker else "")
        req = urllib.request.Request(q, headers={"X-Project-Id": project, "X-Roles": "admin"})
        with urllib.request.urlopen(req, timeout=120) as r:
            body = json.load(r)
        ids += [i["uuid"] for i in body["instances"]]
        if "next" not in body:
            break
        marker = ids[-1]
    path = os.path.join(tmp, name)
    with open(path, "w") as f:
        f.write("\n".join(ids) + "\n")
    return path, len(ids)


TICK = os.sysconf("SC_CLK_TCK")


def cpu_of(pid):
    """CPU seconds (user + system) a process has used so far."""
    try:
        with open(f"/proc/{pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / TICK
    except (FileNotFoundError, ProcessLookupError):
        return 0.0


def postgres_cpu():
    total = 0.0
    for pid in filter(str.isdigit, os.listdir("/proc")):
        try:
            with open(f"/proc/{pid}/comm") as f:
                if f.read().strip() == "postgres":
                    total += cpu_of(pid)
        except OSError:
            pass
    return total


def children_cpu():
    import resource
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


TRACE = shutil.which("dotnet-trace") or os.path.expanduser("~/.dotnet/tools/dotnet-trace")
# Frames where a thread waits rather than runs. dotnet-trace 10 shows an idle pool thread as the
# managed frame WorkerThreadStart (its native semaphore wait has no symbol) and blocking waits as
# ManualResetEventSlim.Wait. Lock contention (Monitor.Enter_Slowpath, Lock.TryEnterSlow) is kept: it
# shows where threads queue.
WAITS = ("WaitHandle.", "LowLevelLifoSemaphore", "Monitor.Wait", "Interop+Sys.Read", "PollGC", "Missing Symbol",
         "LowLevelSpinWaiter", "Thread.Sleep", "WaitNative", "SetEvent", "ReleaseSemaphore", "Interop+Sys.WaitForSocketEvents",
         "ManualResetEventSlim.Wait", "WorkerThread.WorkerThreadStart")


def sample_stacks(pid, load_cmd, seconds, tmp, name):
    """Samples the server's managed stacks (EventPipe, dotnet-trace) while load_cmd runs; the
    top frames by exclusive samples, waits left out and the rest renormalised to 100 %."""
    if not os.path.exists(TRACE):
        return None
    out = os.path.join(tmp, name + ".nettrace")
    load = subprocess.Popen(load_cmd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    run([TRACE, "collect", "-p", str(pid), "--profile", "dotnet-sampled-thread-time", "--duration", f"00:00:00:{seconds:02d}", "-o", out], check=False)
    load.wait()
    report = run([TRACE, "report", out, "topN", "-n", "80"], check=False).stdout
    frames = []
    for line in report.splitlines():
        parts = line.split()
        if len(parts) >= 4 and parts[0].rstrip(".").isdigit() and parts[-1].endswith("%") and parts[-2].endswith("%"):
            frames.append((" ".join(parts[1:-2]), float(parts[-1].rstrip("%"))))
    busy = [(n, x) for n, x in frames if not any(w in n for w in WAITS)]
    total = sum(x for _, x in busy) or 1
    return [(n, x / total) for n, x in busy[:15]]


def median(values):
    return statistics.median(values) if values else float("nan")


def main():
    p = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--quick", action="store_true", help="one run of each, shorter windows, 10,000 instances for figure 4")
    p.add_argument("--runs", type=int, default=3)
    p.add_argument("--big", type=int, default=100_000, help="instances of figure 4")
    p.add_argument("--no-build", action="store_true", help="use the Release binaries already built")
    p.add_argument("--output", default=os.path.join(ROOT, "docs/benchmarks.md"))
    a = p.parse_args()
    runs = 1 if a.quick else a.runs
    seconds = 5 if a.quick else 10
    big = min(a.big, 10_000) if a.quick else a.big
    started = datetime.datetime.now(datetime.timezone.utc)

    if not a.no_build:
        log("building (Release)")
        run(["dotnet", "build", os.path.join(ROOT, "src/Instances.Server"), "-c", "Release", "-v", "q", "-nologo"])
        run(["dotnet", "build", os.path.join(ROOT, "src/Instances.LoadTest"), "-c", "Release", "-v", "q", "-nologo"])
    tmp = tempfile.mkdtemp(prefix="instances-bench-")
    bare_dir = os.path.join(tmp, "bare")
    os.makedirs(bare_dir)
    with open(os.path.join(bare_dir, "Bare.csproj"), "w") as f:
        f.write(BARE_CSPROJ)
    with open(os.path.join(bare_dir, "Program.cs"), "w") as f:
        f.write(BARE_PROGRAM)
    shutil.copy(os.path.join(ROOT, "global.json"), bare_dir)
    run(["dotnet", "build", bare_dir, "-c", "Release", "-v", "q", "-nologo", "-o", os.path.join(bare_dir, "out")])

    pg, procs, results = None, [], {}
    try:
        pg = Postgres(tmp)
        log(f"PostgreSQL {pg.version} on port {pg.port}")
        run([f"{pg.bin}/pgbench", "-h", "127.0.0.1", "-p", str(pg.port), "-U", "postgres", "-i", "-s", "10", "-q", "pgbench"])
        srv = instances_server(tmp, "server-pg", "PostgreSQL", pg.connection_string(), zones=ZONES)
        procs.append(srv)
        log("setup: 2,000 instances")
        pg.durable(False)
        load_tool(tmp, "setup", srv.url, "loadtest", ["-n", "2000", "--verify-timeout", "01:00:00"], "setup")
        pg.durable(True)
        ids, _ = ids_file(tmp, srv.url, "loadtest", "ids.txt")
        random_lua = os.path.join(tmp, "random.lua")
        with open(random_lua, "w") as f:
            f.write(WRK_RANDOM % ids)
        bare = Process(["dotnet", os.path.join(bare_dir, "out", "Bare.dll"), "--urls=http://127.0.0.1:{port}"],
                       "/v1/instances/" + open(ids).readline().strip() + "/states", tmp, "bare", {"BARE_IDS": ids})
        procs.append(bare)

        # Both processes JIT their hot paths first (a dev run of figure 2 measured 280/s before and
        # ~420/s after the server's tier-up; consecutive 10-s wrk runs of figure 1 on a fresh server
        # gave 5.2k, 7.3k, 12.7k, then 13.8-15.6k req/s): warm each up unmeasured, so every run sees steady state.
        log("warm-up: wrk on the bare app and on the server, drive on the server (unmeasured)")
        for _ in range(WRK_WARM_UP_RUNS):
            wrk(bare.url, random_lua, seconds)
            wrk(srv.url, random_lua, seconds)
        load_tool(tmp, "drive", srv.url, "loadtest", ["-n", "2000", "-w", "64", "-d", f"00:00:{seconds:02d}", "--no-plot"], "warm-up")

        f1 = []
        for i in range(runs):
            log(f"figure 1, run {i + 1}: wrk states")
            bare_rps = wrk(bare.url, random_lua, seconds)[0]
            inst_rps, _, non2xx = wrk(srv.url, random_lua, seconds)
            f1.append({"bare": bare_rps, "instances": inst_rps, "ratio": inst_rps / bare_rps, "non2xx": non2xx})
        results["f1"] = f1
        results["prof_states"] = sample_stacks(srv.proc.pid, ["wrk", "-t2", "-c64", f"-d{seconds + 4}s", "-s", random_lua, srv.url], seconds, tmp, "states")
        bare.stop()
        procs.remove(bare)

        f2 = []
        for i in range(runs):
            log(f"figure 2, run {i + 1}: load tool vs pgbench -N")
            rows0, commits0, stmts0 = table_stats(pg), commits(pg), statements(pg)
            cpu0 = (cpu_of(srv.proc.pid), postgres_cpu(), children_cpu(), time.time())
            rep = load_tool(tmp, "drive", srv.url, "loadtest", ["-n", "2000", "-w", "64", "-d", f"00:00:{seconds * 2:02d}", "--warm-up", WARM_UP, "--no-plot"], f"f2-{i}")
            cpu1 = (cpu_of(srv.proc.pid), postgres_cpu(), children_cpu(), time.time())
            time.sleep(1.5)  # PostgreSQL publishes table statistics at most once a second
            rows1, commits1, stmts1 = table_stats(pg), commits(pg), statements(pg)
            done = max(rep["completed"] + rep.get("warm_up_accepted", 0), 1)  # the costs cover the tool's warm-up too
            cost = {"server": (cpu1[0] - cpu0[0]) / done * 1e3, "postgres": (cpu1[1] - cpu0[1]) / done * 1e3,
                       "load tool": (cpu1[2] - cpu0[2]) / done * 1e3, "wall": cpu1[3] - cpu0[3],
                       "cores busy": (cpu1[0] - cpu0[0] + cpu1[1] - cpu0[1] + cpu1[2] - cpu0[2]) / (cpu1[3] - cpu0[3]),
                       "commits": (commits1 - commits0) / done,
                       "rows": {t: tuple((b - a) / done for a, b in zip(rows0.get(t, (0, 0, 0)), v)) for t, v in rows1.items()},
                       "statements": sorted(((q, (c - stmts0.get(q, (0, 0))[0]) / done, (ms - stmts0.get(q, (0, 0.0))[1]) / done)
                                             for q, (c, ms) in stmts1.items()), key=lambda x: -x[1])[:12]}
            tps = pg.pgbench(seconds)
            f2.append({"report": rep, "pgbench": tps, "ratio": rep["completed_per_second"] / tps, "profile": cost})
        results["f2"] = f2
        results["prof_power"] = sample_stacks(srv.proc.pid, ["dotnet", LOADTEST_DLL, "drive", "-u", srv.url, "-n", "2000", "-w", "64", "-d", f"00:00:{seconds + 6:02d}",
                                                       "--no-plot", "-o", os.path.join(tmp, "prof-power")], seconds, tmp, "power")
        max_rate = median([r["report"]["accepted_per_second"] for r in f2])

        f3 = []
        for i in range(runs):
            log(f"figure 3, run {i + 1}: open model at {max_rate / 2:.0f}/s")
            f3.append(load_tool(tmp, "drive", srv.url, "loadtest",
                                ["-n", "2000", "--rate", f"{max_rate / 2:.1f}", "-d", f"00:00:{seconds * 2:02d}", "--warm-up", WARM_UP], f"f3-{i}"))
        results["f3"] = f3
        # The floor under a durable accept: PostgreSQL's own commit latency at the figure's commit load
        # (an accept and a completion write per transition), measured right after it on the same server.
        log(f"figure 3 baseline: pgbench -N -R {max_rate:.0f}")
        results["f3_pg"] = pg.pgbench_latency(max_rate, seconds * 2, tmp)
        results["max_rate"] = max_rate
        shutil.copy(os.path.join(tmp, f"f3-{runs - 1}", "latency-over-time.png"), os.path.join(ROOT, "docs/bench-latency-over-time.png"))
        shutil.copy(os.path.join(tmp, f"f3-{runs - 1}", "latency-percentiles.png"), os.path.join(ROOT, "docs/bench-latency-percentiles.png"))

        log(f"figure 4: {big:,} instances")
        t0 = time.time()
        pg.durable(False)
        load_tool(tmp, "setup", srv.url, "big", ["-n", str(big), "--verify-timeout", "01:00:00"], "setup-big")
        pg.durable(True)
        create_s = time.time() - t0
        big_ids, count = ids_file(tmp, srv.url, "big", "big.txt")
        sweep = os.path.join(tmp, "sweep.lua")
        with open(sweep, "w") as f:
            f.write(WRK_SWEEP % big_ids)
        sweep_rps = wrk(srv.url, sweep, max(10, int(count / 1500) + 1))[0]  # every grain read at least once (activates it)
        list_lua = os.path.join(tmp, "empty.lua")
        open(list_lua, "w").close()
        # 4c is read here, with every instance grain active and nothing else running; the list runs
        # below add their own garbage, so the RSS after them is reported too.
        f4 = {"instances": count, "create_seconds": create_s, "sweep_rps": sweep_rps, "rss_mib": srv.rss_mib(), "heap_mb": srv.heap_mb()}
        wrk(srv.url + "/v1/instances?status=active", list_lua, seconds, connections=8, headers=("X-Project-Id: big",))  # the list path's tier-up, unmeasured
        for limit, path in (("1000 (default)", "/v1/instances?status=active"), ("100", "/v1/instances?status=active&limit=100")):
            windows = []
            for _ in range(runs):
                cpu0 = (cpu_of(srv.proc.pid), postgres_cpu())
                rps, p99, non2xx = wrk(srv.url + path, list_lua, seconds, connections=8, headers=("X-Project-Id: big",))
                cpu1 = (cpu_of(srv.proc.pid), postgres_cpu())
                pages = max(rps * seconds, 1)
                windows.append({"rps": rps, "p99": p99, "non2xx": non2xx,
                                "server_ms": (cpu1[0] - cpu0[0]) / pages * 1e3, "postgres_ms": (cpu1[1] - cpu0[1]) / pages * 1e3})
            f4[limit] = {k: median([w[k] for w in windows]) for k in ("rps", "p99", "server_ms", "postgres_ms")} | {
                "non2xx": sum(w["non2xx"] for w in windows), "runs": windows}
        # The same page with one request at a time: its latency without the queue of 8 on 2 cores.
        rps, p99, non2xx = wrk(srv.url + "/v1/instances?status=active", list_lua, seconds, connections=1, headers=("X-Project-Id: big",), threads=1)
        f4["1000, one connection"] = {"rps": rps, "p99": p99, "non2xx": non2xx}
        f4["rss_after_lists_mib"] = srv.rss_mib()
        f4["heap_after_lists_mb"] = srv.heap_mb()
        results["prof_list"] = sample_stacks(srv.proc.pid, ["wrk", "-t2", "-c8", f"-d{seconds + 4}s", "-s", list_lua, "-H", "X-Project-Id: big",
                                                      srv.url + "/v1/instances?status=active"], seconds, tmp, "list")
        results["f4"] = f4
        srv.stop()
        procs.remove(srv)

        sqlite_dir = os.path.join(tmp, "sqlite")
        os.makedirs(sqlite_dir)
        lite = instances_server(tmp, "server-sqlite", "Sqlite", f"Data Source={sqlite_dir}/instances.db")
        procs.append(lite)
        load_tool(tmp, "setup", lite.url, "loadtest", ["-n", "500"], "setup-sqlite")
        f5 = []
        for i in range(runs):
            log(f"figure 5, run {i + 1}: SQLite")
            f5.append(load_tool(tmp, "drive", lite.url, "loadtest", ["-n", "500", "-w", "32", "-d", f"00:00:{seconds * 2:02d}", "--warm-up", WARM_UP, "--no-plot"], f"f5-{i}"))
        results["f5"] = f5
    finally:
        for proc in procs:
            proc.stop()
        if pg:
            pg.stop()
        shutil.rmtree(tmp, ignore_errors=True)

    # Kept outside the repository, so a failure while writing the page does not lose a half-hour's measurements.
    with open(os.path.join(tempfile.gettempdir(), "instances-bench-results.json"), "w") as f:
        json.dump(results, f, indent=1, default=str)
    write_markdown(a, results, runs, seconds, started, pg.version)
    log(f"wrote {a.output}")


def machine():
    cpu = next((l.split(":", 1)[1].strip() for l in open("/proc/cpuinfo") if l.startswith("model name")), platform.processor())
    mem = next(int(l.split()[1]) for l in open("/proc/meminfo") if l.startswith("MemTotal")) / 1024 / 1024
    dotnet = run(["dotnet", "--version"]).stdout.strip()
    v = run(["wrk", "-v"], check=False)
    wrk_v = (v.stdout or v.stderr).splitlines()[0].split(" Copyright")[0]
    return cpu, os.cpu_count(), mem, dotnet, wrk_v, platform.platform(), os.getloadavg()


def write_markdown(a, r, runs, seconds, started, pg_version):
    cpu, cores, mem, dotnet, wrk_v, os_name, load = machine()
    f1, f2, f3, f4, f5 = r["f1"], r["f2"], r["f3"], r["f4"], r["f5"]
    m = lambda xs: median(xs)
    ratio1 = m([x["ratio"] for x in f1])
    ratio2 = m([x["ratio"] for x in f2])
    p99_3 = m([x["accept_latency_ms"]["p99"] for x in f3])
    lost = sum(x["report"]["lost"] for x in f2) + sum(x["lost"] for x in f3) + sum(x["lost"] for x in f5)
    page = f4["1000 (default)"]
    verdict = lambda ok: "**met**" if ok else "**missed**"
    L = []
    L.append("# Benchmarks\n")
    L.append("Generated by `deploy/bench/run.sh" + "".join(" " + x for x in sys.argv[1:]) + f"` on {started:%Y-%m-%d %H:%M} UTC; "
             f"every figure is the median of {runs} run(s), each next to its baseline measured in the same run. "
             "Do not edit by hand: re-run the script. Hand-written analysis lives in the section at the end, kept by the script.\n")
    L.append("## Machine\n")
    L.append(f"| | |\n|---|---|\n| CPU | {cpu}, {cores} logical cores |\n| Memory | {mem:.1f} GiB |\n| OS | {os_name} |\n"
             f"| .NET SDK | {dotnet} |\n| PostgreSQL | {pg_version} (private cluster, fsync on, synchronous_commit on, shared_buffers 256MB) |\n"
             f"| wrk | {wrk_v} |\n| Load average at the end | {load[0]:.1f} / {load[1]:.1f} / {load[2]:.1f} (1/5/15 min) |\n")
    L.append("The server, PostgreSQL and the load tools share these cores (and the machine may be a shared VM), so absolute "
             "numbers are noisy; the ratios, measured back to back in the same run, are the figures to steer by.\n")
    L.append("Server: `dotnet src/Instances.Server/bin/Release/net10.0/Instances.Server.dll --Instances:Storage=PostgreSQL "
             "--ConnectionStrings:Instances='Host=127.0.0.1;Port=…;Database=instances;Username=postgres;Maximum Pool Size=100' "
             + " ".join(FAST_DRIVER) + f"` with {ZONES} availability zones (`Instances__AvailabilityZones__<i>`, which setup spreads instances over) — the simulated driver answers in ~1 ms, so what is measured is the service's own path.\n")
    L.append("## Summary against the goals\n")
    L.append("| # | Figure | Measured (median) | Goal | |\n|---|---|---|---|---|")
    L.append(f"| 1 | states req/s vs bare minimal API | {ratio1:.0%} ({m([x['instances'] for x in f1]):,.0f} vs {m([x['bare'] for x in f1]):,.0f} req/s) | ≥ 70 % | {verdict(ratio1 >= 0.7)} |")
    L.append(f"| 2 | completed power transitions/s vs `pgbench -N` TPS | {ratio2:.0%} ({m([x['report']['completed_per_second'] for x in f2]):,.0f}/s vs {m([x['pgbench'] for x in f2]):,.0f} TPS) | ≥ 50 % | {verdict(ratio2 >= 0.5)} |")
    floor = f"; `pgbench -N` p99 at that commit load {r['f3_pg']['p99']:.1f} ms" if "f3_pg" in r else ""
    L.append(f"| 3 | accept p99 at half the max rate ({r['max_rate'] / 2:,.0f}/s{floor}) | {p99_3:.1f} ms | ≤ 25 ms | {verdict(p99_3 <= 25)} |")
    L.append(f"| 4a | {f4['instances']:,} instances: first page (1,000) of `?status=active`, p99 | {page['p99']:.1f} ms | ≤ 50 ms | {verdict(page['p99'] <= 50)} |")
    L.append(f"| 4b | … first page with `limit=100`, p99 | {f4['100']['p99']:.1f} ms | (≤ 50 ms) | {verdict(f4['100']['p99'] <= 50)} |")
    L.append(f"| 4c | RSS with all {f4['instances']:,} instance grains active (after the list runs: {f4['rss_after_lists_mib']:,.0f} MiB) | {f4['rss_mib']:,.0f} MiB | ≤ 1 GiB | {verdict(f4['rss_mib'] <= 1024)} |")
    L.append(f"| 5 | SQLite: completed power transitions/s | {m([x['completed_per_second'] for x in f5]):,.0f}/s (accept p99 {m([x['accept_latency_ms']['p99'] for x in f5]):.1f} ms) | — | |")
    L.append(f"| | lost operations, all verified runs | {lost} | 0 | {verdict(lost == 0)} |\n")

    L.append("## 1. State summary reads\n")
    L.append(f"`wrk -t2 -c64 -d{seconds}s --latency -s random.lua` (a random id of 2,000 per request) against the service and against a bare "
             "minimal-API app (`WebApplication.CreateSlimBuilder`, the same JSON shape from a `Dictionary`, built by the script "
             "in a temp dir with the same SDK, Release, workstation concurrent GC as the service uses, invariant globalization). Both run at the same time; wrk hits one, then the other. Before the first run each got "
             f"{WRK_WARM_UP_RUNS} unmeasured {seconds}-s wrk warm-ups (and the service a {seconds}-s drive of the power workload), so the runs measure jitted, steady-state code.\n")
    L.append("| Run | bare req/s | Instances req/s | ratio | non-2xx |\n|---|---|---|---|---|")
    for i, x in enumerate(f1):
        L.append(f"| {i + 1} | {x['bare']:,.0f} | {x['instances']:,.0f} | {x['ratio']:.0%} | {x['non2xx']} |")
    L.append("")
    L.append("## 2. Durable power transitions vs pgbench\n")
    L.append(f"`dotnet Instances.LoadTest.dll drive -n 2000 -w 64 -d {seconds * 2}s --warm-up {WARM_UP_SECONDS}s` (closed model, the first {WARM_UP_SECONDS} s driven but not measured; mix off=2,reboot=1,soft_off=1; "
             f"completed = verified in each instance's action history), then `pgbench -N -c 16 -j 2 -T {seconds}` "
             "(scale 10) on the same PostgreSQL server.\n")
    L.append("| Run | accepted/s | completed/s | accept p50 / p99 ms | completion p50 / p99 ms | busy 409 | lost | pgbench -N TPS | ratio |\n|---|---|---|---|---|---|---|---|---|")
    for i, x in enumerate(f2):
        rep = x["report"]
        L.append(f"| {i + 1} | {rep['accepted_per_second']:,.0f} | {rep['completed_per_second']:,.0f} | "
                 f"{rep['accept_latency_ms']['p50']:.1f} / {rep['accept_latency_ms']['p99']:.1f} | "
                 f"{rep['completion_latency_ms']['p50']:.1f} / {rep['completion_latency_ms']['p99']:.1f} | {rep['busy']} | {rep['lost']} | {x['pgbench']:,.0f} | {x['ratio']:.0%} |")
    L.append("")
    prof = f2[len(f2) // 2]["profile"]
    L.append(f"Where the time and the writes go (run {len(f2) // 2 + 1}, per completed transition; CPU from /proc, rows from `pg_stat_user_tables`):\n")
    L.append(f"| server CPU | PostgreSQL CPU | load tool CPU | cores busy (of {os.cpu_count()}) | commits | \n|---|---|---|---|---|")
    L.append(f"| {prof['server']:.2f} ms | {prof['postgres']:.2f} ms | {prof['load tool']:.2f} ms | {prof['cores busy']:.2f} | {prof['commits']:.2f} |\n")
    L.append("| table | inserted | updated | deleted |\n|---|---|---|---|")
    for t, (ins, upd, dele) in sorted(prof["rows"].items()):
        if ins + upd + dele > 0.005:
            L.append(f"| `{t}` | {ins:.2f} | {upd:.2f} | {dele:.2f} |")
    L.append("\nStatements per completed transition (`pg_stat_statements`, top 12 by calls):\n")
    L.append("| calls | ms in PostgreSQL | statement |\n|---|---|---|")
    for q, calls, ms in prof.get("statements", []):
        if calls >= 0.01:
            L.append(f"| {calls:.2f} | {ms:.3f} | `{q.replace('|', '/')}` |")
    L.append("")
    L.append("## 3. Accept latency at half the maximum rate\n")
    L.append(f"Open model (requests sent on schedule, latency from the scheduled time): `drive --rate {r['max_rate'] / 2:.0f} -d {seconds * 2}s --warm-up {WARM_UP_SECONDS}s`, "
             f"half the median accepted rate of figure 2 ({r['max_rate']:,.0f}/s).\n")
    L.append("| Run | achieved accepted/s | p50 | p90 | p99 | p99.9 | max (ms) | skipped | lost |\n|---|---|---|---|---|---|---|---|---|")
    for i, x in enumerate(f3):
        l = x["accept_latency_ms"]
        L.append(f"| {i + 1} | {x['accepted_per_second']:,.0f} | {l['p50']:.1f} | {l['p90']:.1f} | {l['p99']:.1f} | {l['p999']:.1f} | {l['max']:.1f} | {x['skipped']} | {x['lost']} |")
    if "f3_pg" in r:
        b = r["f3_pg"]
        L.append(f"\nPostgreSQL's own latency at that commit load, right after on the same server (`pgbench -N -c 16 -j 2 -R {b['rate']:.0f} -T {seconds * 2}`, "
                 f"one transaction per accept and per completion): p50 {b['p50']:.1f} ms, p99 {b['p99']:.1f} ms, max {b['max']:.1f} ms over {b['count']:,} transactions.")
    L.append("\n![accept latency over time](bench-latency-over-time.png)\n![latency percentiles](bench-latency-percentiles.png)\n")
    L.append(f"## 4. {f4['instances']:,} instances\n")
    L.append(f"Created with `setup -n {f4['instances']}` (PostgreSQL `synchronous_commit = off` while populating) in {f4['create_seconds']:.0f} s ({f4['instances'] / f4['create_seconds']:,.0f}/s); "
             f"then every instance's states read once with wrk (sweep at {f4['sweep_rps']:,.0f} req/s) so every grain is active; "
             f"then one unmeasured {seconds}-s wrk of the list (its code's tier-up), then {runs} × `wrk -t2 -c8 -d{seconds}s --latency` on the project's filtered list for each page size "
             "(median; CPU per page of the server and of PostgreSQL from /proc over each window), then one window with a single connection.\n")
    L.append("| Page | req/s | p99 (ms) | runs: p99 (ms) | server CPU per page (ms) | PostgreSQL CPU per page (ms) | non-2xx |\n|---|---|---|---|---|---|---|")
    for k in ("1000 (default)", "100"):
        runs_p99 = " / ".join(f"{w['p99']:.1f}" for w in f4[k]["runs"])
        L.append(f"| {k} | {f4[k]['rps']:,.0f} | {f4[k]['p99']:.1f} | {runs_p99} | {f4[k]['server_ms']:.2f} | {f4[k]['postgres_ms']:.2f} | {f4[k]['non2xx']} |")
    one = f4["1000, one connection"]
    L.append(f"| 1000, one connection (`-t1 -c1`) | {one['rps']:,.0f} | {one['p99']:.1f} | | | | {one['non2xx']} |")
    L.append(f"\nServer RSS (VmRSS) right after every grain was activated: **{f4['rss_mib']:,.0f} MiB**; after the list runs: {f4['rss_after_lists_mib']:,.0f} MiB.\n")
    L.append("Of that, the managed heap (the runtime's own gauges on `/metrics`, as of the last GC before each reading):\n")
    L.append("| when | RSS (MiB) | heap (MB) | of it free (MB) | GC committed (MB) |\n|---|---|---|---|---|")
    for when, rss, heap in (("every grain active", f4["rss_mib"], f4.get("heap_mb")), ("after the list runs", f4["rss_after_lists_mib"], f4.get("heap_after_lists_mb"))):
        if heap:
            L.append(f"| {when} | {rss:,.0f} | {heap.get('heap', 0):,.0f} | {heap.get('free', 0):,.0f} | {heap.get('committed', 0):,.0f} |")
    L.append("")
    L.append("## 5. SQLite embedded mode\n")
    L.append(f"`--Instances:Storage=Sqlite` (Synchronous=Full, 2 connections), `drive -n 500 -w 32 -d {seconds * 2}s --warm-up {WARM_UP_SECONDS}s`.\n")
    L.append("| Run | accepted/s | completed/s | accept p50 / p99 ms | completion p50 / p99 ms | lost |\n|---|---|---|---|---|---|")
    for i, x in enumerate(f5):
        L.append(f"| {i + 1} | {x['accepted_per_second']:,.0f} | {x['completed_per_second']:,.0f} | "
                 f"{x['accept_latency_ms']['p50']:.1f} / {x['accept_latency_ms']['p99']:.1f} | "
                 f"{x['completion_latency_ms']['p50']:.1f} / {x['completion_latency_ms']['p99']:.1f} | {x['lost']} |")
    L.append("")
    L.append("## Profiles\n")
    L.append("Server-side managed stacks sampled with `dotnet-trace collect --profile dotnet-sampled-thread-time` during an extra, "
             "unmeasured run of the same load; frames by exclusive samples, waiting frames (idle pool threads, blocking and socket "
             "waits) left out and the rest renormalised to 100 %; lock contention is kept.\n")
    if not any(r.get(key) for key in ("prof_states", "prof_power", "prof_list")):
        L.append("**No profile was taken in this run**: `dotnet-trace` was not found (run.sh installs it; bench.py alone does not).\n")
    for key, title in (("prof_states", "GET .../states under wrk (figure 1)"), ("prof_power", "power transitions, PostgreSQL (figure 2)"),
                       ("prof_list", "first page of the filtered list (figure 4)")):
        frames = r.get(key)
        if not frames:
            continue
        L.append(f"**{title}**\n")
        L.append("| share | frame |\n|---|---|")
        for n, x in frames:
            L.append(f"| {x:.1%} | `{n.replace('|', '/')[:110]}` |")
        L.append("")
    keep = ""
    if os.path.exists(a.output):
        text = open(a.output).read()
        marker = "## Analysis"
        if marker in text:
            keep = text[text.index(marker):]
    with open(a.output, "w") as f:
        f.write("\n".join(L) + "\n" + (keep or "## Analysis\n\n(Hand-written: what limits each missed goal, from a profile.)\n"))


if __name__ == "__main__":
    main()
