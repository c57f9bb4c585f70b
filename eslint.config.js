// ESLint for the site's browser code (docs/js/) and its Node tests (tests/js/): the
// recommended rules, as ruff checks the Python. `make lint` runs it.
"use strict";

const js = require("@eslint/js");
const globals = require("globals");

module.exports = [
  { ignores: ["node_modules/**", "site/**", "site-*/**", ".venv/**", "build/**"] },
  js.configs.recommended,
  {
    // Classic scripts: the site works from file://, where browsers load no modules.
    files: ["docs/js/**/*.js"],
    languageOptions: {
      ecmaVersion: 2020,
      sourceType: "script",
      globals: {
        ...globals.browser,
        // The pure parts (answers-store.js, -stamps, -state, -merge) are also loaded by Node's test runner through require().
        module: "readonly",
        require: "readonly"
      }
    },
    rules: {
      "no-unused-vars": ["error", { caughtErrors: "none" }]
    }
  },
  {
    files: ["tests/js/**/*.js", "eslint.config.js", "tools/**/*.js"],
    languageOptions: {
      ecmaVersion: 2022,
      sourceType: "commonjs",
      globals: { ...globals.node }
    }
  }
];
