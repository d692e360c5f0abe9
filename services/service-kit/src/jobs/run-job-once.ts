import type { DataSource, EntityManager } from 'typeorm';

export interface JobRun {
  /** Stable job name, e.g. `connectors.daily-export`. */
  name: string;
  /** The period this run covers, e.g. `2026-11-22` for a daily job: one run per period. */
  period: string;
  /** The job's work, in the same transaction as its job_run row; returns a one-line summary. */
  run(em: EntityManager): Promise<string | void>;
}

/** What job_run holds about one period of a job. */
export interface JobRunRecord {
  job: string;
  period: string;
  status: 'SUCCEEDED' | 'FAILED';
  attempts: number;
  startedAt: Date;
  finishedAt: Date | null;
  summary: string | null;
  error: string | null;
  /** `schedule` for the service's own clock, else the operator's user id. */
  triggeredBy: string | null;
  /** The instant the run acted as of (the clock's, or the one an operator chose). */
  runFor: Date | null;
}

export interface RunJobOptions {
  /** Run again a period whose recorded run FAILED (a SUCCEEDED period never runs twice). */
  rerunFailed?: boolean;
  triggeredBy?: string;
  runFor?: Date;
}

export type JobOutcome =
  | { status: 'ran'; summary: string; run: JobRunRecord }
  | { status: 'already-ran'; run: JobRunRecord }
  | { status: 'failed'; error: unknown; run: JobRunRecord }
  | { status: 'busy' };

export const JOB_RUN_COLUMNS = `job, period, status, attempts, started_at AS "startedAt", finished_at AS "finishedAt",
  summary, error, triggered_by AS "triggeredBy", run_for AS "runFor"`;

const MAX_ERROR_LENGTH = 500;

function errorText(err: unknown): string {
  const text = err instanceof Error ? err.message : String(err);
  return text.length > MAX_ERROR_LENGTH ? `${text.slice(0, MAX_ERROR_LENGTH - 1)}…` : text;
}

/**
 * Runs a job for one period at most once across all replicas: a transaction-scoped advisory lock
 * keeps concurrent replicas out (they get `busy`), and the `job_run` row committed with the work
 * makes a later attempt for the same period a no-op (`already-ran`, with the recorded run). If the
 * work fails, its changes roll back to a savepoint and the run is recorded FAILED with the error;
 * only `rerunFailed` runs that period again.
 */
export async function runJobOnce(
  ds: DataSource,
  job: JobRun,
  options: RunJobOptions = {},
): Promise<JobOutcome> {
  return ds.transaction(async (em) => {
    const [{ locked }] = await em.query(`SELECT pg_try_advisory_xact_lock(hashtext($1)) AS locked`, [
      job.name,
    ]);
    if (!locked) return { status: 'busy' };
    const [existing] = (await em.query(
      `SELECT ${JOB_RUN_COLUMNS} FROM job_run WHERE job = $1 AND period = $2`,
      [job.name, job.period],
    )) as JobRunRecord[];
    if (existing && !(existing.status === 'FAILED' && options.rerunFailed))
      return { status: 'already-ran', run: existing };
    await em.query(
      `INSERT INTO job_run (job, period, started_at, status, attempts, triggered_by, run_for)
       VALUES ($1, $2, clock_timestamp(), 'SUCCEEDED', 1, $3, $4)
       ON CONFLICT (job, period) DO UPDATE SET started_at = clock_timestamp(), finished_at = NULL, summary = NULL,
         error = NULL, attempts = job_run.attempts + 1, triggered_by = $3, run_for = $4`,
      [job.name, job.period, options.triggeredBy ?? null, options.runFor ?? null],
    );
    const finish = async (status: JobRunRecord['status'], summary: string | null, error: string | null) =>
      (
        (await em.query(
          `UPDATE job_run SET finished_at = clock_timestamp(), status = $3, summary = $4, error = $5
          WHERE job = $1 AND period = $2 RETURNING ${JOB_RUN_COLUMNS}`,
          [job.name, job.period, status, summary, error],
        )) as [JobRunRecord[], number]
      )[0][0]!;
    await em.query(`SAVEPOINT job_work`);
    let summary: string;
    try {
      summary = (await job.run(em)) ?? '';
    } catch (error) {
      // The work's changes go; the attempt and its error stay for the operator.
      await em.query(`ROLLBACK TO SAVEPOINT job_work`);
      return { status: 'failed', error, run: await finish('FAILED', null, errorText(error)) };
    }
    return { status: 'ran', summary, run: await finish('SUCCEEDED', summary, null) };
  });
}
