/**
 * The whole test run (`npm test`): every workspace is a Jest project; one global setup starts one
 * real Postgres and one real Kafka for all of them (reused when DATABASE_URL / KAFKA_BROKERS are set).
 */
module.exports = {
  projects: [
    '<rootDir>/proto-events',
    '<rootDir>/services/service-kit',
    '<rootDir>/services/clients',
    '<rootDir>/services/mandates',
    '<rootDir>/services/connectors',
    '<rootDir>/services/titres-services',
    '<rootDir>/gateway',
    '<rootDir>/infra',
    '<rootDir>/test',
  ],
  globalSetup: '<rootDir>/infra/dist/jest-global-setup.js',
  globalTeardown: '<rootDir>/infra/dist/jest-global-teardown.js',
  maxWorkers: 2,
  // Global in multi-project mode (project configs' value is ignored here).
  testTimeout: 60000,
};
