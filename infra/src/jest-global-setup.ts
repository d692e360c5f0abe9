import { mkdtemp, rename, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from './free-port';
import { startLocalInfra, type LocalInfra } from './local-infra';
import { postgresAdminUrl } from './postgres';

/** What the global setup and teardown share in the Jest parent process. */
export interface TestInfraHolder {
  __FIDU_INFRA__?: Promise<LocalInfra | undefined>;
  /** Stopped before the servers (a federation a run in band shares, say): they hold connections to them. */
  __FIDU_BEFORE_INFRA_STOP__?: (() => Promise<void>)[];
}

/**
 * Jest globalSetup of the projects whose tests need Postgres and Kafka (integration and end-to-end;
 * unit projects have no global setup, so a run of unit tests alone starts nothing).
 *
 * DATABASE_URL / KAFKA_BROKERS, when set, name servers the user runs. Otherwise one Postgres and one
 * Kafka start for the whole run, in the background: their ports are chosen here and exported before
 * Jest forks its workers (which inherit them), and this returns at once, so unit tests run while the
 * broker boots. Tests that need the servers wait in their environment (jest.infra-environment.js)
 * until the state file named by FIDU_TEST_INFRA_STATE says `ready` (or `failed: <why>`).
 */
export default async function globalSetup(): Promise<void> {
  const holder = globalThis as TestInfraHolder;
  if (holder.__FIDU_INFRA__) return; // several projects list this setup: start once
  const rootDir = path.resolve(__dirname, '..', '..'); // infra/dist or infra/src -> repo root
  const userEnv = { ...process.env };
  const [postgres, kafka] = [
    userEnv.DATABASE_URL?.trim() ? undefined : await freePort(),
    userEnv.KAFKA_BROKERS?.trim() ? undefined : await freePort(),
  ];
  if (postgres === undefined && kafka === undefined) {
    holder.__FIDU_INFRA__ = Promise.resolve(undefined);
    return;
  }
  const stateFile = path.join(await mkdtemp(path.join(tmpdir(), 'fidu-test-infra-')), 'state');
  const starting = startLocalInfra({
    rootDir,
    purpose: 'test',
    env: userEnv,
    ports: { postgres, kafka },
    shortLivedKafka: true,
  });
  holder.__FIDU_INFRA__ = starting;
  if (postgres !== undefined) process.env.DATABASE_URL = postgresAdminUrl(postgres);
  if (kafka !== undefined) process.env.KAFKA_BROKERS = `127.0.0.1:${kafka}`;
  process.env.FIDU_TEST_INFRA_STATE = stateFile;
  const announce = async (state: string) => {
    // Written whole, then renamed: a reader never sees a half-written state.
    await writeFile(`${stateFile}.tmp`, state);
    await rename(`${stateFile}.tmp`, stateFile);
  };
  starting.then(
    () => announce('ready'),
    (error: unknown) => announce(`failed: ${error instanceof Error ? error.message : String(error)}`),
  );
}
