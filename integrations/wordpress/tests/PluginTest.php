<?php

declare(strict_types=1);

namespace ArticleWidget\Tests;

use ArticleWidget\Block;
use ArticleWidget\Embed;
use ArticleWidget\Options;
use ArticleWidget\Plugin;
use ArticleWidget\Privacy;
use ArticleWidget\Renderer;
use PHPUnit\Framework\TestCase;

/**
 * The plugin's rules, against a real WordPress: who may change the settings that print script,
 * what the render route's answer must be before a reader sees it, the back-off, which posts any
 * reader may read, and the author card in the personal data export and erasure.
 */
final class PluginTest extends TestCase
{
    private static function user(string $login): int
    {
        $user = get_user_by('login', $login);
        self::assertInstanceOf(\WP_User::class, $user, "the test site has {$login}");
        return $user->ID;
    }

    protected function tearDown(): void
    {
        wp_set_current_user(0);
    }

    public function testOnlyAUserWhoMayPostUnfilteredHtmlChangesWhatScriptPagesPrint(): void
    {
        $saved = Options::all();
        $attempt = [
            'render_url' => 'https://attacker.example/render',
            'loader' => 'url',
            'loader_url' => 'https://attacker.example/aw.js',
            'theme' => 'dark',
        ];
        // An author (no unfiltered_html) who reached the sanitiser keeps the saved script URLs.
        wp_set_current_user(self::user('dkowalczyk'));
        self::assertFalse(current_user_can('unfiltered_html'));
        $clean = Options::sanitize($attempt);
        foreach (Options::SCRIPT_SETTINGS as $key) {
            self::assertSame($saved[$key], $clean[$key], $key);
        }
        self::assertSame('dark', $clean['theme'], 'the other settings are theirs to change');
        // And the form shows them so: disabled, with why.
        $field = static function (string $key): string {
            ob_start();
            \ArticleWidget\Settings::field(['key' => $key, 'type' => 'url', 'help' => '', 'label_for' => 'aw_' . $key]);
            return (string) ob_get_clean();
        };
        self::assertStringContainsString("disabled='disabled'", $field('render_url'));
        self::assertStringContainsString('unfiltered HTML', $field('render_url'));
        self::assertStringNotContainsString('disabled', $field('endpoint'));
        // An administrator on a single site may.
        wp_set_current_user(self::user('admin'));
        $clean = Options::sanitize($attempt);
        self::assertSame('https://attacker.example/render', $clean['render_url']);
        self::assertSame('url', $clean['loader']);
    }

    public function testTheRenderRoutesAnswerIsCheckedBeforeAnyReaderSeesIt(): void
    {
        $render = (string) getenv('AW_RENDER');
        self::assertNotSame('', $render, 'AW_RENDER names aw-render');
        $json = json_encode(['version' => 1, 'headline' => 'A <b>bold</b> test', 'body' => ['One paragraph.']]);
        $pipes = [];
        $process = proc_open(
            [$render, '-', '--correction-endpoint', '/corrections'],
            [['pipe', 'r'], ['pipe', 'w'], ['pipe', 'w']],
            $pipes
        );
        fwrite($pipes[0], (string) $json);
        fclose($pipes[0]);
        $embed = (string) stream_get_contents($pipes[1]);
        proc_close($process);
        self::assertSame('', Renderer::check($embed, '/corrections'), 'a real embed is kept, its form too');
        self::assertNotSame('', Renderer::check($embed, '/elsewhere'), 'a form to another address is not');
        $bad = [
            'a script' => str_replace('</template>', '<script>alert(1)</script></template>', $embed),
            'a module script' => str_replace('</template>', '<script type="module" src="//x"></script></template>', $embed),
            'a form of its own' => str_replace('</template>', '<form action="https://x.example"><input></form></template>', $embed),
            'a frame' => str_replace('</template>', '<iframe src="https://x.example"></iframe></template>', $embed),
            'an event attribute' => str_replace('<div data-article-widget', '<div data-article-widget onmouseover="alert(1)"', $embed),
            'a base element' => str_replace('</template>', '<base href="https://x.example/"></template>', $embed),
            'an error page' => '<html><body><h1>502 Bad Gateway</h1></body></html>',
            'two elements' => $embed . '<div>more</div>',
            'nothing' => '',
            'too much' => '<div data-article-widget>' . str_repeat('x', Renderer::MAX_ANSWER) . '</div>',
        ];
        foreach ($bad as $what => $answer) {
            self::assertNotSame('', Renderer::check($answer, '/corrections'), "refused: {$what}");
        }
    }

    public function testRetriesBackOffToADayAtMost(): void
    {
        $first = Renderer::backoff(1);
        self::assertGreaterThanOrEqual(MINUTE_IN_SECONDS, $first);
        self::assertLessThanOrEqual(MINUTE_IN_SECONDS * 1.2, $first);
        self::assertGreaterThanOrEqual(4 * MINUTE_IN_SECONDS, Renderer::backoff(3));
        self::assertLessThanOrEqual(DAY_IN_SECONDS * 1.2, Renderer::backoff(40));
    }

    public function testOnlyPublishedPostsOfPublicTypesAreReadableThroughTheWidget(): void
    {
        $published = get_posts(['post_status' => 'publish', 'numberposts' => 1, 'has_password' => false]);
        self::assertNotEmpty($published);
        self::assertTrue(Plugin::readable($published[0]), 'a published post, by a visitor');
        foreach (['draft', 'future', 'private', 'pending', 'trash'] as $status) {
            $id = wp_insert_post([
                'post_title' => "A {$status} post",
                'post_status' => $status,
                'post_content' => 'x',
                // (A scheduled post is one dated in the future: WordPress publishes it otherwise.)
                'post_date' => $status === 'future' ? '2031-01-01 00:00:00' : current_time('mysql'),
            ]);
            self::assertSame($status, get_post_status($id));
            self::assertFalse(Plugin::readable(get_post($id)), $status);
            wp_delete_post($id, true);
        }
        $revisions = get_posts(['post_type' => 'revision', 'post_status' => 'inherit', 'numberposts' => 1]);
        self::assertNotEmpty($revisions, 'the test site has a revision');
        wp_set_current_user(self::user('admin'));
        self::assertFalse(Plugin::readable($revisions[0]), 'a revision, even for an administrator');
    }

    public function testTheAuthorCardIsInThePersonalDataExportAndErasure(): void
    {
        $author = self::user('dkowalczyk');
        $before = [];
        foreach (array_keys(\ArticleWidget\ArticleData::PROFILE_FIELDS) as $key) {
            $before[$key] = get_user_meta($author, $key, true);
        }
        try {
            $exporters = apply_filters('wp_privacy_personal_data_exporters', []);
            self::assertArrayHasKey('article-widget', $exporters);
            $export = Privacy::export('dana@example.org');
            $values = array_column($export['data'][0]['data'] ?? [], 'value');
            self::assertContains('County government reporter', $values);
            self::assertContains('Millbrook', $values);
            self::assertSame([], Privacy::export('nobody@example.org')['data']);

            $erasers = apply_filters('wp_privacy_personal_data_erasers', []);
            self::assertArrayHasKey('article-widget', $erasers);
            self::assertTrue(Privacy::erase('dana@example.org')['items_removed']);
            self::assertSame('', get_user_meta($author, 'aw_job_title', true));
            self::assertSame([], Privacy::export('dana@example.org')['data'], 'nothing left to export');
        } finally {
            foreach ($before as $key => $value) {
                if ($value !== '') {
                    update_user_meta($author, $key, $value);
                }
            }
        }
    }

    /** Sets the plugin's options directly (the sanitiser's rules are tested above). */
    private static function withOptions(array $changes, callable $test): void
    {
        $saved = get_option(Options::KEY);
        update_option(Options::KEY, array_merge((array) $saved, $changes));
        try {
            $test();
        } finally {
            update_option(Options::KEY, $saved);
        }
    }

    public function testAPostIsQueuedForItsRenderWhenPublishedNotWhenDrafted(): void
    {
        self::withOptions(['render_url' => 'http://127.0.0.1:9'], static function (): void {
            $author = self::user('dkowalczyk');
            $draft = wp_insert_post(['post_title' => 'A draft', 'post_content' => 'x', 'post_status' => 'draft', 'post_author' => $author]);
            self::assertFalse(wp_next_scheduled(Renderer::PRIME, [$draft]), 'a draft is not rendered');
            wp_update_post(['ID' => $draft, 'post_status' => 'publish']);
            self::assertNotFalse(wp_next_scheduled(Renderer::PRIME, [$draft]), 'publishing it queues its render');
            wp_clear_scheduled_hook(Renderer::PRIME, [$draft]);
            // The author's profile is in every post of theirs: their newest posts are rendered anew.
            do_action('profile_update', $author, get_userdata($author));
            self::assertNotFalse(wp_next_scheduled(Renderer::PRIME, [$draft]), 'a profile change queues the author\'s posts');
            wp_delete_post($draft, true);
            wp_unschedule_hook(Renderer::PRIME);
        });
        // No render route: nothing is queued.
        self::withOptions(['render_url' => ''], static function (): void {
            $post = wp_insert_post(['post_title' => 'Unrendered', 'post_content' => 'x', 'post_status' => 'publish']);
            self::assertFalse(wp_next_scheduled(Renderer::PRIME, [$post]));
            wp_delete_post($post, true);
        });
    }

    public function testAHangingRouteIsGivenUpInTheBackgroundAndNoReaderWaitsOnIt(): void
    {
        // A route that takes the connection and never answers (nothing accepts it: the kernel's
        // backlog holds it).
        $server = stream_socket_server('tcp://127.0.0.1:0', $errno, $error);
        self::assertNotFalse($server, $error);
        $route = 'http://' . stream_socket_get_name($server, false);
        $requests = [];
        $log = static function ($pre, $args, $url) use (&$requests) {
            $requests[] = $url;
            return $pre;
        };
        $timeout = static fn(): int => 2;
        add_filter('pre_http_request', $log, 10, 3);
        add_filter('article_widget_render_timeout', $timeout);
        try {
            self::withOptions(['render_url' => $route], static function () use (&$requests): void {
                $post = wp_insert_post([
                    'post_title' => 'A Post the Route Never Answers For',
                    'post_content' => '<p>Words.</p>',
                    'post_status' => 'publish',
                    'post_author' => self::user('dkowalczyk'),
                ]);
                // A reader's view: the client-only widget, and no request at all.
                $html = Embed::html(get_post($post), true);
                self::assertStringContainsString('<script type="application/json">', $html);
                self::assertSame([], $requests, 'a page view asks the route nothing');
                // The background render gives up after its timeout and keeps why, for editors.
                do_action(Renderer::PRIME, $post);
                self::assertCount(1, $requests);
                $status = get_post_meta($post, Renderer::STATUS, true);
                self::assertIsArray($status);
                self::assertFalse($status['ok']);
                self::assertSame(0, $status['status'], 'no answer');
                self::assertGreaterThan(time(), $status['next'], 'tried again later');
                wp_delete_post($post, true);
                wp_unschedule_hook(Renderer::HOOK);
                wp_unschedule_hook(Renderer::PRIME);
            });
        } finally {
            remove_filter('pre_http_request', $log, 10);
            remove_filter('article_widget_render_timeout', $timeout);
            fclose($server);
        }
    }

    public function testTheBlockShowsOnlyKnownPartsAndOnlyPostsAnyReaderMayRead(): void
    {
        self::assertSame(['trust', 'tags'], Block::parts(['tags', '<script>', 'trust', 'trust']));
        self::assertSame(Block::DEFAULT_PARTS, Block::parts([]));
        self::assertSame(Block::DEFAULT_PARTS, Block::parts('nonsense'));
        $private = wp_insert_post(['post_title' => 'Private', 'post_content' => 'SECRET', 'post_status' => 'private']);
        self::assertSame('', Block::render(['post' => $private, 'parts' => ['article']]));
        self::assertSame('', Block::render(['post' => 999999999]));
        wp_delete_post($private, true);
        $block = \WP_Block_Type_Registry::get_instance()->get_registered(Block::NAME);
        self::assertNotNull($block, 'the block is registered');
        self::assertSame(3, $block->api_version);
    }

    public function testTheBodyLosesWordPresssLoadingHintsNotItsText(): void
    {
        // WordPress leaves `loading` off the first images of a page view and puts it on in a
        // background render: dropped, the two read the same (one cached embed).
        $in = '<p>Use <code>loading="lazy"</code>.</p><img src="a.jpg" loading="lazy" fetchpriority="high" '
            . 'alt="a loading=\'x\' > b" width="3"><iframe loading=lazy src="v"></iframe>';
        self::assertSame(
            '<p>Use <code>loading="lazy"</code>.</p><img src="a.jpg" alt="a loading=\'x\' > b" width="3"><iframe src="v"></iframe>',
            Embed::withoutLoadingHints($in)
        );
    }
}
