#!/usr/bin/env bash
# Serves the demo: installs what is missing, then `trunk serve` on http://127.0.0.1:8080/
# (rebuilds on change). The JSON-LD demo is at /demo/jsonld.html.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$AW_ROOT"
say "serving the demo on http://127.0.0.1:8080/  (JSON-LD demo: /demo/jsonld.html)"
exec trunk serve "$@"
