#!/usr/bin/env bash
# Benchmark of the yearly report on the release server (issue 15): issuing the report of the
# seeded plan (snapshot, assembly, PDF typesetting, DOCX) and how long each part takes (the
# server's `report rendered` log line), the server's peak memory before and after (VmHWM), the
# files' sizes, then serving the issued PDF with `wrk` (64 connections, 2 threads, loopback).
#
#   bash scripts/bench-report.sh [seconds of wrk]     (default 10)
#
# Nothing is asserted: the machines are noisy; compare runs made one after another.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-10}"
port="${PSZ_BENCH_PORT:-18081}"
work="$(mktemp -d /tmp/psz-bench-report.XXXXXX)"
server_pid=""
cleanup() {
  [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  rm -rf "$work"
}
trap cleanup EXIT
command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk >/dev/null; }
cargo build --release -p server --quiet
bin=target/release/psz-monitor
url="http://127.0.0.1:$port"
db="sqlite://$work/bench.db?mode=rwc"

PSZ_DATABASE_URL="$db" PSZ_ADMIN_PASSWORD='bench-password-1' RUST_LOG=error \
  "$bin" create-admin --email bench@example.org >/dev/null
PSZ_LISTEN="127.0.0.1:$port" PSZ_DATABASE_URL="$db" PSZ_STATIC_DIR="$work/none" \
  RUST_LOG=info "$bin" >"$work/server.log" 2>&1 &
server_pid=$!
until curl -sf "$url/health" >/dev/null 2>&1; do
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
  sleep 0.05
done
hwm() { awk '/^VmHWM:/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status"; }
rss() { awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$server_pid/status"; }

# A coordinator's session (the admin may do what a coordinator does).
curl -sf -D "$work/login.headers" -o "$work/login.json" -H 'content-type: application/json' \
  -H 'x-psz-csrf: login' \
  --data '{"query":"mutation { login(email: \"bench@example.org\", password: \"bench-password-1\") { csrfToken } }"}' \
  "$url/graphql"
cookie=$(grep -i '^set-cookie:' "$work/login.headers" | head -1 | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')
csrf=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["login"]["csrfToken"])' "$work/login.json")
gql() {
  curl -sf -H 'content-type: application/json' -H "cookie: $cookie" -H "x-psz-csrf: $csrf" \
    -w '\n%{time_total}' --data "$(python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1], "variables": json.loads(sys.argv[2])}))' "$1" "$2")" \
    "$url/graphql"
}
# Warm: the plan's read model and facts, as after any page view.
curl -sf -o /dev/null -H 'content-type: application/json' --data '{"query":"{ plan { name areas { code } } }"}' "$url/graphql"
before_hwm=$(hwm); before_rss=$(rss)

created=$(gql 'mutation($i: CreateReportInput!) { createReport(input: $i) { id version } }' \
  '{"i": {"number": 2, "periodFrom": "2024-01-01", "periodTo": "2024-12-31", "cutoff": "2025-03-31"}}' | head -1)
id=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["data"]["createReport"]["id"])' "$created")
version=$(python3 -c 'import json,sys; print(json.loads(sys.argv[1])["data"]["createReport"]["version"])' "$created")
issued=$(gql 'mutation($i: IssueReportInput!) { issueReport(input: $i) { downloads { format url size } } }' \
  "{\"i\": {\"reportId\": $id, \"version\": $version}}")
issue_s=$(echo "$issued" | tail -1)
echo "$issued" | head -1 | grep -q '"PDF"' || { echo "issuing failed: $issued"; tail -20 "$work/server.log"; exit 1; }
after_hwm=$(hwm); after_rss=$(rss)

echo "== the report of the seeded plan, release build, SQLite =="
grep 'report rendered' "$work/server.log" | tail -1 | sed 's/\x1b\[[0-9;]*m//g' | grep -o 'assemble_ms.*' || true
echo "issueReport end to end (snapshot, assembly, PDF, DOCX, store): $(python3 -c 'import sys; print(round(float(sys.argv[1]) * 1000))' "$issue_s") ms"
echo "server memory: peak (VmHWM) ${before_hwm} MiB before issuing, ${after_hwm} MiB after; resident ${before_rss} → ${after_rss} MiB"
files=$(echo "$issued" | head -1 | python3 -c '
import json, sys
for d in json.load(sys.stdin)["data"]["issueReport"]["downloads"]:
    print(d["format"], round(d["size"] / 1024), "KiB")' | paste -sd, -)
echo "files: $files"

echo "== serving /zpravy/$id.pdf: wrk -t2 -c64 -d${duration}s =="
wrk -t2 -c64 -d2s "$url/zpravy/$id.pdf" >/dev/null
wrk -t2 -c64 -d"${duration}s" --latency "$url/zpravy/$id.pdf" | grep -E 'Requests/sec|Transfer/sec|99%|Non-2xx|Socket errors' || true
