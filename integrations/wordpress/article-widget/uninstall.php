<?php

/**
 * Uninstalling the plugin removes what it stored: its settings, its cached embeds, and the
 * author-card fields it added to user profiles.
 */

if (!defined('WP_UNINSTALL_PLUGIN')) {
    exit;
}

delete_option('article_widget_options');
delete_transient('aw_render_down');
wp_unschedule_hook('article_widget_render');
global $wpdb;
$patterns = ['_transient_aw_embed_%', '_transient_timeout_aw_embed_%', 'aw\_render\_job\_%', 'aw\_render\_lock\_%'];
foreach ($patterns as $pattern) {
    $wpdb->query($wpdb->prepare("DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $pattern));
}
delete_post_meta_by_key('_aw_embed_keys');
delete_post_meta_by_key('_aw_render');
require_once __DIR__ . '/includes/ArticleData.php';
foreach (array_keys(ArticleWidget\ArticleData::PROFILE_FIELDS) as $key) {
    delete_metadata('user', 0, $key, '', true);
}
