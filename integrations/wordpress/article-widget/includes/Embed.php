<?php

declare(strict_types=1);

namespace ArticleWidget;

/**
 * The widget's HTML for a post: prerendered by the render route when one is configured and it
 * has rendered this embed (in the background, Renderer), otherwise the client-only embed with
 * the article inline.
 * Never a blank space, never an error on the page.
 */
final class Embed
{
    /**
     * The embed for `$post` (and the loader queued for the page): the whole widget, or with
     * `$parts` only its trust box, tags and author card, to follow the theme's own article.
     * `$bodyHtml`, when given, is the body as the theme prints it (the widget reads it into its
     * blocks); otherwise the plugin reads the post's content itself. `$overrides` are data-*
     * options over the settings' (a block's parts; an empty value removes one).
     *
     * @param array<string, string> $overrides
     */
    public static function html(
        \WP_Post $post,
        bool $parts = false,
        ?string $bodyHtml = null,
        array $overrides = []
    ): string {
        $article = ArticleData::of($post, !$parts && $bodyHtml === null);
        if (!$parts && $bodyHtml !== null) {
            $article['bodyHtml'] = self::withoutLoadingHints($bodyHtml);
        }
        if (!isset($article['headline']) || $article['headline'] === '') {
            return '';
        }
        self::enqueueLoader();
        $attributes = self::attributes($post);
        if ($parts) {
            // Beside the theme's article: select-to-quote reads the reader's selection in the
            // element that holds the post's content, which is the one holding this embed (it
            // ends `the_content`). Its id keeps the selector to this post's element.
            $attributes['parts'] = Options::PARTS;
            $attributes['article-body'] = ':has(> #' . self::id($post) . ')';
        }
        $attributes = array_filter(array_merge($attributes, $overrides), static fn(string $v): bool => $v !== '');
        $prerendered = self::prerendered($post, $article, $attributes);
        $html = $prerendered ?? self::clientOnly($article, $attributes);
        return $parts ? self::withId($html, $post) : $html;
    }

    /**
     * `$html` without the loading hints WordPress puts on images and frames (`loading`,
     * `fetchpriority`): it chooses them by how many images the page printed before, so the same
     * post would read differently in a page view and in a background render (and the cached
     * embed would never match). The widget chooses its own: lazy below the fold.
     */
    public static function withoutLoadingHints(string $html): string
    {
        // Attribute by attribute (a quoted value is read whole: "loading=" inside one is text).
        $attribute = '/\s+([^\s=\/>"\']+)(?:\s*=\s*(?:"[^"]*"|\'[^\']*\'|[^\s>"\']+))?/';
        $drop = static fn(array $a): string
            => in_array(strtolower($a[1]), ['loading', 'fetchpriority'], true) ? '' : $a[0];
        return (string) preg_replace_callback(
            '/<(?:img|iframe)\b(?:[^>"\']|"[^"]*"|\'[^\']*\')*>/i',
            static fn(array $tag): string => (string) preg_replace_callback($attribute, $drop, $tag[0]),
            $html
        );
    }

    /** The embed element's id on a page (one widget per post). */
    public static function id(\WP_Post $post): string
    {
        return 'article-widget-' . $post->ID;
    }

    /** `$html` (an embed: it starts with its element) with the element's id. */
    private static function withId(string $html, \WP_Post $post): string
    {
        $open = '<div data-article-widget';
        if (!str_starts_with($html, $open)) {
            return $html;
        }
        return '<div id="' . esc_attr(self::id($post)) . '" data-article-widget' . substr($html, strlen($open));
    }

    /**
     * The widget's data-* options from the settings (the names the render route and the
     * element share, without "data-").
     *
     * @return array<string, string>
     */
    public static function attributes(\WP_Post $post): array
    {
        $options = Options::all();
        $template = $options['corrections_src'];
        $attributes = [
            'locale' => str_replace('_', '-', determine_locale()),
            'theme' => $options['theme'],
            'correction-endpoint' => $options['endpoint'],
            'corrections-src' => $template,
        ];
        // The tag archive, as this site's permalinks spell it.
        $tagBase = trim((string) get_option('tag_base'), '/');
        $attributes['tag-url'] = (string) get_option('permalink_structure') === ''
            ? home_url('/?tag={slug}')
            : home_url('/' . ($tagBase !== '' ? $tagBase : 'tag') . '/{slug}/');
        /** The widget's options for this post: add or change data-* values here. */
        $attributes = (array) apply_filters('article_widget_attributes', $attributes, $post);
        return array_filter(array_map('strval', $attributes), static fn(string $v): bool => $v !== '');
    }

    /**
     * The client-only embed: the element with its options and the article inline (its `<`
     * escaped, so nothing in it can close the script element).
     *
     * @param array<string, mixed> $article
     * @param array<string, string> $attributes
     */
    public static function clientOnly(array $article, array $attributes): string
    {
        $html = '<div data-article-widget';
        foreach ($attributes as $name => $value) {
            $html .= ' data-' . esc_attr($name) . '="' . esc_attr($value) . '"';
        }
        $flags = JSON_HEX_TAG | JSON_HEX_AMP | JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE;
        $json = wp_json_encode($article, $flags);
        return $html . '><script type="application/json">' . $json . '</script></div>';
    }

    /**
     * The render route's embed from the cache, or null: when there is no route, or it has not
     * rendered this embed yet (then it is queued, and rendered outside any reader's request:
     * see Renderer). A reader never waits on the route.
     *
     * @param array<string, mixed> $article
     * @param array<string, string> $attributes
     */
    private static function prerendered(\WP_Post $post, array $article, array $attributes): ?string
    {
        $route = Options::get('render_url');
        if ($route === '') {
            return null;
        }
        $query = $attributes + ['hydrate' => Options::get('hydrate')];
        $json = (string) wp_json_encode($article, JSON_UNESCAPED_SLASHES | JSON_UNESCAPED_UNICODE);
        $key = 'aw_embed_' . md5(implode('|', [
            $post->ID,
            $post->post_modified_gmt,
            Plugin::VERSION,
            $route,
            (string) wp_json_encode($query),
            md5($json),
        ]));
        return Renderer::cached($post, $key, $route, $query, $json);
    }

    /** Removes a post's cached embeds (on save, trash and delete). */
    public static function purge(int $postId): void
    {
        foreach ((array) get_post_meta($postId, '_aw_embed_keys', true) as $key) {
            if (is_string($key) && str_starts_with($key, 'aw_embed_')) {
                delete_transient($key);
            }
        }
        delete_post_meta($postId, '_aw_embed_keys');
    }

    /** Queues the loader: the bundled copy or the configured URL, as a module. */
    public static function enqueueLoader(): void
    {
        // The plugin's version on the URL: an update is a new URL, past any cache.
        wp_enqueue_script('article-widget', self::loaderSource(), [], Plugin::VERSION, true);
    }

    /** The loader's URL: the bundled copy or the configured one. */
    private static function loaderSource(): string
    {
        return Options::get('loader') === 'url' && Options::get('loader_url') !== ''
            ? Options::get('loader_url')
            : plugins_url('assets/article-widget.js', Plugin::file());
    }

    /** The loader's URL with the plugin's version, as pages load it. */
    public static function loaderUrl(): string
    {
        return add_query_arg('ver', Plugin::VERSION, self::loaderSource());
    }

    /** `<script type="module">` for the loader (WordPress 6.1 has no script modules). */
    public static function moduleTag(string $tag, string $handle, string $src): string
    {
        if ($handle !== 'article-widget') {
            return $tag;
        }
        return '<script type="module" src="' . esc_url($src) . '" id="article-widget-js"></script>' . "\n";
    }
}
