const Sequencer = require('@jest/test-sequencer').default;

/**
 * Unit tests first: they need nothing running, so they use the workers while the run's Postgres and
 * Kafka boot in the background. Then the tests that need the servers, in Jest's usual order (failed
 * last time first, then the slowest, so the long ones do not start last).
 */
class UnitTestsFirst extends Sequencer {
  async sort(tests) {
    const sorted = await super.sort(tests);
    const needsInfra = (test) => Boolean(test.context.config.globalSetup);
    return [...sorted.filter((t) => !needsInfra(t)), ...sorted.filter(needsInfra)];
  }
}

module.exports = UnitTestsFirst;
