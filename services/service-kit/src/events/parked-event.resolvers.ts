import type { GraphQLResolverMap } from '../server/resolver-map';
import { pageSize } from '../paging';
import { DomainError, forbidden, requireUuid, unauthenticated } from '../errors';
import type { RequestContextBase } from '../server/subgraph-server';
import type { ParkedEventOperations } from './inbox-consumer';
import type { ParkedEvent } from './parked-events';

/** Parked events are a platform operator's only: anonymous → UNAUTHENTICATED, anyone else → FORBIDDEN. */
function operatorOf(ctx: RequestContextBase, what: string): string {
  if (ctx.principal.kind === 'anonymous') throw unauthenticated();
  if (ctx.principal.kind !== 'operator') throw forbidden(`Only a platform operator can ${what}.`);
  return ctx.principal.userId;
}

function operationsOf(ctx: RequestContextBase): ParkedEventOperations {
  if (!ctx.parkedEvents) throw new Error('this service consumes no events: no parked events to serve');
  return ctx.parkedEvents;
}

/**
 * The operator query and mutation over a service's parked events, and the `ParkedEvent` type
 * (defined once in service-kit/src/graphql/operations.graphql). Root field
 * names differ per subgraph (federation), e.g. `mandatesParkedEvents` / `replayMandatesParkedEvent`.
 */
export function parkedEventResolvers<TContext extends RequestContextBase>(fields: {
  list: string;
  replay: string;
}): GraphQLResolverMap<TContext> {
  return {
    Query: {
      [fields.list]: async (
        _: unknown,
        args: { first?: number | null; after?: string | null },
        ctx: TContext,
      ) => {
        operatorOf(ctx, 'read parked events');
        return operationsOf(ctx).list({ first: pageSize(args.first, 100, 20), after: args.after });
      },
    },
    Mutation: {
      [fields.replay]: async (_: unknown, args: { id: string }, ctx: TContext) => {
        const operator = operatorOf(ctx, 'replay a parked event');
        const id = requireUuid(args.id, 'id');
        const replayed = await operationsOf(ctx).replay(id, operator);
        if (!replayed) throw new DomainError('PARKED_EVENT_NOT_FOUND', 'No such parked event.', 'id');
        ctx.log.info({ operator, parkedEventId: id, result: replayed.replayResult }, 'parked event replayed');
        return replayed;
      },
    },
    ParkedEvent: {
      valueBase64: (e: ParkedEvent) => e.value.toString('base64'),
      headers: (e: ParkedEvent) => Object.entries(e.headers).map(([name, value]) => ({ name, value })),
      parkedAt: (e: ParkedEvent) => e.parkedAt.toISOString(),
      replayedAt: (e: ParkedEvent) => e.replayedAt?.toISOString() ?? null,
    },
  };
}
