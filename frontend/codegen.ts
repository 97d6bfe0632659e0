// GraphQL types for the app, generated from the server's schema
// (schema.graphql, printed by `go generate`) and the documents in src/.
// No response is typed by hand: a query that does not match the schema
// fails here, at build time.
import type { CodegenConfig } from '@graphql-codegen/cli';

const config: CodegenConfig = {
  schema: 'schema.graphql',
  documents: ['src/**/*.{ts,tsx}', '!src/gql/**/*', '!src/**/*.test.{ts,tsx}'],
  ignoreNoDocuments: false,
  errorsOnly: true,
  generates: {
    'src/gql/': {
      preset: 'client',
      presetConfig: { fragmentMasking: false },
      config: {
        useTypeImports: true,
        enumsAsTypes: true,
        skipTypename: false,
        scalars: { ID: 'string', Time: 'string', Decimal: 'string', Cursor: 'string', Month: 'string' },
      },
    },
  },
};

export default config;
