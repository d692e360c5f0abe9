const path = require('path');

/**
 * Shared Jest settings. SWC transpiles only (type checking is `npm run build`'s job): it compiles
 * a fresh clone's few hundred test and source files several times faster than ts-jest, with
 * TypeScript's legacy decorators and their metadata (TypeORM entities) as `tsc` emits them.
 */
const base = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
        module: { type: 'commonjs' },
      },
    ],
  },
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFiles: ['reflect-metadata', path.join(__dirname, 'jest.test-env.js')],
  testTimeout: 120000,
};

/**
 * What tests that talk to Postgres and Kafka add: the global setup starts the run's servers (one
 * Postgres, one Kafka, in the background; none when DATABASE_URL / KAFKA_BROKERS name the user's),
 * their environment waits until they are up. Jest runs a project's global setup only when the run
 * has tests of that project, so a run of unit tests alone starts nothing.
 */
const withInfra = {
  globalSetup: path.join(__dirname, 'infra/dist/jest-global-setup.js'),
  globalTeardown: path.join(__dirname, 'infra/dist/jest-global-teardown.js'),
  testEnvironment: path.join(__dirname, 'test/support/infra-environment.ts'),
};

/** Integration tests are named `*.int.spec.ts`: they need Postgres and Kafka. */
const INTEGRATION = '\\.int\\.spec\\.ts$';

/**
 * A workspace's Jest projects: `<name>` runs its unit tests (`*.spec.ts`, nothing started),
 * `<name>:int` its integration tests (`*.int.spec.ts`, plus `integration`: other files that need
 * the servers). `overrides` apply to both.
 */
function workspaceProjects(rootDir, name, { overrides = {}, integration = [] } = {}) {
  const extra = integration.map((file) => path.join(rootDir, file));
  const escaped = extra.map((file) => file.replace(/[.*+?^${}()|[\]\\]/g, '\\$&') + '$');
  return {
    projects: [
      {
        ...base,
        ...overrides,
        rootDir,
        displayName: name,
        testMatch: ['**/*.spec.ts'],
        testPathIgnorePatterns: [...base.testPathIgnorePatterns, INTEGRATION, ...escaped],
      },
      {
        ...base,
        ...withInfra,
        ...overrides,
        rootDir,
        displayName: `${name}:int`,
        testMatch: ['**/*.int.spec.ts', ...extra],
      },
    ],
  };
}

module.exports = { base, withInfra, workspaceProjects };
