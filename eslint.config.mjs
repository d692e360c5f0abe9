// One lint configuration for the whole monorepo (flat config).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';

export default tseslint.config(
  {
    ignores: [
      '**/dist/**',
      '**/node_modules/**',
      '**/src/gen/**',
      '**/src/graphql/generated/**',
      'gateway/console/src/gql/**',
      'infra/kafka/lib/**',
      '.data/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      'no-console': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': 'off',
    },
  },
  // Resolvers and loaders call use-cases/ or read-models/, which own the SQL (services/README.md).
  // dependency-cruiser keeps typeorm and pg out of graphql/; this catches SQL run through an object
  // that came from elsewhere (a data source or manager on the context).
  {
    files: ['services/*/src/graphql/**/*.ts'],
    ignores: ['**/*.spec.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.property.name='query']",
          message: 'No SQL in graphql/: put it in a read model (read-models/) or a use case (use-cases/).',
        },
        {
          selector: 'CallExpression[callee.property.name=/^(createQueryBuilder|getRepository)$/]',
          message: 'No SQL in graphql/: put it in a read model (read-models/) or a use case (use-cases/).',
        },
      ],
    },
  },
  // Tests read dynamic GraphQL JSON; typing every response shape there is noise.
  { files: ['test/**/*.ts', '**/*.spec.ts'], rules: { '@typescript-eslint/no-explicit-any': 'off' } },
  {
    files: ['**/*.mjs', '**/*.cjs', '**/*.js'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        URL: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
      },
    },
    rules: { 'no-console': 'off', '@typescript-eslint/no-require-imports': 'off' },
  },
);
