<?php

declare(strict_types=1);

namespace ArticleWidget;

/**
 * The author card's fields on the user screen (Users → Profile): job title, education,
 * location, languages spoken and topics of expertise. WordPress's own fields give the name, the
 * bio (Biographical Info), the website and the avatar.
 */
final class Profile
{
    /**
     * The fields' labels, by user meta key (the keys and which hold a list are ArticleData's).
     *
     * @return array<string, string>
     */
    private static function labels(): array
    {
        return [
            'aw_job_title' => __('Job title', 'article-widget'),
            'aw_education' => __('Education (one a line)', 'article-widget'),
            'aw_location' => __('Location', 'article-widget'),
            'aw_languages' => __('Languages spoken (one a line; a name or a code)', 'article-widget'),
            'aw_expertise' => __('Topics of expertise (one a line)', 'article-widget'),
        ];
    }

    /** One field's label (the privacy export's too). */
    public static function label(string $key): string
    {
        return self::labels()[$key] ?? $key;
    }

    private static function isList(string $key): bool
    {
        return in_array($key, ArticleData::LIST_FIELDS, true);
    }

    public static function show(\WP_User $user): void
    {
        echo '<h2>' . esc_html__('Author card (Article widget)', 'article-widget') . '</h2>';
        echo '<table class="form-table" role="presentation">';
        foreach (self::labels() as $key => $label) {
            $value = (string) get_user_meta($user->ID, $key, true);
            echo '<tr><th><label for="' . esc_attr($key) . '">' . esc_html($label) . '</label></th><td>';
            if (self::isList($key)) {
                echo '<textarea id="' . esc_attr($key) . '" name="' . esc_attr($key) . '" rows="3" cols="30">'
                    . esc_textarea($value) . '</textarea>';
            } else {
                echo '<input type="text" id="' . esc_attr($key) . '" name="' . esc_attr($key) . '" value="'
                    . esc_attr($value) . '" class="regular-text">';
            }
            echo '</td></tr>';
        }
        echo '</table>';
    }

    /** Saves the fields (the profile form's own nonce, and the right to edit this user). */
    public static function save(int $userId): void
    {
        if (!current_user_can('edit_user', $userId)) {
            return;
        }
        check_admin_referer('update-user_' . $userId);
        foreach (array_keys(ArticleData::PROFILE_FIELDS) as $key) {
            if (!isset($_POST[$key])) {
                continue;
            }
            $raw = wp_unslash((string) $_POST[$key]);
            $value = self::isList($key) ? sanitize_textarea_field($raw) : sanitize_text_field($raw);
            update_user_meta($userId, $key, $value);
        }
    }
}
