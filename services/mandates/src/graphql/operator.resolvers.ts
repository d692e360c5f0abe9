import type { Resolvers } from './generated/resolvers-types';
import { DomainError, requireJobInstantInWindow, requireUuid } from '@fidu/service-kit';
import { requireOperator } from '../access/operator.access';
import { caroInvitationMessages } from '../read-models/caro-order.read-model';
import { CARO_INVITATIONS_JOB, caroInvitationsJob } from '../jobs/caro-invitations.job';
import { instant } from './fields';

const STATUS = { ran: 'RAN', 'already-ran': 'ALREADY_RAN', busy: 'BUSY' } as const;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Operator support actions. */
export const operatorResolvers: Resolvers = {
  Query: {
    caroInvitationMessages: async (_, args, ctx) => {
      const operator = requireOperator(ctx.principal, "read a cardholder's invitation messages");
      const id = requireUuid(args.caroOrderId, 'caroOrderId');
      const messages = await caroInvitationMessages(ctx.dataSource, id);
      ctx.log.info({ operator, caroOrderId: id }, 'CARO invitation messages read by an operator');
      return messages;
    },
  },
  Mutation: {
    runCaroInvitationsJob: async (_, { input }, ctx) => {
      const operator = requireOperator(ctx.principal, 'run the CARO invitations job');
      const raw = typeof input?.at === 'string' ? input.at.trim() : '';
      const at = new Date(raw);
      if (!ISO_INSTANT.test(raw) || Number.isNaN(at.getTime()))
        throw new DomainError(
          'CARO_JOB_INSTANT_INVALID',
          'at must be an ISO-8601 instant with its offset, e.g. 2026-12-07T06:00:00Z.',
          'at',
        );
      requireJobInstantInWindow(at, 'CARO_JOB_INSTANT_OUT_OF_RANGE', 'at');
      ctx.log.info({ operator, at: at.toISOString() }, 'CARO invitations job run by an operator');
      const outcome = await ctx.scheduler.trigger(CARO_INVITATIONS_JOB, at);
      return {
        status: STATUS[outcome.status],
        period: caroInvitationsJob.periodOf(at),
        summary: outcome.status === 'ran' ? outcome.summary : null,
      };
    },
  },
  CaroInvitationMessage: {
    kind: (m) => (m.reminderNumber === 0 ? 'INVITATION' : 'REMINDER'),
    expiresAt: (m) => instant(m.expiresAt),
    sentAt: (m) => instant(m.sentAt),
  },
};
