import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import boundaries from 'eslint-plugin-boundaries';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';

// The layers of DESIGN.md and docs/architecture.md, enforced: a wrong import fails lint, so the
// architecture cannot rot. The first pattern a file matches gives its element type.
const layers = [
  { type: 'shared', pattern: 'src/shared/**' },
  // main, from the entry points down: host/electron -> transport -> api -> app -> capabilities -> core -> db
  { type: 'electron', pattern: 'src/main/electron/**' },
  { type: 'entry', pattern: 'src/main/host/**' },
  { type: 'transport', pattern: 'src/main/transport/**' },
  { type: 'api', pattern: 'src/main/api/**' },
  { type: 'app', pattern: 'src/main/app/**' },
  { type: 'demo', pattern: 'src/main/demo/**' },
  { type: 'core', pattern: 'src/main/core/**' },
  { type: 'db', pattern: 'src/main/db/**' },
  // Every other folder of src/main is a capability (auth, clients, grid, …).
  { type: 'capability', pattern: 'src/main/*', capture: ['capability'] },
  // renderer: shell -> features -> kit -> api client; a feature never imports another.
  { type: 'renderer-api', pattern: 'src/renderer/src/api/**' },
  { type: 'renderer-i18n', pattern: 'src/renderer/src/i18n/**' },
  { type: 'kit', pattern: 'src/renderer/src/kit/**' },
  { type: 'feature', pattern: 'src/renderer/src/features/*', capture: ['feature'] },
  { type: 'shell', pattern: 'src/renderer/src/shell/**' },
  { type: 'shell', pattern: 'src/renderer/src/*.{ts,tsx,css}', partialMatch: false },
];

/** Who each layer of main may import, besides Node's core modules and npm packages. */
const MAIN_RULES = {
  db: ['db'],
  core: ['core', 'db'],
  capability: ['capability', 'core', 'db'],
  demo: ['demo', 'capability', 'core', 'db'],
  app: ['app', 'demo', 'capability', 'core', 'db'],
  api: ['api', 'app', 'capability', 'core'],
  // Transports reach the capabilities only through the dispatcher.
  transport: ['transport', 'api'],
  entry: ['entry', 'transport', 'api', 'app', 'core'],
  electron: ['electron', 'transport', 'api', 'app', 'core'],
};
/** Who each layer of the renderer may import, besides src/shared and npm packages. */
const RENDERER_RULES = {
  'renderer-api': ['renderer-api'],
  'renderer-i18n': ['renderer-i18n', 'renderer-api'],
  kit: ['kit', 'renderer-api', 'renderer-i18n'],
  shell: ['shell', 'feature', 'kit', 'renderer-api', 'renderer-i18n'],
};

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
            // main: the Node side; never React, and electron only in its own folder.
            ...Object.entries(MAIN_RULES).map(([layer, may]) => ({
              from: { element: { type: layer } },
              allow: [
                { to: { element: { types: { anyOf: ['shared', ...may] } } } },
                { to: { module: { origin: 'core' } } },
                { to: { module: { origin: 'external' } } },
              ],
              disallow: [
                { to: { module: { origin: 'external', source: [...(layer === 'electron' ? [] : ['electron']), 'react', 'react-dom', '@mantine/**', '@tabler/**'] } } },
              ],
            })),
            // renderer: browser code; talks to main only through the typed API client.
            ...[...Object.entries(RENDERER_RULES), ['feature', ['kit', 'renderer-api', 'renderer-i18n']]].map(([layer, may]) => ({
              from: { element: { type: layer } },
              allow: [
                { to: { element: { types: { anyOf: ['shared', ...may] } } } },
                { to: { module: { origin: 'external' } } },
                // A feature's own files; never another feature's (they meet through the kit's slots).
                ...(layer === 'feature' ? [{ to: { element: { type: 'feature', captured: { feature: '{{ from.element.captured.feature }}' } } } }] : []),
              ],
              disallow: [{ to: { module: { origin: 'external', source: ['electron', 'better-sqlite3', 'drizzle-orm', 'drizzle-orm/**', 'ws', 'node:*'] } } }],
            })),
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
