// ESLint finds mistakes; Prettier owns the layout (eslint-config-prettier, last, turns off every
// rule that would argue with it). `npm run lint` allows no warnings, so a rule is either worth
// fixing or not enabled.
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import jsxA11y from "eslint-plugin-jsx-a11y";
import react from "eslint-plugin-react";
import reactHooks from "eslint-plugin-react-hooks";
import { defineConfig } from "eslint/config";
import globals from "globals";
import tseslint from "typescript-eslint";

export default defineConfig(
  {
    ignores: [
      "build/",
      "public/build/",
      ".cache/",
      "app/generated/",
      "data/",
      "backups/",
      "bench/results/",
      "tests/.tmp/",
      "test-results/",
      "playwright-report/",
    ],
  },
  {
    linterOptions: { reportUnusedDisableDirectives: "error" },
    languageOptions: { globals: globals.node },
  },
  // app/ runs on the server and in the browser.
  { files: ["app/**"], languageOptions: { globals: { ...globals.browser, ...globals.node } } },

  js.configs.recommended,
  tseslint.configs.recommended,
  {
    rules: {
      // An unused binding is dead code; `_name` marks a parameter a signature needs.
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
    },
  },

  // Type-aware rules, only the cheap and valuable ones (a forgotten await loses a write or an
  // error): the TypeScript project is already built for them by the project service.
  {
    files: ["**/*.ts", "**/*.tsx"],
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      "@typescript-eslint/no-floating-promises": "error",
      // Remix and React take async handlers where the type says void; passing one is fine.
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: false }],
      "@typescript-eslint/await-thenable": "error",
    },
  },

  {
    files: ["**/*.tsx"],
    extends: [react.configs.flat.recommended, react.configs.flat["jsx-runtime"], jsxA11y.flatConfigs.recommended],
    settings: { react: { version: "detect" } },
    rules: {
      // TypeScript checks props.
      "react/prop-types": "off",
    },
  },
  // React's hook rules for the app; tests/ has no React (Playwright fixtures call their own `use`).
  { files: ["app/**/*.ts", "app/**/*.tsx"], extends: [reactHooks.configs.flat.recommended] },

  prettier,
);
