<?php

declare(strict_types=1);

namespace ArticleWidget;

/**
 * A post as the widget's JSON document, version 1 (docs/data.md, schema/article.v1.schema.json):
 * WordPress's own data, nothing fetched. The body is read from the post's HTML into the widget's
 * typed blocks (paragraphs with emphasis, strong text and links; headings; quotes; images;
 * related-article teasers), so no markup reaches the widget as markup.
 */
final class ArticleData
{
    /** User meta keys of the author fields the plugin adds to the profile screen. */
    public const PROFILE_FIELDS = [
        'aw_job_title' => 'jobTitle',
        'aw_education' => 'education',
        'aw_location' => 'location',
        'aw_languages' => 'languages',
        'aw_expertise' => 'expertise',
    ];
    /** Profile fields that hold one item a line. */
    public const LIST_FIELDS = ['aw_education', 'aw_languages', 'aw_expertise'];

    /**
     * The document for `$post`.
     *
     * @return array<string, mixed>
     */
    public static function of(\WP_Post $post, bool $withBody = true): array
    {
        $article = [
            'version' => 1,
            'id' => self::articleId($post),
            'url' => (string) get_permalink($post),
            'headline' => self::text(get_the_title($post)),
            'language' => str_replace('_', '-', (string) get_bloginfo('language')),
            'datePublished' => (string) get_post_time('c', true, $post),
            'dateModified' => (string) get_post_modified_time('c', true, $post),
        ];
        if (has_excerpt($post)) {
            $article['description'] = self::text($post->post_excerpt);
        }
        $categories = get_the_category($post->ID);
        foreach ($categories as $category) {
            if ($category->slug !== 'uncategorized') {
                $article['section'] = self::text($category->name);
                break;
            }
        }
        $image = self::featuredImage($post);
        if ($image !== null) {
            $article['image'] = $image;
        }
        $author = self::author($post);
        if ($author !== null) {
            $article['authors'] = [$author];
        }
        // Beside the theme's article the widget shows no body: none is sent.
        if ($withBody) {
            $article['body'] = self::body(self::html($post));
        }
        $tags = [];
        foreach (wp_get_post_tags($post->ID) as $tag) {
            $link = get_tag_link($tag);
            $tags[] = array_filter([
                'name' => self::text($tag->name),
                'slug' => $tag->slug,
                'url' => is_string($link) ? $link : '',
            ], static fn($v) => $v !== '');
        }
        $article['tags'] = $tags;
        $article['trust'] = array_filter([
            'publisher' => self::text((string) get_bloginfo('name')),
            'statement' => Options::get('statement'),
            'standardsUrl' => Options::get('standards_url'),
            'correctionsPolicyUrl' => Options::get('corrections_policy_url'),
            'ethicsPolicyUrl' => Options::get('ethics_policy_url'),
        ], static fn($v) => $v !== '');
        /** The document, before it reaches the widget: add or change fields here. */
        return (array) apply_filters('article_widget_article', $article, $post);
    }

    /** The article's key in the corrections inbox: the site and the post's ID (filterable). */
    public static function articleId(\WP_Post $post): string
    {
        // The site's host and path: two sites of a network in subdirectories (or two WordPress
        // installs under one host) number their posts alike.
        $host = (string) wp_parse_url(home_url(), PHP_URL_HOST);
        $path = trim((string) wp_parse_url(home_url(), PHP_URL_PATH), '/');
        $id = ($host !== '' ? $host : 'wordpress') . ($path !== '' ? '/' . $path : '') . '/' . $post->ID;
        return (string) apply_filters('article_widget_article_id', $id, $post);
    }

    /** Plain text: tags stripped, entities decoded, whitespace collapsed. */
    public static function text(string $html): string
    {
        $plain = html_entity_decode(wp_strip_all_tags($html), ENT_QUOTES | ENT_HTML5, 'UTF-8');
        return trim((string) preg_replace('/\s+/u', ' ', $plain));
    }

    /** The post's HTML as the theme would show it, blocks rendered, without shortcodes. */
    private static function html(\WP_Post $post): string
    {
        $content = strip_shortcodes($post->post_content);
        return has_blocks($content) ? do_blocks($content) : wpautop($content);
    }

    /**
     * @return array<string, mixed>|null
     */
    private static function featuredImage(\WP_Post $post): ?array
    {
        $id = (int) get_post_thumbnail_id($post);
        if ($id === 0) {
            return null;
        }
        $src = wp_get_attachment_image_src($id, 'large');
        if (!is_array($src)) {
            return null;
        }
        return array_filter([
            'url' => (string) $src[0],
            'width' => (int) $src[1],
            'height' => (int) $src[2],
            'alt' => self::text((string) get_post_meta($id, '_wp_attachment_image_alt', true)),
            'caption' => self::text((string) wp_get_attachment_caption($id)),
        ], static fn($v) => $v !== '' && $v !== 0);
    }

    /**
     * The author card: WordPress's display name, bio and avatar, the profile fields this
     * plugin adds, and the author's recent posts.
     *
     * @return array<string, mixed>|null
     */
    private static function author(\WP_Post $post): ?array
    {
        $user = get_userdata((int) $post->post_author);
        if (!$user instanceof \WP_User) {
            return null;
        }
        $author = [
            'name' => self::text($user->display_name),
            'url' => (string) get_author_posts_url($user->ID),
        ];
        // The site's own choice (Settings → Discussion → Show Avatars); the widget shows
        // initials otherwise.
        $avatar = get_option('show_avatars') ? get_avatar_url($user->ID, ['size' => 192]) : '';
        if (is_string($avatar) && $avatar !== '') {
            $author['image'] = $avatar;
        }
        $bio = array_values(array_filter(array_map(
            [self::class, 'text'],
            preg_split('/\R\s*\R/u', (string) $user->description) ?: []
        )));
        if ($bio !== []) {
            $author['bio'] = $bio[0];
            if (count($bio) > 1) {
                $author['longBio'] = $bio;
            }
        }
        foreach (self::PROFILE_FIELDS as $meta => $field) {
            $value = (string) get_user_meta($user->ID, $meta, true);
            if (in_array($meta, self::LIST_FIELDS, true)) {
                $lines = preg_split('/\R/u', $value) ?: [];
                $items = array_values(array_filter(array_map([self::class, 'text'], $lines)));
                if ($items !== []) {
                    $author[$field] = $items;
                }
            } elseif (self::text($value) !== '') {
                $author[$field] = self::text($value);
            }
        }
        if ($user->user_url !== '') {
            $author['sameAs'] = [(string) $user->user_url];
        }
        $recent = [];
        $others = get_posts([
            'author' => $user->ID,
            'post_type' => 'post',
            'post_status' => 'publish',
            'numberposts' => 5,
            'exclude' => [$post->ID],
            // A password-protected post's title ("Protected: …") is no reading suggestion.
            'has_password' => false,
            'orderby' => 'date',
            'order' => 'DESC',
            'suppress_filters' => false,
        ]);
        foreach ($others as $other) {
            $recent[] = [
                'headline' => self::text(get_the_title($other)),
                'url' => (string) get_permalink($other),
                'date' => (string) get_post_time('Y-m-d', true, $other),
            ];
        }
        if ($recent !== []) {
            $author['recent'] = $recent;
        }
        return $author;
    }

    /**
     * The post's HTML as the widget's body blocks.
     *
     * @return list<mixed>
     */
    public static function body(string $html): array
    {
        if (trim($html) === '') {
            return [];
        }
        $document = new \DOMDocument();
        $previous = libxml_use_internal_errors(true);
        $document->loadHTML(
            '<?xml encoding="utf-8"?><body>' . $html . '</body>',
            LIBXML_NONET | LIBXML_NOERROR | LIBXML_NOWARNING
        );
        libxml_clear_errors();
        libxml_use_internal_errors($previous);
        $body = $document->getElementsByTagName('body')->item(0);
        $blocks = [];
        if ($body !== null) {
            self::blocks($body, $blocks);
        }
        return $blocks;
    }

    /**
     * @param list<mixed> $blocks
     */
    private static function blocks(\DOMNode $parent, array &$blocks): void
    {
        foreach ($parent->childNodes as $node) {
            if ($node instanceof \DOMText) {
                $text = self::text($node->textContent);
                if ($text !== '') {
                    $blocks[] = $text;
                }
                continue;
            }
            if (!$node instanceof \DOMElement) {
                continue;
            }
            $tag = strtolower($node->tagName);
            $related = self::related($node);
            if ($related !== null) {
                $blocks[] = $related;
            } elseif (in_array($tag, ['h2', 'h3', 'h4', 'h5', 'h6'], true)) {
                $text = self::text($node->textContent);
                if ($text !== '') {
                    $blocks[] = ['type' => 'heading', 'text' => $text];
                }
            } elseif ($tag === 'blockquote') {
                $cite = $node->getElementsByTagName('cite')->item(0);
                $citeText = $cite !== null ? self::text($cite->textContent) : '';
                if ($cite !== null) {
                    $cite->parentNode?->removeChild($cite);
                }
                $text = self::text($node->textContent);
                if ($text !== '') {
                    $blocks[] = array_filter(['type' => 'quote', 'text' => $text, 'cite' => $citeText]);
                }
            } elseif ($tag === 'img' || $tag === 'figure' && $node->getElementsByTagName('img')->length > 0) {
                $image = self::image($node);
                if ($image !== null) {
                    $blocks[] = $image;
                }
            } elseif (in_array($tag, ['p', 'li', 'figcaption', 'pre'], true)) {
                $runs = self::runs($node);
                if ($runs !== []) {
                    $blocks[] = ['type' => 'paragraph', 'content' => $runs];
                }
            } elseif (in_array($tag, ['script', 'style', 'noscript', 'iframe', 'form', 'template'], true)) {
                continue;
            } else {
                // div, section, ul, ol, figure without an image …: their children.
                self::blocks($node, $blocks);
            }
        }
    }

    /**
     * A related-article teaser: an element of class "related" (or a Gutenberg block of it), or a
     * paragraph that is one link after "Related:", "Read more:", "See also:" or "Also read:".
     *
     * @return array<string, string>|null
     */
    private static function related(\DOMElement $node): ?array
    {
        $links = $node->getElementsByTagName('a');
        if ($links->length !== 1) {
            return null;
        }
        $link = $links->item(0);
        $href = $link instanceof \DOMElement ? Options::url($link->getAttribute('href'), true) : '';
        $headline = $link !== null ? self::text($link->textContent) : '';
        if ($href === '' || $headline === '') {
            return null;
        }
        $class = ' ' . $node->getAttribute('class') . ' ';
        $text = self::text($node->textContent);
        $marked = preg_match('/[\s-]related[\s-]/', $class) === 1;
        $kicker = '';
        if (preg_match('/^(related|read more|see also|also read)\s*:\s*(.*)$/iu', $text, $match) === 1) {
            $kicker = rtrim(substr($text, 0, strpos($text, ':') ?: 0));
            $marked = $marked || self::text($match[2]) === $headline;
        }
        if (!$marked) {
            return null;
        }
        return array_filter([
            'type' => 'related',
            'headline' => $headline,
            'url' => $href,
            'kicker' => $kicker,
        ]);
    }

    /**
     * @return array<string, mixed>|null
     */
    private static function image(\DOMElement $node): ?array
    {
        $img = strtolower($node->tagName) === 'img' ? $node : $node->getElementsByTagName('img')->item(0);
        if (!$img instanceof \DOMElement) {
            return null;
        }
        $url = Options::url($img->getAttribute('src'), true);
        if ($url === '') {
            return null;
        }
        $caption = $node->getElementsByTagName('figcaption')->item(0);
        return array_filter([
            'type' => 'image',
            'url' => $url,
            'alt' => self::text($img->getAttribute('alt')),
            'caption' => $caption !== null ? self::text($caption->textContent) : '',
            'width' => (int) $img->getAttribute('width'),
            'height' => (int) $img->getAttribute('height'),
        ], static fn($v) => $v !== '' && $v !== 0);
    }

    /**
     * A paragraph's runs: text, emphasis, strong text and links.
     *
     * @return list<mixed>
     */
    private static function runs(\DOMNode $node, bool $em = false, bool $strong = false, string $href = ''): array
    {
        $runs = [];
        foreach ($node->childNodes as $child) {
            if ($child instanceof \DOMText) {
                $text = (string) preg_replace('/\s+/u', ' ', $child->textContent);
                if ($text === '' || $text === ' ' && $runs === []) {
                    continue;
                }
                $run = array_filter(['text' => $text, 'em' => $em, 'strong' => $strong, 'href' => $href]);
                $runs[] = count($run) === 1 ? $text : $run;
            } elseif ($child instanceof \DOMElement) {
                $tag = strtolower($child->tagName);
                if ($tag === 'br') {
                    $runs[] = ' ';
                    continue;
                }
                if (in_array($tag, ['script', 'style', 'noscript', 'iframe'], true)) {
                    continue;
                }
                $link = $tag === 'a' ? Options::url($child->getAttribute('href'), true) : $href;
                $runs = array_merge($runs, self::runs(
                    $child,
                    $em || in_array($tag, ['em', 'i'], true),
                    $strong || in_array($tag, ['strong', 'b'], true),
                    $link
                ));
            }
        }
        return $runs;
    }
}
