import { dailyExportOperatorOf } from '../access/export.access';
import { runDailyExportNow } from '../use-cases/run-daily-export-now';
import type { Resolvers } from './generated/resolvers-types';

/** Operators run today's daily export before its time. */
export const dailyExportResolvers: Resolvers = {
  Mutation: {
    runDailyExport: (_, { input }, ctx) =>
      runDailyExportNow(ctx.scheduler, ctx.log, dailyExportOperatorOf(ctx.principal), input.reason),
  },
};
