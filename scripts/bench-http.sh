#!/usr/bin/env bash
# HTTP benchmark of the release server: `{ __typename }`, the app's overview, the plan tree and
# one measure, each anonymous and signed in, against a server with the response cache on and
# one with it off, on a new SQLite file and on a new PostgreSQL database; then cold start and
# resident memory. Prints one table with each rate as a share of the same server's
# `{ __typename }` rate for the same caller, and signed-in as a share of anonymous.
#
#   bash scripts/bench-http.sh [seconds per run]     (default 5; 32 runs)
#   PSZ_BENCH_DBS=sqlite bash scripts/bench-http.sh  (one database only)
#
# Needs `wrk` (Debian's package; installed on first run) and `psql` for PostgreSQL
# (PSZ_BENCH_PG, default postgres://postgres@127.0.0.1:5432). 64 connections, 2 threads,
# loopback. Nothing is asserted: the machines are noisy; compare runs made one after another.
set -euo pipefail
cd "$(dirname "$0")/.."
duration="${1:-5}"
port="${PSZ_BENCH_PORT:-18080}"
pg="${PSZ_BENCH_PG:-postgres://postgres@127.0.0.1:5432}"
dbs="${PSZ_BENCH_DBS:-sqlite postgres}"
work="$(mktemp -d /tmp/psz-bench-http.XXXXXX)"
pgdb="psz_bench_$$"
server_pid=""
stop() {
  if [ -n "$server_pid" ]; then
    pkill -TERM -P "$server_pid" 2>/dev/null || true
    kill "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
    server_pid=""
  fi
}
cleanup() {
  stop
  case " $dbs " in *" postgres "*) psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null 2>&1 || true ;; esac
  rm -rf "$work"
}
trap cleanup EXIT

command -v wrk >/dev/null || { apt-get install -y wrk >/dev/null 2>&1 || sudo apt-get install -y wrk >/dev/null; }
cargo build --release -p server --quiet
bin=target/release/psz-monitor

# The four queries as JSON bodies (comment lines of the app's document dropped).
body() { python3 -c 'import json,sys; print(json.dumps({"query": sys.argv[1]}))' "$1" > "$work/$2.json"; }
body '{ __typename }' typename
body "$(grep -v '^#' frontend/queries/overview.graphql)" overview
body '{ plan(slug: "ostrava") { areas { code name strategicGoals { code name specificGoals { code targetText measures { code name estimatedCost { hellers } projects { registrationNumber budget { hellers } } } } } } } }' tree
body '{ measure(code: "2.1.3.4") { code name estimatedCost { hellers } projects { registrationNumber call budget { hellers } periodFrom periodTo } statuses { date kind text reports reportsOf periodText implementerText } } }' measure
cat > "$work/post.lua" <<'EOF'
wrk.method = "POST"
wrk.headers["Content-Type"] = "application/json"
local f = io.open(os.getenv("BODY"), "r"); wrk.body = f:read("*a"); f:close()
if os.getenv("COOKIE") ~= "" then
  wrk.headers["Cookie"] = os.getenv("COOKIE")
  wrk.headers["X-PSZ-CSRF"] = os.getenv("CSRF")
end
EOF

url() { echo "http://127.0.0.1:$port/graphql"; }
post() { curl -sf -H 'content-type: application/json' --data @"$work/$1.json" "$(url)"; }

# start <database url> <response cache size>: the server, until it answers the overview.
start() {
  if curl -s "http://127.0.0.1:$port/health" >/dev/null 2>&1; then
    echo "port $port is taken (PSZ_BENCH_PORT chooses another)"; exit 1
  fi
  local t0; t0=$(date +%s%N)
  PSZ_LISTEN="127.0.0.1:$port" PSZ_DATABASE_URL="$1" PSZ_RESPONSE_CACHE="$2" PSZ_STATIC_DIR="$work/none" \
    RUST_LOG=warn /usr/bin/time -v -o "$work/time.txt" "$bin" >"$work/server.log" 2>&1 &
  server_pid=$!
  until post overview >/dev/null 2>&1; do
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log"; exit 1; }
    sleep 0.005
  done
  cold_ms=$(( ($(date +%s%N) - t0) / 1000000 ))
  pid=$(pgrep -P "$server_pid" -x psz-monitor || echo "$server_pid")
}

# sign_in <database url>: an admin account (made once per database) and its session.
sign_in() {
  PSZ_DATABASE_URL="$1" PSZ_ADMIN_PASSWORD='bench-password-1' RUST_LOG=error \
    "$bin" create-admin --email bench@example.org >/dev/null 2>&1 || true
  local headers="$work/login.headers"
  curl -sf -D "$headers" -o "$work/login.json" -H 'content-type: application/json' -H 'x-psz-csrf: login' \
    --data '{"query":"mutation { login(email: \"bench@example.org\", password: \"bench-password-1\") { csrfToken } }"}' "$(url)"
  cookie=$(grep -i '^set-cookie:' "$headers" | head -1 | sed 's/^[^:]*: *//; s/;.*//' | tr -d '\r')
  csrf=$(python3 -c 'import json,sys; print(json.load(open(sys.argv[1]))["data"]["login"]["csrfToken"])' "$work/login.json")
}

# run <query> <who>: requests/s and p99 (ms) of 64 connections for $duration s.
run() {
  local c="" t=""
  if [ "$2" = signed-in ]; then c="$cookie"; t="$csrf"; fi
  BODY="$work/$1.json" COOKIE="$c" CSRF="$t" wrk -t2 -c64 -d1s -s "$work/post.lua" "$(url)" >/dev/null
  BODY="$work/$1.json" COOKIE="$c" CSRF="$t" wrk -t2 -c64 -d"${duration}s" --latency -s "$work/post.lua" "$(url)" > "$work/wrk.txt"
  local rps p99 errors
  rps=$(awk '/^Requests\/sec:/ {printf "%d", $2}' "$work/wrk.txt")
  p99=$(awk '$1 == "99%" {v=$2; if (v ~ /us$/) {sub(/us$/, "", v); v=v/1000} else if (v ~ /ms$/) {sub(/ms$/, "", v)} else if (v ~ /s$/) {sub(/s$/, "", v); v=v*1000}; printf "%.1f", v}' "$work/wrk.txt")
  errors=$(awk '/Non-2xx|Socket errors/ {print}' "$work/wrk.txt" | tr '\n' ' ')
  echo "$rps $p99 ${errors:-}"
}

printf '%-9s %-6s %-10s %-9s %9s %9s %10s %10s\n' database cache caller query 'req/s' 'p99 ms' '% typename' '% anon' > "$work/table.txt"
memory=""
for db in $dbs; do
  case "$db" in
    sqlite) dburl="sqlite://$work/bench.db?mode=rwc" ;;
    postgres)
      psql -q "$pg/postgres" -c "DROP DATABASE IF EXISTS $pgdb WITH (FORCE)" >/dev/null
      psql -q "$pg/postgres" -c "CREATE DATABASE $pgdb" >/dev/null
      dburl="$pg/$pgdb" ;;
    *) echo "unknown database $db"; exit 1 ;;
  esac
  for cache in on off; do
    size=256; [ "$cache" = off ] && size=0
    start "$dburl" "$size"
    [ "$cache" = on ] && memory="$memory$db: cold start to the first overview ${cold_ms} ms (new database, migrations, plan data)"$'\n'
    sleep 1
    idle_kb=$(ps -o rss= -p "$pid" | tr -d ' ')
    ( while kill -0 "$pid" 2>/dev/null; do ps -o rss= -p "$pid"; sleep 0.2; done ) > "$work/rss.txt" &
    sampler=$!
    sign_in "$dburl"
    declare -A rate=()
    for who in anonymous signed-in; do
      for q in typename overview tree measure; do
        read -r rps p99 errors < <(run "$q" "$who")
        rate[$who.$q]=$rps
        base=${rate[$who.typename]}
        anon=${rate[anonymous.$q]}
        printf '%-9s %-6s %-10s %-9s %9s %9s %9s%% %9s%% %s\n' "$db" "$cache" "$who" "$q" "$rps" "$p99" \
          "$(( rps * 100 / (base > 0 ? base : 1) ))" "$(( rps * 100 / (anon > 0 ? anon : 1) ))" "$errors" >> "$work/table.txt"
      done
    done
    kill "$sampler" 2>/dev/null || true
    peak_kb=$(sort -n "$work/rss.txt" | tail -1 | tr -d ' ')
    memory="$memory$db, cache $cache: resident memory idle $((idle_kb / 1024)) MB, peak under load $((peak_kb / 1024)) MB"$'\n'
    stop
  done
done

echo "== wrk: 64 connections, 2 threads, ${duration} s per run, loopback, release build =="
cat "$work/table.txt"
echo "== server =="
printf '%s' "$memory"
