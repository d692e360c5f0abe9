import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DomainError, forbidden, unauthenticated, wallClockOf } from '@fidu/service-kit';
import type { ConnectorsContext } from '../context';
import { DAILY_EXPORT_JOB } from '../use-cases/run-daily-export';

const STATUS = { ran: 'RAN', 'already-ran': 'ALREADY_RAN', busy: 'BUSY' } as const;

/** Operator actions. */
export const operatorResolvers: GraphQLResolverMap<ConnectorsContext> = {
  Mutation: {
    runDailyExport: async (_: unknown, { input }: { input: { reason: string } }, ctx: ConnectorsContext) => {
      if (ctx.principal.kind === 'anonymous') throw unauthenticated();
      if (ctx.principal.kind !== 'operator')
        throw forbidden('Only a platform operator can run the daily export early.');
      const reason = input.reason.trim();
      if (reason.length === 0 || reason.length > 200)
        throw new DomainError('CONNECTOR_REASON_REQUIRED', 'Say why (1 to 200 characters).', 'reason');
      const now = new Date();
      ctx.log.info({ operator: ctx.principal.userId, reason }, 'daily export run early by an operator');
      const outcome = await ctx.scheduler.trigger(DAILY_EXPORT_JOB, now);
      return {
        status: STATUS[outcome.status],
        businessDate: wallClockOf(now).date,
        summary: outcome.status === 'ran' ? outcome.summary : null,
      };
    },
  },
};
