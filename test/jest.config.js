module.exports = {
  ...require('../jest.preset.js'),
  displayName: 'e2e',
  testMatch: ['<rootDir>/e2e/**/*.e2e.ts'],
};
