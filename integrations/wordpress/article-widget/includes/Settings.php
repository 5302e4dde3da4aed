<?php

declare(strict_types=1);

namespace ArticleWidget;

/**
 * Settings → Article widget: the corrections inbox, the render route, the loader, how and where
 * the widget shows, and the publisher's policy links. Only users who may manage options see it;
 * the Settings API checks the nonce and sanitises every value (Options::sanitize).
 */
final class Settings
{
    private const PAGE = 'article-widget';
    private const GROUP = 'article_widget';

    public static function register(): void
    {
        register_setting(self::GROUP, Options::KEY, [
            'type' => 'array',
            'sanitize_callback' => [Options::class, 'sanitize'],
            'default' => Options::defaults(),
            'show_in_rest' => false,
        ]);
        $sections = [
            'aw_inbox' => [__('Corrections inbox', 'article-widget'), [self::class, 'inboxIntro']],
            'aw_render' => [__('Rendering', 'article-widget'), [self::class, 'renderIntro']],
            'aw_trust' => [__('Truth and Accuracy', 'article-widget'), '__return_null'],
        ];
        foreach ($sections as $id => [$title, $intro]) {
            add_settings_section($id, $title, $intro, self::PAGE);
        }
        $fields = [
            ['endpoint', 'aw_inbox', __('Corrections endpoint', 'article-widget'), 'url',
                __(
                    'Where readers\' corrections are sent, e.g. https://inbox.example.com/corrections.',
                    'article-widget'
                )],
            ['corrections_src', 'aw_inbox', __('Published corrections', 'article-widget'), 'url',
                __(
                    'The published corrections of an article, with {id} for its key, '
                    . 'e.g. https://inbox.example.com/articles/{id}/corrections.',
                    'article-widget'
                )],
            ['render_url', 'aw_render', __('Render route', 'article-widget'), 'url',
                __(
                    'The render server (aw-render-server), e.g. http://127.0.0.1:8790. '
                    . 'Empty: the widget renders in the reader\'s browser.',
                    'article-widget'
                )],
            ['loader', 'aw_render', __('Loader', 'article-widget'), [
                'bundled' => __('The copy in this plugin', 'article-widget'),
                'url' => __('A URL (below)', 'article-widget'),
            ], ''],
            ['loader_url', 'aw_render', __('Loader URL', 'article-widget'), 'url',
                __('article-widget.js on your CDN, when the loader is a URL.', 'article-widget')],
            ['hydrate', 'aw_render', __('Hydration', 'article-widget'), array_combine(Options::HYDRATE, [
                __('When the browser is idle', 'article-widget'),
                __('When the widget comes into view', 'article-widget'),
                __('On the reader\'s first touch', 'article-widget'),
                __('At once', 'article-widget'),
            ]), __('When a prerendered widget starts its script.', 'article-widget')],
            ['theme', 'aw_render', __('Theme', 'article-widget'), array_combine(Options::THEMES, [
                __('Light', 'article-widget'),
                __('Dark', 'article-widget'),
                __('The reader\'s setting', 'article-widget'),
            ]), ''],
            ['placement', 'aw_render', __('Where it shows', 'article-widget'), array_combine(Options::PLACEMENTS, [
                __('After the content of single posts: the trust box, tags and author card', 'article-widget'),
                __('Instead of the content of single posts: the whole article in the widget', 'article-widget'),
                __('Only where the [article_widget] shortcode is placed', 'article-widget'),
            ]), __(
                'After the content (the default), your theme shows the post as always and the widget adds '
                . 'the Truth and Accuracy box, the topic tags and the author card below it; readers can '
                . 'select words in the post to suggest a correction. "Instead" shows the whole article in '
                . 'the widget; a theme that prints the title itself then shows the headline twice (hide '
                . 'its entry header).',
                'article-widget'
            )],
            ['statement', 'aw_trust', __('Corrections statement', 'article-widget'), 'textarea',
                __('Shown in the Truth and Accuracy box. Empty: the widget\'s own sentence.', 'article-widget')],
            ['standards_url', 'aw_trust', __('Editorial standards', 'article-widget'), 'url', ''],
            ['corrections_policy_url', 'aw_trust', __('Corrections policy', 'article-widget'), 'url', ''],
            ['ethics_policy_url', 'aw_trust', __('Ethics policy', 'article-widget'), 'url', ''],
        ];
        foreach ($fields as [$key, $section, $label, $type, $help]) {
            add_settings_field(
                'aw_' . $key,
                $label,
                [self::class, 'field'],
                self::PAGE,
                $section,
                ['key' => $key, 'type' => $type, 'help' => $help, 'label_for' => 'aw_' . $key]
            );
        }
    }

    public static function menu(): void
    {
        add_options_page(
            __('Article widget', 'article-widget'),
            __('Article widget', 'article-widget'),
            'manage_options',
            self::PAGE,
            [self::class, 'page']
        );
    }

    public static function inboxIntro(): void
    {
        echo '<p>' . esc_html__(
            'The corrections inbox (aw-server) receives what readers send and publishes what your editors accept.',
            'article-widget'
        ) . '</p>';
    }

    public static function renderIntro(): void
    {
        echo '<p>' . esc_html__(
            'With a render route, posts carry the widget as HTML: it shows before any script runs, '
            . 'and its correction form works without JavaScript.',
            'article-widget'
        ) . '</p>';
    }

    /**
     * One field of the form.
     *
     * @param array{key: string, type: string|array<string, string>, help: string, label_for: string} $args
     */
    public static function field(array $args): void
    {
        $key = $args['key'];
        $id = $args['label_for'];
        $name = Options::KEY . '[' . $key . ']';
        $value = Options::get($key);
        // The settings that decide which script pages print are shown, not editable, to a user
        // who may not post unfiltered HTML (the sanitiser keeps them anyway).
        $locked = in_array($key, Options::SCRIPT_SETTINGS, true) && !current_user_can('unfiltered_html');
        if (is_array($args['type'])) {
            echo '<select id="' . esc_attr($id) . '" name="' . esc_attr($name) . '"'
                . disabled($locked, true, false) . '>';
            foreach ($args['type'] as $choice => $label) {
                echo '<option value="' . esc_attr($choice) . '"' . selected($value, $choice, false) . '>'
                    . esc_html($label) . '</option>';
            }
            echo '</select>';
        } elseif ($args['type'] === 'textarea') {
            echo '<textarea id="' . esc_attr($id) . '" name="' . esc_attr($name) . '" rows="3" class="large-text">'
                . esc_textarea($value) . '</textarea>';
        } else {
            echo '<input type="text" inputmode="url" id="' . esc_attr($id) . '" name="' . esc_attr($name)
                . '" value="' . esc_attr($value) . '" class="regular-text code" spellcheck="false"'
                . disabled($locked, true, false) . '>';
        }
        if ($args['help'] !== '') {
            echo '<p class="description">' . esc_html($args['help']) . '</p>';
        }
        if ($locked) {
            echo '<p class="description">' . esc_html__(
                'Only a user who may post unfiltered HTML (on a network, its administrator) can change this: '
                . 'it decides which script every page prints.',
                'article-widget'
            ) . '</p>';
        }
    }

    public static function page(): void
    {
        if (!current_user_can('manage_options')) {
            wp_die(esc_html__('You are not allowed to change these settings.', 'article-widget'), 403);
        }
        echo '<div class="wrap"><h1>' . esc_html(get_admin_page_title()) . '</h1><form action="'
            . esc_url(admin_url('options.php')) . '" method="post">';
        settings_fields(self::GROUP);
        do_settings_sections(self::PAGE);
        submit_button();
        echo '</form></div>';
    }
}
