#!/usr/bin/env sh
# trunk post_build hook (Trunk.toml), release builds only: shortens the wasm import/export names
# and the glue to match (scripts/minify-names.mjs), then minifies the JS with esbuild (trunk's own
# minifier cannot parse wasm-bindgen's glue). The glue drops from ~49 KB to ~22 KB. Then puts a
# content hash in the name of every file the loader loads and writes the names and the bundle's
# version into the loader (scripts/hash-names.mjs), and minifies the loader last. Before the
# scripts are minified, the names they share with the widget's markup are written into them
# (scripts/inline-names.mjs).
set -eu
[ "${TRUNK_PROFILE:-debug}" = "release" ] || exit 0
here="$(dirname "$0")"
minify() { esbuild "$1" --minify --format=esm --log-level=warning --allow-overwrite --outfile="$1"; }
for bundle in article-widget-core article-widget-hydrate; do
  wasm="$TRUNK_STAGING_DIR/${bundle}_bg.wasm"
  node "$here/minify-names.mjs" "$wasm" "$TRUNK_STAGING_DIR/$bundle.js"
  # One more wasm-opt round on trunk's output finds what its fixed point did not (measured
  # -0.15 KB brotli on the widget); the flags are trunk's (index.html) and the glue's features.
  wasm-opt -Oz --low-memory-unused --enable-bulk-memory --enable-nontrapping-float-to-int \
    --enable-sign-ext --enable-mutable-globals --enable-reference-types --enable-multivalue \
    "$wasm" -o "$wasm"
  minify "$TRUNK_STAGING_DIR/$bundle.js"
done
# The names the scripts share with the widget's markup, as literals (no extra module to fetch).
node "$here/inline-names.mjs" "$TRUNK_STAGING_DIR" article-widget.js article-widget-prerendered.js article-widget-native.js
minify "$TRUNK_STAGING_DIR/article-widget-prerendered.js"
minify "$TRUNK_STAGING_DIR/article-widget-native.js"
node "$here/hash-names.mjs" "$TRUNK_STAGING_DIR"
minify "$TRUNK_STAGING_DIR/article-widget.js"
