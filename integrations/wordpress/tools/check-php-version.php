<?php

/**
 * Fails when a PHP file uses syntax newer than the plugin's "Requires PHP" (the test machine runs
 * one PHP, 8.2, so `php -l` alone cannot tell). Reads PHP's own tokens: enums, readonly
 * properties and classes, `never` and first-class callables `f(...)` (8.1 and 8.2); the rest
 * (`new` in initialisers, standalone `true`/`null`/`false` types, DNF types, constants in
 * traits) is left to review. Prints each use with its file and line.
 *
 *   php check-php-version.php 8.0 DIR
 */

declare(strict_types=1);

[, $version, $dir] = $argv + [null, '', ''];
if ($version !== '8.0' || !is_dir($dir)) {
    fwrite(STDERR, "usage: php check-php-version.php 8.0 DIR\n");
    exit(2);
}
$found = [];
$files = new RecursiveIteratorIterator(new RecursiveDirectoryIterator($dir, FilesystemIterator::SKIP_DOTS));
foreach ($files as $file) {
    if ($file->getExtension() !== 'php') {
        continue;
    }
    $tokens = array_values(array_filter(
        PhpToken::tokenize((string) file_get_contents($file->getPathname())),
        static fn(PhpToken $t): bool => !$t->is([T_WHITESPACE, T_COMMENT, T_DOC_COMMENT])
    ));
    foreach ($tokens as $i => $token) {
        $next = $tokens[$i + 1] ?? null;
        $before = $tokens[$i - 1] ?? null;
        $why = match (true) {
            $token->is(T_ENUM) => 'an enum (8.1)',
            $token->is(T_READONLY) => 'readonly (8.1)',
            $token->is(T_STRING) && strtolower($token->text) === 'never' && $before?->text === ':' => 'never (8.1)',
            $token->is(T_ELLIPSIS) && $next?->text === ')' && $before?->text === '(' => 'a first-class callable (8.1)',
            default => '',
        };
        if ($why !== '') {
            $found[] = $file->getPathname() . ':' . $token->line . ': ' . $why;
        }
    }
}
if ($found !== []) {
    fwrite(STDERR, "syntax newer than PHP {$version}:\n  " . implode("\n  ", $found) . "\n");
    exit(1);
}
echo "every file reads as PHP {$version}\n";
