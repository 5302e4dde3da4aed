#!/usr/bin/env bash
# Growth with hostile input (issue 10): how parse time and parse + render time (Yew's server
# renderer, as aw-render) grow with adversarial documents — deep nesting, thousands of @graph
# entities, 100,000 keywords, long unbroken strings, thousands of <style>/<script> pairs, long
# author lists — each at sizes n, 2n, 4n and 8n in both input formats. The documents are the ones
# core/tests/growth.rs checks (core/tests/growth/shapes.rs). Prints a Markdown table (also in
# target/bench-growth/results.md) with the median of a few runs, the time per unit of input and
# the ratio between successive sizes: about 2 is linear, about 4 quadratic.
#
# Times are reported, never asserted: the exit status is non-zero only when the build fails or a
# document does not parse (or render) to what its generator promised.
#
#   scripts/bench-growth.sh [--reps N] [--scale F] [--only SHAPE]   (default 5 runs, scale 1)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

printf '\033[1m==> %s\033[0m\n' "release build of aw-growth" >&2
cargo build --release -q --features ssr --bin aw-growth

out=target/bench-growth
mkdir -p "$out"
{
  cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)"
  echo "Growth benchmark $(date +%Y-%m-%d), $(nproc) × ${cpu:-$(uname -m)}, rustc $(rustc --version | cut -d' ' -f2), release profile (opt-level z, LTO)."
  echo
  target/release/aw-growth "$@"
} | tee "$out/results.md"
