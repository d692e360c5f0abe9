import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { MandatesContext } from '../context';
import type { CaroState } from '../domain/caro-order';
import type { CaroOrderRow } from '../db/mandate.mapping';
import { clientsByCaroState, officeCaroOrders } from '../read-models/caro-order.read-model';
import { cancelCaroOrder } from '../use-cases/cancel-caro-order';
import { consentToCaro } from '../use-cases/consent-to-caro';
import { orderCaro, type OrderCaroInput } from '../use-cases/order-caro';
import { reactivateCaroOrder } from '../use-cases/reactivate-caro-order';
import { recreateCaroOrder } from '../use-cases/recreate-caro-order';
import { reportCaroDocument } from '../use-cases/report-caro-document';
import { updateCaroCardholder } from '../use-cases/update-caro-cardholder';
import { callerOf, officeScopeOf, partnerScopeOf } from '../access/mandate.access';
import { historyResolver, iso } from './fields';

type Args<T> = { input: T };

/** CARO orders: the office's orders and resolutions, the cardholder's consent, the bank's documents. */
export const caroResolvers: GraphQLResolverMap<MandatesContext> = {
  Query: {
    caroOrders: (
      _: unknown,
      args: { filter?: { clientId?: string; state?: CaroState } | null; first?: number; after?: string },
      ctx: MandatesContext,
    ) => officeCaroOrders(ctx.dataSource, officeScopeOf(ctx.principal), args.filter, args),
    clientsByCaroState: (
      _: unknown,
      args: { state: CaroState; first?: number; after?: string },
      ctx: MandatesContext,
    ) => clientsByCaroState(ctx.dataSource, officeScopeOf(ctx.principal), args.state, args),
  },
  Mutation: {
    orderCaro: async (_: unknown, { input }: Args<OrderCaroInput>, ctx: MandatesContext) => ({
      caroOrder: await orderCaro(ctx.dataSource, officeScopeOf(ctx.principal), input, callerOf(ctx.principal, ctx.requestId)),
    }),
    cancelCaroOrder: async (
      _: unknown,
      { input }: Args<{ caroOrderId: string; reason: string }>,
      ctx: MandatesContext,
    ) => ({
      caroOrder: await cancelCaroOrder(ctx.dataSource, officeScopeOf(ctx.principal), input, callerOf(ctx.principal, ctx.requestId)),
    }),
    reactivateCaroOrder: async (
      _: unknown,
      { input }: Args<{ caroOrderId: string }>,
      ctx: MandatesContext,
    ) => ({
      caroOrder: await reactivateCaroOrder(ctx.dataSource, officeScopeOf(ctx.principal), input, callerOf(ctx.principal, ctx.requestId)),
    }),
    updateCaroCardholder: async (
      _: unknown,
      {
        input,
      }: Args<{ caroOrderId: string; cardholderEmail?: string | null; cardholderMobile?: string | null }>,
      ctx: MandatesContext,
    ) => ({ caroOrder: await updateCaroCardholder(ctx.dataSource, officeScopeOf(ctx.principal), input, callerOf(ctx.principal, ctx.requestId)) }),
    recreateCaroOrder: async (
      _: unknown,
      { input }: Args<{ caroOrderId: string; clientReference: string }>,
      ctx: MandatesContext,
    ) => ({
      caroOrder: await recreateCaroOrder(ctx.dataSource, officeScopeOf(ctx.principal), input, callerOf(ctx.principal, ctx.requestId)),
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
      caroOrder: await reportCaroDocument(ctx.dataSource, partnerScopeOf(ctx.principal, 'BANK'), input),
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
