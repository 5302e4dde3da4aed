#!/usr/bin/env bash
# Prints the release bundle's sizes (raw, gzip -9, brotli -q 11) and, with --check, fails when
# wasm + JS + CSS brotli exceeds the budget in budget.toml. Expects `trunk build --release` in dist/.
set -euo pipefail
AW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$AW_ROOT/dist"
budget=$(awk -F' *= *' '/^transfer_brotli_bytes/ { print $2 }' "$AW_ROOT/budget.toml")

files=("article-widget-core_bg.wasm" "article-widget-core.js" "article-widget.js")
printf '| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n'
total_raw=0 total_gz=0 total_br=0
for f in "${files[@]}"; do
  path="$dist/$f"
  if [ ! -f "$path" ]; then echo "missing $path: run trunk build --release first" >&2; exit 2; fi
  raw=$(stat -c %s "$path")
  gz=$(gzip -9 -c "$path" | wc -c)
  br=$(brotli -q 11 -c "$path" | wc -c)
  printf '| %s | %d | %d | %d |\n' "$f" "$raw" "$gz" "$br"
  total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
done
printf '| **total** | %d | %d | **%d** |\n' "$total_raw" "$total_gz" "$total_br"
printf '\nbudget (brotli, wasm incl. CSS + JS): %d bytes; used %d (%d%%)\n' \
  "$budget" "$total_br" $((total_br * 100 / budget))

if [ "${1:-}" = "--check" ] && [ "$total_br" -gt "$budget" ]; then
  echo "FAIL: release transfer $total_br bytes brotli is over the budget of $budget bytes (budget.toml)" >&2
  exit 1
fi
