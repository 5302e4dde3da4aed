<?php

/**
 * Installs a throwaway WordPress for the plugin's tests, without a browser: the site, the
 * twentytwentyone theme, pretty permalinks, the plugin (already unzipped into wp-content/plugins)
 * activated and configured, an author with the reference page's shape (a bio, education and a
 * location, no languages), and posts. Prints what the tests need as JSON.
 *
 *   php install.php SITE_DIR SITE_URL RENDER_URL INBOX_URL
 */

declare(strict_types=1);

[, $dir, $url, $render, $inbox] = $argv + [null, '', '', '', ''];
$host = (string) parse_url($url, PHP_URL_HOST) . ':' . (string) parse_url($url, PHP_URL_PORT);
$_SERVER['HTTP_HOST'] = $host;
$_SERVER['SERVER_NAME'] = (string) parse_url($url, PHP_URL_HOST);
$_SERVER['REQUEST_URI'] = '/';
$_SERVER['SERVER_PROTOCOL'] = 'HTTP/1.1';
define('WP_INSTALLING', true);
require $dir . '/wp-load.php';
require_once ABSPATH . 'wp-admin/includes/upgrade.php';
require_once ABSPATH . 'wp-admin/includes/plugin.php';

wp_install('The Valley Courier', 'admin', 'admin@example.org', true, '', 'admin-password-for-tests');
switch_theme('twentytwentyone');
global $wp_rewrite;
$wp_rewrite->set_permalink_structure('/%postname%/');
update_option('timezone_string', 'America/Halifax');
flush_rewrite_rules(true);

$activated = activate_plugin('article-widget/article-widget.php');
if (is_wp_error($activated)) {
    fwrite(STDERR, 'install: the plugin did not activate: ' . $activated->get_error_message() . "\n");
    exit(1);
}
// As the administrator (who may set the script URLs: unfiltered_html).
wp_set_current_user(1);
update_option('article_widget_options', ArticleWidget\Options::sanitize([
    'endpoint' => $inbox . '/corrections',
    'corrections_src' => $inbox . '/articles/{id}/corrections',
    'render_url' => $render,
    'hydrate' => 'idle',
    'standards_url' => $url . '/standards/',
    'corrections_policy_url' => $url . '/corrections-policy/',
]));

$author = wp_insert_user([
    'user_login' => 'dkowalczyk',
    'user_pass' => 'author-password-for-tests',
    'user_email' => 'dana@example.org',
    'display_name' => 'Dana Kowalczyk',
    'role' => 'author',
    'user_url' => 'https://social.example/@danak',
    'description' => "Dana covers transport and county government for the Courier.\n\n"
        . "Before joining the paper she spent six years at a regional radio newsroom.",
]);
update_user_meta($author, 'aw_job_title', 'County government reporter');
update_user_meta($author, 'aw_education', "BA in Journalism, Lakeshore University\nMA in Public Policy, Ridgeway College");
update_user_meta($author, 'aw_location', 'Millbrook');
update_user_meta($author, 'aw_expertise', "Transport\nCounty budgets\n\n");

// An avatar served by the site itself, as a local-avatars plugin would give one (the test
// machine has no way to Gravatar; a reader's browser would load it from there otherwise).
$muPlugins = WP_CONTENT_DIR . '/mu-plugins';
wp_mkdir_p($muPlugins);
$uploads = wp_upload_dir();
file_put_contents($uploads['basedir'] . '/avatar.svg', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 96 96">'
    . '<rect width="96" height="96" fill="#4a6b8a"/><circle cx="48" cy="38" r="18" fill="#dfe7ee"/>'
    . '<rect x="18" y="62" width="60" height="34" rx="30" fill="#dfe7ee"/></svg>');
// Every HTTP request WordPress makes, logged with whether WP-Cron made it: a reader's page view
// must never call the render route.
file_put_contents($muPlugins . '/http-log.php', "<?php\nadd_filter('pre_http_request', static function (\$pre, \$args, \$url) {\n"
    . "    file_put_contents(" . var_export($dir . '/../http.log', true) . ", json_encode(['url' => \$url, "
    . "'cron' => defined('DOING_CRON') && DOING_CRON, 'admin' => is_admin()]) . \"\\n\", FILE_APPEND);\n"
    . "    return \$pre;\n}, 10, 3);\n");
file_put_contents($muPlugins . '/local-avatar.php', "<?php\nadd_filter('get_avatar_url', static fn() => "
    . var_export($uploads['baseurl'] . '/avatar.svg', true) . ");\n");

// A script in the content, as an administrator (who may post unfiltered HTML) could save it:
// the widget must drop it, not show it or run it.
kses_remove_filters();

$older = wp_insert_post([
    'post_title' => 'County Adds Two Evening Bus Routes',
    'post_content' => '<p>Two evening routes start in March.</p>',
    'post_status' => 'publish',
    'post_author' => $author,
    'post_date' => '2026-01-12 09:00:00',
]);
$body = <<<'HTML'
<!-- wp:paragraph -->
<p>The Station Road bridge will stay closed until at least May, after an inspection found that one of its piers had shifted during the winter floods.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph -->
<p>County engineers said the <strong>closure</strong> adds about <em>twelve minutes</em> to the detour through Millbrook, and asked drivers to <a href="https://valley-courier.example/detours">plan ahead</a>.</p>
<!-- /wp:paragraph -->

<!-- wp:paragraph {"className":"related"} -->
<p class="related">Related: <a href="https://valley-courier.example/county-adds-evening-bus-routes/">County Adds Two Evening Bus Routes</a></p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2>What happens next</h2>
<!-- /wp:heading -->

<!-- wp:quote -->
<blockquote class="wp-block-quote"><p>We will not reopen a bridge we cannot vouch for.</p><cite>The county engineer</cite></blockquote>
<!-- /wp:quote -->

<!-- wp:paragraph -->
<p>Repairs are expected to cost $1.4 million. <script>alert(1)</script>The council votes on the budget next month.</p>
<!-- /wp:paragraph -->
HTML;
$post = wp_insert_post([
    'post_title' => 'Station Road Bridge Stays Closed Until May',
    'post_excerpt' => 'An inspection found a pier had shifted during the winter floods.',
    'post_content' => $body,
    'post_status' => 'publish',
    'post_author' => $author,
    'post_date' => '2026-02-03 07:30:00',
    // The reference page's tag list: blanks and repeats among the real ones.
    'tags_input' => 'Transport, , , County budgets, , Transport',
]);
wp_set_post_categories($post, [wp_create_category('Local')]);
$second = wp_insert_post([
    'post_title' => 'Library Extends Weekend Hours',
    'post_content' => "<p>The main library opens on Sundays from April.</p>\n\n<p>Volunteers will staff the desk.</p>",
    'post_status' => 'publish',
    'post_author' => $author,
    'post_date' => '2026-02-05 10:00:00',
]);

// The posts above show the whole widget instead of their content (their own placement); the
// next one has the default: the theme's article untouched, the widget's trust box, tags and
// author card after it. Written in the block editor, with a list and a table.
update_post_meta($post, ArticleWidget\Options::POST_PLACEMENT, 'replace');
update_post_meta($second, ArticleWidget\Options::POST_PLACEMENT, 'replace');
$beside = wp_insert_post([
    'post_title' => 'Flood Defence Vote Delayed a Month',
    'post_content' => <<<'HTML'
<!-- wp:paragraph -->
<p>The county council postponed its vote on the river wall after engineers asked for a second survey of the eastern bank.</p>
<!-- /wp:paragraph -->

<!-- wp:list -->
<ul><li>The survey starts on Monday.</li><li>Results are due in four weeks.</li></ul>
<!-- /wp:list -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Option</th><th>Cost</th></tr></thead><tbody><tr><td>Repair the wall</td><td>2.1 million</td></tr><tr><td>Build a new wall</td><td>5.8 million</td></tr></tbody></table><figcaption>The two options before the council</figcaption></figure>
<!-- /wp:table -->
HTML,
    'post_status' => 'publish',
    'post_author' => $author,
    'post_date' => '2026-02-06 08:00:00',
    'tags_input' => 'Flooding, County budgets',
]);

// A post as a newsroom writes one in the block editor, with a classic [caption] photo among the
// blocks: every shape the widget must keep under "instead of the content". Its twin, with the
// widget off, is the theme's own rendering of the same content, which the test compares against.
file_put_contents($uploads['basedir'] . '/count.svg', '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 640 360">'
    . '<rect width="640" height="360" fill="#dfe7ee"/><rect x="60" y="200" width="80" height="120" fill="#4a6b8a"/>'
    . '<rect x="200" y="120" width="80" height="200" fill="#4a6b8a"/><rect x="340" y="160" width="80" height="160" fill="#4a6b8a"/></svg>');
$photo = $uploads['baseurl'] . '/count.svg';
$rich = <<<HTML
<!-- wp:paragraph -->
<p>Turnout rose in three of the city's five wards, the clerk's office said, with 2<sup>nd</sup>-ward voters out in record numbers and CO<sub>2</sub> levies the issue on every doorstep.</p>
<!-- /wp:paragraph -->

<!-- wp:heading -->
<h2 class="wp-block-heading">What we know</h2>
<!-- /wp:heading -->

<!-- wp:list -->
<ul><li>Counting finished at 2 a.m.<ul><li>Two wards were recounted.</li><li>Neither result changed.</li></ul></li><li>The new council meets in June.</li></ul>
<!-- /wp:list -->

<!-- wp:list {"ordered":true,"start":3} -->
<ol start="3"><li>Postal votes are checked against the register.</li><li>Spoilt ballots are shown to the agents.</li></ol>
<!-- /wp:list -->

<!-- wp:table -->
<figure class="wp-block-table"><table><thead><tr><th>Ward</th><th>Turnout</th><th>Change</th></tr></thead><tbody><tr><td>North</td><td>48%</td><td>+6</td></tr><tr><td>Harbour</td><td>41%</td><td>+3</td></tr><tr><td>Old Town</td><td>52%</td><td>+9</td></tr></tbody></table><figcaption class="wp-element-caption">Turnout by ward, with the change in points since 2022</figcaption></figure>
<!-- /wp:table -->

<!-- wp:shortcode -->
[caption id="attachment_1" align="aligncenter" width="640"]<img src="{$photo}" alt="Bar chart of turnout in three wards" width="640" height="360" /> Turnout in the three wards that rose[/caption]
<!-- /wp:shortcode -->

<!-- wp:code -->
<pre class="wp-block-code"><code>SELECT ward, count(*) FROM ballots
GROUP BY ward;</code></pre>
<!-- /wp:code -->

<!-- wp:separator -->
<hr class="wp-block-separator has-alpha-channel-opacity"/>
<!-- /wp:separator -->

<!-- wp:paragraph -->
<p>The clerk's office publishes the full count on Friday.</p>
<!-- /wp:paragraph -->
HTML;
$richPosts = [];
foreach (['replace' => 'Turnout Rises in Three Wards', 'off' => 'Turnout Rises in Three Wards (the theme alone)'] as $placement => $title) {
    $richPosts[$placement] = wp_insert_post([
        'post_title' => $title,
        'post_content' => $rich,
        'post_status' => 'publish',
        'post_author' => $author,
        'post_date' => '2025-12-01 06:00:00',
    ]);
    update_post_meta($richPosts[$placement], ArticleWidget\Options::POST_PLACEMENT, $placement);
}

// What a reader may not read, and a page that asks for each through the shortcode: a revision
// holding text since removed, a draft, a scheduled post, a private post; and, as the control, a
// published post (the one widget the page must show).
wp_insert_user([
    'user_login' => 'reader',
    'user_pass' => 'reader-password-for-tests',
    'user_email' => 'reader@example.org',
    'role' => 'subscriber',
]);
$settled = wp_insert_post([
    'post_title' => 'Council Settles Contract Dispute',
    'post_content' => '<p>The council settled its dispute with the bus operator.</p><p>The settlement figure was SECRET-REVISION-310000.</p>',
    'post_status' => 'publish',
    'post_author' => $author,
    'post_date' => '2025-11-01 06:00:00',
]);
// The revision of the text as first published, then the text edited to remove the figure.
$revision = (int) _wp_put_post_revision(get_post($settled));
wp_update_post(['ID' => $settled, 'post_content' => '<p>The council settled its dispute with the bus operator.</p>']);
$hidden = [];
foreach (['draft' => 'draft', 'future' => 'scheduled', 'private' => 'private'] as $status => $word) {
    $hidden[$word] = wp_insert_post([
        'post_title' => "A {$word} post",
        'post_content' => '<p>SECRET-' . strtoupper($word) . ' words nobody may read yet.</p>',
        'post_status' => $status,
        'post_author' => 1,
        'post_date' => $status === 'future' ? '2030-01-01 00:00:00' : '2026-01-01 00:00:00',
    ]);
}
$asks = "[article_widget id=\"{$revision}\"]\n\n";
foreach ($hidden as $id) {
    $asks .= "[article_widget id=\"{$id}\"]\n\n";
}
$asksPage = wp_insert_post([
    'post_title' => 'Shortcodes asking for what a reader may not read',
    'post_type' => 'page',
    'post_content' => $asks . "[article_widget id=\"{$second}\"]",
    'post_status' => 'publish',
    'post_author' => 1,
]);

// The block: beside a post's own content (the Truth and Accuracy box and the author card, no tags),
// and on a page, another post's article with its box, and posts no reader may read (nothing).
$blockPost = wp_insert_post([
    'post_title' => 'Ferry Timetable Changes in June',
    'post_content' => "<!-- wp:paragraph -->\n<p>The river ferry runs every twenty minutes from June.</p>\n<!-- /wp:paragraph -->\n\n"
        . '<!-- wp:article-widget/widget {"parts":["trust","author"]} /-->',
    'post_status' => 'publish',
    'post_author' => $author,
    'post_date' => '2026-02-07 09:00:00',
    'tags_input' => 'Transport',
]);
$blockPage = wp_insert_post([
    'post_title' => 'Blocks asking for posts',
    'post_type' => 'page',
    'post_content' => '<!-- wp:article-widget/widget {"post":' . $hidden['private'] . ',"parts":["article","trust"]} /-->'
        . "\n\n" . '<!-- wp:article-widget/widget {"post":' . $revision . '} /-->'
        . "\n\n" . '<!-- wp:article-widget/widget {"post":' . $post . ',"parts":["article","trust"]} /-->',
    'post_status' => 'publish',
    'post_author' => 1,
]);

$protected = wp_insert_post([
    'post_title' => 'Budget Draft Leaked to Staff',
    'post_content' => '<p>The confidential figure is 4.2 million.</p>',
    'post_status' => 'publish',
    'post_author' => $author,
    'post_password' => 'open-sesame',
]);

echo json_encode([
    'protected' => get_permalink($protected),
    'post' => get_permalink($post),
    'postId' => $post,
    'articleId' => ArticleWidget\ArticleData::articleId(get_post($post)),
    'second' => get_permalink($second),
    'beside' => get_permalink($beside),
    'asks' => get_permalink($asksPage),
    'revision' => $revision,
    'rich' => get_permalink($richPosts['replace']),
    'richTheme' => get_permalink($richPosts['off']),
    'besideId' => $beside,
    'older' => get_permalink($older),
    'secondId' => $second,
    'authorId' => $author,
    'block' => get_permalink($blockPost),
    'blockId' => $blockPost,
    'blockPage' => get_permalink($blockPage),
], JSON_UNESCAPED_SLASHES) . "\n";
