import type { CodegenConfig } from '@graphql-codegen/cli';

const shared = {
  scalars: { DateTime: 'string', JSON: 'unknown' },
  enumsAsTypes: true,
  useTypeImports: true,
};

/**
 * Typed documents for every web entry, generated from the checked-in schema.graphql.
 *
 * The dashboard uses Apollo Client, so its documents are parsed ASTs. The player and the
 * dispatch launcher send their operations with plain fetch: each gets its own output of
 * typed strings (`documentMode: 'string'`), so neither bundle carries the dashboard's
 * operations nor a GraphQL parser or printer.
 */
const config: CodegenConfig = {
  schema: 'schema.graphql',
  ignoreNoDocuments: true,
  generates: {
    'web/src/gql/': {
      documents: [
        'web/src/**/*.{ts,tsx}',
        '!web/src/gql/**',
        '!web/src/player/**',
        '!web/src/dispatch-launcher/**',
      ],
      preset: 'client',
      config: shared,
      presetConfig: { fragmentMasking: false },
    },
    'web/src/player/gql/': {
      documents: ['web/src/player/**/*.ts', '!web/src/player/gql/**'],
      preset: 'client',
      config: { ...shared, documentMode: 'string' },
      presetConfig: { fragmentMasking: false },
    },
    'web/src/dispatch-launcher/gql/': {
      documents: ['web/src/dispatch-launcher/**/*.ts', '!web/src/dispatch-launcher/gql/**'],
      preset: 'client',
      config: { ...shared, documentMode: 'string' },
      presetConfig: { fragmentMasking: false },
    },
  },
};

export default config;
