<?php

/**
 * Runs the test site's due scheduled events once, as WP-Cron would (the test site has
 * DISABLE_WP_CRON: its PHP server is single-threaded, and a test decides when renders happen).
 * Prints how many ran, as JSON.
 *
 *   php cron.php SITE_DIR SITE_URL
 */

declare(strict_types=1);

[, $dir, $url] = $argv + [null, '', ''];
$_SERVER['HTTP_HOST'] = (string) parse_url($url, PHP_URL_HOST) . ':' . (string) parse_url($url, PHP_URL_PORT);
$_SERVER['SERVER_NAME'] = (string) parse_url($url, PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/wp-cron.php';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('DOING_CRON', true);
require $dir . '/wp-load.php';

$ran = 0;
$hooksRan = [];
foreach ((array) _get_cron_array() as $timestamp => $hooks) {
    if ($timestamp > time()) {
        continue;
    }
    foreach ((array) $hooks as $hook => $events) {
        foreach ((array) $events as $event) {
            wp_unschedule_event($timestamp, $hook, $event['args']);
            do_action_ref_array($hook, $event['args']);
            $ran++;
            $hooksRan[] = $hook;
        }
    }
}
echo json_encode(['ran' => $ran, 'hooks' => $hooksRan]) . "\n";
