#!/usr/bin/env bash
# Growth with hostile input (issue 10): how decode, parse and parse + render time (Yew's server
# renderer, as aw-render) grow with adversarial documents — deep nesting, thousands of @graph
# entities, 100,000 keywords, long unbroken strings, thousands of <style>/<script> pairs, long
# author lists — each at sizes n, 2n, 4n and 8n in both input formats. The documents are
# aw-testing's (crates/test-support/src/lib.rs), the ones the growth tests check; the harness is divan
# (benches/growth.rs), in the bench profile (the release profile: opt-level z, LTO). Prints
# divan's table (also in target/bench-growth/results.txt): median time and throughput per size;
# about 2× from one size to the next is linear.
#
# Times are reported, never asserted here; tests/growth_render.rs fails the test run when 4× the
# input takes more than 12× the time.
#
#   scripts/bench-growth.sh [divan options and filters]   e.g. parse  or  --sample-count 10
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

out=target/bench-growth
mkdir -p "$out"
{
  cpu="$(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo 2>/dev/null | head -1)"
  echo "Growth benchmark $(date +%Y-%m-%d), $(nproc) × ${cpu:-$(uname -m)}, rustc $(rustc --version | cut -d' ' -f2), bench profile (opt-level z, LTO)."
  echo
  cargo bench -q --bench growth -- "$@"
} | tee "$out/results.txt"
