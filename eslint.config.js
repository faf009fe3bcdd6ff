import js from '@eslint/js';
import graphqlPlugin from '@graphql-eslint/eslint-plugin';
import globals from 'globals';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      'web/src/gql/**',
      'web/src/*/gql/**',
      'data/**',
      '.bench/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    files: ['web/src/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
  },
  {
    // Features depend on auth/ for who is asking, never on the GraphQL transport: only resolvers
    // (and the wiring that composes the app) see graphql/, so REST routes and commands stay
    // callable without it.
    files: ['server/src/**/*.ts'],
    ignores: [
      'server/src/graphql/**',
      'server/src/**/*.resolver.ts',
      'server/src/**/*.test.ts',
      'server/src/app.ts',
      'server/src/schema.ts',
    ],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^\\.{1,2}/(.*/)?graphql/',
              message:
                'Features depend on auth/ (Viewer, LaunchPrincipal, authenticate), not graphql/.',
            },
          ],
        },
      ],
    },
  },
  {
    // scorm/ is pure SCORM knowledge: it reports typed problems (ManifestProblem) and the
    // features map them to domain errors, so neither GraphQL nor errors.ts belongs here.
    files: ['server/src/scorm/**/*.ts'],
    ignores: ['server/src/scorm/**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'graphql', message: 'scorm/ knows no transport.' }],
          patterns: [
            {
              regex: '^\\.{1,2}/(.*/)?(graphql/|errors\\.js$)',
              message: 'scorm/ returns typed problems; the features map them to domain errors.',
            },
          ],
        },
      ],
    },
  },
  {
    // Check the web's GraphQL operations against schema.graphql (codegen checks them as a whole too).
    files: ['web/src/**/*.{ts,tsx}'],
    processor: graphqlPlugin.processor,
  },
  {
    files: ['web/src/**/*.graphql'],
    languageOptions: {
      parser: graphqlPlugin.parser,
      parserOptions: { graphQLConfig: { schema: './schema.graphql' } },
    },
    plugins: { '@graphql-eslint': graphqlPlugin },
    rules: {
      '@graphql-eslint/known-type-names': 'error',
      '@graphql-eslint/fields-on-correct-type': 'error',
      '@graphql-eslint/known-argument-names': 'error',
      '@graphql-eslint/provided-required-arguments': 'error',
      '@graphql-eslint/variables-in-allowed-position': 'error',
      '@graphql-eslint/no-deprecated': 'warn',
    },
  },
);
