// @ts-check
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import vue from 'eslint-plugin-vue';
import globals from 'globals';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'http', 'https', 'net', 'crypto', 'child_process', 'url', 'stream', 'worker_threads'];

/** Import boundaries between the four rooms of the house (docs/architecture.md). */
const restrict = (patterns) => ({
  'no-restricted-imports': ['error', { patterns }],
});

/** core, sandbox and web run under plain Node. */
const plainNode = [
  { group: ['electron', 'electron/*'], message: 'core, sandbox and web run under plain Node: keep Electron at the edge (electron/main, electron/preload).' },
  { group: ['**/renderer/**'], message: 'Node code does not import renderer code.' },
];
/** The shipped core knows no host and no sandbox: main, web and the composition root use it, not the reverse. */
const shippedCore = [
  ...plainNode,
  { group: ['**/main/**', '**/web/**', '**/compose/**'], message: 'The core does not import its hosts (electron/main, electron/web, electron/compose).' },
  { group: ['**/sandbox', '**/sandbox/**'], message: 'The shipped core never imports the sandbox: demo mode gets it from electron/compose.' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'release/**', 'node_modules/**', 'test-results/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...vue.configs['flat/recommended'],
  {
    files: ['**/*.vue'],
    languageOptions: { parserOptions: { parser: tseslint.parser } },
  },
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'vue/multi-word-component-names': 'off',
      'vue/max-attributes-per-line': 'off',
      'vue/singleline-html-element-content-newline': 'off',
      'vue/html-self-closing': 'off',
    },
  },
  {
    files: ['renderer/**/*.{ts,vue}', 'test/renderer/**/*.ts'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    files: ['shared/**/*.ts'],
    rules: restrict([
      { group: ['electron', 'electron/*'], message: 'shared/ is pure TypeScript: no Electron.' },
      { group: nodeBuiltins, message: 'shared/ is pure TypeScript: no Node built-ins.' },
      { group: ['**/electron/**', '**/renderer/**'], message: 'shared/ imports nothing from the rooms that use it.' },
    ]),
  },
  {
    files: ['renderer/**/*.{ts,vue}'],
    rules: restrict([
      { group: ['electron', 'electron/*', '**/electron/**'], message: 'The renderer talks to the core only through the contract client.' },
      { group: nodeBuiltins, message: 'The renderer runs in a sandboxed page: no Node built-ins.' },
    ]),
  },
  {
    // The renderer's build config runs in Node, not in the page.
    files: ['renderer/vite.config.ts'],
    languageOptions: { globals: { ...globals.node } },
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['electron/core/**/*.ts', 'electron/sandbox/**/*.ts', 'electron/web/**/*.ts'],
    rules: restrict(plainNode),
  },
  {
    files: ['electron/core/**/*.ts'],
    rules: restrict(shippedCore),
  },
  {
    // CSV is a feature module under the app layer: the contract handlers (app/handlers) use it, not the reverse.
    files: ['electron/core/csv/**/*.ts'],
    rules: restrict([
      ...shippedCore,
      { group: ['**/app', '**/app/**'], message: 'csv/ does not import the app layer (electron/core/app): the app binds the CSV service, not the reverse.' },
    ]),
  },
);
