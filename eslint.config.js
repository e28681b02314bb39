// ESLint: typescript-eslint's type-checked recommendations for the TypeScript, and
// Astro's plugin for the .astro files. Prettier owns formatting, so no style rules here.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import astro from 'eslint-plugin-astro';

export default tseslint.config(
  {
    ignores: [
      'dist/',
      'bench/',
      '.astro/',
      'node_modules/',
      'public/',
      'test-results/',
      'playwright-report/',
      'reliability-results/',
      'lambda/',
      '**/*.mjs',
      '**/*.js',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  { languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } } },
  ...astro.configs.recommended,
  {
    // astro-eslint-parser has no projectService (it warned, then used `project: true`): the same tsconfig.json, asked for by name.
    files: ['**/*.astro'],
    languageOptions: { parserOptions: { projectService: false, project: true } },
  },
  {
    files: ['tests/**/*.ts'],
    rules: {
      // Tests read AWS's JSON answers and assert on their members; typing every answer would restate the SDK.
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-explicit-any': 'off',
      // expect(client.send) and similar pass methods to assertions, never call them unbound.
      '@typescript-eslint/unbound-method': 'off',
      // Fakes stand in for async interfaces: `async` keeps a fake's throw a rejection, as the real call's would be.
      '@typescript-eslint/require-await': 'off',
      // `const { $metadata, ...answer } = …` compares AWS's answers without their request metadata.
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true }],
    },
  },
  {
    // Lists of steps and checks hold every input type, and TypeScript has no existential type: AnyStep and Check say `any`.
    files: ['src/steps/model.ts', 'src/steps/checks.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    // Telling text from binary data (bytesAsText), and quoting a body's control characters as Jackson does, test for control characters.
    files: ['src/steps/calls.ts', 'src/sandbox/lambda/invoke/jackson-json-error.ts'],
    rules: { 'no-control-regex': 'off' },
  },
  {
    // Operation tables and stores implement promise-returning contracts: `async` keeps a thrown AwsError a rejection, as the awaiting ones' are.
    files: [
      'src/sandbox/**/operations.ts',
      'src/sandbox/lambda/tags.ts',
      'src/sandbox/apigateway/control/*.ts',
      'src/sandbox/sts/index.ts',
      'src/sandbox/storage/document-store.ts',
    ],
    rules: { '@typescript-eslint/require-await': 'off' },
  },
  {
    // Generated from AWS's models, where an operation that answers nothing has an empty output structure.
    files: ['src/sandbox/protocol/generated/*.ts'],
    rules: { '@typescript-eslint/no-empty-object-type': 'off' },
  },
);
