#!/usr/bin/env bash
# Installs what is missing, then runs every test: native cargo tests, the core's wasm and
# dependency checks, wasm-bindgen-test in headless Chromium, the Playwright end-to-end suite
# against the release build, and the bundle-size report.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/setup.sh

step() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
start=$(date +%s)

step "native tests (cargo test --workspace)"
cargo test --workspace --quiet

step "lints (clippy -D warnings, native and wasm32)"
cargo clippy --workspace --all-targets --quiet -- -D warnings
cargo clippy -p kube-sim-web --target wasm32-unknown-unknown --all-targets --quiet -- -D warnings

step "the core builds for wasm32"
cargo check -p kube-sim-core --target wasm32-unknown-unknown --quiet

step "the core has no web dependency"
forbidden=$(cargo tree -p kube-sim-core -e normal --prefix none --format '{p}' | awk '{print $1}' \
  | grep -xE 'yew|web-sys|js-sys|wasm-bindgen|gloo(-.*)?' || true)
if [ -n "$forbidden" ]; then
  echo "kube-sim-core depends on: $forbidden" >&2
  exit 1
fi
echo "ok: kube-sim-core depends on none of yew, web-sys, js-sys, wasm-bindgen, gloo"

step "the fuzz targets compile (cargo check of fuzz/, a workspace of its own)"
# cargo fuzz builds them with nightly and sanitizers; a plain check on stable is enough to see
# that they still compile against the core (session 4 found them broken only when fuzzing).
cargo check --manifest-path fuzz/Cargo.toml --bins --quiet

step "wasm-bindgen-test in headless Chromium"
cargo test -p kube-sim-web --target wasm32-unknown-unknown

step "release build"
scripts/build.sh

step "end-to-end tests (playwright-core, Chromium) against dist/ on 127.0.0.1"
port="${E2E_PORT:-8091}"
# Another server on the port would be tested instead of this dist/, silently: refuse.
if curl -fs "http://127.0.0.1:$port/" >/dev/null 2>&1; then
  echo "test.sh: something already serves 127.0.0.1:$port; stop it or set E2E_PORT" >&2
  exit 1
fi
python3 -m http.server "$port" --bind 127.0.0.1 --directory dist >/dev/null 2>&1 &
server=$!
trap 'kill $server 2>/dev/null || true' EXIT
for _ in $(seq 50); do curl -fs "http://127.0.0.1:$port/" >/dev/null && break; sleep 0.1; done
E2E_BASE_URL="http://127.0.0.1:$port/" node --test --test-concurrency=1 tests/e2e/

step "bundle size report (target/size-report.txt)"
scripts/size-report.sh dist

echo
echo "all tests passed in $(( $(date +%s) - start ))s"
