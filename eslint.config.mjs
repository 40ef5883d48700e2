import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The layers of DESIGN.md, enforced: a wrong import fails lint, so the architecture cannot rot.
const layers = [
  { type: 'shared', pattern: 'src/shared/**' },
  { type: 'electron', pattern: 'src/main/electron/**' },
  { type: 'main', pattern: 'src/main/**' },
  { type: 'renderer', pattern: 'src/renderer/**' },
];

export default tseslint.config(
  { ignores: ['out/**', 'dist/**', 'node_modules/**', 'migrations/**', 'test-results/**', 'playwright-report/**', '.electron-native/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: {
          allowDefaultProject: ['*.mjs', 'scripts/*.mjs'],
        },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
    },
  },
  { files: ['**/*.mjs'], ...tseslint.configs.disableTypeChecked },
  { files: ['**/*.mjs'], languageOptions: { globals: globals.node } },
  {
    files: ['src/**/*.{ts,tsx}'],
    plugins: { boundaries },
    settings: {
      'boundaries/elements': layers,
      'boundaries/include': ['src/**/*'],
      // The node resolver with TypeScript's extensions: without them a wrong relative import would pass silently.
      'import/resolver': { node: { extensions: ['.ts', '.tsx', '.js', '.mjs'] } },
    },
    rules: {
      'boundaries/no-unknown-dependencies': 'error',
      'boundaries/dependencies': [
        'error',
        {
          default: 'disallow',
          checkAllOrigins: true,
          policies: [
            // shared: pure TypeScript that runs anywhere; only isomorphic libraries.
            {
              from: { element: { type: 'shared' } },
              allow: [
                { to: { element: { type: 'shared' } } },
                { to: { module: { origin: 'external', source: ['zod', 'i18next', 'libphonenumber-js', 'rrule', 'uuid'] } } },
              ],
            },
            // main: the Node side; never electron (only its electron/ folder), never React.
            {
              from: { element: { type: 'main' } },
              allow: [
                { to: { element: { types: { anyOf: ['shared', 'main'] } } } },
                { to: { module: { origin: 'core' } } },
                { to: { module: { origin: 'external' } } },
              ],
              disallow: [{ to: { module: { origin: 'external', source: ['electron', 'react', 'react-dom', '@mantine/**', '@tabler/**'] } } }],
            },
            {
              from: { element: { type: 'electron' } },
              allow: [
                { to: { element: { types: { anyOf: ['shared', 'main', 'electron'] } } } },
                { to: { module: { origin: 'core' } } },
                { to: { module: { origin: 'external' } } },
              ],
            },
            // renderer: browser code; talks to main only through the typed API client.
            {
              from: { element: { type: 'renderer' } },
              allow: [
                { to: { element: { types: { anyOf: ['shared', 'renderer'] } } } },
                { to: { module: { origin: 'external' } } },
              ],
              disallow: [{ to: { module: { origin: 'external', source: ['electron', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/**', 'ws'] } } }],
            },
          ],
        },
      ],
    },
  },
  {
    // Only src/main/electron may import electron; the renderer may not import Node or React-free main code.
    files: ['src/main/**/*.ts'],
    ignores: ['src/main/electron/**'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'electron', message: 'Only src/main/electron/ imports electron.' }], patterns: ['react', 'react-dom', '@mantine/*'] }] },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    languageOptions: { globals: globals.browser },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': ['error', { paths: ['electron'], patterns: ['node:*', '**/main/**'] }],
    },
  },
  {
    files: ['src/shared/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: ['electron', 'react'], patterns: ['node:*', '**/main/**', '**/renderer/**'] }] },
  },
  {
    files: ['src/shared/**/*.ts'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
  },
);
