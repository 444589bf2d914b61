#!/usr/bin/env bash
# The attacks of issue 11 against the release server on a new SQLite file, each for a few
# seconds from 32 connections, while another connection measures `/health` and `{ __typename }`
# and the server's resident memory is sampled.
#
#   bash scripts/bench-hostile.sh [seconds per attack]     (default 10)
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

python3 - "$port" "$server_pid" "$seconds" <<'PY'
import http.client, json, sys, threading, time

port, pid, seconds = int(sys.argv[1]), int(sys.argv[2]), float(sys.argv[3])

def rss_mb():
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    return 0.0

def post(conn, body, headers=None):
    h = {"content-type": "application/json"}
    h.update(headers or {})
    conn.request("POST", "/graphql", body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    try:
        j = json.loads(data)
        errors = j.get("errors") or []
        return errors[0].get("extensions", {}).get("code", "NO_CODE") if errors else "OK"
    except ValueError:
        return f"NOT_JSON_{r.status}"

def q(text):
    return json.dumps({"query": text})

def fragment_bomb(levels):
    s = f"{{ plan {{ ...F{levels} }} }} fragment F0 on Plan {{ name slug }} "
    for i in range(1, levels + 1):
        s += f"fragment F{i} on Plan {{ ...F{i-1} ...F{i-1} }} "
    return s

ONE = "plan { areas { measures { code name description provenance { value source { locator } } } } }"
def aliases(n):
    return "{ " + " ".join(f"a{i}: {ONE}" for i in range(n)) + " }"

LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { csrfToken } }"
attacks = {
    "fragment bomb (2^25)": lambda i: (q(fragment_bomb(25)), None),
    "alias bomb (150)": lambda i: (q(aliases(150)), None),
    "660 aliased searches": lambda i: (q("{ " + " ".join(f's{k}: search(text: "a") {{ measures {{ code }} }}' for k in range(660)) + " }"), None),
    "costliest allowed (5 aliases), bogus cookies": lambda i: (q(aliases(5)), {"cookie": f"psz_session=bogus{i}"}),
    "login burst (unknown e-mails)": lambda i: (json.dumps({"query": LOGIN, "variables": {"e": f"nobody{i}@example.cz", "p": "wrong password 1"}}), {"x-psz-csrf": "x"}),
}

def attack(name, make):
    stop = time.time() + seconds
    codes, lock = {}, threading.Lock()
    def worker(w):
        conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        i = 0
        while time.time() < stop:
            body, headers = make(w * 100000 + i)
            try:
                c = post(conn, body, headers)
            except Exception as e:
                c = f"DROPPED:{type(e).__name__}"
                conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
            with lock:
                codes[c] = codes.get(c, 0) + 1
            i += 1
    before = rss_mb()
    threads = [threading.Thread(target=worker, args=(w,)) for w in range(32)]
    for t in threads: t.start()
    health, typename, peak = [], [], before
    probe = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
    while any(t.is_alive() for t in threads):
        t0 = time.perf_counter()
        probe.request("GET", "/health"); probe.getresponse().read()
        health.append((time.perf_counter() - t0) * 1e3)
        t0 = time.perf_counter()
        post(probe, q("{ __typename }"))
        typename.append((time.perf_counter() - t0) * 1e3)
        peak = max(peak, rss_mb())
        time.sleep(0.01)
    for t in threads: t.join()
    time.sleep(1)
    after = rss_mb()
    def pct(v, p):
        v = sorted(v); return v[min(len(v) - 1, int(round((len(v) - 1) * p)))] if v else 0.0
    print(f"== {name}, 32 connections, {seconds:.0f} s ==")
    print(f"   answers: {sum(codes.values())} {dict(sorted(codes.items()))}")
    print(f"   /health p50 {pct(health, .5):.1f} ms, p99 {pct(health, .99):.1f} ms ({len(health)} probes); "
          f"{{ __typename }} p50 {pct(typename, .5):.1f} ms, p99 {pct(typename, .99):.1f} ms")
    print(f"   resident: before {before:.0f} MB, peak {peak:.0f} MB, after {after:.0f} MB")

print(f"resident idle: {rss_mb():.0f} MB")
for name, make in attacks.items():
    attack(name, make)
PY
