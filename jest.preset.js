/**
 * Shared Jest settings for every workspace. ts-jest transpiles only (isolatedModules);
 * type checking is `npm run build`'s job, so tests start fast on two cores.
 */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: { isolatedModules: true, experimentalDecorators: true, emitDecoratorMetadata: true } },
    ],
  },
  testMatch: ['**/*.spec.ts', '**/*.e2e.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  setupFiles: ['reflect-metadata', require('path').join(__dirname, 'jest.test-env.js')],
  testTimeout: 60000,
  // One Postgres + Kafka for the run; the setup is a no-op when another project's setup already started them.
  globalSetup: require('path').join(__dirname, 'infra/dist/jest-global-setup.js'),
  globalTeardown: require('path').join(__dirname, 'infra/dist/jest-global-teardown.js'),
};
