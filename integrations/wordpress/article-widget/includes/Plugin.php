<?php

declare(strict_types=1);

namespace ArticleWidget;

/**
 * The plugin's hooks: where the widget shows (after or instead of a single post's content, or
 * where the [article_widget] shortcode is), the loader as a module, the settings page, the
 * profile fields, and the cache's purge when a post changes.
 */
final class Plugin
{
    /** The plugin's version (it keys the embed cache: an update renders every post anew). */
    public const VERSION = '0.1.0';

    /** The plugin's main file. */
    private static string $file = '';
    /** While `themeContent` runs: what `the_content` holds when it reaches this plugin's filter. */
    private static bool $capturing = false;
    private static ?string $captured = null;

    public static function file(): string
    {
        return self::$file;
    }

    public static function boot(string $file): void
    {
        self::$file = $file;
        add_action('admin_init', [Settings::class, 'register']);
        add_action('admin_menu', [Settings::class, 'menu']);
        add_filter('plugin_action_links_' . plugin_basename($file), [self::class, 'actionLinks']);
        add_action('show_user_profile', [Profile::class, 'show']);
        add_action('edit_user_profile', [Profile::class, 'show']);
        add_action('personal_options_update', [Profile::class, 'save']);
        add_action('edit_user_profile_update', [Profile::class, 'save']);
        add_shortcode('article_widget', [self::class, 'shortcode']);
        add_filter('the_content', [self::class, 'content'], 20);
        add_action('init', [self::class, 'registerMeta']);
        add_action('init', [self::class, 'textDomain']);
        add_action('enqueue_block_editor_assets', [self::class, 'editorPanel']);
        add_filter('script_loader_tag', [Embed::class, 'moduleTag'], 10, 3);
        add_action('save_post', [Embed::class, 'purge']);
        add_action('trashed_post', [Embed::class, 'purge']);
        add_action('deleted_post', [Embed::class, 'purge']);
        add_action('deleted_post', [Renderer::class, 'forget']);
        Renderer::boot();
        Block::boot();
        Admin::boot();
        Privacy::boot();
    }

    /** The plugin's translations (languages/article-widget-<locale>.mo; the .pot is there). */
    public static function textDomain(): void
    {
        load_plugin_textdomain('article-widget', false, dirname(plugin_basename(self::$file)) . '/languages');
    }

    /**
     * One post's placement (`_article_widget_placement`: off, after or replace; empty follows
     * the settings), editable by those who may edit the post, and in the REST API for the
     * editor.
     */
    public static function registerMeta(): void
    {
        register_post_meta('post', Options::POST_PLACEMENT, [
            'type' => 'string',
            'single' => true,
            'default' => '',
            'show_in_rest' => ['schema' => ['enum' => Options::POST_PLACEMENTS]],
            'sanitize_callback' => static fn($value): string
                => in_array($value, Options::POST_PLACEMENTS, true) ? (string) $value : '',
            'auth_callback' => static fn($allowed, $key, $postId): bool
                => current_user_can('edit_post', (int) $postId),
        ]);
    }

    /** The post editor's "Article widget" panel: this post's placement. */
    public static function editorPanel(): void
    {
        wp_enqueue_script(
            'article-widget-placement',
            plugins_url('editor/placement.js', self::$file),
            ['wp-plugins', 'wp-edit-post', 'wp-element', 'wp-components', 'wp-data', 'wp-core-data', 'wp-i18n'],
            self::VERSION,
            true
        );
        wp_set_script_translations('article-widget-placement', 'article-widget', dirname(self::$file) . '/languages');
    }

    /** Where the widget shows on `$post`: its own setting, else the site's. */
    public static function placement(\WP_Post $post): string
    {
        $own = (string) get_post_meta($post->ID, Options::POST_PLACEMENT, true);
        return in_array($own, ['off', 'after', 'replace'], true) ? $own : Options::get('placement');
    }

    /**
     * `the_content` of a single post in the main loop: the widget's trust box, tags and author
     * card after the theme's content (the default), or the whole widget instead of it.
     */
    public static function content(string $content): string
    {
        if (self::$capturing) {
            self::$captured = $content;
            return $content;
        }
        if (!is_singular('post') || !in_the_loop() || !is_main_query() || !self::pageView()) {
            return $content;
        }
        $post = get_post();
        if (!$post instanceof \WP_Post || self::placedByHand($post)) {
            return $content;
        }
        $placement = self::placement($post);
        if ($placement !== 'after' && $placement !== 'replace') {
            return $content;
        }
        // Instead of the content: the content as the theme would print it (blocks rendered,
        // shortcodes run, [caption]s and embeds, footnotes), sent as the article's own HTML, so
        // nothing the post shows is lost; beside it: the widget's parts only.
        $embed = $placement === 'after' ? self::safely($post, true) : self::safely($post, false, $content);
        if ($embed === '') {
            return $content;
        }
        return $placement === 'replace' ? $embed : $content . $embed;
    }

    /**
     * `$post`'s content as the theme prints it, up to this plugin's place in `the_content` — what
     * a page view hands the widget "instead of the content" — for a render outside a page view
     * (the same body, so the same cached embed).
     */
    public static function themeContent(\WP_Post $post): string
    {
        self::$capturing = true;
        self::$captured = null;
        try {
            $all = (string) apply_filters('the_content', $post->post_content);
        } finally {
            self::$capturing = false;
        }
        return self::$captured ?? $all;
    }

    /** Whether the post places the widget itself (the shortcode or the block): then only there. */
    public static function placedByHand(\WP_Post $post): bool
    {
        return has_shortcode($post->post_content, 'article_widget') || has_block(Block::NAME, $post);
    }

    /**
     * `[article_widget]` (the current post) or `[article_widget id="123"]` (a published post).
     *
     * @param array<string, string>|string $atts
     */
    public static function shortcode($atts): string
    {
        $atts = shortcode_atts(['id' => ''], is_array($atts) ? $atts : [], 'article_widget');
        // An id that is not a post's (0, a word) is no post: not the current one.
        $id = trim((string) $atts['id']);
        $post = $id === '' ? get_post() : (ctype_digit($id) && (int) $id > 0 ? get_post((int) $id) : null);
        return $post instanceof \WP_Post ? self::standalone($post, Block::PARTS) : '';
    }

    /**
     * The widget where a shortcode or a block puts it: `$parts` of `$post` (a list of article,
     * trust, tags and author), if every visitor may read the post. With the article, its body is
     * the content as the theme would show it to this reader; without, the parts follow the post's
     * own content (`$beside`: select-to-quote reads the element holding the block) or stand alone.
     *
     * @param list<string> $parts
     */
    public static function standalone(\WP_Post $post, array $parts, bool $beside = false): string
    {
        if (!self::pageView() || !self::readable($post)) {
            return '';
        }
        $overrides = $parts === Block::PARTS ? [] : ['parts' => implode(' ', $parts)];
        if (!in_array('article', $parts, true)) {
            // The block's wrapper holds the embed: the element holding the wrapper holds the post.
            $overrides['article-body'] = $beside ? ':has(> * > #' . Embed::id($post) . ')' : '';
            return self::safely($post, true, null, $overrides);
        }
        // The body as the theme would show it to this reader: through `the_content`, with
        // whatever a paywall or membership plugin does there. Once: a post whose content holds
        // the shortcode or block renders it again inside that pass, and gets no second widget there.
        static $rendering = [];
        if (isset($rendering[$post->ID]) || post_password_required($post)) {
            return '';
        }
        $rendering[$post->ID] = true;
        try {
            $content = (string) apply_filters('the_content', $post->post_content);
        } finally {
            unset($rendering[$post->ID]);
        }
        return self::safely($post, false, $content, $overrides);
    }

    /**
     * Whether any visitor may read `$post` through the widget: a published post (never a
     * revision, draft, scheduled, pending, private or trashed one) of a public post type, that
     * this visitor may read, and without a password (`safely` checks that one).
     */
    public static function readable(\WP_Post $post): bool
    {
        // (`read_post` is false for a visitor who is not logged in, whatever the post: a published
        // post of a public type is what the theme shows everyone.)
        return $post->post_status === 'publish'
            && $post->post_type !== 'revision'
            && $post->post_type !== 'attachment'
            && is_post_publicly_viewable($post)
            && (!is_user_logged_in() || current_user_can('read_post', $post->ID));
    }

    /**
     * Whether this request is a page a reader views: not a feed, the REST API, an AMP page, an
     * excerpt being made or the admin.
     */
    public static function pageView(): bool
    {
        return !is_feed()
            && !is_admin()
            && !(defined('REST_REQUEST') && REST_REQUEST)
            && !wp_is_json_request()
            && !doing_filter('get_the_excerpt')
            && !(function_exists('amp_is_request') && amp_is_request());
    }

    /**
     * The embed, or nothing (and a log line) if anything fails: never an error on the page. A
     * password-protected post gets nothing until the reader has given its password (the widget
     * would show its content).
     */
    /**
     * @param array<string, string> $overrides
     */
    private static function safely(
        \WP_Post $post,
        bool $parts = false,
        ?string $bodyHtml = null,
        array $overrides = []
    ): string {
        if (post_password_required($post)) {
            return '';
        }
        try {
            return Embed::html($post, $parts, $bodyHtml, $overrides);
        } catch (\Throwable $e) {
            if (defined('WP_DEBUG') && WP_DEBUG) {
                error_log('article-widget: ' . $e->getMessage());
            }
            return '';
        }
    }

    /**
     * @param list<string> $links
     * @return list<string>
     */
    public static function actionLinks(array $links): array
    {
        $links[] = '<a href="' . esc_url(admin_url('options-general.php?page=article-widget')) . '">'
            . esc_html__('Settings', 'article-widget') . '</a>';
        return $links;
    }
}
