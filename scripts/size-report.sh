#!/usr/bin/env bash
# Prints raw, gzip -9 and brotli -q 11 sizes of every file in a dist folder (default: dist/)
# and writes the same table to target/size-report.txt. A report, not a test: it never fails on size.
# "first visit" is what the page loads to render: the html, js, wasm and css at the top of dist/
# (not noscript.css, which only a browser with scripting off fetches).
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="${1:-$root/dist}"
mkdir -p "$root/target"
{
  printf '%-48s %10s %10s %10s\n' file raw gzip brotli
  total_raw=0 total_gz=0 total_br=0 first_raw=0 first_gz=0 first_br=0
  while IFS= read -r f; do
    rel="${f#"$dist"/}"
    raw=$(stat -c %s "$f")
    gz=$(gzip -9 -c "$f" | wc -c)
    br=$(brotli -q 11 -c "$f" | wc -c)
    total_raw=$((total_raw + raw)); total_gz=$((total_gz + gz)); total_br=$((total_br + br))
    case "$rel" in
      */*) ;;
      noscript.css) ;;  # fetched only with scripting off (a <link> inside <noscript>)
      *.html | *.js | *.wasm | *.css) first_raw=$((first_raw + raw)); first_gz=$((first_gz + gz)); first_br=$((first_br + br)) ;;
    esac
    printf '%-48s %10d %10d %10d\n' "$rel" "$raw" "$gz" "$br"
  done < <(find "$dist" -type f | sort)
  printf '%-48s %10d %10d %10d\n' "FIRST VISIT (html + js + wasm + css)" "$first_raw" "$first_gz" "$first_br"
  printf '%-48s %10d %10d %10d\n' TOTAL "$total_raw" "$total_gz" "$total_br"
} | tee "$root/target/size-report.txt"
