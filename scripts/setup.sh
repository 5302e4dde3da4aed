#!/usr/bin/env bash
# Installs whatever is missing to build, serve and test article-widget, and puts the tools on
# PATH. Safe to re-run: each step is skipped when its tool is already there at the right version.
# Sourced by scripts/serve.sh and scripts/test.sh; run it directly to just set up.
#
#   chromium, chromium-driver, brotli   Debian packages (browser tests, size measurement); also
#                                       nodejs and npm if the machine lacks them
#   firefox-esr, webkit2gtk-driver,     Debian packages: the reader flows run in all three engines
#   xvfb, xauth                         (WebKitGTK's MiniBrowser needs a display: Xvfb)
#   sqlite3                             (the reader flows read the inbox's rows)
#   geckodriver 0.37.1                  crates.io (drives Firefox)
#   (the Rust toolchain with rustfmt and clippy must already be there: it cannot be fetched)
#   wasm32-unknown-unknown              rustup target
#   wasm-bindgen-cli                    at the version Cargo.lock pins (also the test runner)
#   trunk 0.21.14                       the newest that builds with rustc 1.95
#   wasm-opt 132, esbuild, playwright-core, axe-core, selenium-webdriver, ajv, typescript, eslint
#                                       npm, pinned in tools/package-lock.json
set -euo pipefail

AW_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
TRUNK_VERSION=0.21.14
GECKODRIVER_VERSION=0.37.1

say() { printf '\033[1m==> %s\033[0m\n' "$*" >&2; }
have() { command -v "$1" >/dev/null 2>&1; }

# `cargo install` puts its tools in $CARGO_HOME/bin (~/.cargo/bin unless CARGO_HOME says otherwise).
export PATH="$AW_ROOT/tools/node_modules/.bin:${CARGO_HOME:-$HOME/.cargo}/bin:$PATH"

# The Rust toolchain (rustup, cargo with rustfmt and clippy) comes with the machine: it cannot be
# fetched here (only the package registries are reachable), so say plainly what is missing.
for tool in rustup cargo; do
  have "$tool" || { echo "setup: $tool is missing; install the Rust toolchain (rustup) first" >&2; exit 1; }
done
for component in fmt clippy; do
  cargo "$component" --version >/dev/null 2>&1 \
    || { echo "setup: cargo $component is missing; add the rustup component first" >&2; exit 1; }
done

apt_packages=()
have chromium || apt_packages+=(chromium)
have chromedriver || apt_packages+=(chromium-driver)
have brotli || apt_packages+=(brotli)
have firefox-esr || apt_packages+=(firefox-esr)
have WebKitWebDriver || apt_packages+=(webkit2gtk-driver)
have xvfb-run || apt_packages+=(xvfb)
have xauth || apt_packages+=(xauth)
# The reader flows count the rows the native form stored in the inbox's SQLite file.
have sqlite3 || apt_packages+=(sqlite3)
# The inbox's Atom feeds are read in its tests by a feed parser nobody here wrote (Debian's
# python3-feedparser, under Debian's own python3).
/usr/bin/python3 -c 'import feedparser' 2>/dev/null || apt_packages+=(python3-feedparser)
# Node.js and npm usually come with the machine; Debian's serve where they do not.
have node || apt_packages+=(nodejs)
have npm || apt_packages+=(npm)
# PostgreSQL for the inbox benchmark's second backend (scripts/postgres.sh runs a throwaway
# cluster from /usr/lib/postgresql/<version>/bin, which is not on PATH: so look there).
compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null || apt_packages+=(postgresql)
# The WordPress plugin's tests (scripts/wordpress.sh): Debian's WordPress 6.1 with PHP 8.2, a
# theme (the package ships none), a throwaway MariaDB, and PHP_CodeSniffer for the lint.
[ -f /usr/share/wordpress/wp-load.php ] || apt_packages+=(wordpress)
[ -d /usr/share/wordpress/wp-content/themes/twentytwentyone ] || apt_packages+=(wordpress-theme-twentytwentyone)
have php || apt_packages+=(php-cli)
php -m 2>/dev/null | grep -qx mysqli || apt_packages+=(php-mysql)
have mariadbd || [ -x /usr/sbin/mariadbd ] || apt_packages+=(mariadb-server)
have phpcs || apt_packages+=(php-codesniffer)
# PHPUnit runs the plugin's unit tests against the throwaway WordPress.
have phpunit || apt_packages+=(phpunit)
# xgettext, for the WordPress plugin's translation template.
have xgettext || apt_packages+=(gettext)
have zip || apt_packages+=(zip)
have unzip || apt_packages+=(unzip)
have curl || apt_packages+=(curl)
if [ "${#apt_packages[@]}" -gt 0 ]; then
  say "installing ${apt_packages[*]} (apt)"
  sudo_cmd=""
  if [ "$(id -u)" -ne 0 ]; then sudo_cmd="sudo"; fi
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq --no-install-recommends \
    "${apt_packages[@]}" >/dev/null
fi

if ! rustup target list --installed | grep -qx wasm32-unknown-unknown; then
  say "adding the wasm32-unknown-unknown target"
  rustup target add wasm32-unknown-unknown
fi

wb_version="$(awk '/^name = "wasm-bindgen"$/ { getline; gsub(/"/, "", $3); print $3 }' "$AW_ROOT/Cargo.lock")"
if ! wasm-bindgen --version 2>/dev/null | grep -q " $wb_version\$"; then
  say "installing wasm-bindgen-cli $wb_version (a few minutes)"
  # Not --locked: the CLI's own lock file wants a webpki-roots release the registry lacks.
  cargo install wasm-bindgen-cli --version "$wb_version" --force
fi

if ! trunk --version 2>/dev/null | grep -q " $TRUNK_VERSION\$"; then
  say "installing trunk $TRUNK_VERSION (about 8 minutes on 2 cores)"
  cargo install --locked trunk --version "$TRUNK_VERSION" --force
fi

# (Read whole, then matched: `grep -q` closing the pipe early would fail it under pipefail.)
gecko="$(geckodriver --version 2>/dev/null || true)"
if [[ "$gecko" != "geckodriver $GECKODRIVER_VERSION"* ]]; then
  say "installing geckodriver $GECKODRIVER_VERSION (a few minutes)"
  cargo install --locked geckodriver --version "$GECKODRIVER_VERSION" --force
fi

if ! wasm-opt --version 2>/dev/null | grep -q "version 132" \
  || [ ! -d "$AW_ROOT/tools/node_modules/playwright-core" ] \
  || [ ! -d "$AW_ROOT/tools/node_modules/axe-core" ] \
  || [ ! -d "$AW_ROOT/tools/node_modules/selenium-webdriver" ] \
  || [ ! -d "$AW_ROOT/tools/node_modules/ajv" ] \
  || [ ! -d "$AW_ROOT/tools/node_modules/typescript" ] \
  || [ ! -d "$AW_ROOT/tools/node_modules/eslint" ]; then
  say "installing wasm-opt, esbuild, playwright-core, axe-core, selenium-webdriver, ajv, typescript and eslint (npm)"
  npm ci --prefix "$AW_ROOT/tools" --no-audit --no-fund --loglevel=error
fi

# Starts `aw-server --dev` (built already) on a free port serving the folder $1 (further
# arguments passed on, e.g. --var KEY=VALUE), with its own SQLite database in a temporary folder;
# prints its origin. Servers started this way are stopped when the calling script exits (their
# pids go to a file: start_server runs in a command substitution, a subshell).
AW_SERVER_PIDS="$(mktemp)"
# Helpers sourced after this file (scripts/postgres.sh) add clean-up of their own: one shell
# command per line in this file, run newest first once the servers are stopped (a server may
# still be using what a later hook removes). A file, like the pids, because they register from
# command substitutions too, whose variables die with the subshell.
AW_CLEANUP_HOOKS="$(mktemp)"
aw_cleanup() {
  xargs -r kill 2>/dev/null <"$AW_SERVER_PIDS" || true
  rm -f "$AW_SERVER_PIDS"
  local hook hooks=()
  # Read whole first: a hook reading standard input must not eat the lines after it.
  mapfile -t hooks < <(tac "$AW_CLEANUP_HOOKS" 2>/dev/null)
  for hook in "${hooks[@]}"; do eval "$hook" || true; done
  rm -f "$AW_CLEANUP_HOOKS"
}
trap aw_cleanup EXIT
start_server() {
  local log dir="$1"
  shift
  log="$(mktemp)"
  "$AW_ROOT/target/debug/aw-server" --database-url "sqlite://$(mktemp -d)/corrections.db" \
    serve --listen 127.0.0.1:0 --dev --static "$dir" "$@" >"$log" 2>&1 &
  echo "$!" >>"$AW_SERVER_PIDS"
  for _ in $(seq 1 100); do
    if grep -q '^listening on ' "$log"; then sed -n 's/^listening on //p' "$log" | head -1; return; fi
    sleep 0.1
  done
  echo "aw-server did not start: $(cat "$log")" >&2
  exit 1
}

# trunk runs cargo offline (Trunk.toml: offline = true), so the registry has to be fetched first.
(cd "$AW_ROOT" && cargo fetch --locked -q)
