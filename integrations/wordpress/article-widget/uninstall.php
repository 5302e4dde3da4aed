<?php

/**
 * Uninstalling the plugin removes what it stored: on every site of a network (the plugin may
 * have been network-activated, or activated on some sites), its settings, its cached embeds, its
 * queued renders and their status; and once, the author-card fields it added to user profiles
 * (users are the network's).
 */

if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}

// One site's part: the settings, the cached embeds, the queue and the render status.
$uninstallSite = static function (): void {
    global $wpdb;
    delete_option('article_widget_options');
    delete_transient('aw_render_down');
    wp_unschedule_hook('article_widget_render');
    wp_unschedule_hook('article_widget_prime');
    $patterns = ['_transient_aw_embed_%', '_transient_timeout_aw_embed_%', 'aw\_render\_job\_%', 'aw\_render\_lock\_%'];
    foreach ($patterns as $pattern) {
        $wpdb->query($wpdb->prepare("DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $pattern));
    }
    delete_post_meta_by_key('_aw_embed_keys');
    delete_post_meta_by_key('_aw_render');
    delete_post_meta_by_key('_article_widget_placement');
};

if (is_multisite()) {
    foreach (get_sites(['fields' => 'ids', 'number' => 0]) as $site) {
        switch_to_blog((int) $site);
        $uninstallSite();
        restore_current_blog();
    }
} else {
    $uninstallSite();
}
require_once __DIR__ . '/includes/ArticleData.php';
foreach (array_keys(ArticleWidget\ArticleData::PROFILE_FIELDS) as $key) {
    delete_metadata('user', 0, $key, '', true);
}
