<?php

declare(strict_types=1);

namespace ArticleWidget;

/**
 * What editors see of the background renders: a "Widget" column in the post list (prerendered,
 * queued, or the failure with the route's answer and the next attempt) and a Site Health test
 * (the route reachable, the last failures, the queue's length).
 */
final class Admin
{
    public static function boot(): void
    {
        add_filter('manage_post_posts_columns', [self::class, 'columns']);
        add_action('manage_post_posts_custom_column', [self::class, 'column'], 10, 2);
        add_filter('site_status_tests', [self::class, 'healthTests']);
    }

    /**
     * @param array<string, string> $columns
     * @return array<string, string>
     */
    public static function columns(array $columns): array
    {
        if (Options::get('render_url') !== '') {
            $columns['article_widget'] = __('Widget', 'article-widget');
        }
        return $columns;
    }

    public static function column(string $column, int $postId): void
    {
        if ($column !== 'article_widget') {
            return;
        }
        $status = get_post_meta($postId, Renderer::STATUS, true);
        if (!is_array($status)) {
            echo esc_html__('Not rendered yet', 'article-widget');
            return;
        }
        if (!empty($status['ok'])) {
            echo esc_html__('Prerendered', 'article-widget');
            return;
        }
        echo '<strong>' . esc_html(self::failure($status)) . '</strong>';
    }

    /**
     * One failure in words: what the route answered and when it is tried again.
     *
     * @param array<string, mixed> $status
     */
    public static function failure(array $status): string
    {
        $answer = (int) ($status['status'] ?? 0) > 0
            /* translators: %d: the HTTP status the render route answered */
            ? sprintf(__('Render failed (HTTP %d)', 'article-widget'), (int) $status['status'])
            : __('Render failed (no answer)', 'article-widget');
        $next = (int) ($status['next'] ?? 0);
        $when = $next > 0
            /* translators: %s: a date and time */
            ? sprintf(__('tried again %s', 'article-widget'), wp_date('j M H:i', $next))
            : __('given up until the next page view', 'article-widget');
        return $answer . ': ' . (string) ($status['error'] ?? '') . '; ' . $when;
    }

    /**
     * @param array<string, mixed> $tests
     * @return array<string, mixed>
     */
    public static function healthTests(array $tests): array
    {
        $tests['direct']['article_widget_render'] = [
            'label' => __('Article widget prerendering', 'article-widget'),
            'test' => [self::class, 'health'],
        ];
        return $tests;
    }

    /**
     * The Site Health result: good when there is no route (client-only by choice) or it answers
     * and nothing has failed; recommended with the failures; critical when it does not answer.
     *
     * @return array<string, mixed>
     */
    public static function health(): array
    {
        $route = Options::get('render_url');
        $result = [
            'label' => __('The article widget is prerendered', 'article-widget'),
            'status' => 'good',
            'badge' => ['label' => __('Article widget', 'article-widget'), 'color' => 'blue'],
            'description' => '',
            'actions' => '',
            'test' => 'article_widget_render',
        ];
        if ($route === '') {
            $result['label'] = __('The article widget renders in the browser (no render route)', 'article-widget');
            $result['description'] = '<p>' . esc_html__('Posts get the client-only widget.', 'article-widget') . '</p>';
            return $result;
        }
        $response = wp_remote_get(rtrim($route, '/') . '/healthz', ['timeout' => 3, 'redirection' => 0]);
        $reachable = !is_wp_error($response) && (int) wp_remote_retrieve_response_code($response) === 200;
        $failures = Renderer::failures();
        $lines = [
            /* translators: %d: how many renders wait in the queue */
            sprintf(__('Renders queued: %d.', 'article-widget'), Renderer::queued()),
        ];
        foreach ($failures as $failure) {
            $lines[] = $failure['title'] . ': ' . self::failure($failure);
        }
        $result['description'] = '<p>' . implode('</p><p>', array_map('esc_html', $lines)) . '</p>';
        if (!$reachable) {
            $result['status'] = 'critical';
            $result['badge']['color'] = 'red';
            $result['label'] = sprintf(
                /* translators: %s: the render route's URL */
                __('The article widget\'s render route does not answer (%s)', 'article-widget'),
                $route
            );
        } elseif ($failures !== []) {
            $result['status'] = 'recommended';
            $result['badge']['color'] = 'orange';
            $result['label'] = __('Some posts could not be prerendered', 'article-widget');
        }
        return $result;
    }
}
