#!/usr/bin/env bash
# Lighthouse (npm `lighthouse`, headless Debian Chromium) on the benchmark site's demo article:
# prerendered (data-hydrate idle, the default, and eager), client-rendered, and the static twin.
# Prints performance, accessibility, best practices and SEO per page. Not part of the test
# suite; run scripts/bench.sh first (it builds target/bench/site).
#
#   scripts/lighthouse.sh [runs]     (default 3 runs a page, the median run reported; installs
#                                    lighthouse into target/lighthouse the first time)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$AW_ROOT"

site="$AW_ROOT/target/bench/site"
[ -f "$site/prerendered-eager-1x.html" ] || { echo "run scripts/bench.sh first (target/bench/site)" >&2; exit 2; }
lh="$AW_ROOT/target/lighthouse"
if [ ! -x "$lh/node_modules/.bin/lighthouse" ]; then
  say "installing lighthouse (npm) into target/lighthouse"
  mkdir -p "$lh"
  npm install --prefix "$lh" --no-audit --no-fund --silent lighthouse@13.5.0
fi
# The idle-hydrating page (the default) next to the bench's pages.
sed 's/data-hydrate="eager"/data-hydrate="idle"/' "$site/prerendered-eager-1x.html" >"$site/prerendered-idle-1x.html"

origin="$(start_server "$site")"
out="$AW_ROOT/target/lighthouse/reports"
mkdir -p "$out"
say "lighthouse (mobile emulation, simulated throttling: Lighthouse's defaults)"
printf '| page | performance (every run) | accessibility | best practices | SEO | FCP | LCP | TBT | CLS |\n|---|---:|---:|---:|---:|---:|---:|---:|---:|\n'
runs="${1:-3}"
for page in prerendered-idle-1x prerendered-eager-1x widget-1x static-1x; do
  for run in $(seq 1 "$runs"); do
    CHROME_PATH=/usr/bin/chromium "$lh/node_modules/.bin/lighthouse" "$origin/$page.html" \
      --quiet --output=json --output-path="$out/$page-$run.json" \
      --chrome-flags="--headless=new --no-sandbox --disable-gpu --user-data-dir=$(mktemp -d)" >/dev/null 2>&1 || true
  done
  node -e '
    const fs = require("fs");
    const [page, runs] = [process.argv[1], Number(process.argv[2])];
    const reports = Array.from({ length: runs }, (_, i) => JSON.parse(fs.readFileSync(`${process.argv[3]}/${page}-${i + 1}.json`, "utf8")))
      .sort((a, b) => a.categories.performance.score - b.categories.performance.score);
    const r = reports[reports.length >> 1], c = r.categories, a = r.audits, s = (k) => Math.round(c[k].score * 100);
    const all = reports.map((x) => Math.round(x.categories.performance.score * 100)).join(", ");
    console.log(`| ${page} | ${s("performance")} (${all}) | ${s("accessibility")} | ${s("best-practices")} | ${s("seo")} | ${a["first-contentful-paint"].displayValue} | ${a["largest-contentful-paint"].displayValue} | ${a["total-blocking-time"].displayValue} | ${a["cumulative-layout-shift"].displayValue} |`);
  ' "$page" "$runs" "$out"
done
