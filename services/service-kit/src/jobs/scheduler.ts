import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import { listJobRuns, type JobRunPage } from './job-runs';
import { runJobOnce, type JobOutcome, type RunJobOptions } from './run-job-once';

/** When a job is due, as operators read it: in words, and cron-like in the business time zone. */
export interface JobSchedule {
  /** e.g. "Every day at 06:00 (Europe/Brussels)". */
  description: string;
  /** Five-field cron expression in `timeZone`, e.g. "0 6 * * *". */
  cron: string;
  /** The Brussels wall-clock time of a run (HH:MM): a business date's run acts as of that time. */
  time: string;
}

/** A recurring job: when it is next due, which period a run covers, and the work. */
export interface ScheduledJob {
  name: string;
  /** What the job does, for operators. */
  description?: string;
  schedule: JobSchedule;
  /** The next instant the job is due strictly after `now`. */
  nextRunAfter(now: Date): Date;
  /** The period a run at `now` covers (e.g. the Brussels date for a daily job). */
  periodOf(now: Date): string;
  run(em: EntityManager, now: Date): Promise<string | void>;
}

export interface Scheduler {
  /** The service's jobs, in the order it declared them. */
  readonly jobs: readonly ScheduledJob[];
  /**
   * Runs a job now (tests, the service's clock), once per period; a failed attempt throws after it
   * is recorded, and the period may be attempted again.
   */
  trigger(name: string, now?: Date): Promise<Exclude<JobOutcome, { status: 'failed' }>>;
  /** Runs a job as of `at` for an operator: a failure is an outcome, a failed period re-runs only when asked. */
  runFor(name: string, at: Date, options: RunJobOptions): Promise<JobOutcome>;
  /** A job's recorded runs, newest first. */
  listRuns(name: string, page: { first: number; after?: string | null }): Promise<JobRunPage>;
  stop(): void;
}

/** Timers for the service's jobs; every replica schedules them, runJobOnce lets one run. */
export function startScheduler(
  ds: DataSource,
  jobs: ScheduledJob[],
  log: Logger,
  /** Told of every attempt's outcome (metrics). */
  onOutcome?: (job: string, status: JobOutcome['status']) => void,
): Scheduler {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  const byName = new Map(jobs.map((j) => [j.name, j]));

  async function runFor(name: string, at: Date, options: RunJobOptions): Promise<JobOutcome> {
    const job = byName.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    const outcome = await runJobOnce(
      ds,
      { name: job.name, period: job.periodOf(at), run: (em) => job.run(em, at) },
      { ...options, runFor: at },
    );
    const { status } = outcome;
    onOutcome?.(name, status);
    if (outcome.status === 'failed') log.error({ err: outcome.error, job: name }, 'job run failed');
    else log.info({ job: name, status, triggeredBy: options.triggeredBy }, 'job attempt');
    return outcome;
  }

  async function trigger(name: string, now = new Date()): Promise<Exclude<JobOutcome, { status: 'failed' }>> {
    // The clock retries its own failed period (as before failures were recorded); operators must ask.
    const outcome = await runFor(name, now, { rerunFailed: true, triggeredBy: 'schedule' });
    if (outcome.status === 'failed') throw outcome.error;
    return outcome;
  }

  function arm(job: ScheduledJob): void {
    if (stopped) return;
    // setTimeout holds at most ~24.8 days; re-arm in steps for longer waits.
    const wait = Math.min(job.nextRunAfter(new Date()).getTime() - Date.now(), 2 ** 31 - 1);
    timers.set(
      job.name,
      setTimeout(
        () => {
          trigger(job.name)
            .catch((err: unknown) => log.error({ err, job: job.name }, 'job failed; next period will retry'))
            .finally(() => arm(job));
        },
        Math.max(0, wait),
      ).unref(),
    );
  }

  jobs.forEach(arm);
  return {
    jobs,
    trigger,
    runFor,
    listRuns: (name, page) => listJobRuns(ds, name, page),
    stop() {
      stopped = true;
      timers.forEach((t) => clearTimeout(t));
    },
  };
}
