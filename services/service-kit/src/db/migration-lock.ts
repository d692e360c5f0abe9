import type { DataSource } from 'typeorm';
import type { Logger } from '../logger';

/**
 * The advisory lock migrations run under. Postgres scopes advisory locks to the current database, so
 * one constant serves every service: replicas of one service wait for each other, other services
 * (other databases) never do.
 */
export const MIGRATION_LOCK_KEY = 7_241_930_001;

/**
 * Runs the pending migrations while holding a session advisory lock: replicas starting together
 * queue here, the first one migrates, the others then find nothing pending. Without it two replicas
 * both saw a migration pending and both ran it (duplicate table, or a half-applied schema).
 */
export async function runMigrationsLocked(dataSource: DataSource, log: Logger): Promise<void> {
  const lock = dataSource.createQueryRunner();
  await lock.connect();
  try {
    const rows = (await lock.query('SELECT pg_try_advisory_lock($1) AS locked', [MIGRATION_LOCK_KEY])) as {
      locked: boolean;
    }[];
    if (!rows[0]?.locked) {
      log.info('another process is migrating this database; waiting for it');
      await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    }
    try {
      await dataSource.runMigrations({ transaction: 'each' });
    } finally {
      await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await lock.release();
  }
}
