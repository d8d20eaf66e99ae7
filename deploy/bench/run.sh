#!/usr/bin/env bash
# Reproduces every figure of docs/benchmarks.md on this machine and rewrites that file.
#   deploy/bench/run.sh            # full: median of 3 runs, 100,000 instances (about 30 min on 2 cores)
#   deploy/bench/run.sh --quick    # one run of each, shorter windows, 10,000 instances (about 8 min)
# Needs the .NET SDK, wrk and PostgreSQL's binaries; as root on Debian it installs the last two.
set -euo pipefail
cd "$(dirname "$0")/../.."
if ! command -v wrk >/dev/null || ! ls /usr/lib/postgresql/*/bin/pgbench >/dev/null 2>&1; then
  if [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    apt-get update -qq && apt-get install -y -qq wrk postgresql >/dev/null
  else
    echo "Install wrk and postgresql (apt-get install -y wrk postgresql) first." >&2
    exit 1
  fi
fi
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
# The profiles of docs/benchmarks.md are sampled with dotnet-trace: a pinned version in a cache
# folder of its own when the machine has none (nothing is added to the user's global tools).
tools="${XDG_CACHE_HOME:-$HOME/.cache}/instances-bench/tools"
if ! command -v dotnet-trace >/dev/null && [ ! -x "$tools/dotnet-trace" ]; then
  dotnet tool install dotnet-trace --version 10.0.750501 --tool-path "$tools" >/dev/null
fi
export PATH="$PATH:$tools"
exec python3 deploy/bench/bench.py "$@"
