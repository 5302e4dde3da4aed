#!/usr/bin/env bash
# Runs every test tier: installs what is missing, then
#   1. formatting and clippy (host and wasm),
#   2. host unit + property tests and host render (SSR) tests,
#   3. browser tests (wasm-bindgen-test in headless Chromium) against the local dev server,
#   4. the release build, its size budget, and the end-to-end test (demo pages + axe-core).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$AW_ROOT"

pids=()
cleanup() { for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; }
trap cleanup EXIT

# Starts aw-devserver on a free port serving $1 (further arguments are passed on); prints its origin.
start_server() {
  local log
  log="$(mktemp)"
  ./target/debug/aw-devserver --root "$@" >"$log" 2>&1 &
  pids+=("$!")
  for _ in $(seq 1 100); do
    if grep -q '^listening on ' "$log"; then sed -n 's/^listening on //p' "$log" | head -1; return; fi
    sleep 0.1
  done
  echo "aw-devserver did not start: $(cat "$log")" >&2
  exit 1
}

say "format"
cargo fmt --all -- --check

say "clippy (host, then wasm)"
cargo clippy --workspace --all-targets -q -- -D warnings
cargo clippy --target wasm32-unknown-unknown --features csr --lib --bins --tests -q -- -D warnings

say "host tests: unit, property, render (SSR)"
cargo test --workspace -q

say "browser tests (headless Chromium)"
cargo build -p aw-devserver -q
fixtures="$(start_server .)"
AW_FIXTURE_ORIGIN="$fixtures" cargo test --target wasm32-unknown-unknown --features csr --test browser

say "release build"
trunk build --release
scripts/sizes.sh --check

say "end-to-end (release bundle in headless Chromium, axe-core)"
cdn="$(start_server dist)"
node tests/e2e/e2e.mjs "$cdn"
# Publisher pages on another origin, loading the bundle from the first one like a CDN.
pages="$(start_server tests/e2e/pages --var "CDN=$cdn")"
node tests/e2e/embed.mjs "$pages"

say "all test tiers passed"
