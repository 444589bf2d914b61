#!/usr/bin/env bash
# HTTP benchmark of the release server on a new SQLite file: cold start, the overview query under
# load (oha, 64 connections), and resident memory idle and under load.
#
#   bash scripts/bench-http.sh [seconds]      (default 15 s of load)
#   PSZ_RESPONSE_CACHE=0 bash scripts/bench-http.sh   (every request computed, no kept responses)
#
# Needs `oha` (`cargo install oha --locked`; installed on first run). Prints a summary to compare
# with ../shared/design/quality.md. Nothing is asserted: the machines are noisy.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-15}"
port="${PSZ_BENCH_PORT:-18080}"
work="$(mktemp -d /tmp/psz-bench-http.XXXXXX)"
# /usr/bin/time runs the server as its child: stop both, then remove the files.
stop() { pkill -TERM -P "$server_pid" 2>/dev/null || true; kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; }
trap 'stop; rm -rf "$work"' EXIT

command -v oha >/dev/null || cargo install oha --locked
cargo build --release -p server --quiet

# The overview the app sends, as a JSON body (comment lines dropped).
query="$(grep -v '^#' frontend/queries/overview.graphql)"
python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$query" > "$work/body.json"

post() { curl -sf -H 'content-type: application/json' --data @"$work/body.json" "http://127.0.0.1:$port/graphql"; }

if curl -s "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
  echo "port $port is taken (PSZ_BENCH_PORT chooses another)"; exit 1
fi
start=$(date +%s%N)
PSZ_LISTEN="127.0.0.1:$port" PSZ_DATA_DIR="$work/var" PSZ_STATIC_DIR="$work/none" RUST_LOG=warn \
  /usr/bin/time -v -o "$work/time.txt" target/release/psz-monitor >"$work/server.log" 2>&1 &
server_pid=$!
until post >/dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.005
done
cold_ms=$(( ($(date +%s%N) - start) / 1000000 ))
post > "$work/first.json"
python3 -c 'import json,sys; r=json.load(open(sys.argv[1])); sys.exit(1 if r.get("errors") or not r.get("data") else 0)' "$work/first.json" \
  || { echo "the overview query failed:"; cat "$work/first.json"; echo; cat "$work/server.log"; exit 1; }
pid=$(pgrep -P "$server_pid" -x psz-monitor || echo "$server_pid")
sleep 1
idle_kb=$(ps -o rss= -p "$pid" | tr -d ' ')

peak_kb=0
( while kill -0 "$pid" 2>/dev/null; do ps -o rss= -p "$pid"; sleep 0.2; done ) > "$work/rss.txt" &
sampler=$!
oha --no-tui -c 64 -z "${duration}s" -m POST -H 'content-type: application/json' \
  -D "$work/body.json" "http://127.0.0.1:$port/graphql" > "$work/oha.txt"
kill "$sampler" 2>/dev/null || true
peak_kb=$(sort -n "$work/rss.txt" | tail -1 | tr -d ' ')

kill -TERM "$pid"
wait "$server_pid" 2>/dev/null || true

echo "== oha, overview query, 64 connections, ${duration}s =="
sed -n '/Summary/,/Response time histogram/p' "$work/oha.txt" | head -n -1
grep -E '^\s+(50|90|99|99.9)(\.00)?% in' "$work/oha.txt" || sed -n '/Response time distribution/,/^$/p' "$work/oha.txt"
grep -A3 'Status code distribution' "$work/oha.txt"
echo "== server =="
echo "cold start to first answered overview: ${cold_ms} ms (new SQLite file, migrations, plan data)"
echo "resident memory idle: $((idle_kb / 1024)) MB; peak under load (sampled): $((peak_kb / 1024)) MB"
grep -E 'Maximum resident set size' "$work/time.txt" | sed 's/^\s*/max RSS over the whole run (time -v): /'
