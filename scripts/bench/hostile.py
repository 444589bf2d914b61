"""The attacks of issue 11, run by scripts/bench-hostile.sh.

    python3 hostile.py run PORT PID SECONDS [ATTACK...]   measure each attack (or the named ones)
    python3 hostile.py attack PORT NAME SECONDS           one attacker: 32 connections, prints codes

`run` starts each attacker as its own process at nice 10 (an attacker elsewhere does not take
the server's cores; here the two must share 2 of them) and meanwhile probes `/health` and
`{ __typename }` from this process, sampling the server's resident memory.
"""
import gzip, http.client, json, os, subprocess, sys, threading, time

CONNECTIONS = 32


def q(text):
    return json.dumps({"query": text})


def post(conn, body, headers=None):
    h = {"content-type": "application/json"}
    h.update(headers or {})
    conn.request("POST", "/graphql", body=body, headers=h)
    r = conn.getresponse()
    data = r.read()
    if r.getheader("content-encoding") == "gzip":
        data = gzip.decompress(data)
    try:
        j = json.loads(data)
        errors = j.get("errors") or []
        return errors[0].get("extensions", {}).get("code", "NO_CODE") if errors else "OK"
    except ValueError:
        return f"NOT_JSON_{r.status}"


def fragment_bomb(levels):
    s = f"{{ plan {{ ...F{levels} }} }} fragment F0 on Plan {{ name slug }} "
    for i in range(1, levels + 1):
        s += f"fragment F{i} on Plan {{ ...F{i-1} ...F{i-1} }} "
    return s


ONE = "plan { areas { measures { code name description provenance { value source { locator } } } } }"


def aliases(n, prefix="a"):
    return "{ " + " ".join(f"{prefix}{i}: {ONE}" for i in range(n)) + " }"


LOGIN = "mutation($e: String!, $p: String!) { login(email: $e, password: $p) { csrfToken } }"
ATTACKS = {
    "fragment bomb (2^25)": lambda i: (q(fragment_bomb(25)), None),
    "alias bomb (150)": lambda i: (q(aliases(150)), None),
    "660 aliased searches": lambda i: (q("{ " + " ".join(f's{k}: search(text: "a") {{ measures {{ code }} }}' for k in range(660)) + " }"), None),
    "costliest allowed (5 aliases), one query, bogus cookies": lambda i: (q(aliases(5)), {"cookie": f"psz_session=bogus{i}"}),
    "costliest allowed (5 aliases), one query, compressed": lambda i: (q(aliases(5)), {"accept-encoding": "gzip"}),
    "costliest allowed (5 aliases), each one new": lambda i: (q(aliases(5, f"x{i}_")), None),
    "login burst (unknown e-mails)": lambda i: (json.dumps({"query": LOGIN, "variables": {"e": f"nobody{i}@example.cz", "p": "wrong password 1"}}), {"x-psz-csrf": "x"}),
}


def attack(port, name, seconds):
    make = ATTACKS[name]
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

    threads = [threading.Thread(target=worker, args=(w,)) for w in range(CONNECTIONS)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    print(json.dumps(codes))


def run(port, pid, seconds, names):
    def rss_mb():
        with open(f"/proc/{pid}/status") as f:
            for line in f:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def pct(v, p):
        v = sorted(v)
        return v[min(len(v) - 1, int(round((len(v) - 1) * p)))] if v else 0.0

    print(f"resident idle: {rss_mb():.0f} MB")
    for name in names or ATTACKS:
        before = rss_mb()
        attacker = subprocess.Popen(
            ["nice", "-n", "10", sys.executable, __file__, "attack", str(port), name, str(seconds)],
            stdout=subprocess.PIPE, text=True)
        health, typename, peak = [], [], before
        probe = http.client.HTTPConnection("127.0.0.1", port, timeout=30)
        time.sleep(0.3)  # the attack is under way
        while attacker.poll() is None:
            t0 = time.perf_counter()
            probe.request("GET", "/health")
            probe.getresponse().read()
            health.append((time.perf_counter() - t0) * 1e3)
            t0 = time.perf_counter()
            post(probe, q("{ __typename }"))
            typename.append((time.perf_counter() - t0) * 1e3)
            peak = max(peak, rss_mb())
            time.sleep(0.01)
        codes = json.loads(attacker.stdout.read() or "{}")
        time.sleep(1)
        after = rss_mb()
        print(f"== {name}, {CONNECTIONS} connections, {seconds:.0f} s ==")
        print(f"   answers: {sum(codes.values())} {dict(sorted(codes.items()))}")
        print(f"   /health p50 {pct(health, .5):.1f} ms, p99 {pct(health, .99):.1f} ms ({len(health)} probes); "
              f"{{ __typename }} p50 {pct(typename, .5):.1f} ms, p99 {pct(typename, .99):.1f} ms")
        print(f"   resident: before {before:.0f} MB, peak {peak:.0f} MB, after {after:.0f} MB", flush=True)


if __name__ == "__main__":
    if sys.argv[1] == "attack":
        attack(int(sys.argv[2]), sys.argv[3], float(sys.argv[4]))
    else:
        run(int(sys.argv[2]), int(sys.argv[3]), float(sys.argv[4]), sys.argv[5:])
