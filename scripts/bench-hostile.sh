#!/usr/bin/env bash
# The attacks of issue 11 against the release server on a new SQLite file, each for a few
# seconds from 32 connections (in their own process at nice 10: an attacker elsewhere would not
# share the server's cores), while another process measures `/health` and `{ __typename }` and
# samples the server's resident memory. The attacks are in scripts/bench/hostile.py.
#
#   bash scripts/bench-hostile.sh [seconds per attack] [attack name...]   (default 10, all)
#
# Prints, per attack: answers by code, /health and { __typename } p50/p99 (ms), resident memory
# before, peak and after (MB). Nothing is asserted: the machines are noisy (the tests in
# tests/tests/hostile/ assert the outcomes).
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-10}"
port="${PSZ_BENCH_PORT:-18081}"
work="$(mktemp -d /tmp/psz-bench-hostile.XXXXXX)"
stop() { kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
trap 'stop; rm -rf "$work"' EXIT

cargo build --release -p server --quiet
if curl -s "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
  echo "port $port is taken (PSZ_BENCH_PORT chooses another)"; exit 1
fi
PSZ_LISTEN="127.0.0.1:$port" PSZ_DATA_DIR="$work/var" PSZ_STATIC_DIR="$work/none" RUST_LOG=warn \
  target/release/psz-monitor >"$work/server.log" 2>&1 &
server_pid=$!
until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.05
done

python3 scripts/bench/hostile.py run "$port" "$server_pid" "$seconds" "${@:2}"
