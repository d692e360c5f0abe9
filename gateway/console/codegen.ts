import type { CodegenConfig } from '@graphql-codegen/cli';

// Documents are typed against the composed supergraph plus the gateway's subscription feeds
// (gateway/src/subscriptions/feeds): scripts/subscription-sdl.mjs writes their SDL.
const config: CodegenConfig = {
  schema: ['../supergraph.graphql', './.schema/subscriptions.graphql'],
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**'],
  ignoreNoDocuments: false,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        scalars: { DateTime: 'string', Date: 'string' },
      },
    },
  },
};
export default config;
