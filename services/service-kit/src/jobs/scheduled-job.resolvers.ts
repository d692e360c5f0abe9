import type { GraphQLResolverMap } from '../server/resolver-map';
import { pageSize } from '../paging';
import { DomainError, forbidden, unauthenticated } from '../errors';
import type { RequestContextBase } from '../server/subgraph-server';
import { BUSINESS_TIME_ZONE, instantAt } from './brussels-time';
import { requireBusinessDateInWindow, requireJobInstantInWindow } from './job-instant-window';
import type { JobRunRecord } from './run-job-once';
import type { ScheduledJob } from './scheduler';

export interface RunJobInput {
  job: string;
  /** DateTime (already checked by the scalar): the instant the run acts as of. */
  at?: string | null;
  /** Date: the run the job's clock makes on that Brussels date, at its scheduled time. */
  businessDate?: string | null;
  rerunFailed?: boolean | null;
}

/** Jobs are a platform operator's only: anonymous → UNAUTHENTICATED, anyone else → FORBIDDEN. */
function operatorOf(ctx: RequestContextBase, what: string): string {
  if (ctx.principal.kind === 'anonymous') throw unauthenticated();
  if (ctx.principal.kind !== 'operator') throw forbidden(`Only a platform operator can ${what}.`);
  return ctx.principal.userId;
}

/** A run as the API shows it (also in the `run` extension of JOB_ALREADY_RAN). */
export function jobRunView(run: JobRunRecord) {
  return {
    job: run.job,
    period: run.period,
    status: run.status,
    attempts: run.attempts,
    startedAt: run.startedAt.toISOString(),
    finishedAt: run.finishedAt?.toISOString() ?? null,
    summary: run.summary,
    error: run.error,
    triggeredBy: run.triggeredBy,
    runFor: run.runFor?.toISOString() ?? null,
  };
}

/** The instant a run acts as of: `at`, or the business date at the job's time, or now. */
function instantOf(job: ScheduledJob, input: RunJobInput): Date {
  if (input.at && input.businessDate)
    throw new DomainError(
      'JOB_RUN_INPUT_CONFLICT',
      'Give either at or businessDate, not both.',
      'businessDate',
    );
  if (input.at) return requireJobInstantInWindow(new Date(input.at), 'JOB_INSTANT_OUT_OF_RANGE', 'at');
  if (input.businessDate)
    return instantAt(
      requireBusinessDateInWindow(input.businessDate, 'JOB_INSTANT_OUT_OF_RANGE', 'businessDate'),
      job.schedule.time,
    );
  return new Date();
}

/**
 * The operator query and mutation over a service's scheduled jobs, and the `ScheduledJob` and
 * `JobRun` types (defined once in service-kit/src/graphql/operations.graphql). Root field
 * names differ per subgraph (federation), e.g. `mandatesJobs` / `runMandatesJob`.
 */
export function scheduledJobResolvers<TContext extends RequestContextBase>(fields: {
  list: string;
  run: string;
}): GraphQLResolverMap<TContext> {
  return {
    Query: {
      [fields.list]: (_: unknown, __: unknown, ctx: TContext) => {
        operatorOf(ctx, 'read scheduled jobs');
        return ctx.scheduler.jobs;
      },
    },
    Mutation: {
      [fields.run]: async (_: unknown, { input }: { input: RunJobInput }, ctx: TContext) => {
        const operator = operatorOf(ctx, 'run a scheduled job');
        const job = ctx.scheduler.jobs.find((j) => j.name === input.job);
        if (!job) throw new DomainError('JOB_NOT_FOUND', 'No such job in this service.', 'job');
        const at = instantOf(job, input);
        const outcome = await ctx.scheduler.runFor(job.name, at, {
          rerunFailed: input.rerunFailed === true,
          triggeredBy: operator,
        });
        if (outcome.status === 'busy')
          throw new DomainError(
            'JOB_BUSY',
            'This job is running right now; try again when it is done.',
            'job',
          );
        if (outcome.status === 'already-ran') {
          const { run } = outcome;
          const hint = run.status === 'FAILED' ? ' (it failed: set rerunFailed to run it again)' : '';
          throw new DomainError(
            'JOB_ALREADY_RAN',
            `${job.name} already ran for ${run.period}${hint}: ${run.summary ?? run.error ?? ''}`,
            'job',
            { run: jobRunView(run) },
          );
        }
        ctx.log.info(
          { operator, job: job.name, period: outcome.run.period, status: outcome.run.status },
          'job run by an operator',
        );
        return outcome.run;
      },
    },
    ScheduledJob: {
      description: (j: ScheduledJob) => j.description ?? j.name,
      schedule: (j: ScheduledJob) => ({ ...j.schedule, timeZone: BUSINESS_TIME_ZONE }),
      nextRunAt: (j: ScheduledJob) => j.nextRunAfter(new Date()).toISOString(),
      currentPeriod: (j: ScheduledJob) => j.periodOf(new Date()),
      runs: (j: ScheduledJob, args: { first?: number | null; after?: string | null }, ctx: TContext) =>
        ctx.scheduler.listRuns(j.name, { first: pageSize(args.first, 100, 20), after: args.after }),
    },
    JobRun: {
      startedAt: (r: JobRunRecord) => r.startedAt.toISOString(),
      finishedAt: (r: JobRunRecord) => r.finishedAt?.toISOString() ?? null,
      runFor: (r: JobRunRecord) => r.runFor?.toISOString() ?? null,
    },
  };
}
