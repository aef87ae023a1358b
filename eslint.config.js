// @ts-check
import fs from 'node:fs';
import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

/** Sub-folders of a directory, for the boundary rules below. */
const folders = (dir) =>
  fs.existsSync(dir)
    ? fs
        .readdirSync(dir, { withFileTypes: true })
        .filter((d) => d.isDirectory())
        .map((d) => d.name)
    : [];

/** gitignore-style: everything under server/ except server/src/contracts/. */
const SERVER_BUT_CONTRACTS = [
  '**/server/*',
  '!**/server/src',
  '**/server/src/*',
  '!**/server/src/contracts',
];

const features = folders('web/src/features');
const modules = folders('server/src/modules');

/** One boundary per config block: DESIGN §3 "enforce these with lint, not goodwill". */
const boundaries = [
  {
    // crypto/ is isomorphic and imports nothing of ours.
    files: ['crypto/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/server/**', '**/web/**', '**/test/**', '../../*'],
              message: 'crypto/ imports nothing of ours (DESIGN §3).',
            },
          ],
        },
      ],
    },
  },
  {
    // web/ imports crypto/ and the types of server/src/contracts/, nothing else of the server.
    files: ['web/src/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: SERVER_BUT_CONTRACTS,
              message: 'web/ may import only server/src/contracts/ (DESIGN §3).',
            },
            {
              group: ['**/server/src/contracts', '**/server/src/contracts/**'],
              allowTypeImports: true,
              message:
                'web/ imports only types from contracts: values would pull zod into the bundle.',
            },
            { group: ['**/test/**'], message: 'web/ does not import tests.' },
          ],
        },
      ],
    },
  },
  // Features do not import each other (bulletproof-react): share through components/ or lib/.
  ...features.map((feature) => ({
    files: [`web/src/features/${feature}/**/*.{ts,tsx}`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: features
                .filter((other) => other !== feature)
                .flatMap((other) => [
                  `**/features/${other}`,
                  `**/features/${other}/**`,
                  `../${other}`,
                  `../${other}/**`,
                  `../../${other}/**`,
                ]),
              message:
                'Features do not import each other: move shared code to components/ or lib/.',
            },
            {
              group: ['**/app/**', '../../app/**'],
              message: 'Features do not import the app shell.',
            },
            { group: SERVER_BUT_CONTRACTS, message: 'web/ may import only server/src/contracts/.' },
          ],
        },
      ],
    },
  })),
  {
    // Storage adapters see only the written contract, and the rows of the schema they share.
    files: ['server/src/storage/sqlite/**/*.ts', 'server/src/storage/postgres/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['../*', '!../ports.js', '!../rows.js', '../../**'],
              message: 'A storage adapter imports only ports.ts and rows.ts (DESIGN §3).',
            },
          ],
        },
      ],
    },
  },
  // A module reaches another only through its index.ts.
  ...modules.map((mod) => ({
    files: [`server/src/modules/${mod}/**/*.ts`],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: modules
                .filter((other) => other !== mod)
                .flatMap((other) => [
                  `**/modules/${other}/*`,
                  `!**/modules/${other}/index.js`,
                  `../${other}/*`,
                  `!../${other}/index.js`,
                  `../../${other}/*`,
                  `!../../${other}/index.js`,
                ]),
              message: 'Reach another module through its index.ts (DESIGN §3).',
            },
          ],
        },
      ],
    },
  })),
  {
    files: ['server/src/*.ts', 'server/src/http/**/*.ts', 'server/src/cli/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: modules.map((other) => ({
            group: [`**/modules/${other}/*`, `!**/modules/${other}/index.js`],
            message: 'Reach a module through its index.ts (DESIGN §3).',
          })),
        },
      ],
    },
  },
];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'coverage/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      'no-console': ['error', { allow: ['warn', 'error'] }],
      eqeqeq: ['error', 'always'],
    },
  },
  {
    files: ['server/src/**/*.ts', 'crypto/src/**/*.ts'],
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: { ...reactHooks.configs.recommended.rules },
  },
  {
    files: ['scripts/**/*.mjs', 'bench/**/*.{mjs,ts}'],
    rules: { 'no-console': 'off' },
  },
  ...boundaries,
);
