#!/usr/bin/env bash
# Runs every test tier: installs what is missing, then
#   1. formatting and clippy (host and wasm),
#   2. host unit + property tests and host render (SSR) tests; the corrections inbox (aw-server)
#      through its routes on SQLite and on a throwaway PostgreSQL; the JSON document's schema,
#   3. browser tests (wasm-bindgen-test in headless Chromium) against the local dev server,
#   4. the release build, its size budgets, and the end-to-end tests (demo pages, embedding, the
#      correction form; axe-core), then the reader's correction flow and the render checks in
#      all three engines (Chromium, Firefox, WebKitGTK) over WebDriver, in real time,
#   5. the WordPress plugin: PHP lint, PSR-12 and escaping, then the plugin installed from its
#      zip on a throwaway WordPress + MariaDB, end to end in Chromium.
#
#   scripts/test.sh --quick   the inner loop: formatting, host clippy, host tests (about a minute
#                             once built); no browsers, no release build.
#   scripts/test.sh --loaded  every tier, with the browser tiers run while every core is kept
#                             busy by another process (a slow phone is a slow machine: races the
#                             suite must not have show here); run it before stopping.
set -euo pipefail
quick=false
loaded=false
[ "${1:-}" = "--quick" ] && quick=true
[ "${1:-}" = "--loaded" ] && loaded=true
source "$(dirname "${BASH_SOURCE[0]}")/setup.sh"
cd "$AW_ROOT"

say "format"
cargo fmt --all -- --check

# The lint policy is the workspace's ([workspace.lints] in Cargo.toml): no flags needed.
say "clippy (host, then wasm)"
cargo clippy --workspace --all-targets -q
# aw-server's development routes (the dev feature) are linted too.
cargo clippy -p aw-server --all-targets --features dev -q
$quick || cargo clippy --target wasm32-unknown-unknown --features embed --lib --bins --tests -q
$quick || cargo clippy --target wasm32-unknown-unknown --features hydration --lib --bins -q
# The core crate's browser seams compile only for wasm32.
$quick || cargo clippy -p aw-core --target wasm32-unknown-unknown --lib -q

# The shipped JavaScript is typed (// @ts-check, JSDoc; embed/tsconfig.json) and linted.
say "the shipped JavaScript: types (tsc --noEmit) and lint (ESLint)"
tools/node_modules/.bin/tsc -p embed
tools/node_modules/.bin/eslint -c tools/eslint.config.mjs embed integrations/wordpress/article-widget

# The corrections inbox's tests run on SQLite always and on PostgreSQL too when a server is
# named: a throwaway cluster (Debian's postgresql, a temporary folder, stopped on exit).
if ! $quick || [ -n "${CI:-}" ]; then
  source "$AW_ROOT/scripts/postgres.sh"
  say "starting a throwaway PostgreSQL for the inbox tests"
  AW_TEST_POSTGRES_URL="$(start_postgres)"
  export AW_TEST_POSTGRES_URL
fi

say "host tests: unit, property, render (SSR); the inbox on SQLite and PostgreSQL"
cargo test --workspace -q --features aw-server/dev
say "the JSON document's schema (tests/schema.mjs); the native form's check against core's table"
node tests/schema.mjs
node --test --test-reporter=dot tests/native-form.test.mjs

if $quick; then
  say "quick tiers passed (the full run: scripts/test.sh)"
  exit 0
fi

say "browser tests (headless Chromium)"
cargo build -p aw-server --features dev -q
fixtures="$(start_server demo)"
# Chromium, by name: with geckodriver also on PATH the runner would pick Firefox.
CHROMEDRIVER="$(command -v chromedriver)" AW_FIXTURE_ORIGIN="$fixtures" \
  cargo test --target wasm32-unknown-unknown --features embed --test browser

say "release build"
trunk build --release
scripts/sizes.sh --check

if $loaded; then
  say "keeping all $(nproc) cores busy for the browser tiers"
  for _ in $(seq "$(nproc)"); do
    # (Registered like a server: stopped when this script exits.)
    sh -c 'while :; do :; done' &
    echo "$!" >>"$AW_SERVER_PIDS"
  done
fi

say "end-to-end (release bundle in headless Chromium, axe-core)"
cdn="$(start_server dist)"
node tests/e2e/e2e.mjs "$cdn"
# The corrections inbox for inbox.mjs: a real aw-server on its own SQLite file, with an editor
# created first (the --database-url given after `serve` overrides start_server's own).
inbox_db="$(mktemp -d)/inbox.db"
AW_EDITOR_PASSWORD=e2e-editor-password-1 target/debug/aw-server --database-url "sqlite://$inbox_db" \
  add-editor --email editor@example.org --name "E2E Editor" >/dev/null
# Every browser of the run posts from 127.0.0.1: the per-client limit (10 a minute) is raised so
# the reader flows measure the form, not the limiter (its own tests are the route tests').
inbox="$(AW_PER_CLIENT_PER_MINUTE=600 start_server "$(mktemp -d)" --database-url "sqlite://$inbox_db")"
# Publisher pages on another origin, loading the bundle from the first one like a CDN.
pages="$(start_server tests/e2e/pages --var "CDN=$cdn" --var "INBOX=$inbox")"
node tests/e2e/embed.mjs "$pages"
# The correction form against the scripted endpoint on the CDN origin (fake clock, no sleeps).
node tests/e2e/corrections.mjs "$pages" "$cdn"
# The corrections loop through the real inbox: a reader's correction, the editor's login and
# triage, the published correction in the trust box after a reload.
node tests/e2e/inbox.mjs "$pages" "$inbox"
# The prerendered embed (aw-render's output pasted into a page): without JavaScript, then with
# the loader starting the widget from it.
cargo build -q --features ssr --bin aw-render
node tests/e2e/prerender.mjs "$pages" "$cdn" target/debug/aw-render "$inbox"
# Articles as newsrooms write them: embeds, footnotes, tables on a phone, axe in two languages.
node tests/e2e/articles.mjs "$pages"

say "reader flows in Chromium, Firefox and WebKit (WebDriver, real time)"
AW_E2E_INBOX="$inbox" AW_E2E_INBOX_DB="$inbox_db" node tests/e2e/flows.mjs "$pages" "$cdn"

say "the WordPress plugin: PHP lint, PSR-12, escaping; then WordPress 6.1 + MariaDB, e2e in Chromium, PHPUnit"
find integrations/wordpress -name '*.php' -print0 | xargs -0 -n1 php -l >/dev/null
phpcs --standard=PSR12 --extensions=php integrations/wordpress/article-widget
phpcs --standard=PSR12 -n integrations/wordpress/tools integrations/wordpress/tests
php integrations/wordpress/tools/check-escapes.php integrations/wordpress/article-widget
php integrations/wordpress/tools/check-php-version.php 8.0 integrations/wordpress/article-widget
source "$AW_ROOT/scripts/wordpress.sh"
# The translation template is current (regenerate: source scripts/wordpress.sh; wordpress_pot >…).
wordpress_pot | cmp -s - integrations/wordpress/article-widget/languages/article-widget.pot \
  || { echo "languages/article-widget.pot is stale: regenerate it with wordpress_pot (scripts/wordpress.sh)" >&2; exit 1; }
cargo build -q -p aw-render-server
render_log="$(mktemp)"
target/debug/aw-render-server --listen 127.0.0.1:0 >"$render_log" 2>&1 &
render_pid=$!
echo "$render_pid" >>"$AW_SERVER_PIDS"
for _ in $(seq 1 100); do grep -q '^listening on ' "$render_log" && break; sleep 0.1; done
render="$(sed -n 's/^listening on //p' "$render_log" | head -1)"
wordpress="$(start_wordpress "$(package_wordpress)" "$render" "$inbox")"
AW_E2E_INBOX_DB="$inbox_db" node tests/e2e/wordpress.mjs "$wordpress" "$inbox" "$render_pid"
# The plugin's unit tests (Debian's PHPUnit) against the same WordPress, after the browser's.
AW_WP_DIR="$(node -p 'JSON.parse(process.argv[1]).dir' "$wordpress")" \
AW_WP_URL="$(node -p 'JSON.parse(process.argv[1]).site' "$wordpress")" \
AW_RENDER="$AW_ROOT/target/debug/aw-render" \
  phpunit -c integrations/wordpress/tests/phpunit.xml
# The plugin on a WordPress network: network activation, each site its own, uninstall cleans all.
check_multisite "$wordpress"

say "all test tiers passed"
