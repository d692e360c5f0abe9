/**
 * The import rules of services/README.md ("What each layer may import" and "Across packages"),
 * checked by `npm run lint` (depcruise). Paths are relative to the directory depcruise runs in: the
 * repository root, or a fixture tree laid out like it (infra/fixtures/dependency-rules, see
 * infra/src/dependency-rules.spec.ts, which proves every rule fails when broken).
 */
const { join } = require('node:path');

/** Tests, their helpers, benchmarks and fixtures: everything else is production code. */
const TEST_CODE = [
  '\\.spec\\.ts$',
  '\\.e2e\\.ts$',
  '^test/',
  '(^|/)bench/',
  '(^|/)fixtures/',
  // a package's test helpers: @fidu/service-kit/testing, @fidu/<service>/testing
  '^services/[^/]+/src/testing(/|\\.ts$)',
];

/** Frameworks and drivers, as resolved into node_modules (type-only imports included). */
const FRAMEWORK =
  '(^|/)node_modules/(@types/)?(typeorm|pg|pg-[^/]+|graphql|@apollo/[^/]+|kafkajs|express|dataloader)/';

/** A service's own source (the kit is shared code, not a service with layers). */
const SERVICE = '^services/(?!service-kit/)([^/]+)/src/';
/** A layer's production files (its unit tests may use whatever a test needs). */
const layer = (name) => ({ path: `${SERVICE}${name}/`, pathNot: TEST_CODE });
/** `$1` is the importing service: its own files in that layer. */
const ownLayer = (names) => `^services/$1/src/(${names})/`;

const forbidden = [
  {
    name: 'domain-no-framework',
    comment: 'domain/ and access/ are plain TypeScript: no framework or driver.',
    severity: 'error',
    from: { path: '^services/[^/]+/src/(domain|access)/', pathNot: TEST_CODE },
    to: { path: FRAMEWORK },
  },
  {
    name: 'domain-no-other-layer',
    comment: 'domain/ imports only domain/ and @fidu/service-kit/domain.',
    severity: 'error',
    from: layer('domain'),
    to: { path: '^services/', pathNot: [ownLayer('domain'), '^services/service-kit/src/domain/'] },
  },
  {
    name: 'access-no-other-layer',
    comment: 'access/ imports only domain/, access/ and @fidu/service-kit/domain.',
    severity: 'error',
    from: layer('access'),
    to: { path: '^services/', pathNot: [ownLayer('domain|access'), '^services/service-kit/src/domain/'] },
  },
  {
    name: 'use-cases-no-transport',
    comment: 'use-cases/ hold no HTTP or GraphQL: never graphql/, http/ or express.',
    severity: 'error',
    from: layer('use-cases'),
    to: { path: [ownLayer('graphql|http'), '(^|/)node_modules/(@types/)?express/'] },
  },
  {
    name: 'read-models-no-commands-or-transport',
    comment: 'read-models/ never import use-cases/, graphql/ or http/.',
    severity: 'error',
    from: layer('read-models'),
    to: { path: ownLayer('use-cases|graphql|http') },
  },
  {
    name: 'db-no-upper-layer',
    comment: 'db/ never imports use-cases/, graphql/ or events/.',
    severity: 'error',
    from: layer('db'),
    to: { path: ownLayer('use-cases|graphql|events') },
  },
  {
    name: 'events-no-transport',
    comment: 'events/ never import graphql/ or http/.',
    severity: 'error',
    from: layer('events'),
    to: { path: ownLayer('graphql|http') },
  },
  {
    name: 'resolvers-no-sql',
    comment:
      'graphql/ calls use-cases/ or read-models/, which own the SQL: no typeorm or pg here ' +
      '(ESLint also refuses .query(), createQueryBuilder() and getRepository() calls in graphql/).',
    severity: 'error',
    from: layer('graphql'),
    to: { path: '(^|/)node_modules/(@types/)?(typeorm|pg)/' },
  },
  {
    name: 'jobs-and-routes-no-graphql',
    comment: 'jobs/ and http/ call use-cases/ and read-models/, never graphql/.',
    severity: 'error',
    from: layer('(jobs|http)'),
    to: { path: ownLayer('graphql') },
  },
  {
    name: 'no-service-imports-another',
    comment: 'Services talk only through Kafka events (proto-events/), never by importing each other.',
    severity: 'error',
    from: { path: '^services/([^/]+)/' },
    to: { path: '^services/[^/]+/', pathNot: '^services/($1|service-kit)/' },
  },
  {
    name: 'gateway-no-service',
    comment: 'The gateway knows the subgraphs by URL and the supergraph, never by import.',
    severity: 'error',
    from: { path: '^gateway/' },
    to: { path: '^services/(?!service-kit/)' },
  },
  {
    name: 'infra-no-gateway-or-service',
    comment:
      'infra/ starts Postgres, Kafka and processes by path; it imports neither the gateway nor a service.',
    severity: 'error',
    from: { path: '^infra/' },
    to: { path: '^(gateway|services/(?!service-kit/))' },
  },
  {
    name: 'no-dist-internals',
    comment:
      "A workspace package is used through its entry point or a declared subpath, never its build output's " +
      'files (@fidu/*/dist/...).',
    severity: 'error',
    from: {},
    // A workspace's build output, or (when it resolves nowhere) the specifier as written.
    to: { path: '(^|/)dist/', pathNot: '(^|/)node_modules/' },
  },
  {
    name: 'no-library-internals',
    comment:
      "A library is used through its entry point or a declared subpath, never its build output's files " +
      '(@apollo/*/dist/...). Declared subpaths of packages with "exports" live under dist/cjs or dist/esm.',
    severity: 'error',
    from: {},
    to: {
      path: '(^|/)node_modules/@apollo/[^/]+/dist/',
      pathNot: '(^|/)node_modules/@apollo/[^/]+/dist/((cjs|esm)/|index\\.(js|d\\.ts)$)',
    },
  },
  {
    name: 'production-no-test-helpers',
    comment: 'Production code never imports a testing subpath (@fidu/service-kit/testing), test/ or a spec.',
    severity: 'error',
    from: { pathNot: TEST_CODE },
    to: { path: ['^services/[^/]+/src/testing(/|\\.ts$)', '^test/', '\\.spec\\.ts$', '\\.e2e\\.ts$'] },
  },
  {
    name: 'no-circular',
    comment: 'No import cycles.',
    severity: 'error',
    from: {},
    to: { circular: true },
  },
];

module.exports = {
  forbidden,
  options: {
    // Type-only imports count: a domain that imports typeorm's types is bound to typeorm.
    tsPreCompilationDeps: true,
    // Libraries and build output appear as what is imported, never cruised themselves.
    doNotFollow: { path: ['(^|/)node_modules/', '(^|/)dist/'] },
    // Generated code (protobuf, resolver types), downloaded jars' tree, local data, the broken fixture.
    exclude: { path: ['^infra/fixtures/', '^infra/kafka/lib/', '^\\.data/', '/src/gen/', '/generated/'] },
    // `@fidu/<name>` and its declared subpaths resolve to the workspace's src/ (see that file).
    tsConfig: { fileName: join(__dirname, 'tsconfig.depcruise.json') },
    reporterOptions: { text: { highlightFocused: true } },
  },
};
