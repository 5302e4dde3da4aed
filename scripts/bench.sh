#!/usr/bin/env bash
# The benchmark (issue #5): builds the release bundle and a static-HTML twin of the same article,
# serves both on 127.0.0.1 and measures them in headless Chromium. Prints a Markdown table (also
# written to target/bench/results.md). Not part of the test suite.
#
#   scripts/bench.sh [runs]      (default 5 runs per page)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$AW_ROOT"

say "release build"
trunk build --release
scripts/sizes.sh
cargo build -q -p aw-server --features dev
cargo build -q --features ssr --bin aw-render

say "benchmark site"
site="$AW_ROOT/target/bench/site"
node benches/make-site.mjs dist target/debug/aw-render "$site"

origin="$(start_server "$site")"

say "measuring (widget vs static twin)"
node benches/run.mjs "$origin" "$site" "${1:-5}"
