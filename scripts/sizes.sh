#!/usr/bin/env bash
# Prints the release bundle's sizes (raw, gzip -9, brotli -q 11) and, with --check, fails when
# wasm + JS + CSS brotli exceeds the budget in budget.toml. Expects `trunk build --release` in dist/
# (its file names carry content hashes, scripts/hash-names.mjs: found here by pattern).
set -euo pipefail
AW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
dist="$AW_ROOT/dist"
budget_of() { awk -F' *= *' -v k="$1" '$1 == k { print $2 }' "$AW_ROOT/budget.toml"; }
failed=0

# The one file in dist/ matching a pattern (release names carry a hash: article-widget-core-*.js).
one() {
  local matches=()
  mapfile -t matches < <(cd "$dist" 2>/dev/null && compgen -G "$1")
  if [ "${#matches[@]}" -ne 1 ]; then
    echo "expected one $1 in $dist, found ${#matches[@]}: run trunk build --release first" >&2
    exit 2
  fi
  echo "${matches[0]}"
}

# One table and one budget per case: what every page view loads, what a page with a prerendered
# widget loads instead (after its first paint), and both once a reader opens the correction form.
report() {
  local title="$1" key="$2"; shift 2
  local budget total_raw=0 total_gz=0 total_br=0
  budget=$(budget_of "$key")
  printf '%s\n\n| file | raw | gzip | brotli |\n|---|---:|---:|---:|\n' "$title"
  for f in "$@"; do
    local path="$dist/$f"
    if [ ! -f "$path" ]; then echo "missing $path: run trunk build --release first" >&2; exit 2; fi
    local raw gz br
    raw=$(stat -c %s "$path")
    gz=$(gzip -9 -c "$path" | wc -c)
    br=$(brotli -q 11 -c "$path" | wc -c)
    printf '| %s | %d | %d | %d |\n' "$f" "$raw" "$gz" "$br"
    total_raw=$((total_raw + raw)) total_gz=$((total_gz + gz)) total_br=$((total_br + br))
  done
  printf '| **total** | %d | %d | **%d** |\n' "$total_raw" "$total_gz" "$total_br"
  printf '\nbudget %s: %d bytes brotli; used %d (%d%%)\n\n' "$key" "$budget" "$total_br" $((total_br * 100 / budget))
  if [ "$total_br" -gt "$budget" ]; then
    echo "over budget: $title is $total_br bytes brotli, the budget ($key in budget.toml) is $budget" >&2
    failed=1
  fi
}

core_wasm="$(one 'article-widget-core-*_bg.wasm')"
core_js="$(one 'article-widget-core-*.js')"
hydrate_wasm="$(one 'article-widget-hydrate-*_bg.wasm')"
hydrate_js="$(one 'article-widget-hydrate-*.js')"
scheduler_js="$(one 'article-widget-prerendered-*.js')"
native_js="$(one 'article-widget-native-*.js')"
report "Page load (every page view): loader + widget (wasm incl. its CSS, glue)" transfer_brotli_bytes \
  "$core_wasm" "$core_js" article-widget.js
report "Pages with a prerendered widget (after the first paint, when data-hydrate says): loader + scheduler + hydrating widget" hydrate_brotli_bytes \
  "$hydrate_wasm" "$hydrate_js" article-widget.js "$scheduler_js"
report "A reader opens the correction form: what every page view loads + the form's enhancer" open_brotli_bytes \
  "$core_wasm" "$core_js" article-widget.js "$native_js"
report "A reader opens the form on a page with a prerendered widget: its files + the form's enhancer" open_prerendered_brotli_bytes \
  "$hydrate_wasm" "$hydrate_js" article-widget.js "$scheduler_js" "$native_js"

if [ "${1:-}" = "--check" ] && [ "$failed" -ne 0 ]; then
  echo "FAIL: a bundle is over its size budget (budget.toml)" >&2
  exit 1
fi
