import type { DataSource, EntityManager } from 'typeorm';
import type { Logger } from '../logger';
import { runJobOnce, type JobOutcome } from './run-job-once';

/** A recurring job: when it is next due, which period a run covers, and the work. */
export interface ScheduledJob {
  name: string;
  /** The next instant the job is due strictly after `now`. */
  nextRunAfter(now: Date): Date;
  /** The period a run at `now` covers (e.g. the Brussels date for a daily job). */
  periodOf(now: Date): string;
  run(em: EntityManager, now: Date): Promise<string | void>;
}

export interface Scheduler {
  /** Runs a job now (tests, operators), with the same once-per-period guarantee. */
  trigger(name: string, now?: Date): Promise<JobOutcome>;
  stop(): void;
}

/** Timers for the service's jobs; every replica schedules them, runJobOnce lets one run. */
export function startScheduler(ds: DataSource, jobs: ScheduledJob[], log: Logger): Scheduler {
  const timers = new Map<string, NodeJS.Timeout>();
  let stopped = false;
  const byName = new Map(jobs.map((j) => [j.name, j]));

  async function trigger(name: string, now = new Date()): Promise<JobOutcome> {
    const job = byName.get(name);
    if (!job) throw new Error(`no job named ${name}`);
    const outcome = await runJobOnce(ds, {
      name: job.name,
      period: job.periodOf(now),
      run: (em) => job.run(em, now),
    });
    log.info({ job: name, ...outcome }, 'job attempt');
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
    trigger,
    stop() {
      stopped = true;
      timers.forEach((t) => clearTimeout(t));
    },
  };
}
