#!/usr/bin/env bash
# What the whole-plan open-data files cost the real server (release build): for each plan, the
# first download of /data/<plan>.xlsx and .zip (the plan's model read if it is not resident,
# the file built) and a repeated one (kept while the data are unchanged), their sizes, and the
# server's peak resident memory (VmHWM) after all of them.
#
#   bash scripts/bench-opendata.sh                    # Ostrava on a fresh SQLite file
#   bash scripts/bench-opendata.sh <database url> [N] # the first N plans (default 20) of a
#                                                     # database, e.g. the 200-plan synthetic one
#
# The synthetic database: `PSZ_BENCH_KEEP=1 cargo bench -p tests --bench scale` leaves it behind
# (`psz_bench_<pid>`). Reports, never asserts.
set -euo pipefail
cd "$(dirname "$0")/.."
port="${PSZ_BENCH_PORT:-18091}"
work=$(mktemp -d)
dburl="${1:-sqlite://$work/psz.db?mode=rwc}"
plans_wanted="${2:-20}"
server_pid=""
cleanup() { [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT

cargo build --release -p server --quiet
PSZ_LISTEN="127.0.0.1:$port" PSZ_DATABASE_URL="$dburl" PSZ_DATA_DIR="$work" PSZ_STATIC_DIR="$work/none" \
  RUST_LOG=warn target/release/psz-monitor >"$work/server.log" 2>&1 &
server_pid=$!
until curl -sf "http://127.0.0.1:$port/health" >/dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.05
done
slugs=$(curl -sf -H 'content-type: application/json' --data '{"query":"{ plans { slug } }"}' "http://127.0.0.1:$port/graphql" \
  | python3 -c 'import json,sys; print("\n".join(p["slug"] for p in json.load(sys.stdin)["data"]["plans"]))' \
  | head -n "$plans_wanted")
idle=$(grep VmRSS "/proc/$server_pid/status" | awk '{print $2}')
fetch() { curl -s -o /dev/null -w '%{http_code} %{size_download} %{time_total}' "http://127.0.0.1:$port$1"; }
printf '%-14s %-5s %10s %12s %12s\n' plan file bytes "first ms" "repeat ms"
for s in $slugs; do
  for ext in xlsx zip; do
    read -r code1 size first <<<"$(fetch "/data/$s.$ext")"
    read -r code2 _ again <<<"$(fetch "/data/$s.$ext")"
    [ "$code1" = 200 ] && [ "$code2" = 200 ] || { echo "$s.$ext: HTTP $code1/$code2"; exit 1; }
    awk -v s="$s" -v e="$ext" -v n="$size" -v a="$first" -v b="$again" \
      'BEGIN { printf "%-14s %-5s %10s %12.1f %12.1f\n", s, e, n, a * 1000, b * 1000 }'
  done
done
hwm=$(grep VmHWM "/proc/$server_pid/status" | awk '{print $2}')
echo "resident memory: $((idle / 1024)) MB after start, peak $((hwm / 1024)) MB"
