import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { decodeCursor, DomainError, encodeCursor, pageSize, requireUuid } from '@fidu/service-kit';
import type { MandatesContext } from '../context';
import { CARO_STATES, type CaroState } from '../domain/caro-order';
import { officePage } from '../db/page';
import { CARO_COLUMNS, type CaroOrderRow } from '../db/mandate-rows';
import {
  cancelCaroOrder,
  consentToCaro,
  orderCaro,
  reactivateCaroOrder,
  recreateCaroOrder,
  reportCaroDocument,
  updateCaroCardholder,
  type OrderCaroInput,
} from '../use-cases/caro-orders';
import { callerOf, historyResolver, iso, officeIdOf, partnerIdOf } from './principals';

type Args<T> = { input: T };

/** Office clients having a CARO order in a state, by client id (keyset). */
async function clientsByCaroState(
  ctx: MandatesContext,
  args: { state: CaroState; first?: number; after?: string },
) {
  const officeId = officeIdOf(ctx);
  if (!(CARO_STATES as readonly string[]).includes(args.state))
    throw new DomainError('CARO_STATE_INVALID', 'Unknown CARO state.', 'state');
  const first = pageSize(args.first);
  const params: unknown[] = [officeId, args.state];
  let after = '';
  if (args.after) {
    const [id] = decodeCursor(args.after);
    params.push(requireUuid(String(id), 'after'));
    after = `AND client_id > $3`;
  }
  const [{ n }] = (await ctx.dataSource.query(
    `SELECT count(DISTINCT client_id)::int AS n FROM caro_order WHERE office_id = $1 AND state = $2`,
    [officeId, args.state],
  )) as [{ n: number }];
  const rows = (await ctx.dataSource.query(
    `SELECT DISTINCT client_id AS id FROM caro_order WHERE office_id = $1 AND state = $2 ${after} ORDER BY client_id LIMIT ${first + 1}`,
    params,
  )) as { id: string }[];
  const nodes = rows.slice(0, first);
  return {
    nodes,
    pageInfo: {
      hasNextPage: rows.length > first,
      endCursor: nodes.length ? encodeCursor([nodes.at(-1)!.id]) : null,
    },
    totalCount: n,
  };
}

/** CARO orders: the office's orders and resolutions, the cardholder's consent, the bank's documents. */
export const caroResolvers: GraphQLResolverMap<MandatesContext> = {
  Query: {
    caroOrders: (
      _: unknown,
      args: { filter?: { clientId?: string; state?: CaroState } | null; first?: number; after?: string },
      ctx: MandatesContext,
    ) => {
      const f = args.filter ?? {};
      return officePage<CaroOrderRow>(
        ctx.dataSource,
        officeIdOf(ctx),
        {
          table: 'caro_order',
          columns: CARO_COLUMNS,
          filters: {
            client_id: f.clientId ? requireUuid(f.clientId, 'filter.clientId') : null,
            state: f.state,
          },
        },
        args,
      );
    },
    clientsByCaroState: (
      _: unknown,
      args: { state: CaroState; first?: number; after?: string },
      ctx: MandatesContext,
    ) => clientsByCaroState(ctx, args),
  },
  Mutation: {
    orderCaro: async (_: unknown, { input }: Args<OrderCaroInput>, ctx: MandatesContext) => ({
      caroOrder: await orderCaro(ctx.dataSource, officeIdOf(ctx), input, callerOf(ctx)),
    }),
    cancelCaroOrder: async (
      _: unknown,
      { input }: Args<{ caroOrderId: string; reason: string }>,
      ctx: MandatesContext,
    ) => ({
      caroOrder: await cancelCaroOrder(ctx.dataSource, officeIdOf(ctx), input, callerOf(ctx)),
    }),
    reactivateCaroOrder: async (
      _: unknown,
      { input }: Args<{ caroOrderId: string }>,
      ctx: MandatesContext,
    ) => ({
      caroOrder: await reactivateCaroOrder(ctx.dataSource, officeIdOf(ctx), input, callerOf(ctx)),
    }),
    updateCaroCardholder: async (
      _: unknown,
      {
        input,
      }: Args<{ caroOrderId: string; cardholderEmail?: string | null; cardholderMobile?: string | null }>,
      ctx: MandatesContext,
    ) => ({ caroOrder: await updateCaroCardholder(ctx.dataSource, officeIdOf(ctx), input, callerOf(ctx)) }),
    recreateCaroOrder: async (
      _: unknown,
      { input }: Args<{ caroOrderId: string; clientReference: string }>,
      ctx: MandatesContext,
    ) => ({
      caroOrder: await recreateCaroOrder(ctx.dataSource, officeIdOf(ctx), input, callerOf(ctx)),
    }),
    consentToCaro: async (
      _: unknown,
      { input }: Args<{ invitationToken: string; cardReference: string }>,
      ctx: MandatesContext,
    ) => ({
      state: (await consentToCaro(ctx.dataSource, input, ctx.requestId)).state,
    }),
    reportCaroDocument: async (
      _: unknown,
      { input }: Args<{ caroOrderId: string; documentDate: string }>,
      ctx: MandatesContext,
    ) => ({
      caroOrder: await reportCaroDocument(ctx.dataSource, partnerIdOf(ctx, 'BANK'), input),
    }),
  },
  CaroOrder: {
    client: (o: CaroOrderRow) => ({ id: o.clientId }),
    bank: async (o: CaroOrderRow, _a: unknown, ctx: MandatesContext) =>
      (await ctx.loaders.banks()).get(o.bankId),
    invitedAt: (o: CaroOrderRow) => iso(o.invitedAt),
    invitationExpiresAt: (o: CaroOrderRow) => iso(o.invitationExpiresAt),
    replacesCaroOrderId: (o: CaroOrderRow) => o.replacesId,
    createdAt: (o: CaroOrderRow) => iso(o.createdAt),
    history: historyResolver,
  },
};
