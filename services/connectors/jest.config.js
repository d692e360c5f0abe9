module.exports = require('../../jest.preset.js').workspaceProjects(__dirname, 'connectors');
