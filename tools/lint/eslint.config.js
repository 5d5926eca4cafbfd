// ESLint for the whole repository: typescript-eslint's recommended rules, without type information (fast
// enough to run in every `npm test`; `tsc` already checks the types). Run from the repository root.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  { ignores: ['node_modules/', 'tools/lint/node_modules/', 'dist/', 'data/', 'coverage/', 'test/artifacts/'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.{ts,tsx}'],
    rules: {
      // Our standard: no `any` at boundaries, and none inward either.
      '@typescript-eslint/no-explicit-any': 'error',
      // A leading underscore marks what is deliberately unused (a destructured field left out, a parameter kept for its position).
      '@typescript-eslint/no-unused-vars': [
        'error',
        {
          argsIgnorePattern: '^_',
          varsIgnorePattern: '^_',
          destructuredArrayIgnorePattern: '^_',
          caughtErrors: 'none',
        },
      ],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      eqeqeq: ['error', 'always'],
      'no-console': 'error',
    },
  },
  {
    // Tests read answers whose shape is the point of the assertion; `any` there keeps them short.
    files: ['test/**/*.{ts,tsx}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', 'no-console': 'off' },
  },
  {
    files: ['**/*.cjs'],
    languageOptions: { sourceType: 'commonjs', globals: { module: 'writable', require: 'readonly' } },
  },
  {
    // Browser scripts served as they are (the HIS SDK, the demo HIS page).
    files: ['server/his/sdk/**/*.js', 'server/demo/his/**/*.js'],
    languageOptions: {
      sourceType: 'script',
      globals: Object.fromEntries(
        [
          'window',
          'document',
          'fetch',
          'globalThis',
          'HTMLElement',
          'customElements',
          'CustomEvent',
          'EventTarget',
          'URL',
          'URLSearchParams',
          'HurenHis',
          'console',
        ].map((name) => [name, 'readonly']),
      ),
    },
  },
  {
    // The command-line tools print to the terminal.
    files: ['server/cli/**/*.ts', 'test/bench/**/*.ts'],
    rules: { 'no-console': 'off' },
  },
);
