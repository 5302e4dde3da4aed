<?php

declare(strict_types=1);

namespace ArticleWidget;

/**
 * The "Article widget" block (block/block.json, API version 3): rendered on the server like the
 * shortcode, with the post (this one, or another published post) and the parts (the article,
 * the Truth and Accuracy box, the tags, the author card) chosen in the editor, where a preview
 * shows the widget itself (block/edit.js, fed by the `article-widget/v1/preview` REST route).
 */
final class Block
{
    /** The block's name. */
    public const NAME = 'article-widget/widget';
    /** Every part, in the widget's order (the shortcode shows them all). */
    public const PARTS = ['article', 'trust', 'tags', 'author'];
    /** The parts a new block shows: the widget beside this post's own article. */
    public const DEFAULT_PARTS = ['trust', 'tags', 'author'];

    public static function boot(): void
    {
        add_action('init', [self::class, 'register']);
        add_action('rest_api_init', [self::class, 'routes']);
    }

    public static function register(): void
    {
        $type = register_block_type(dirname(Plugin::file()) . '/block', [
            'render_callback' => [self::class, 'render'],
        ]);
        if (!$type instanceof \WP_Block_Type) {
            return;
        }
        $handle = generate_block_asset_handle(self::NAME, 'editorScript');
        // The editor's preview loads the widget's loader (the same one readers get).
        wp_add_inline_script(
            $handle,
            'window.articleWidgetBlock = '
                . wp_json_encode(['loader' => Embed::loaderUrl()], JSON_UNESCAPED_SLASHES) . ';',
            'before'
        );
        wp_set_script_translations($handle, 'article-widget', dirname(Plugin::file()) . '/languages');
    }

    /**
     * The parts asked for, known ones only, in the widget's order; none is the default.
     *
     * @param mixed $asked
     * @return list<string>
     */
    public static function parts($asked): array
    {
        $asked = is_array($asked) ? $asked : preg_split('/[\s,]+/', (string) $asked);
        $known = static fn(string $part): bool => in_array($part, (array) $asked, true);
        $parts = array_values(array_filter(self::PARTS, $known));
        return $parts === [] ? self::DEFAULT_PARTS : $parts;
    }

    /**
     * The block on a page: the chosen post's widget (nothing for a post not every visitor may
     * read), in the block's wrapper.
     *
     * @param array<string, mixed> $attributes
     */
    public static function render(array $attributes): string
    {
        $id = (int) ($attributes['post'] ?? 0);
        $current = get_post();
        $post = $id > 0 ? get_post($id) : $current;
        if (!$post instanceof \WP_Post || ($id > 0 && $post->ID !== $id)) {
            return '';
        }
        $beside = $current instanceof \WP_Post && $current->ID === $post->ID;
        $embed = Plugin::standalone($post, self::parts($attributes['parts'] ?? null), $beside);
        return $embed === '' ? '' : '<div ' . get_block_wrapper_attributes() . '>' . $embed . '</div>';
    }

    /** The editor's preview: a post's article and the widget's options, for those who may edit. */
    public static function routes(): void
    {
        register_rest_route('article-widget/v1', '/preview/(?P<id>\d+)', [
            'methods' => 'GET',
            'callback' => [self::class, 'preview'],
            'permission_callback' => static fn(\WP_REST_Request $request): bool
                => current_user_can('edit_posts') && current_user_can('read_post', (int) $request['id']),
            'args' => [
                'id' => ['type' => 'integer', 'required' => true],
                'parts' => ['type' => 'string', 'default' => ''],
            ],
        ]);
    }

    /** @return \WP_REST_Response|\WP_Error */
    public static function preview(\WP_REST_Request $request)
    {
        $post = get_post((int) $request['id']);
        if (!$post instanceof \WP_Post || $post->post_type !== 'post') {
            return new \WP_Error('article_widget_no_post', __('No such post.', 'article-widget'), ['status' => 404]);
        }
        $parts = self::parts((string) $request['parts']);
        $article = ArticleData::of($post, false);
        if (in_array('article', $parts, true)) {
            $previous = $GLOBALS['post'] ?? null;
            $GLOBALS['post'] = $post;
            setup_postdata($post);
            try {
                $article['bodyHtml'] = (string) apply_filters('the_content', $post->post_content);
            } finally {
                $GLOBALS['post'] = $previous;
            }
        }
        if (($article['headline'] ?? '') === '') {
            $why = __('The post needs a title.', 'article-widget');
            return new \WP_Error('article_widget_no_title', $why, ['status' => 422]);
        }
        $options = Embed::attributes($post);
        $options['parts'] = implode(' ', $parts);
        return new \WP_REST_Response(['article' => $article, 'options' => $options]);
    }
}
