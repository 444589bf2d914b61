#!/usr/bin/env bash
# Lighthouse 13 in its default mobile setting (simulated slow 4G, 4x slower CPU, 412 px) on every
# public page of a release server on SQLite: performance, LCP, CLS, TBT, accessibility, best
# practices and SEO, one table. Needs Debian's chromium and npx (Node); builds what it serves.
#   bash scripts/lighthouse.sh            # builds the bundle and the release server first
#   PSZ_LH_URL=http://127.0.0.1:8080 bash scripts/lighthouse.sh   # a server already running
set -euo pipefail
cd "$(dirname "$0")/.."
pages=(/ /oblast/2 /cil/2.1.3 /opatreni/2.1.3.4 /rozpocet /rizika /harmonogram /indikatory "/hledat?q=bydleni")
url="${PSZ_LH_URL:-}"
out="$(mktemp -d)"
if [ -z "$url" ]; then
  cargo xtask dist >/dev/null
  cargo build --release -p server >/dev/null
  port=18123
  PSZ_DATA_DIR="$out/var" PSZ_LISTEN="127.0.0.1:$port" RUST_LOG=warn target/release/psz-monitor &
  server=$!
  trap 'kill $server 2>/dev/null || true' EXIT
  url="http://127.0.0.1:$port"
  for _ in $(seq 1 100); do curl -fs "$url/health" >/dev/null && break; sleep 0.2; done
fi
export CHROME_PATH="${CHROME_PATH:-/usr/bin/chromium}"
printf '| page | performance | LCP | CLS | TBT | accessibility | best practices | SEO |\n'
printf '| --- | --- | --- | --- | --- | --- | --- | --- |\n'
for page in "${pages[@]}"; do
  report="$out/report.json"
  # Warm the server's kept page first: a round table's link is opened by many.
  curl -fs -o /dev/null "$url$page" || true
  npx --yes lighthouse@13 "$url$page" --quiet --output=json --output-path="$report" \
    --chrome-flags="--headless=new --no-sandbox --disable-gpu" >/dev/null 2>&1
  python3 - "$report" "$page" <<'PY'
import json, sys
r = json.load(open(sys.argv[1]))
c, a = r["categories"], r["audits"]
score = lambda k: round(c[k]["score"] * 100)
print(f"| `{sys.argv[2]}` | {score('performance')} | {a['largest-contentful-paint']['numericValue']/1000:.1f} s"
      f" | {a['cumulative-layout-shift']['numericValue']:.3f} | {a['total-blocking-time']['numericValue']:.0f} ms"
      f" | {score('accessibility')} | {score('best-practices')} | {score('seo')} |")
PY
done
rm -rf "$out"
