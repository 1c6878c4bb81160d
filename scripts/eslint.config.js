// Lint, including the runtime boundaries: a file may import only what its runtime has.
// Run as `eslint -c scripts/eslint.config.js` (the top level of the repo is kept to the fixed layout).
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((name) => `node:${name}`)];
const electron = {
  name: 'electron',
  message: 'Only main/app and main/preload may import electron (the binary is not available elsewhere).',
};
const noNode = nodeBuiltins.map((name) => ({ name, message: 'No Node modules here: this code runs without Node.' }));

export default tseslint.config(
  { ignores: ['out/**', 'node_modules/**', '.tmp/**'] },
  js.configs.recommended,
  ...tseslint.configs.strict,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_' }],
      'no-restricted-imports': ['error', { paths: [electron] }],
    },
  },
  {
    files: ['main/app/**', 'main/preload/**'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    files: ['main/**'],
    ignores: ['main/app/**', 'main/preload/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [electron], patterns: [{ group: ['**/renderer/**'], message: 'main never imports renderer code.' }] },
      ],
    },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: { ...globals.es2023 } },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...noNode, { name: 'react', message: 'shared/ is plain TypeScript: no React.' }],
          patterns: [
            { group: ['**/main/**', '**/renderer/**'], message: 'shared/ depends on nothing but itself and zod.' },
          ],
        },
      ],
    },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          paths: [electron, ...noNode],
          patterns: [{ group: ['**/main/**'], message: 'The renderer reaches main only through window.mail.' }],
        },
      ],
    },
  },
);
