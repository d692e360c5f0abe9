import type { Resolvers } from './generated/resolvers-types';
import { clientsByCaroState, officeCaroOrders } from '../read-models/caro-order.read-model';
import { cancelCaroOrder } from '../use-cases/cancel-caro-order';
import { consentToCaro } from '../use-cases/consent-to-caro';
import { orderCaro } from '../use-cases/order-caro';
import { reactivateCaroOrder } from '../use-cases/reactivate-caro-order';
import { recreateCaroOrder } from '../use-cases/recreate-caro-order';
import { reportCaroDocument } from '../use-cases/report-caro-document';
import { updateCaroCardholder } from '../use-cases/update-caro-cardholder';
import { callerOf, officeScopeOf, partnerScopeOf } from '../access/mandate.access';
import { historyResolver, instant, referenced } from './fields';

/** CARO orders: the office's orders and resolutions, the cardholder's consent, the bank's documents. */
export const caroResolvers: Resolvers = {
  Query: {
    caroOrders: (_, args, ctx) =>
      officeCaroOrders(ctx.dataSource, officeScopeOf(ctx.principal), args.filter, args),
    clientsByCaroState: (_, args, ctx) =>
      clientsByCaroState(ctx.dataSource, officeScopeOf(ctx.principal), args.state, args),
  },
  Mutation: {
    orderCaro: async (_, { input }, ctx) => ({
      caroOrder: await orderCaro(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    cancelCaroOrder: async (_, { input }, ctx) => ({
      caroOrder: await cancelCaroOrder(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    reactivateCaroOrder: async (_, { input }, ctx) => ({
      caroOrder: await reactivateCaroOrder(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    updateCaroCardholder: async (_, { input }, ctx) => ({
      caroOrder: await updateCaroCardholder(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    recreateCaroOrder: async (_, { input }, ctx) => ({
      caroOrder: await recreateCaroOrder(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    consentToCaro: async (_, { input }, ctx) => ({
      state: (await consentToCaro(ctx.dataSource, input, ctx.requestId)).state,
    }),
    reportCaroDocument: async (_, { input }, ctx) => ({
      caroOrder: await reportCaroDocument(ctx.dataSource, partnerScopeOf(ctx.principal, 'BANK'), input),
    }),
  },
  CaroOrder: {
    client: (o) => ({ id: o.clientId }),
    bank: async (o, _a, ctx) => referenced(await ctx.loaders.banks(), o.bankId),
    invitedAt: (o) => instant(o.invitedAt),
    invitationExpiresAt: (o) => instant(o.invitationExpiresAt),
    replacesCaroOrderId: (o) => o.replacesId,
    createdAt: (o) => instant(o.createdAt),
    history: historyResolver,
  },
};
