#!/usr/bin/env bash
# What articles as written cost a phone (issue 29, benches/articles.mjs): the corpus's largest
# article from its HTML and from typed blocks, and the rich article prerendered beside its static
# twin, under CPU 4×. Not part of the test suite.
#
#   scripts/bench-articles.sh [runs]      (default 7 runs per page)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$AW_ROOT"

say "release build"
trunk build --release
cargo build -q -p aw-server --features dev
cargo build -q --features ssr --bin aw-render
site="$AW_ROOT/target/bench/site"
node benches/make-site.mjs dist target/debug/aw-render "$site"

say "the articles' pages"
largest="$(ls -S tests/fixtures/articles/*.html | head -1)"
node -e '
const fs = require("fs");
const [file, out] = process.argv.slice(1);
fs.writeFileSync(out, JSON.stringify({ version: 1, headline: "The largest corpus article", bodyHtml: fs.readFileSync(file, "utf8") }));
' "$largest" "$site/articles-html.json"
cargo run -q -p aw-core --example html_to_json -- "$largest" "The largest corpus article" >"$site/articles-blocks.json"
cp tests/fixtures/rich-blocks.json "$site/articles-rich.json"
page() { # title, body
  printf '<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><link rel="icon" href="data:,"><title>%s</title>%s</head><body><main>%s</main>%s</body></html>\n' "$1" "$2" "$3" "$4"
}
loader='<script type="module" src="article-widget.js"></script>'
for kind in html blocks; do
  page "articles $kind" "" "<div data-article-widget data-loading=\"eager\" data-article-src=\"articles-$kind.json\"></div>" "$loader" >"$site/articles-$kind.html"
done
page "rich prerendered" "" "$(target/debug/aw-render "$site/articles-rich.json" --hydrate eager)" "$loader" >"$site/articles-rich-prerendered.html"
page "rich static" '<link rel="stylesheet" href="article-widget.css">' "$(target/debug/aw-render "$site/articles-rich.json" --markup)" "" >"$site/articles-rich-static.html"
origin="$(start_server "$site")"

say "measuring (CPU 4×)"
node benches/articles.mjs "$origin" "${1:-7}"
