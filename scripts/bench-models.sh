#!/usr/bin/env bash
# What the in-memory read models cost the real server: its resident memory idle, after the model
# of every plan has been built in turn (at most `model::CAPACITY` stay resident), and per plan.
#
#   bash scripts/bench-models.sh <database url>
#
# Meant for the 200-plan synthetic database: `PSZ_BENCH_KEEP=1 cargo bench -p tests --bench
# scale` leaves it behind (`psz_bench_<pid>`); then
#   bash scripts/bench-models.sh postgres://postgres@127.0.0.1:5432/psz_bench_<pid>
# Release build, response cache off (so every request reads the models). Reports, never asserts.
set -euo pipefail
cd "$(dirname "$0")/.."
dburl="${1:?usage: bench-models.sh <database url>}"
port="${PSZ_BENCH_PORT:-18090}"
work=$(mktemp -d)
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cargo build --release -p server --quiet
PSZ_LISTEN="127.0.0.1:$port" PSZ_DATABASE_URL="$dburl" PSZ_RESPONSE_CACHE=0 PSZ_STATIC_DIR="$work/none" \
  RUST_LOG=warn target/release/psz-monitor >"$work/server.log" 2>&1 &
server_pid=$!
until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.05
done
rss() { ps -o rss= -p "$server_pid" | tr -d ' '; }
ask() {
  python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1], "variables": {"s": sys.argv[2]}}))' \
    'query($s: String!) { plan(slug: $s) { areas { code progress { attainment } strategicGoals { specificGoals { code measures { code projects { registrationNumber } } } } } } }' "$1" \
    | curl -sf -H 'content-type: application/json' --data @- "http://127.0.0.1:$port/graphql" >/dev/null
}
slugs=$(curl -sf -H 'content-type: application/json' --data '{"query":"{ plans { slug } }"}' "http://127.0.0.1:$port/graphql" \
  | python3 -c 'import json,sys; print("\n".join(p["slug"] for p in json.load(sys.stdin)["data"]["plans"]))')
plans=$(echo "$slugs" | wc -l)
idle=$(rss)
capacity=$(grep -oP 'pub const CAPACITY: usize = \K[0-9]+' server/src/store/model.rs || echo 32)
n=0; first=""
for s in $slugs; do
  ask "$s"; n=$((n + 1))
  [ "$n" -eq "$capacity" ] && first=$(rss)
done
last=$(rss)
echo "read models on the real server (release, response cache off, $plans plans)"
echo "resident memory idle (after start):        $((idle / 1024)) MB"
echo "after the models of $capacity plans (the capacity): $((first / 1024)) MB, $(((first - idle) / capacity)) kB per plan"
echo "after all $plans plans in turn:              $((last / 1024)) MB (at most $capacity models stay)"
