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
global $wpdb;
foreach (['_transient_aw_embed_%', '_transient_timeout_aw_embed_%'] as $pattern) {
    $wpdb->query($wpdb->prepare("DELETE FROM {$wpdb->options} WHERE option_name LIKE %s", $pattern));
}
delete_post_meta_by_key('_aw_embed_keys');
require_once __DIR__ . '/includes/ArticleData.php';
foreach (array_keys(ArticleWidget\ArticleData::PROFILE_FIELDS) as $key) {
    delete_metadata('user', 0, $key, '', true);
}
