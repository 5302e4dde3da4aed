<?php

declare(strict_types=1);

namespace ArticleWidget;

/**
 * Prerendering outside the reader's request. A post is rendered when it is published or saved, and
 * the newest posts again when their author's profile or the settings change (a scheduled event per
 * post, "prime"), so its first reader already gets the prerendered embed. A page view never calls
 * the render route: it prints the cached embed, or the client-only one and queues a render (a
 * scheduled event, once per embed). The render runs under a lock, asks the route, checks its answer
 * before keeping it, and on failure keeps the failure on the post (the answer's status, the error,
 * the attempt) and tries again with back-off, up to a day apart. Editors see it in the post list
 * and in Site Health.
 */
final class Renderer
{
    /** The scheduled event: one embed's render. */
    public const HOOK = 'article_widget_render';
    /** The scheduled event: one post's embed built and rendered, as its readers will get it. */
    public const PRIME = 'article_widget_prime';
    /** How many of the newest posts (the author's, or the site's) a profile or settings change renders anew. */
    public const PRIME_RECENT = 10;
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
    /** While a post is primed, a render is run at once (it is in the background already). */
    private static bool $inline = false;

    public static function boot(): void
    {
        add_action(self::HOOK, [self::class, 'run']);
        add_action(self::PRIME, [self::class, 'prime']);
        add_action('wp_after_insert_post', [self::class, 'saved'], 20, 2);
        add_action('profile_update', [self::class, 'profileChanged'], 20);
        add_action('update_option_' . Options::KEY, [self::class, 'settingsChanged'], 20);
    }

    /** A post published or saved: rendered in the background, before its next reader. */
    public static function saved(int $postId, \WP_Post $post): void
    {
        if ($post->post_type === 'post' && $post->post_status === 'publish' && !wp_is_post_revision($post)) {
            self::schedulePrime([$postId]);
        }
    }

    /** An author's profile changed (their card is in each post): their newest posts rendered anew. */
    public static function profileChanged(int $userId): void
    {
        self::schedulePrime(self::newest(['author' => $userId]));
    }

    /** The settings changed (they are in every embed): the site's newest posts rendered anew. */
    public static function settingsChanged(): void
    {
        self::schedulePrime(self::newest([]));
    }

    /**
     * The newest published posts' ids.
     *
     * @param array<string, mixed> $query
     * @return list<int>
     */
    private static function newest(array $query): array
    {
        $ids = get_posts($query + [
            'post_type' => 'post',
            'post_status' => 'publish',
            'numberposts' => self::PRIME_RECENT,
            'orderby' => 'date',
            'order' => 'DESC',
            'fields' => 'ids',
            'suppress_filters' => true,
        ]);
        return array_map('intval', $ids);
    }

    /**
     * One prime event per post (none when one is queued already, or there is no render route).
     *
     * @param list<int> $postIds
     */
    public static function schedulePrime(array $postIds): void
    {
        if (Options::get('render_url') === '') {
            return;
        }
        foreach ($postIds as $postId) {
            if (wp_next_scheduled(self::PRIME, [$postId]) === false) {
                wp_schedule_single_event(time(), self::PRIME, [$postId]);
            }
        }
    }

    /**
     * The scheduled event: builds the post's embed as a reader's page view would (its placement,
     * its content as the theme prints it) and renders it now. A post no visitor may read, or
     * whose widget is off or placed by a shortcode or block, is left to its page views.
     */
    public static function prime(int $postId): void
    {
        $post = get_post($postId);
        if (!$post instanceof \WP_Post || !Plugin::readable($post) || $post->post_password !== '') {
            return;
        }
        $placement = Plugin::placement($post);
        if (($placement !== 'after' && $placement !== 'replace') || Plugin::placedByHand($post)) {
            return;
        }
        $previous = $GLOBALS['post'] ?? null;
        $GLOBALS['post'] = $post;
        setup_postdata($post);
        self::$inline = true;
        try {
            if ($placement === 'after') {
                Embed::html($post, true);
            } else {
                Embed::html($post, false, Plugin::themeContent($post));
            }
        } catch (\Throwable $e) {
            // One post's failure never stops WP-Cron's other events; its page views still work
            // (they catch the same failure and print nothing).
            if (defined('WP_DEBUG') && WP_DEBUG) {
                error_log('article-widget: prime ' . $postId . ': ' . $e->getMessage());
            }
        } finally {
            self::$inline = false;
            $GLOBALS['post'] = $previous;
            if ($previous instanceof \WP_Post) {
                setup_postdata($previous);
            }
        }
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
        if (!self::$inline && wp_next_scheduled(self::HOOK, [$job]) !== false) {
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
        if (self::$inline) {
            self::run($job);
            return;
        }
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
            // Rendered already (a post primed on save, then queued by a page view before the
            // prime ran): nothing to ask.
            $cached = get_transient((string) $payload['key']);
            if (is_string($cached) && $cached !== '') {
                delete_option(self::JOB . $job);
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
            /** How long the route may take, in seconds (in the background: no reader waits on it). */
            'timeout' => (float) apply_filters('article_widget_render_timeout', self::TIMEOUT),
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

    /** Renders queued (posts saved, embeds asked for) and waiting for a retry. */
    public static function queued(): int
    {
        $count = 0;
        foreach ((array) _get_cron_array() as $hooks) {
            foreach ([self::HOOK, self::PRIME] as $hook) {
                $count += is_array($hooks) && isset($hooks[$hook]) ? count((array) $hooks[$hook]) : 0;
            }
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
