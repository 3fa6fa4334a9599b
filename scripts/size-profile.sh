#!/usr/bin/env bash
# Where the bytes of the web app's wasm go (a twiggy-like report; see scripts/size-profile.py).
#
# Builds the release wasm the way Trunk does (a no-op when scripts/build.sh just ran with the same
# CARGO_TARGET_DIR), then profiles it twice, function names kept:
#   target/size-profile/cargo.txt      the wasm cargo links, before wasm-bindgen and wasm-opt
#   target/size-profile/opt.txt        after wasm-bindgen --keep-debug and wasm-opt with the level
#                                      and params of index.html plus -g (keeps the name section)
# Usage: scripts/size-profile.sh [--no-build] [extra size-profile.py args, e.g. --depth 3]
# One function's instantiations: python3 scripts/size-profile.py target/size-profile/opt.wasm --grep slice::sort
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/setup.sh >/dev/null
build=1
if [ "${1:-}" = "--no-build" ]; then build=0; shift; fi
target_dir="${CARGO_TARGET_DIR:-$root/target}"
wasm="$target_dir/wasm32-unknown-unknown/release/kube-sim-web.wasm"
out="$root/target/size-profile"
mkdir -p "$out"
if [ $build = 1 ]; then
  nice -n 10 cargo build --release --target wasm32-unknown-unknown -p kube-sim-web --bin kube-sim-web
fi
wasm-bindgen --target web --keep-debug --no-typescript --out-dir "$out" --out-name kube-sim-web "$wasm"
level="$(sed -n 's/.*data-wasm-opt="\([^"]*\)".*/\1/p' index.html)"
params="$(sed -n 's/.*data-wasm-opt-params="\([^"]*\)".*/\1/p' index.html)"
# shellcheck disable=SC2086 # params is a list of flags
nice -n 10 wasm-opt "-O${level:-z}" $params -g "$out/kube-sim-web_bg.wasm" -o "$out/opt.wasm"
python3 scripts/size-profile.py "$wasm" "$@" >"$out/cargo.txt"
python3 scripts/size-profile.py "$out/opt.wasm" "$@" >"$out/opt.txt"
# The shipped file has no name section: its size is opt.wasm's without it.
sed -n '1,/^## by crate/p' "$out/opt.txt" | head -n -2
sed -n '/^## by crate/,/^## largest/p' "$out/opt.txt" | head -n -2
echo
echo "full reports: $out/cargo.txt (before wasm-bindgen and wasm-opt), $out/opt.txt (shipped code, names kept)"
