<?php

declare(strict_types=1);

namespace ArticleWidget;

/**
 * The plugin and personal data: suggested text for the site's privacy policy (what a reader's
 * correction sends, and to whom), and the author-card fields in WordPress's personal data export
 * and erasure (Tools → Export / Erase Personal Data).
 */
final class Privacy
{
    public static function boot(): void
    {
        add_action('admin_init', [self::class, 'policy']);
        add_filter('wp_privacy_personal_data_exporters', [self::class, 'exporters']);
        add_filter('wp_privacy_personal_data_erasers', [self::class, 'erasers']);
    }

    /** The suggested privacy-policy text (Settings → Privacy → the policy guide). */
    public static function policy(): void
    {
        if (!function_exists('wp_add_privacy_policy_content')) {
            return;
        }
        $endpoint = Options::get('endpoint');
        $where = $endpoint !== ''
            /* translators: %s: the corrections inbox's address */
            ? sprintf(__('to our corrections inbox at %s', 'article-widget'), $endpoint)
            : __('to our corrections inbox', 'article-widget');
        // Translatable sentences stay whole (a split string is not one msgid).
        // phpcs:disable Generic.Files.LineLength.TooLong
        $paragraphs = [
            __('Each article has a "Submit a correction" form.', 'article-widget') . ' '
                . sprintf(
                    /* translators: %s: where corrections are sent */
                    __('When you send a correction, what you write in the form is sent %s: the passage you question, your correction, an optional source link, and, if you give them, your name and e-mail address, with the article\'s address and the time.', 'article-widget'),
                    $where
                ),
            __('Your name and e-mail address are used only to follow up on your correction; they are never published. The editors may publish the correction itself, without your name unless you agree.', 'article-widget'),
            __('While you write, the form keeps a draft in your browser\'s local storage so that you do not lose it; it is removed when the correction is sent, and after 30 days otherwise. Nothing is kept in cookies.', 'article-widget'),
            __('Author pages show the job title, education, location, languages and topics of expertise that each author entered in their profile.', 'article-widget'),
        ];
        // phpcs:enable Generic.Files.LineLength.TooLong
        wp_add_privacy_policy_content(
            __('Article Widget', 'article-widget'),
            wp_kses_post('<p>' . implode('</p><p>', array_map('esc_html', $paragraphs)) . '</p>')
        );
    }

    /**
     * @param array<string, mixed> $exporters
     * @return array<string, mixed>
     */
    public static function exporters(array $exporters): array
    {
        $exporters['article-widget'] = [
            'exporter_friendly_name' => __('Article Widget author card', 'article-widget'),
            'callback' => [self::class, 'export'],
        ];
        return $exporters;
    }

    /**
     * @param array<string, mixed> $erasers
     * @return array<string, mixed>
     */
    public static function erasers(array $erasers): array
    {
        $erasers['article-widget'] = [
            'eraser_friendly_name' => __('Article Widget author card', 'article-widget'),
            'callback' => [self::class, 'erase'],
        ];
        return $erasers;
    }

    /**
     * The author-card fields of the user with `$email`.
     *
     * @return array{data: list<array<string, mixed>>, done: bool}
     */
    public static function export(string $email, int $page = 1): array
    {
        $user = get_user_by('email', $email);
        if (!$user instanceof \WP_User) {
            return ['data' => [], 'done' => true];
        }
        $fields = [];
        foreach (array_keys(ArticleData::PROFILE_FIELDS) as $meta) {
            $value = (string) get_user_meta($user->ID, $meta, true);
            if ($value !== '') {
                $fields[] = ['name' => Profile::label($meta), 'value' => $value];
            }
        }
        $data = $fields === [] ? [] : [[
            'group_id' => 'article-widget',
            'group_label' => __('Author card', 'article-widget'),
            'item_id' => 'article-widget-author-' . $user->ID,
            'data' => $fields,
        ]];
        return ['data' => $data, 'done' => true];
    }

    /**
     * Removes the author-card fields of the user with `$email`.
     *
     * @return array{items_removed: bool, items_retained: bool, messages: list<string>, done: bool}
     */
    public static function erase(string $email, int $page = 1): array
    {
        $user = get_user_by('email', $email);
        $removed = false;
        if ($user instanceof \WP_User) {
            foreach (array_keys(ArticleData::PROFILE_FIELDS) as $meta) {
                if (get_user_meta($user->ID, $meta, true) !== '') {
                    $removed = delete_user_meta($user->ID, $meta) || $removed;
                }
            }
        }
        return ['items_removed' => $removed, 'items_retained' => false, 'messages' => [], 'done' => true];
    }
}
