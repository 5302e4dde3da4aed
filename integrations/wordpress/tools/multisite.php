<?php

/**
 * The plugin on a WordPress network (multisite, sites in subdirectories), without a browser:
 *
 *   php multisite.php install SITE_DIR   # the main site, then the network's tables
 *   php multisite.php check SITE_DIR     # (with MULTISITE in wp-config.php) the checks below
 *
 * The checks: the plugin network-activated is active on a second site; each site keeps its own
 * settings, and its posts their own keys in the inbox; a site administrator who is not a network
 * administrator cannot change the settings that print script; each site stores what the plugin
 * stores (settings, queued renders, a failure, a cached embed, a post's placement, the author card
 * fields); then deactivated and uninstalled network-wide, nothing of it is left on any site.
 * Prints one line per check; exits 1 if one failed.
 */

declare(strict_types=1);

[, $phase, $dir] = $argv + [null, '', ''];
const AW_MS_HOST = 'courier.test';
$_SERVER['HTTP_HOST'] = AW_MS_HOST;
$_SERVER['SERVER_NAME'] = AW_MS_HOST;
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';

if ($phase === 'install') {
    define('WP_INSTALLING', true);
    require $dir . '/wp-load.php';
    require_once ABSPATH . 'wp-admin/includes/upgrade.php';
    require_once ABSPATH . 'wp-admin/includes/network.php';
    add_filter('pre_wp_mail', '__return_false');
    wp_install('The Courier Network', 'admin', 'admin@example.org', true, '', 'admin-password-for-tests');
    switch_theme('twentytwentyone');
    // (The network's tables have no names on a single site yet: WordPress's network screen
    // and wp-cli name them so before creating them.)
    global $wpdb;
    foreach ($wpdb->tables('ms_global') as $table => $prefixed) {
        $wpdb->$table = $prefixed;
    }
    install_network();
    $result = populate_network(1, AW_MS_HOST, 'admin@example.org', 'The Courier Network', '/', false);
    if (is_wp_error($result) && $result->get_error_code() !== 'no_wildcard_dns') {
        fwrite(STDERR, 'multisite: ' . $result->get_error_message() . "\n");
        exit(1);
    }
    echo "installed\n";
    exit(0);
}
if ($phase !== 'check') {
    fwrite(STDERR, "usage: php multisite.php install|check SITE_DIR\n");
    exit(2);
}

require $dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';
require_once ABSPATH . 'wp-admin/includes/user.php';

$failed = 0;
$check = static function (bool $ok, string $what) use (&$failed): void {
    echo ($ok ? 'ok   ' : 'FAIL ') . $what . "\n";
    $failed += $ok ? 0 : 1;
};

$plugin = 'article-widget/article-widget.php';
$check(is_multisite(), 'the site is a network');
$second = wp_insert_site(['domain' => AW_MS_HOST, 'path' => '/second/', 'title' => 'The Second Courier', 'user_id' => 1]);
$check(is_int($second), 'a second site is created');
$siteAdmin = wp_insert_user([
    'user_login' => 'siteadmin',
    'user_email' => 'siteadmin@example.org',
    'user_pass' => 'site-admin-password-for-tests',
]);
add_user_to_blog((int) $second, (int) $siteAdmin, 'administrator');

wp_set_current_user(1);
$activated = activate_plugin($plugin, '', true);
$check(!is_wp_error($activated) && is_plugin_active_for_network($plugin), 'the plugin is network-activated');

$author = wp_insert_user([
    'user_login' => 'writer',
    'user_email' => 'writer@example.org',
    'user_pass' => 'writer-password-for-tests',
    'display_name' => 'Wren Writer',
]);
update_user_meta((int) $author, 'aw_job_title', 'Reporter');
update_user_meta((int) $author, 'aw_location', 'Millbrook');

$sites = [1 => 'https://one.example/corrections', (int) $second => 'https://two.example/corrections'];
$posts = [];
foreach ($sites as $site => $endpoint) {
    switch_to_blog($site);
    add_user_to_blog($site, (int) $author, 'author');
    $check(is_plugin_active($plugin), "site {$site}: the plugin is active");
    wp_set_current_user(1);
    update_option(ArticleWidget\Options::KEY, ArticleWidget\Options::sanitize([
        'endpoint' => $endpoint,
        // A route nothing answers on: renders fail and are kept for a retry.
        'render_url' => 'http://127.0.0.1:9',
    ]));
    $post = wp_insert_post([
        'post_title' => "Site {$site}'s story",
        'post_content' => '<p>Words.</p>',
        'post_status' => 'publish',
        'post_author' => (int) $author,
    ]);
    $posts[$site] = $post;
    update_post_meta($post, ArticleWidget\Options::POST_PLACEMENT, 'after');
    $check(wp_next_scheduled(ArticleWidget\Renderer::PRIME, [$post]) !== false, "site {$site}: the post is queued for its render");
    wp_set_current_user(0);
    $html = ArticleWidget\Embed::html(get_post($post), true);
    $check(str_contains($html, esc_attr($endpoint)), "site {$site}: the embed posts to this site's inbox");
    do_action(ArticleWidget\Renderer::PRIME, $post);
    $status = get_post_meta($post, ArticleWidget\Renderer::STATUS, true);
    $check(is_array($status) && empty($status['ok']), "site {$site}: the failed render is kept on the post");
    set_transient('aw_embed_' . md5("test {$site}"), '<div data-article-widget></div>', HOUR_IN_SECONDS);
    update_post_meta($post, '_aw_embed_keys', ['aw_embed_' . md5("test {$site}")]);
    restore_current_blog();
}
switch_to_blog((int) $second);
$key = ArticleWidget\ArticleData::articleId(get_post($posts[(int) $second]));
restore_current_blog();
$main = ArticleWidget\ArticleData::articleId(get_post($posts[1]));
$check($key !== $main && str_contains($key, '/second/'), "each site's posts have their own keys in the inbox ({$main}, {$key})");

// A site's administrator is not the network's: the script settings stay as they are.
switch_to_blog((int) $second);
wp_set_current_user((int) $siteAdmin);
$check(!current_user_can('unfiltered_html'), "the second site's administrator may not post unfiltered HTML");
$clean = ArticleWidget\Options::sanitize(['render_url' => 'https://attacker.example/render', 'loader' => 'url', 'loader_url' => 'https://attacker.example/aw.js']);
$check($clean['render_url'] === 'http://127.0.0.1:9' && $clean['loader'] !== 'url', 'and cannot point the render route or the loader elsewhere');
wp_set_current_user(1);
restore_current_blog();

// Network deactivation and uninstall: nothing of the plugin's is left on any site.
global $wpdb;
$stored = static function () use ($wpdb): int {
    return (int) $wpdb->get_var(
        "SELECT COUNT(*) FROM {$wpdb->options} WHERE option_name = 'article_widget_options'"
        . " OR option_name LIKE 'aw\\_render\\_%' OR option_name LIKE '\\_transient\\_aw\\_%'"
        . " OR option_name LIKE '\\_transient\\_timeout\\_aw\\_%'"
    );
};
foreach (array_keys($sites) as $site) {
    switch_to_blog($site);
    $check($stored() >= 4, "site {$site}: before: the plugin's settings, queued render and cached embed ({$stored()})");
    restore_current_blog();
}
deactivate_plugins($plugin, false, true);
$check(!is_plugin_active_for_network($plugin), 'the plugin is network-deactivated');
uninstall_plugin($plugin);
foreach (array_keys($sites) as $site) {
    switch_to_blog($site);
    $options = $stored();
    $check($options === 0, "site {$site}: no option of the plugin's is left ({$options})");
    $meta = (int) $wpdb->get_var(
        "SELECT COUNT(*) FROM {$wpdb->postmeta} WHERE meta_key IN ('_aw_render', '_aw_embed_keys', '_article_widget_placement')"
    );
    $check($meta === 0, "site {$site}: no post meta of the plugin's is left ({$meta})");
    $queued = 0;
    foreach ((array) _get_cron_array() as $hooks) {
        $queued += count(array_intersect(array_keys((array) $hooks), ['article_widget_render', 'article_widget_prime']));
    }
    $check($queued === 0, "site {$site}: no render is queued ({$queued})");
    restore_current_blog();
}
$userMeta = (int) $wpdb->get_var("SELECT COUNT(*) FROM {$wpdb->usermeta} WHERE meta_key LIKE 'aw\\_%'");
$check($userMeta === 0, "the author card's fields are gone from every user ({$userMeta})");
if ($failed > 0) {
    echo "multisite: {$failed} check(s) failed\n";
    exit(1);
}
echo "multisite: every check passed\n";
exit(0);
