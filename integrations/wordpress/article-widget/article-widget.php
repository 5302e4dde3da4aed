<?php

/**
 * Plugin Name:       Article Widget
 * Plugin URI:        https://github.com/article-widget/article-widget
 * Description:       A Truth and Accuracy box with a correction form, topic tags and an author card for every post.
 * Version:           0.1.0
 * Requires at least: 6.1
 * Requires PHP:      8.0
 * Author:            article-widget
 * License:           MIT OR Apache-2.0
 * License URI:       https://github.com/article-widget/article-widget/blob/main/LICENSE
 * Text Domain:       article-widget
 * Domain Path:       /languages
 *
 * This file only wires the plugin into WordPress; the classes are in includes/.
 */

if (!defined('ABSPATH')) {
    exit;
}

require_once __DIR__ . '/includes/Options.php';
require_once __DIR__ . '/includes/ArticleData.php';
require_once __DIR__ . '/includes/Embed.php';
require_once __DIR__ . '/includes/Renderer.php';
require_once __DIR__ . '/includes/Block.php';
require_once __DIR__ . '/includes/Admin.php';
require_once __DIR__ . '/includes/Privacy.php';
require_once __DIR__ . '/includes/Settings.php';
require_once __DIR__ . '/includes/Profile.php';
require_once __DIR__ . '/includes/Plugin.php';

ArticleWidget\Plugin::boot(__FILE__);
