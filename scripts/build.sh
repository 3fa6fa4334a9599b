#!/usr/bin/env bash
# Release build of the web app into dist/ (wasm-opt on). Usage: scripts/build.sh [--public-url /sub/path/]
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
. scripts/setup.sh
TRUNK_SKIP_VERSION_CHECK=true trunk build --release --dist dist "$@"
