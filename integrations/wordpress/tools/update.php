<?php

/**
 * Changes the test site as an editor would, through WordPress's own functions (so its hooks
 * run): a post (`wp_update_post`) or a user (`wp_update_user`), from JSON. Prints "ok".
 *
 *   php update.php SITE_DIR SITE_URL post '{"ID": 12, "post_title": "…"}'
 *   php update.php SITE_DIR SITE_URL user '{"ID": 2, "description": "…"}'
 */

declare(strict_types=1);

[, $dir, $url, $kind, $json] = $argv + [null, '', '', '', '{}'];
$_SERVER['HTTP_HOST'] = (string) parse_url($url, PHP_URL_HOST) . ':' . (string) parse_url($url, PHP_URL_PORT);
$_SERVER['SERVER_NAME'] = (string) parse_url($url, PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
require $dir . '/wp-load.php';

wp_set_current_user(1);
$fields = json_decode($json, true, 8, JSON_THROW_ON_ERROR);
$result = match ($kind) {
    'post' => wp_update_post(wp_slash($fields), true),
    'user' => wp_update_user(wp_slash($fields)),
    default => new WP_Error('usage', 'update.php: post or user'),
};
if (is_wp_error($result)) {
    fwrite(STDERR, 'update.php: ' . $result->get_error_message() . "\n");
    exit(1);
}
echo "ok\n";
