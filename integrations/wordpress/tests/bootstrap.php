<?php

/**
 * Loads the throwaway WordPress that scripts/wordpress.sh started (with the plugin active), so
 * the tests run against WordPress itself, not stubs. AW_WP_DIR is its folder, AW_WP_URL its
 * address; AW_RENDER is aw-render (the command), for real embeds.
 */

declare(strict_types=1);

$dir = (string) getenv('AW_WP_DIR');
$url = (string) getenv('AW_WP_URL');
if ($dir === '' || !is_file($dir . '/wp-load.php')) {
    fwrite(STDERR, "bootstrap.php: AW_WP_DIR must name the test WordPress (scripts/wordpress.sh starts one)\n");
    exit(2);
}
$_SERVER['HTTP_HOST'] = (string) parse_url($url, PHP_URL_HOST) . ':' . (string) parse_url($url, PHP_URL_PORT);
$_SERVER['SERVER_NAME'] = (string) parse_url($url, PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
require $dir . '/wp-load.php';
