<?php

// The block editor script's dependencies (WordPress's globals; no build step) and version.
return [
    'dependencies' => [
        'wp-api-fetch', 'wp-block-editor', 'wp-blocks', 'wp-components', 'wp-core-data', 'wp-data',
        'wp-element', 'wp-i18n',
    ],
    'version' => '0.1.0',
];
