// ESLint (flat config) for the shipped JavaScript: the widget's (embed/*.js, ES modules) and the
// WordPress plugin's editor scripts (plain scripts on WordPress's `wp` global). The recommended
// rules. Run from the repository's root (scripts/test.sh does, the quick tier too):
//   tools/node_modules/.bin/eslint -c tools/eslint.config.mjs embed integrations/wordpress/article-widget
import js from "@eslint/js";
import globals from "globals";

export default [
  js.configs.recommended,
  {
    files: ["embed/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "module",
      globals: globals.browser,
    },
    rules: {
      // `catch {}` where storage may throw (private mode, quotas): nothing to do, on purpose.
      "no-empty": ["error", { allowEmptyCatch: true }],
    },
  },
  {
    files: ["integrations/wordpress/article-widget/**/*.js"],
    ignores: ["integrations/wordpress/article-widget/assets/**"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: { ...globals.browser, wp: "readonly" },
    },
  },
];
