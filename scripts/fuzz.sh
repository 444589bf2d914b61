#!/usr/bin/env bash
# Schema-driven GraphQL fuzzing against a real server (issue 11): starts target/debug/psz-monitor
# on a free loopback port with a fresh SQLite data directory, creates an admin and one account
# per role, then sends generated queries and mutations (hypothesis-graphql, scripts/fuzz/fuzz.py)
# anonymously and as each role. Fails on a 5xx (other than a deliberate INTERNAL, counted and
# failed separately), a non-JSON answer, an error without `extensions.code`, a dropped
# connection, a server that no longer answers /health, or "panicked" in the server's log.
#
#   FUZZ_CASES=2000 bash scripts/fuzz.sh        # the bounded CI run (default 2000)
#   FUZZ_CASES=100000 bash scripts/fuzz.sh      # a long run
#   FUZZ_SEED=123 …                             # repeat a run (the seed is printed)
#   FUZZ_JOBS=2 …                               # processes generating cases (default 2)
#   FUZZ_BIN=target/release/psz-monitor …       # another server binary (default: the debug
#                                               # build, built if missing; FUZZ_BUILD=1 rebuilds)
#   FUZZ_ALLOW_INTERNAL=1 …                     # do not fail on INTERNAL answers (still counted)
#
# Failing requests go to target/fuzz/failures.jsonl, the server's log to target/fuzz/server.log
# (FUZZ_OUT=dir for another folder).
set -euo pipefail
cd "$(dirname "$0")/.."

cases="${FUZZ_CASES:-2000}"
bin="${FUZZ_BIN:-target/debug/psz-monitor}"
venv=target/fuzz-venv
out="${FUZZ_OUT:-target/fuzz}"
mkdir -p "$out"

# The pinned Python tools, in a venv under target/ (reinstalled when requirements.txt changes).
stamp="$venv/.requirements.sha256"
want="$(sha256sum scripts/fuzz/requirements.txt | cut -d' ' -f1)"
if [ ! -x "$venv/bin/python" ] || [ "$(cat "$stamp" 2>/dev/null)" != "$want" ]; then
  rm -rf "$venv"
  if ! python3 -m venv "$venv"; then
    echo "fuzz: 'python3 -m venv' failed; on Debian: apt-get install python3-venv" >&2
    exit 1
  fi
  "$venv/bin/python" -m pip install -q --disable-pip-version-check --no-deps \
    -r scripts/fuzz/requirements.txt
  echo "$want" >"$stamp"
fi

if [ -z "${FUZZ_BIN:-}" ] && { [ ! -x "$bin" ] || [ -n "${FUZZ_BUILD:-}" ]; }; then
  cargo build -p server
fi

work="$(mktemp -d "${TMPDIR:-/tmp}/psz-fuzz.XXXXXX")"
server_pid=""
cleanup() {
  if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
    kill -TERM "$server_pid" 2>/dev/null || true
    for _ in $(seq 50); do kill -0 "$server_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$server_pid" 2>/dev/null || true
    wait "$server_pid" 2>/dev/null || true
  fi
  [ -f "$work/server.log" ] && cp "$work/server.log" "$out/server.log"
  rm -rf "$work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM
mkdir -p "$work/data" "$work/static"

port="$("$venv/bin/python" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')"
url="http://127.0.0.1:$port"
admin_email=admin@fuzz.test
PSZ_ADMIN_PASSWORD="fuzz-admin-$(od -An -N8 -tx8 /dev/urandom | tr -d ' ')"
export PSZ_ADMIN_PASSWORD

# The admin first (create-admin loads the plan into the new database), then the server on it.
"$bin" --data-dir "$work/data" create-admin --email "$admin_email" >"$work/create-admin.log" 2>&1 ||
  { cat "$work/create-admin.log" >&2; exit 1; }
RUST_LOG="${RUST_LOG:-info,sqlx=warn,sea_orm=warn}" "$bin" --listen "127.0.0.1:$port" \
  --data-dir "$work/data" --static-dir "$work/static" >"$work/server.log" 2>&1 &
server_pid=$!

health() {
  "$venv/bin/python" - "$url/health" <<'EOF'
import sys, urllib.request
try:
    sys.exit(0 if urllib.request.urlopen(sys.argv[1], timeout=5).status == 200 else 1)
except Exception:
    sys.exit(1)
EOF
}
for _ in $(seq 300); do
  health && break
  kill -0 "$server_pid" 2>/dev/null || { cat "$work/server.log" >&2; echo "fuzz: the server did not start" >&2; exit 1; }
  sleep 0.2
done
health || { echo "fuzz: the server did not answer /health within 60 s" >&2; exit 1; }

start=$(date +%s)
rc=0
"$venv/bin/python" scripts/fuzz/fuzz.py --url "$url" --cases "$cases" \
  --admin-email "$admin_email" --failures "$out/failures.jsonl" \
  --jobs "${FUZZ_JOBS:-2}" ${FUZZ_SEED:+--seed "$FUZZ_SEED"} ${FUZZ_ALLOW_INTERNAL:+--allow-internal} \
  ${FUZZ_VERBOSE:+--verbose} || rc=$?

alive=yes
health || { alive=no; rc=1; echo "fuzz: FAILURE the server no longer answers GET /health with 200" >&2; }
panics=$(grep -c "panicked" "$work/server.log" || true)
if [ "$panics" -gt 0 ]; then
  rc=1
  echo "fuzz: FAILURE \"panicked\" in the server's log:" >&2
  grep -m 5 -A 3 "panicked" "$work/server.log" >&2 || true
fi
echo "fuzz: server alive after the run: $alive, panics in its log: $panics, $(($(date +%s) - start)) s"
if [ "$rc" -eq 0 ]; then
  echo "fuzz: passed"
else
  echo "fuzz: FAILED (failing requests in $out/failures.jsonl, the server's log in $out/server.log)"
fi
exit "$rc"
