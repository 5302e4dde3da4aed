#!/usr/bin/env bash
# Serves the demo: installs what is missing, starts the development corrections endpoint
# (aw-devserver on http://127.0.0.1:8787/corrections, which the demo page posts to; accepted
# corrections are appended to target/dev-corrections.jsonl), then `trunk serve` on
# http://127.0.0.1:8080/ (rebuilds on change). The JSON-LD demo is at /demo/jsonld.html.
# AW_ENDPOINT_PORT changes the endpoint's port (the demo page expects 8787).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$AW_ROOT"
port="${AW_ENDPOINT_PORT:-8787}"
cargo build -q -p aw-devserver
mkdir -p target
"$AW_ROOT/target/debug/aw-devserver" --root "$AW_ROOT/demo" --port "$port" \
  --corrections "$AW_ROOT/target/dev-corrections.jsonl" &
echo "$!" >>"$AW_SERVER_PIDS"
say "corrections endpoint on http://127.0.0.1:$port/corrections → target/dev-corrections.jsonl"
say "serving the demo on http://127.0.0.1:8080/  (JSON-LD demo: /demo/jsonld.html)"
trunk serve "$@"
