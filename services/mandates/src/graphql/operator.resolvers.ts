import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import {
  DomainError,
  forbidden,
  requireJobInstantInWindow,
  requireUuid,
  unauthenticated,
} from '@fidu/service-kit';
import type { MandatesContext } from '../context';
import { listCaroInvitationMessages, type CaroInvitationMessageRow } from '../db/caro-invitation-messages';
import { CARO_INVITATIONS_JOB, caroInvitationsJob } from '../jobs/caro-invitations.job';
import { iso } from './principals';

const STATUS = { ran: 'RAN', 'already-ran': 'ALREADY_RAN', busy: 'BUSY' } as const;
const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}:\d{2})$/;

/** Support actions are a platform operator's only: anonymous → UNAUTHENTICATED, anyone else → FORBIDDEN. */
function requireOperator(ctx: MandatesContext, what: string): string {
  if (ctx.principal.kind === 'anonymous') throw unauthenticated();
  if (ctx.principal.kind !== 'operator') throw forbidden(`Only a platform operator can ${what}.`);
  return ctx.principal.userId;
}

/** Operator support actions. */
export const operatorResolvers: GraphQLResolverMap<MandatesContext> = {
  Query: {
    caroInvitationMessages: async (_: unknown, args: { caroOrderId: string }, ctx: MandatesContext) => {
      const operator = requireOperator(ctx, "read a cardholder's invitation messages");
      const id = requireUuid(args.caroOrderId, 'caroOrderId');
      const found: unknown[] = await ctx.dataSource.query(`SELECT 1 FROM caro_order WHERE id = $1`, [id]);
      if (found.length === 0)
        throw new DomainError('CARO_ORDER_NOT_FOUND', 'No such CARO order.', 'caroOrderId');
      ctx.log.info({ operator, caroOrderId: id }, 'CARO invitation messages read by an operator');
      return listCaroInvitationMessages(ctx.dataSource, id);
    },
  },
  Mutation: {
    runCaroInvitationsJob: async (_: unknown, { input }: { input: { at: string } }, ctx: MandatesContext) => {
      const operator = requireOperator(ctx, 'run the CARO invitations job');
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
    kind: (m: CaroInvitationMessageRow) => (m.reminderNumber === 0 ? 'INVITATION' : 'REMINDER'),
    expiresAt: (m: CaroInvitationMessageRow) => iso(m.expiresAt),
    sentAt: (m: CaroInvitationMessageRow) => iso(m.sentAt),
  },
};
