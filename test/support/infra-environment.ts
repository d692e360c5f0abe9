import { existsSync, readFileSync } from 'node:fs';
import { TestEnvironment } from 'jest-environment-node';

/** Kafka may take minutes to boot on a loaded machine (KAFKA_START_TIMEOUT_S is 300 s by default). */
const INFRA_READY_DEADLINE_MS = 600_000;

let ready: Promise<void> | undefined; // once per worker process: later files find the servers up

/**
 * The global setup (infra/src/jest-global-setup.ts) starts the run's Postgres and Kafka in the
 * background and names a state file in FIDU_TEST_INFRA_STATE; this waits until it says `ready`, or
 * fails with the reason the start failed. No state file: the servers are the user's
 * (DATABASE_URL / KAFKA_BROKERS), there is nothing to wait for.
 */
function infraReady(): Promise<void> {
  return (ready ??= (async () => {
    const stateFile = process.env.FIDU_TEST_INFRA_STATE;
    if (!stateFile) return;
    const deadline = Date.now() + INFRA_READY_DEADLINE_MS;
    while (!existsSync(stateFile)) {
      if (Date.now() > deadline)
        throw new Error(
          `the test run's Postgres and Kafka not ready after ${INFRA_READY_DEADLINE_MS / 1000} s`,
        );
      await new Promise((r) => setTimeout(r, 200));
    }
    const state = readFileSync(stateFile, 'utf8');
    if (state !== 'ready') throw new Error(`the test run's Postgres and Kafka did not start: ${state}`);
  })());
}

/**
 * The environment of tests that talk to Postgres and Kafka (the integration and end-to-end
 * projects): their tests start once the run's servers are up, while unit tests, which have the
 * plain node environment, run as soon as Jest starts.
 */
export class InfraEnvironment extends TestEnvironment {
  override async setup(): Promise<void> {
    await super.setup();
    await infraReady();
  }
}

export default InfraEnvironment;
