<?php

/**
 * Every echo of a variable goes through an esc_* function or wp_json_encode: reads each PHP file
 * under the folders given with PHP's own tokenizer and, in every `echo`, `print` and `<?=`
 * statement, finds each variable and each function call's result that is not inside a call of
 * an escaping function. Prints them and exits 1; exits 0 when there are none.
 *
 *   php integrations/wordpress/tools/check-escapes.php integrations/wordpress/article-widget
 */

declare(strict_types=1);

const ESCAPING = [
    'esc_html', 'esc_attr', 'esc_url', 'esc_textarea', 'esc_js', 'esc_xml', 'esc_html__', 'esc_attr__',
    'wp_json_encode', 'absint',
    // WordPress helpers that return a fixed attribute (" selected='selected'") or nothing.
    'selected', 'checked', 'disabled',
];

/** @return list<string> the problems in one file */
function problems(string $file): array
{
    $tokens = token_get_all((string) file_get_contents($file));
    $found = [];
    $count = count($tokens);
    for ($i = 0; $i < $count; $i++) {
        $token = $tokens[$i];
        if (!is_array($token) || !in_array($token[0], [T_ECHO, T_PRINT, T_OPEN_TAG_WITH_ECHO], true)) {
            continue;
        }
        $stack = [];
        $line = $token[2];
        for ($j = $i + 1; $j < $count; $j++) {
            $t = $tokens[$j];
            if ($t === ';' && $stack === [] || is_array($t) && $t[0] === T_CLOSE_TAG) {
                break;
            }
            if ($t === '(') {
                $name = '';
                for ($k = $j - 1; $k > $i; $k--) {
                    if (is_array($tokens[$k]) && $tokens[$k][0] === T_WHITESPACE) {
                        continue;
                    }
                    if (is_array($tokens[$k]) && in_array($tokens[$k][0], [T_STRING, T_NAME_QUALIFIED, T_NAME_FULLY_QUALIFIED], true)) {
                        $name = ltrim($tokens[$k][1], '\\');
                    }
                    break;
                }
                $stack[] = $name;
                if ($name !== '' && !array_intersect($stack, ESCAPING)) {
                    $found[] = "$file:$line: echoes {$name}()'s result unescaped";
                }
                continue;
            }
            if ($t === ')') {
                array_pop($stack);
                continue;
            }
            if (is_array($t) && $t[0] === T_VARIABLE && !array_intersect($stack, ESCAPING)) {
                $found[] = "$file:{$t[2]}: echoes {$t[1]} unescaped";
            }
        }
    }
    return $found;
}

$all = [];
foreach (array_slice($argv, 1) as $dir) {
    $files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($dir, FilesystemIterator::SKIP_DOTS));
    foreach ($files as $file) {
        if (str_ends_with((string) $file, '.php')) {
            $all = array_merge($all, problems((string) $file));
        }
    }
}
foreach ($all as $problem) {
    fwrite(STDERR, $problem . "\n");
}
echo count($all) === 0 ? "every echo is escaped\n" : count($all) . " unescaped echo(es)\n";
exit(count($all) === 0 ? 0 : 1);
