const path = require('path');
const { base, withInfra } = require('../jest.preset.js');

/** End-to-end tests: the federation in-process, on the run's Postgres and Kafka. */
module.exports = {
  projects: [
    {
      ...base,
      ...withInfra,
      // Adds the federation a worker's test files share (support/federation-environment.ts).
      testEnvironment: path.join(__dirname, 'support/federation-environment.ts'),
      rootDir: __dirname,
      displayName: 'e2e',
      testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
    },
  ],
};
