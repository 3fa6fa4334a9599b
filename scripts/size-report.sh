#!/usr/bin/env bash
# Prints raw, gzip -9 and brotli -q 11 sizes of every file in a dist folder (default: dist/)
# and writes the same table to target/size-report.txt. A report, not a test: it never fails on size.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="${1:-$root/dist}"
mkdir -p "$root/target"
{
  printf '%-48s %10s %10s %10s\n' file raw gzip brotli
  total_raw=0 total_gz=0 total_br=0
  while IFS= read -r f; do
    raw=$(stat -c %s "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    br=$(brotli -q 11 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
    printf '%-48s %10d %10d %10d\n' "${f#"$dist"/}" "$raw" "$gz" "$br"
  done < <(find "$dist" -type f | sort)
  printf '%-48s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
} | tee "$root/target/size-report.txt"
