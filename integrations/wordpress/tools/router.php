<?php

/**
 * The router for `php -S` serving the test site: files as files (wasm with its own MIME type,
 * which PHP's built-in server does not know), folders with an index.php as themselves, and
 * every other path through WordPress (pretty permalinks).
 */

$path = (string) parse_url($_SERVER['REQUEST_URI'], PHP_URL_PATH);
$file = $_SERVER['DOCUMENT_ROOT'] . $path;
if (str_ends_with($path, '.wasm') && is_file($file)) {
    header('Content-Type: application/wasm');
    header('Content-Length: ' . filesize($file));
    readfile($file);
    return true;
}
if (is_file($file) || is_dir($file) && is_file($file . '/index.php')) {
    return false;
}
$_SERVER['SCRIPT_NAME'] = '/index.php';
$_SERVER['SCRIPT_FILENAME'] = $_SERVER['DOCUMENT_ROOT'] . '/index.php';
require $_SERVER['DOCUMENT_ROOT'] . '/index.php';
