import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

const nodeBuiltins = [
  'electron',
  'fs',
  'path',
  'os',
  'crypto',
  'child_process',
  'net',
  'http',
  'https',
  'url',
  'util',
  'stream',
  'buffer',
  'events',
  'worker_threads',
];

export default tseslint.config(
  { ignores: ['node_modules', 'out', 'build', 'dist', 'test-results', 'playwright-report'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // The renderer shows and asks: no Electron, no Node, no network. Lint is the process boundary.
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: nodeBuiltins.map((name) => ({
            name,
            message: 'The renderer never imports electron or Node built-ins.',
          })),
          patterns: [
            { group: ['node:*'], message: 'The renderer never imports Node built-ins.' },
            {
              group: ['**/electron/main/**', '**/electron/core/**', '**/electron/preload/**'],
              message: 'The renderer talks to main only through window.ceremony.',
            },
          ],
        },
      ],
      'no-restricted-globals': [
        'error',
        { name: 'fetch', message: 'The renderer makes no network request.' },
        { name: 'XMLHttpRequest', message: 'The renderer makes no network request.' },
        { name: 'WebSocket', message: 'The renderer makes no network request.' },
      ],
    },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    // Only the preload may touch ipcRenderer; the shared contract is pure data.
    files: ['electron/core/**/*.ts', 'electron/shared/**/*.ts', 'electron/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            {
              name: 'electron',
              message: 'Core, shared and CLI modules run in plain Node: no electron import.',
            },
          ],
        },
      ],
    },
  },
);
