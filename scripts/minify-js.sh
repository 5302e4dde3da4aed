#!/usr/bin/env sh
# trunk post_build hook (Trunk.toml): minifies the JS in release builds with esbuild (trunk's own
# minifier cannot parse wasm-bindgen's glue). The glue drops from ~49 KB to ~22 KB.
set -eu
[ "${TRUNK_PROFILE:-debug}" = "release" ] || exit 0
for file in "$TRUNK_STAGING_DIR/article-widget-core.js" "$TRUNK_STAGING_DIR/article-widget.js"; do
  esbuild "$file" --minify --format=esm --log-level=warning --allow-overwrite --outfile="$file"
done
