#!/usr/bin/env bash
# Installs whatever the build and the tests need and is missing. Every step checks first,
# so a second run only prints what it found. Source it (`. scripts/setup.sh`) to get PATH set.
# The pinned versions live here and nowhere else (Trunk.toml names the same ones).
set -euo pipefail

WASM_BINDGEN_VERSION=0.2.130
TRUNK_VERSION=0.21.14
BINARYEN_VERSION=132.0.0
TOOLS_DIR="${KUBE_SIM_TOOLS_DIR:-$HOME/.cache/kube-sim-tools}"
export PATH="$TOOLS_DIR/node_modules/.bin:$HOME/.cargo/bin:$PATH"

say() { printf '\033[1m[setup]\033[0m %s\n' "$*"; }

need_root() {
  if [ "$(id -u)" != 0 ]; then
    say "missing system packages: $*"
    say "run as root: apt-get update && apt-get install -y $*"
    exit 1
  fi
}

# 1. Debian packages: the browser and its driver for tests, CJK fonts for screenshots, brotli for the size report.
missing=()
command -v chromium >/dev/null || missing+=(chromium)
command -v chromedriver >/dev/null || missing+=(chromium-driver)
command -v brotli >/dev/null || missing+=(brotli)
[ -d /usr/share/fonts/opentype/noto ] && ls /usr/share/fonts/opentype/noto | grep -q CJK || missing+=(fonts-noto-cjk)
if [ ${#missing[@]} -gt 0 ]; then
  need_root "${missing[@]}"
  say "apt-get install ${missing[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# 2. The wasm target.
if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "rustup target add wasm32-unknown-unknown"
  rustup target add wasm32-unknown-unknown
fi

# 3. Cargo tools, skipped when the binary already answers with the pinned version.
if [ "$(wasm-bindgen --version 2>/dev/null)" != "wasm-bindgen $WASM_BINDGEN_VERSION" ]; then
  say "cargo install wasm-bindgen-cli $WASM_BINDGEN_VERSION (about 2 minutes)"
  # Not --locked: the registry lacks a locked transitive version (toolchain.md, gotcha 2).
  cargo install -q wasm-bindgen-cli --version "$WASM_BINDGEN_VERSION"
fi
if [ "$(trunk --version 2>/dev/null)" != "trunk $TRUNK_VERSION" ]; then
  say "cargo install trunk $TRUNK_VERSION (about 6 minutes)"
  cargo install -q trunk --version "$TRUNK_VERSION" --locked
fi

# 4. wasm-opt from npm binaryen: Debian's binaryen 108 cannot read current wasm-bindgen output.
if [ "$(wasm-opt --version 2>/dev/null | awk '{print $3}')" != "${BINARYEN_VERSION%%.*}" ]; then
  say "npm install binaryen@$BINARYEN_VERSION into $TOOLS_DIR"
  mkdir -p "$TOOLS_DIR"
  (cd "$TOOLS_DIR" && { [ -f package.json ] || npm init -y >/dev/null; } && npm install -s --no-audit --no-fund "binaryen@$BINARYEN_VERSION" >/dev/null)
fi

# 5. playwright-core for the end-to-end tests (it never downloads a browser; we drive /usr/bin/chromium).
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
if [ ! -d "$root/tests/e2e/node_modules/playwright-core" ] || [ ! -d "$root/tests/e2e/node_modules/axe-core" ]; then
  say "npm ci in tests/e2e (playwright-core, axe-core)"
  (cd "$root/tests/e2e" && npm ci -s --no-audit --no-fund >/dev/null)
fi

say "tools ready: $(wasm-bindgen --version), $(trunk --version), wasm-opt $(wasm-opt --version | awk '{print $3}'), $(chromium --version 2>/dev/null | head -1)"
