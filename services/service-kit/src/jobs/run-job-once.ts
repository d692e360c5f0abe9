import type { DataSource, EntityManager } from 'typeorm';

export interface JobRun {
  /** Stable job name, e.g. `connectors.daily-export`. */
  name: string;
  /** The period this run covers, e.g. `2026-11-22` for a daily job: one run per period. */
  period: string;
  /** The job's work, in the same transaction as its job_run row; returns a one-line summary. */
  run(em: EntityManager): Promise<string | void>;
}

export type JobOutcome = { status: 'ran'; summary: string } | { status: 'already-ran' } | { status: 'busy' };

/**
 * Runs a job for one period at most once across all replicas: a transaction-scoped advisory lock
 * keeps concurrent replicas out (they get `busy`), and the `job_run` row committed with the work
 * makes a later attempt for the same period a no-op (`already-ran`). If the work fails, both roll
 * back and the period can run again.
 */
export async function runJobOnce(ds: DataSource, job: JobRun): Promise<JobOutcome> {
  return ds.transaction(async (em) => {
    const [{ locked }] = await em.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [
      job.name,
    ]);
    if (!locked) return { status: 'busy' };
    const claimed: unknown[] = await em.query(
      `INSERT INTO job_run (job, period) VALUES ($1, $2) ON CONFLICT DO NOTHING RETURNING job`,
      [job.name, job.period],
    );
    if (claimed.length === 0) return { status: 'already-ran' };
    const summary = (await job.run(em)) ?? '';
    await em.query(`UPDATE job_run SET finished_at = now(), summary = $3 WHERE job = $1 AND period = $2`, [
      job.name,
      job.period,
      summary,
    ]);
    return { status: 'ran', summary };
  });
}
