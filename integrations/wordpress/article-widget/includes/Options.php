<?php

declare(strict_types=1);

namespace ArticleWidget;

/**
 * The plugin's settings: one option (an array), its defaults, and the one sanitiser every saved
 * value goes through.
 */
final class Options
{
    public const KEY = 'article_widget_options';

    /**
     * Where the widget shows, the default first: its trust box, tags and author card after the
     * theme's content (the theme's article untouched); the whole widget instead of the content;
     * or only where the shortcode is.
     */
    public const PLACEMENTS = ['after', 'replace', 'shortcode'];
    /** The post meta that overrides the placement for one post ('' follows the settings). */
    public const POST_PLACEMENT = '_article_widget_placement';
    /** The meta's values: off for this post, or one of the two placements. */
    public const POST_PLACEMENTS = ['', 'off', 'after', 'replace'];
    /** The settings that decide which script the site's pages print. */
    public const SCRIPT_SETTINGS = ['loader', 'loader_url', 'render_url'];
    /** What the widget shows beside the theme's own article (its data-parts). */
    public const PARTS = 'trust tags author';
    /** When a prerendered widget hydrates (the loader's data-hydrate). */
    public const HYDRATE = ['idle', 'visible', 'interaction', 'eager'];
    /** The widget's themes. */
    public const THEMES = ['light', 'dark', 'auto'];

    /**
     * The settings as saved, every key present.
     *
     * @return array<string, string>
     */
    public static function all(): array
    {
        $saved = get_option(self::KEY, []);
        return array_merge(self::defaults(), is_array($saved) ? $saved : []);
    }

    public static function get(string $key): string
    {
        return (string) (self::all()[$key] ?? '');
    }

    /**
     * @return array<string, string>
     */
    public static function defaults(): array
    {
        return [
            'endpoint' => '',
            'corrections_src' => '',
            'render_url' => '',
            'loader' => 'bundled',
            'loader_url' => '',
            'hydrate' => 'idle',
            'theme' => 'light',
            'placement' => 'after',
            'standards_url' => '',
            'corrections_policy_url' => '',
            'ethics_policy_url' => '',
            'statement' => '',
        ];
    }

    /**
     * The settings form's values, cleaned: URLs must be http(s) (or, for the endpoint, a path
     * on this site), choices must be one of theirs; anything else falls back to its default.
     *
     * @param mixed $input
     * @return array<string, string>
     */
    public static function sanitize($input): array
    {
        $input = is_array($input) ? $input : [];
        $clean = self::defaults();
        $text = static fn(string $key): string => trim(sanitize_text_field(wp_unslash((string) ($input[$key] ?? ''))));
        foreach (['endpoint', 'render_url', 'loader_url'] as $key) {
            $clean[$key] = self::url($text($key), $key !== 'render_url' && $key !== 'loader_url');
        }
        foreach (['standards_url', 'corrections_policy_url', 'ethics_policy_url'] as $key) {
            $clean[$key] = self::url($text($key), true);
        }
        // The template keeps its placeholder: esc_url_raw would encode the braces.
        $template = $text('corrections_src');
        $clean['corrections_src'] = self::url(str_replace('{id}', 'ID', $template), true) === ''
            ? ''
            : $template;
        $clean['loader'] = $text('loader') === 'url' && $clean['loader_url'] !== '' ? 'url' : 'bundled';
        // The loader's URL and the render route decide what script every page prints: only a
        // user who may publish unfiltered HTML may change them (on multisite, a network admin,
        // not a site's administrator); others keep what is saved.
        if (!current_user_can('unfiltered_html')) {
            $saved = self::all();
            foreach (self::SCRIPT_SETTINGS as $key) {
                $clean[$key] = $saved[$key];
            }
        }
        $clean['hydrate'] = self::choice($text('hydrate'), self::HYDRATE);
        $clean['theme'] = self::choice($text('theme'), self::THEMES);
        $clean['placement'] = self::choice($text('placement'), self::PLACEMENTS);
        $clean['statement'] = sanitize_textarea_field(wp_unslash((string) ($input['statement'] ?? '')));
        return $clean;
    }

    /** `$value` if it is an http(s) URL (or, with `$relative`, a path), else ''. */
    public static function url(string $value, bool $relative): string
    {
        if ($value === '') {
            return '';
        }
        if ($relative && str_starts_with($value, '/') && !str_starts_with($value, '//')) {
            return $value;
        }
        $scheme = strtolower((string) wp_parse_url($value, PHP_URL_SCHEME));
        if (!in_array($scheme, ['http', 'https'], true)) {
            return '';
        }
        return esc_url_raw($value, ['http', 'https']);
    }

    /**
     * @param list<string> $allowed
     */
    private static function choice(string $value, array $allowed): string
    {
        return in_array($value, $allowed, true) ? $value : $allowed[0];
    }
}
