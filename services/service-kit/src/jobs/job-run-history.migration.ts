import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `job_run` becomes the history operators read: a run's outcome (a failed run is recorded, not
 * rolled back away), how often the period was attempted, who started it and for which instant.
 * The primary key stays (job, period): one run per period, re-run in place only when it failed.
 */
export class JobRunHistory1700000000005 implements MigrationInterface {
  name = 'JobRunHistory1700000000005';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      ALTER TABLE job_run
        ADD COLUMN status text NOT NULL DEFAULT 'SUCCEEDED' CHECK (status IN ('SUCCEEDED', 'FAILED')),
        ADD COLUMN error text,
        ADD COLUMN attempts int NOT NULL DEFAULT 1,
        ADD COLUMN triggered_by text,
        ADD COLUMN run_for timestamptz`);
    await q.query(`CREATE INDEX job_run_newest ON job_run (job, started_at DESC, period DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX job_run_newest`);
    await q.query(
      `ALTER TABLE job_run DROP COLUMN status, DROP COLUMN error, DROP COLUMN attempts, DROP COLUMN triggered_by, DROP COLUMN run_for`,
    );
  }
}
