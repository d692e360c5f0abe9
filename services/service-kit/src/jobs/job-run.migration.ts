import type { MigrationInterface, QueryRunner } from 'typeorm';

/** One row per job and period that ran: a period's run happens once, whatever the replica count. */
export class JobRuns1700000000002 implements MigrationInterface {
  name = 'JobRuns1700000000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE job_run (
        job text NOT NULL,
        period text NOT NULL,
        started_at timestamptz NOT NULL DEFAULT now(),
        finished_at timestamptz,
        summary text,
        PRIMARY KEY (job, period)
      )`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE job_run`);
  }
}
