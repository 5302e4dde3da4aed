# shellcheck shell=bash
# The WordPress plugin: its package, and a throwaway WordPress to test it in. Sourced by scripts
# that sourced scripts/setup.sh first (its clean-up hooks, AW_CLEANUP_HOOKS, stop MariaDB and
# PHP's server and delete their files when the calling script exits, failing or not).
#
#   zip="$(package_wordpress)"                          # target/wordpress/article-widget.zip
#   info="$(start_wordpress "$zip" "$render" "$inbox")"   # JSON: the site, its posts' URLs …
#
# Debian's WordPress 6.1 (PHP 8.2) with the twentytwentyone theme, on a MariaDB in a temporary
# folder (127.0.0.1 only), served by PHP's built-in server; the plugin is installed from the zip
# and activated, configured for the given render route and corrections inbox, and a post with
# the reference page's shape is written (integrations/wordpress/tools/install.php).

# The plugin as publishers install it: integrations/wordpress/article-widget plus the release
# bundle from dist/ (the loader and the files it loads) in assets/. Prints the zip's path.
package_wordpress() {
  local out="$AW_ROOT/target/wordpress" stage
  [ -f "$AW_ROOT/dist/article-widget.js" ] || { echo "wordpress.sh: run trunk build --release first" >&2; return 1; }
  stage="$(mktemp -d)"
  cp -r "$AW_ROOT/integrations/wordpress/article-widget" "$stage/"
  mkdir -p "$stage/article-widget/assets"
  # The release bundle without the demo site: the loader and every file named after it.
  find "$AW_ROOT/dist" -maxdepth 1 -type f -name 'article-widget*' -exec cp {} "$stage/article-widget/assets/" \;
  mkdir -p "$out"
  rm -f "$out/article-widget.zip"
  (cd "$stage" && zip -qr "$out/article-widget.zip" article-widget)
  rm -rf "$stage"
  echo "$out/article-widget.zip"
}

# The plugin's translation template from its sources (xgettext with WordPress's keywords and
# the translators' comments), to stdout; no header, sorted, so the same sources give the same
# bytes. The committed copy is languages/article-widget.pot; scripts/test.sh checks it is current.
wordpress_pot() {
  (cd "$AW_ROOT/integrations/wordpress/article-widget" && find . \( -name '*.php' -o -name '*.js' \) -print0 | sort -z | xargs -0 \
    xgettext --from-code=UTF-8 --omit-header --sort-output --add-location=file --add-comments=translators: \
      --keyword=__ --keyword=_e --keyword=esc_html__ --keyword=esc_html_e --keyword=esc_attr__ \
      --keyword=esc_attr_e --keyword=_x:1,2c --keyword=esc_html_x:1,2c --keyword=_n:1,2 \
      --keyword=_nx:1,2,4c --output=-)
}

wp_free_port() {
  node -e 'const s = require("net").createServer();
    s.listen(0, "127.0.0.1", () => { console.log(s.address().port); s.close(); });'
}

start_wordpress() {
  : "${AW_CLEANUP_HOOKS:?wordpress.sh: source scripts/setup.sh first}"
  local zip="$1" render="$2" inbox="$3" dir db_port wp_port run=() user=() site
  dir="$(mktemp -d "${TMPDIR:-/tmp}/aw-wordpress.XXXXXX")"
  chmod 755 "$dir"
  mkdir -p "$dir/mysql"
  # MariaDB will not run as root, nor put its socket in a folder it does not own.
  if [ "$(id -u)" -eq 0 ]; then
    chown -R mysql: "$dir/mysql"
    user=(--user=mysql)
  fi
  db_port="$(wp_free_port)"
  printf 'kill "$(cat %q 2>/dev/null)" 2>/dev/null; sleep 0.5; rm -rf %q\n' "$dir/mysql/pid" "$dir" >>"$AW_CLEANUP_HOOKS"
  mariadb-install-db --no-defaults --datadir="$dir/mysql/db" "${user[@]}" \
    --auth-root-authentication-method=normal --skip-test-db >"$dir/install-db.log" 2>&1 \
    || { echo "wordpress.sh: mariadb-install-db failed: $(tail -20 "$dir/install-db.log")" >&2; return 1; }
  local mariadbd
  mariadbd="$(command -v mariadbd || echo /usr/sbin/mariadbd)"
  "$mariadbd" --no-defaults --datadir="$dir/mysql/db" "${user[@]}" --socket="$dir/mysql/my.sock" \
    --pid-file="$dir/mysql/pid" --bind-address=127.0.0.1 --port="$db_port" \
    --skip-log-bin --innodb-flush-log-at-trx-commit=2 >"$dir/mysql.log" 2>&1 &
  for _ in $(seq 1 150); do
    [ -S "$dir/mysql/my.sock" ] && mariadb-admin --no-defaults -S "$dir/mysql/my.sock" -uroot ping >/dev/null 2>&1 && break
    sleep 0.2
  done
  mariadb --no-defaults -S "$dir/mysql/my.sock" -uroot -e \
    "CREATE DATABASE wp CHARACTER SET utf8mb4; CREATE USER 'wp'@'127.0.0.1' IDENTIFIED BY 'wp'; GRANT ALL ON wp.* TO 'wp'@'127.0.0.1';" \
    || { echo "wordpress.sh: MariaDB did not start: $(tail -20 "$dir/mysql.log")" >&2; return 1; }

  # WordPress: a copy of Debian's (symlinks followed: its wp-content points into /var/lib),
  # our own wp-config.php, the plugin from the zip.
  wp_port="$(wp_free_port)"
  site="http://127.0.0.1:$wp_port"
  cp -rL /usr/share/wordpress "$dir/site" 2>/dev/null || true
  rm -f "$dir/site/wp-config.php" "$dir/site/.htaccess"
  cat >"$dir/site/wp-config.php" <<PHP
<?php
define('DB_NAME', 'wp');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp');
define('DB_HOST', '127.0.0.1:$db_port');
define('DB_CHARSET', 'utf8mb4');
define('WP_HOME', '$site');
define('WP_SITEURL', '$site');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '$dir/debug.log');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('WP_HTTP_BLOCK_EXTERNAL', true);
define('WP_ACCESSIBLE_HOSTS', '127.0.0.1');
\$table_prefix = 'wp_';
if (!defined('ABSPATH')) { define('ABSPATH', __DIR__ . '/'); }
require_once ABSPATH . 'wp-settings.php';
PHP
  mkdir -p "$dir/site/wp-content/plugins" "$dir/site/wp-content/uploads"
  unzip -q "$zip" -d "$dir/site/wp-content/plugins"
  php "$AW_ROOT/integrations/wordpress/tools/install.php" "$dir/site" "$site" "$render" "$inbox" \
    >"$dir/install.json" 2>"$dir/install.log" \
    || { echo "wordpress.sh: the install failed: $(tail -20 "$dir/install.log")" >&2; return 1; }
  php -S "127.0.0.1:$wp_port" -t "$dir/site" "$AW_ROOT/integrations/wordpress/tools/router.php" \
    >"$dir/php.log" 2>&1 &
  echo "$!" >>"$AW_SERVER_PIDS"
  for _ in $(seq 1 100); do
    curl -fsS -o /dev/null "$site/" 2>/dev/null && break
    sleep 0.1
  done
  node -e 'const info = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
    console.log(JSON.stringify({ ...info, site: process.argv[2], debugLog: process.argv[3], dir: process.argv[4], httpLog: process.argv[5] }));' \
    "$dir/install.json" "$site" "$dir/debug.log" "$dir/site" "$dir/http.log"
}

# A WordPress network (multisite, sites in subdirectories) beside the site that start_wordpress
# started (its MariaDB, another database; Debian's WordPress and the plugin copied from that
# site; no web server: the checks run in PHP), and the plugin's checks on it
# (integrations/wordpress/tools/multisite.php: network activation, per-site settings and keys,
# a site administrator kept from the script settings, uninstall cleaning every site).
check_multisite() {
  local info="$1" site root sock ms
  site="$(node -p 'JSON.parse(process.argv[1]).dir' "$info")"
  root="$(dirname "$site")"
  sock="$root/mysql/my.sock"
  ms="$root/multisite"
  mariadb --no-defaults -S "$sock" -uroot -e \
    "CREATE DATABASE wpms CHARACTER SET utf8mb4; CREATE USER 'wp'@'localhost' IDENTIFIED BY 'wp'; GRANT ALL ON wpms.* TO 'wp'@'localhost';"
  cp -r "$site" "$ms"
  rm -rf "$ms/wp-content/mu-plugins" "$ms/wp-config.php"
  wp_multisite_config() {
    cat <<PHP
<?php
define('DB_NAME', 'wpms');
define('DB_USER', 'wp');
define('DB_PASSWORD', 'wp');
define('DB_HOST', 'localhost:$sock');
define('DB_CHARSET', 'utf8mb4');
define('WP_CONTENT_DIR', __DIR__ . '/wp-content');
define('WP_DEBUG', true);
define('WP_DEBUG_DISPLAY', false);
define('WP_DEBUG_LOG', '$root/multisite-debug.log');
define('AUTOMATIC_UPDATER_DISABLED', true);
define('DISABLE_WP_CRON', true);
define('WP_ALLOW_MULTISITE', true);
$1
\$table_prefix = 'wp_';
if (!defined('ABSPATH')) { define('ABSPATH', __DIR__ . '/'); }
require_once ABSPATH . 'wp-settings.php';
PHP
  }
  wp_multisite_config "" >"$ms/wp-config.php"
  php "$AW_ROOT/integrations/wordpress/tools/multisite.php" install "$ms" | grep -qx installed \
    || { echo "multisite: the network did not install: $(tail -5 "$root/multisite-debug.log")" >&2; return 1; }
  wp_multisite_config "define('MULTISITE', true); define('SUBDOMAIN_INSTALL', false); define('DOMAIN_CURRENT_SITE', 'courier.test'); define('PATH_CURRENT_SITE', '/'); define('SITE_ID_CURRENT_SITE', 1); define('BLOG_ID_CURRENT_SITE', 1);" >"$ms/wp-config.php"
  # (WordPress ends a request it cannot serve with status 0: the last line says whether all passed.)
  local out
  out="$(php "$AW_ROOT/integrations/wordpress/tools/multisite.php" check "$ms")" || true
  printf '%s\n' "$out" | grep -E '^(ok|FAIL) '
  [ "$(printf '%s\n' "$out" | tail -1)" = "multisite: every check passed" ] \
    || { echo "multisite: $(printf '%s\n' "$out" | tail -3)" >&2; return 1; }
  # The plugin logged nothing on the network either.
  if grep -a -E 'article-widget|ArticleWidget' "$root/multisite-debug.log" 2>/dev/null; then
    echo "multisite: the plugin logged the lines above" >&2
    return 1
  fi
}
