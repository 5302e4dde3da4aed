#!/usr/bin/env bash
# Serves the demo: installs what is missing, starts the corrections inbox (aw-server on
# http://127.0.0.1:8787, SQLite in target/demo-corrections.db, development mode so the demo's
# pages on this machine may post to it) with a demo editor account, then `trunk serve` on
# http://127.0.0.1:8080/ (rebuilds on change). The JSON-LD demo is at /demo/jsonld.html.
# AW_ENDPOINT_PORT changes the inbox's port (the demo page expects 8787).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$AW_ROOT"
port="${AW_ENDPOINT_PORT:-8787}"
cargo build -q -p aw-server --features dev
mkdir -p target
export AW_DATABASE_URL="sqlite://$AW_ROOT/target/demo-corrections.db"
demo_email="editor@example.org"
demo_password="demo-editor-password"
AW_EDITOR_PASSWORD="$demo_password" "$AW_ROOT/target/debug/aw-server" add-editor \
  --email "$demo_email" --name "Demo Editor" >/dev/null
"$AW_ROOT/target/debug/aw-server" serve --listen "127.0.0.1:$port" --dev &
echo "$!" >>"$AW_SERVER_PIDS"
say "corrections inbox: http://127.0.0.1:$port/inbox  (log in as $demo_email / $demo_password)"
say "serving the demo on http://127.0.0.1:8080/  (JSON-LD demo: /demo/jsonld.html)"
trunk serve "$@"
