<?php

declare(strict_types=1);

namespace ArticleWidget;

/**
 * Prerendering outside the reader's request. A page view never calls the render route: it prints
 * the cached embed, or the client-only one and queues a render (a scheduled event, once per
 * embed). The event runs under a lock, asks the route, checks its answer before keeping it, and on
 * failure keeps the failure on the post (the answer's status, the error, the attempt) and tries
 * again with back-off, up to a day apart. Editors see it in the post list and in Site Health.
 */
final class Renderer
{
    /** The scheduled event. */
    public const HOOK = 'article_widget_render';
    /** How long the route may take, in the background (seconds). */
    public const TIMEOUT = 10;
    /** How long a prerendered embed is kept (seconds); a post's update replaces it at once. */
    public const CACHE_TTL = DAY_IN_SECONDS;
    /** Attempts before a render is given up (the next page view queues it anew). */
    public const MAX_ATTEMPTS = 8;
    /** The largest answer kept (bytes): an embed is the article's HTML plus about 30 KB. */
    public const MAX_ANSWER = 4 * 1024 * 1024;
    /** The post meta with the last render's outcome. */
    public const STATUS = '_aw_render';
    /** The prefix of a queued render's option (its payload) and of its lock. */
    private const JOB = 'aw_render_job_';
    private const LOCK = 'aw_render_lock_';

    public static function boot(): void
    {
        add_action(self::HOOK, [self::class, 'run']);
    }

    /**
     * The prerendered embed under `$key`, or null (then a render is queued, unless one is, or
     * the last one failed and its retry is due later).
     *
     * @param array<string, string> $query
     */
    public static function cached(\WP_Post $post, string $key, string $route, array $query, string $json): ?string
    {
        $cached = get_transient($key);
        if (is_string($cached) && $cached !== '') {
            return $cached;
        }
        self::queue($post, $key, $route, $query, $json);
        return null;
    }

    /**
     * Queues the render of one embed (nothing when it is queued already).
     *
     * @param array<string, string> $query
     */
    public static function queue(\WP_Post $post, string $key, string $route, array $query, string $json): void
    {
        $job = md5($key);
        if (wp_next_scheduled(self::HOOK, [$job]) !== false) {
            return;
        }
        update_option(self::JOB . $job, [
            'post' => $post->ID,
            'key' => $key,
            'route' => $route,
            'query' => $query,
            'json' => $json,
            'attempts' => 0,
        ], false);
        wp_schedule_single_event(time(), self::HOOK, [$job]);
    }

    /** The scheduled event: one render, under a lock. */
    public static function run(string $job): void
    {
        if (!self::lock($job)) {
            return;
        }
        try {
            $payload = get_option(self::JOB . $job);
            if (!is_array($payload) || !isset($payload['key'], $payload['route'], $payload['json'])) {
                return;
            }
            [$body, $status, $error] = self::ask(
                (string) $payload['route'],
                (array) $payload['query'],
                (string) $payload['json']
            );
            $postId = (int) $payload['post'];
            if ($body !== null) {
                set_transient((string) $payload['key'], $body, self::CACHE_TTL);
                $keys = (array) get_post_meta($postId, '_aw_embed_keys', true);
                $keys[] = (string) $payload['key'];
                update_post_meta($postId, '_aw_embed_keys', array_values(array_unique(array_filter($keys))));
                update_post_meta($postId, self::STATUS, ['ok' => true, 'at' => time()]);
                delete_option(self::JOB . $job);
                return;
            }
            $attempts = (int) ($payload['attempts'] ?? 0) + 1;
            $next = $attempts < self::MAX_ATTEMPTS ? time() + self::backoff($attempts) : 0;
            update_post_meta($postId, self::STATUS, [
                'ok' => false,
                'status' => $status,
                'error' => $error,
                'at' => time(),
                'attempts' => $attempts,
                'next' => $next,
            ]);
            if ($next === 0) {
                delete_option(self::JOB . $job);
                return;
            }
            $payload['attempts'] = $attempts;
            update_option(self::JOB . $job, $payload, false);
            wp_schedule_single_event($next, self::HOOK, [$job]);
        } finally {
            delete_option(self::LOCK . $job);
        }
    }

    /**
     * Seconds before attempt `$attempts + 1`: a minute, doubling, at most a day, with up to a
     * fifth more at random (renders that failed together do not all come back together).
     */
    public static function backoff(int $attempts): int
    {
        $base = min(DAY_IN_SECONDS, MINUTE_IN_SECONDS * (2 ** max(0, $attempts - 1)));
        return $base + wp_rand(0, intdiv($base, 5));
    }

    /**
     * Asks the route; the embed, or null with the answer's status (0: none) and why.
     *
     * @param array<string, string> $query
     * @return array{0: ?string, 1: int, 2: string}
     */
    private static function ask(string $route, array $query, string $json): array
    {
        $response = wp_remote_post(rtrim($route, '/') . '/render?' . http_build_query($query), [
            'timeout' => self::TIMEOUT,
            'redirection' => 0,
            'limit_response_size' => self::MAX_ANSWER + 1,
            'headers' => ['Content-Type' => 'application/json'],
            'body' => $json,
        ]);
        if (is_wp_error($response)) {
            return [null, 0, $response->get_error_message()];
        }
        $status = (int) wp_remote_retrieve_response_code($response);
        $body = (string) wp_remote_retrieve_body($response);
        if ($status !== 200) {
            return [null, $status, 'the render route answered ' . $status];
        }
        $why = self::check($body, (string) ($query['correction-endpoint'] ?? ''));
        return $why === '' ? [$body, 200, ''] : [null, 200, $why];
    }

    /**
     * Why the route's answer is not an embed to print ('' when it is): one element, the
     * widget's, whose only scripts are its article data (`application/json`), within the size
     * cap. A route that was taken over, or a proxy's error page, never reaches a reader.
     */
    public static function check(string $body, string $endpoint = ''): string
    {
        if (strlen($body) > self::MAX_ANSWER) {
            return 'the answer is larger than ' . self::MAX_ANSWER . ' bytes';
        }
        if (!str_starts_with($body, '<div data-article-widget')) {
            return 'the answer is not an embed';
        }
        $document = new \DOMDocument();
        $errors = libxml_use_internal_errors(true);
        $document->loadHTML(
            '<?xml encoding="utf-8"?><html><body>' . $body . '</body></html>',
            LIBXML_NONET | LIBXML_HTML_NODEFDTD | LIBXML_COMPACT
        );
        libxml_clear_errors();
        libxml_use_internal_errors($errors);
        $root = $document->getElementsByTagName('body')->item(0);
        $elements = 0;
        foreach ($root !== null ? $root->childNodes : [] as $node) {
            if ($node instanceof \DOMElement) {
                $elements++;
            } elseif ($node instanceof \DOMText && trim($node->data) !== '') {
                return 'the answer has text outside the embed';
            }
        }
        if ($elements !== 1) {
            return 'the answer is not one element';
        }
        foreach ($document->getElementsByTagName('*') as $element) {
            $name = strtolower($element->nodeName);
            // The one form is the widget's correction form, posting to the configured endpoint.
            $ours = $name === 'form' && $endpoint !== ''
                && self::sameUrl((string) $element->getAttribute('action'), $endpoint);
            $never = ['iframe', 'frame', 'object', 'embed', 'base', 'meta', 'link', 'form'];
            if (!$ours && in_array($name, $never, true)) {
                return 'the answer holds a ' . $name . ' element';
            }
            if ($name === 'script' && $element->getAttribute('type') !== 'application/json') {
                return 'the answer holds a script other than the article data';
            }
            foreach ($element->attributes ?? [] as $attribute) {
                if (str_starts_with(strtolower($attribute->nodeName), 'on')) {
                    return 'the answer holds an event attribute';
                }
            }
        }
        return '';
    }

    private static function sameUrl(string $a, string $b): bool
    {
        return untrailingslashit(strtolower(trim($a))) === untrailingslashit(strtolower(trim($b)));
    }

    /** Takes the render's lock (false: another process holds it); a lock older than a minute is stale. */
    private static function lock(string $job): bool
    {
        if (add_option(self::LOCK . $job, time() + MINUTE_IN_SECONDS, '', false)) {
            return true;
        }
        $until = (int) get_option(self::LOCK . $job);
        if ($until > time()) {
            return false;
        }
        delete_option(self::LOCK . $job);
        return add_option(self::LOCK . $job, time() + MINUTE_IN_SECONDS, '', false);
    }

    /** Renders queued and waiting for a retry. */
    public static function queued(): int
    {
        $count = 0;
        foreach ((array) _get_cron_array() as $hooks) {
            $count += is_array($hooks) && isset($hooks[self::HOOK]) ? count((array) $hooks[self::HOOK]) : 0;
        }
        return $count;
    }

    /**
     * Posts whose last render failed, newest failure first.
     *
     * @return list<array{post: int, title: string, status: int, error: string, at: int, next: int}>
     */
    public static function failures(int $limit = 5): array
    {
        $posts = get_posts([
            'post_type' => 'any',
            'post_status' => 'any',
            'numberposts' => 50,
            'meta_key' => self::STATUS,
            'fields' => 'ids',
        ]);
        $failed = [];
        foreach ($posts as $id) {
            $status = get_post_meta((int) $id, self::STATUS, true);
            if (is_array($status) && empty($status['ok'])) {
                $failed[] = [
                    'post' => (int) $id,
                    'title' => (string) get_the_title((int) $id),
                    'status' => (int) ($status['status'] ?? 0),
                    'error' => (string) ($status['error'] ?? ''),
                    'at' => (int) ($status['at'] ?? 0),
                    'next' => (int) ($status['next'] ?? 0),
                ];
            }
        }
        usort($failed, static fn(array $a, array $b): int => $b['at'] <=> $a['at']);
        return array_slice($failed, 0, $limit);
    }

    /** Forgets a deleted post's render status (a render already queued for it still runs once). */
    public static function forget(int $postId): void
    {
        delete_post_meta($postId, self::STATUS);
    }
}
