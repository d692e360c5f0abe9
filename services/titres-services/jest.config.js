module.exports = { ...require('../../jest.preset.js'), displayName: 'titres-services' };
