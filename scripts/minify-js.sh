#!/usr/bin/env sh
# trunk post_build hook (Trunk.toml), release builds only: shortens the wasm import/export names
# and the glue to match (scripts/minify-names.mjs), then minifies the JS with esbuild (trunk's own
# minifier cannot parse wasm-bindgen's glue). The glue drops from ~49 KB to ~22 KB.
set -eu
[ "${TRUNK_PROFILE:-debug}" = "release" ] || exit 0
here="$(dirname "$0")"
for bundle in article-widget-core article-widget-form; do
  node "$here/minify-names.mjs" "$TRUNK_STAGING_DIR/${bundle}_bg.wasm" "$TRUNK_STAGING_DIR/$bundle.js"
done
for file in "$TRUNK_STAGING_DIR/article-widget-core.js" "$TRUNK_STAGING_DIR/article-widget-form.js" \
  "$TRUNK_STAGING_DIR/article-widget.js"; do
  esbuild "$file" --minify --format=esm --log-level=warning --allow-overwrite --outfile="$file"
done
