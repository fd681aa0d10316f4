#!/usr/bin/env bash
# The WordPress plugin's test: lints its PHP, builds its zip from the
# checkout's dist/, then starts a throwaway MariaDB and Debian's WordPress
# (a hard-linked copy with its own wp-config.php, served by `php -S` on
# 127.0.0.1), installs the zip, creates the test posts, runs
# tests/wordpress/plugin.test.mjs in headless Chromium, then uninstalls the
# plugin and checks its option is gone; then a second WordPress as a
# multisite network (tests/wordpress/multisite.*), uninstalled from every
# site. Everything it starts is stopped and removed on exit, whatever
# happens. Needs scripts/setup-wordpress.sh first.
set -euo pipefail
[ -z "${PFS_WP_DEBUG:-}" ] || set -x
cd "$(dirname "$0")/.."
ROOT=$PWD
PLUGIN=integrations/wordpress/program-fit-screener

for f in $(find integrations/wordpress -name '*.php' | sort); do php -l "$f" >/dev/null; done
echo "php -l: every file parses"

bash scripts/build-wordpress.sh

TMP=$(mktemp -d /tmp/pfs-wp.XXXXXX)
pids=()
cleanup() {
  # Each server runs in its own process group (setsid): php -S's workers outlive their parent otherwise.
  for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || kill "$pid" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  [ -n "${PFS_WP_KEEP:-}" ] || rm -rf "$TMP"
}
trap cleanup EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# MariaDB: a fresh data directory, no grant tables, bound to 127.0.0.1.
DB_PORT=$(free_port)
mariadb-install-db --datadir="$TMP/db" --auth-root-authentication-method=normal --skip-test-db --user="$(id -un)" >/dev/null
setsid mariadbd --no-defaults --datadir="$TMP/db" --socket="$TMP/db.sock" --port="$DB_PORT" --bind-address=127.0.0.1 \
  --skip-grant-tables --user="$(id -un)" --pid-file="$TMP/db.pid" --log-error="$TMP/db.log" &
pids+=($!)
for _ in $(seq 100); do mariadb --no-defaults --socket="$TMP/db.sock" -e 'SELECT 1' >/dev/null 2>&1 && break; sleep 0.1; done
mariadb --no-defaults --socket="$TMP/db.sock" -e 'CREATE DATABASE wordpress'

# WordPress: hard links (or a copy) of Debian's files, our own wp-config.php.
# make_wp DIR URL DATABASE: a WordPress in DIR for URL, the plugin unpacked.
make_wp() {
  local dir=$1
  cp -al /usr/share/wordpress "$dir" 2>/dev/null || cp -a /usr/share/wordpress "$dir"
  rm -f "$dir/wp-config.php" "$dir/.htaccess"
  rm -rf "$dir/wp-content"
  mkdir -p "$dir/wp-content/plugins" "$dir/wp-content/themes" "$dir/wp-content/uploads"
  ln -s /usr/share/wordpress/wp-content/themes/twentytwentyone "$dir/wp-content/themes/twentytwentyone"
  (cd "$dir/wp-content/plugins" && unzip -q "$ROOT/dist/wordpress/program-fit-screener.zip")
  write_config "$@"
}
# write_config DIR URL DATABASE [PHP]: the test's own config, with PHP added.
write_config() {
  local dir=$1 url=$2 db=$3 extra=${4:-}
  cat > "$dir/wp-config.php" <<PHP
<?php
// The test's own config: the throwaway database, no outside requests.
define( 'DB_NAME', '$db' );
define( 'DB_USER', 'root' );
define( 'DB_PASSWORD', '' );
define( 'DB_HOST', '127.0.0.1:$DB_PORT' );
define( 'WP_HOME', '$url' );
define( 'WP_SITEURL', '$url' );
define( 'WP_HTTP_BLOCK_EXTERNAL', true );
define( 'DISABLE_WP_CRON', true );
define( 'AUTOMATIC_UPDATER_DISABLED', true );
define( 'WP_AUTO_UPDATE_CORE', false );
define( 'DISALLOW_FILE_MODS', true );
define( 'WP_DEBUG', true );
define( 'WP_DEBUG_DISPLAY', false );
define( 'WP_DEBUG_LOG', '$TMP/debug.log' );
$extra
foreach ( array( 'AUTH_KEY', 'SECURE_AUTH_KEY', 'LOGGED_IN_KEY', 'NONCE_KEY', 'AUTH_SALT', 'SECURE_AUTH_SALT', 'LOGGED_IN_SALT', 'NONCE_SALT' ) as \$k ) define( \$k, 'test-' . \$k );
\$table_prefix = 'wp_';
defined( 'ABSPATH' ) || define( 'ABSPATH', __DIR__ . '/' );
require_once ABSPATH . 'wp-settings.php';
PHP
}
# serve DIR URL: php -S for DIR on URL's port, in its own process group.
serve() {
  PHP_CLI_SERVER_WORKERS=4 setsid php -S "${2#http://}" -t "$1" tests/wordpress/router.php >>"$TMP/php.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 100); do curl -sf -o /dev/null "$2/wp-login.php" && break; sleep 0.1; done
}

WP="$TMP/wp"
WP_PORT=$(free_port)
export WP_URL="http://127.0.0.1:$WP_PORT"
make_wp "$WP" "$WP_URL" wordpress
php -d display_errors=stderr tests/wordpress/install.php "$WP" "$WP_URL" > "$TMP/posts.json" || { echo "install failed:"; cat "$TMP/posts.json"; exit 1; }
export WP_POSTS="$TMP/posts.json"

serve "$WP" "$WP_URL"

# Each test takes seconds; one that hangs fails after two minutes with its
# name instead of holding the run until CI's own limit. (Twice in CI a
# sign-in waited 30 s for the dashboard's load: its admin bar asks Gravatar
# for a picture, and with no network the resolver took its time. The
# browser now fails every outside host at once, tests/e2e/helpers.mjs.)
# On a failure the PHP server's last requests are shown.
node --test --test-concurrency=1 --test-timeout=120000 tests/wordpress/plugin.test.mjs ||
  { echo "php -S's log, last 60 lines:"; tail -60 "$TMP/php.log"; exit 1; }
# Deleting the plugin removes its option (its uninstall.php).
php -d display_errors=stderr tests/wordpress/uninstall.php "$WP" "$WP_URL"

# A multisite network (a subdirectory site at /second/), in a database of
# its own: installed, converted as Network Setup does, the plugin
# network-activated, each site with its own defaults.
mariadb --no-defaults --socket="$TMP/db.sock" -e 'CREATE DATABASE wordpress_ms'
MS="$TMP/wpms"
MS_PORT=$(free_port)
export WP_MS_URL="http://127.0.0.1:$MS_PORT"
make_wp "$MS" "$WP_MS_URL" wordpress_ms "define( 'WP_ALLOW_MULTISITE', true );"
php -d display_errors=stderr tests/wordpress/install.php "$MS" "$WP_MS_URL" >/dev/null
php -d display_errors=stderr tests/wordpress/multisite.php "$MS" "$WP_MS_URL" network >/dev/null
write_config "$MS" "$WP_MS_URL" wordpress_ms "define( 'WP_ALLOW_MULTISITE', true );
define( 'MULTISITE', true );
define( 'SUBDOMAIN_INSTALL', false );
define( 'DOMAIN_CURRENT_SITE', '127.0.0.1:$MS_PORT' );
define( 'PATH_CURRENT_SITE', '/' );
define( 'SITE_ID_CURRENT_SITE', 1 );
define( 'BLOG_ID_CURRENT_SITE', 1 );"
php -d display_errors=stderr tests/wordpress/multisite.php "$MS" "$WP_MS_URL" sites > "$TMP/ms.json"
export WP_MS_SITES="$TMP/ms.json"
serve "$MS" "$WP_MS_URL"
node --test --test-timeout=120000 tests/wordpress/multisite.test.mjs ||
  { echo "php -S's log, last 60 lines:"; tail -60 "$TMP/php.log"; exit 1; }
php -d display_errors=stderr tests/wordpress/uninstall.php "$MS" "$WP_MS_URL"
# WordPress 6.1 itself logs deprecations on PHP 8.2; the plugin must log nothing.
if grep -q program-fit-screener "$TMP/debug.log" 2>/dev/null; then echo "the plugin's PHP notices:"; grep program-fit-screener "$TMP/debug.log"; exit 1; fi
