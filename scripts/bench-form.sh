#!/usr/bin/env bash
# The correction form's benchmark (issue 20, benches/form.mjs): press → usable form and the bytes a
# reader who opens it downloads, on every page kind, under Lighthouse's mobile conditions. Builds
# the release bundle and the benchmark site, serves it on 127.0.0.1. Not part of the test suite.
#
#   scripts/bench-form.sh [runs]      (default 7 runs per page)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$AW_ROOT"

say "release build"
trunk build --release
cargo build -q -p aw-server --features dev
cargo build -q --features ssr --bin aw-render

say "benchmark site"
site="$AW_ROOT/target/bench/site"
node benches/make-site.mjs dist target/debug/aw-render "$site"
origin="$(start_server "$site")"

say "measuring the correction form (phone conditions)"
node benches/form.mjs "$origin" "${1:-7}"
