#!/usr/bin/env bash
# Builds the release app and measures page load and command latency in headless Chromium
# (medians of 7). A benchmark: it prints figures and never fails on them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
# BENCH_DIST=DIR measures an existing build instead (no build): for A/B runs of two builds.
dist="${BENCH_DIST:-dist}"
[ -n "${BENCH_DIST:-}" ] || scripts/build.sh
port="${BENCH_PORT:-8092}"
# Another server left on the port would be measured instead of $dist, silently (the Node server
# keeps the files it read in memory): refuse.
if curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1; then
  echo "bench-page: something already serves 127.0.0.1:$port; stop it or set BENCH_PORT" >&2
  exit 1
fi
# A static server with keep-alive and TCP_NODELAY (scripts/bench-page.serve.mjs);
# BENCH_SERVER=python measures with Python's http.server instead (the figures before session 5).
if [ "${BENCH_SERVER:-node}" = python ]; then
  python3 -m http.server "$port" --bind 127.0.0.1 --directory "$dist" >/dev/null 2>&1 &
else
  node scripts/bench-page.serve.mjs "$dist" "$port" &
fi
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
E2E_BASE_URL="http://127.0.0.1:$port/" node scripts/bench-page.mjs
scripts/size-report.sh "$dist" >/dev/null && tail -2 target/size-report.txt
