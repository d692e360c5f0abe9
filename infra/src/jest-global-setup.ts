import path from 'node:path';
import { startLocalInfra, LocalInfra } from './local-infra';

/**
 * Jest globalSetup for the whole test run (`infra/dist/jest-global-setup.js`): one Postgres and one
 * Kafka for all workers, which are forked after this runs and so inherit DATABASE_URL / KAFKA_BROKERS.
 */
export default async function globalSetup(): Promise<void> {
  const holder = globalThis as { __FIDU_INFRA__?: LocalInfra };
  if (holder.__FIDU_INFRA__) return; // several projects may list this setup: start once
  const rootDir = path.resolve(__dirname, '..', '..'); // infra/dist or infra/src -> repo root
  const infra = await startLocalInfra({ rootDir, purpose: 'test' });
  holder.__FIDU_INFRA__ = infra;
  process.env.DATABASE_URL = infra.databaseAdminUrl;
  process.env.KAFKA_BROKERS = infra.kafkaBrokers.join(',');
}
