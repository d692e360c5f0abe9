import { DataSource, type MigrationInterface, type QueryRunner } from 'typeorm';
import { createLogger } from '../logger';
import { createTestDatabase } from '../testing/test-helpers';
import { openDataSource } from './data-source';

/** A migration that is not safe to run twice, and slow enough for two replicas to meet in it. */
class SlowStrictMigration1799999999999 implements MigrationInterface {
  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`CREATE TABLE replica_race (id int PRIMARY KEY)`);
    await queryRunner.query(`SELECT pg_sleep(0.5)`);
    await queryRunner.query(`INSERT INTO replica_race (id) VALUES (1)`);
  }
  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE replica_race`);
  }
}

/** Replicas starting together on a fresh database: migrations run once, under an advisory lock. */
describe('migrations under an advisory lock (real Postgres)', () => {
  it('lets two services start at the same moment on one fresh database, each migration applied once', async () => {
    const url = await createTestDatabase('migration_lock');
    const log = createLogger('kit-spec', 'error');
    const open = () =>
      openDataSource({ url, entities: [], migrations: [SlowStrictMigration1799999999999], log });
    const started = await Promise.allSettled([open(), open(), open()]);
    expect(started.map((s) => s.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled']);
    const sources = started.map(
      (s) => (s as PromiseFulfilledResult<{ dataSource: DataSource }>).value.dataSource,
    );
    try {
      const db = sources[0]!;
      expect(await db.query(`SELECT count(*)::int AS n FROM replica_race`)).toEqual([{ n: 1 }]);
      const applied = (await db.query(`SELECT name FROM migrations WHERE name = $1`, [
        'SlowStrictMigration1799999999999',
      ])) as unknown[];
      expect(applied).toHaveLength(1);
      // Nothing holds a lock in this database once they are up (other tests' relays hold theirs
      // in their own databases on the same server).
      expect(
        await db.query(
          `SELECT count(*)::int AS n FROM pg_locks
            WHERE locktype = 'advisory' AND granted
              AND database = (SELECT oid FROM pg_database WHERE datname = current_database())`,
        ),
      ).toEqual([{ n: 0 }]);
    } finally {
      await Promise.all(sources.map((s) => s.destroy()));
    }
  });
});
