/**
 * The whole test run (`npm test`): every workspace's Jest projects (see jest.preset.js) — unit tests,
 * which need nothing running, and integration and end-to-end tests, which share one Postgres and one
 * Kafka for the run (started in the background by their projects' global setup, or the user's when
 * DATABASE_URL / KAFKA_BROKERS are set).
 */
const WORKSPACES = [
  'proto-events',
  'services/service-kit',
  'services/clients',
  'services/mandates',
  'services/connectors',
  'services/titres-services',
  'gateway',
  'infra',
  'test',
];

module.exports = {
  projects: WORKSPACES.flatMap((workspace) => require(`./${workspace}/jest.config.js`).projects),
  testSequencer: '<rootDir>/jest.sequencer.js',
  maxWorkers: 2,
  // Global in multi-project mode (project configs' value is ignored here). Generous: on a loaded
  // two-core machine an end-to-end test's waits (each its own deadline) can add up past a minute.
  testTimeout: 120000,
};
