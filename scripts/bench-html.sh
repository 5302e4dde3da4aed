#!/usr/bin/env bash
# The HTML converter's benchmark (benches/html.rs, divan, the bench profile): the corpus's
# largest article and hostile shapes at four sizes. Prints divan's table (also in
# target/bench-html/results.txt).
#
#   scripts/bench-html.sh [divan options and filters]   e.g. nested  or  --sample-count 10
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
out=target/bench-html
mkdir -p "$out"
{
  echo "HTML converter benchmark $(date +%Y-%m-%d), $(nproc) × $(uname -m), rustc $(rustc --version | cut -d' ' -f2), bench profile."
  cargo bench -q --bench html -- --sample-count 5 "$@"
} | tee "$out/results.txt"
