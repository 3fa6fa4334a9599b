#!/usr/bin/env bash
# Installs what is missing, builds the release app and serves it on http://127.0.0.1:${PORT:-8080}/.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
scripts/build.sh
port="${PORT:-8080}"
echo
echo "Kube Storage Playground: http://127.0.0.1:$port/   (Ctrl+C stops the server)"
exec python3 -m http.server "$port" --bind 127.0.0.1 --directory dist
