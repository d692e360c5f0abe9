import type { Resolvers } from './generated/resolvers-types';
import { companyOf } from '../access/approved-company.access';
import { actorOf, companySideScope, requireVoucherUser, titresScopeOf } from '../access/titres.access';
import type { TitresServicesContext } from '../context';
import { AWAITING_COMPANY_STATES, AWAITING_USER_STATES, EXPORT_STATUS } from '../domain/prestation-states';
import type { HistoryRow } from '../read-models/prestation-details.read-model';
import { prestationById, prestationPage } from '../read-models/prestation.read-model';
import { walletOf } from '../read-models/wallet.read-model';
import {
  actOnPrestation,
  type ManualAction,
  type PrestationCorrection,
} from '../use-cases/act-on-prestation';
import { encodePrestation } from '../use-cases/encode-prestation';
import { orderVouchers } from '../use-cases/order-vouchers';
import { registerVoucherUser } from '../use-cases/register-voucher-user';

/** The automatic validation of a prestation, if the job validated it (history is oldest first). */
const lastAutoValidation = (history: HistoryRow[]) =>
  [...history].reverse().find((h) => h.action === 'AUTO_VALIDATE');

const iso = (d: Date) => d.toISOString();

async function act(
  ctx: TitresServicesContext,
  action: ManualAction,
  input: { prestationId: string; reason?: string | null; correction?: PrestationCorrection },
) {
  const prestation = await actOnPrestation(ctx.dataSource, titresScopeOf(ctx.principal), {
    prestationId: input.prestationId,
    action,
    actor: actorOf(ctx.principal),
    reason: input.reason,
    correction: input.correction,
    periodDays: ctx.settings.autoValidationBusinessDays,
    correlationId: ctx.requestId,
  });
  return { prestation };
}

/** Prestations, wallets and voucher users. */
export const prestationResolvers: Resolvers = {
  Query: {
    prestation: (_, args, ctx) => prestationById(ctx.dataSource, titresScopeOf(ctx.principal), args.id),
    prestations: async (_, args, ctx) => {
      let scope = titresScopeOf(ctx.principal);
      if (scope.kind !== 'voucher_user') {
        const companyId = await companyOf(ctx.principal, args.companyId, ctx.loaders.approvedCompanyById);
        scope = { kind: 'company', companyId };
      }
      return prestationPage(ctx.dataSource, scope, args);
    },
    myVoucherWallet: (_, _args, ctx) => walletOf(ctx.dataSource, requireVoucherUser(ctx.principal)),
  },
  Mutation: {
    registerVoucherUser: async (_, { input }, ctx) => ({
      voucherUser: await registerVoucherUser(ctx.dataSource, companySideScope(ctx.principal), input),
    }),
    orderVouchers: async (_, { input }, ctx) => {
      const voucherUserId = requireVoucherUser(ctx.principal);
      const result = await orderVouchers(
        ctx.dataSource,
        voucherUserId,
        input.quantity,
        actorOf(ctx.principal),
        new Date(),
        ctx.requestId,
      );
      return {
        order: result.order,
        servedPrestations: result.served,
        wallet: await walletOf(ctx.dataSource, voucherUserId),
      };
    },
    encodePrestation: async (_, { input }, ctx) => ({
      prestation: await encodePrestation(
        ctx.dataSource,
        companySideScope(ctx.principal),
        input,
        ctx.settings.autoValidationBusinessDays,
        new Date(),
        ctx.requestId,
      ),
    }),
    confirmPrestation: (_, { input }, ctx) => act(ctx, 'CONFIRM', input),
    contestPrestation: (_, { input }, ctx) => act(ctx, 'CONTEST', input),
    validatePrestation: (_, { input }, ctx) => act(ctx, 'VALIDATE', input),
    correctPrestation: (_, { input }, ctx) => act(ctx, 'CORRECT', input),
    cancelPrestation: (_, { input }, ctx) => act(ctx, 'CANCEL', input),
  },
  Prestation: {
    company: (p, _args, ctx) => (ctx.scope ? ctx.loaders.approvedCompanyById.load(p.companyId) : null),
    // A prestation's worker and voucher user always exist (foreign keys, never deleted).
    worker: async (p, _args, ctx) => (await ctx.titres.workerById.load(p.workerId))!,
    voucherUser: async (p, _args, ctx) => (await ctx.titres.voucherUserById.load(p.voucherUserId))!,
    exportStatusCode: (p) => EXPORT_STATUS[p.state].code,
    exportStatusLabel: (p) => EXPORT_STATUS[p.state].label,
    awaitingUserConfirmation: (p) => AWAITING_USER_STATES.includes(p.state),
    awaitingCompanyValidation: (p) => AWAITING_COMPANY_STATES.includes(p.state),
    vouchersNeeded: (p) => p.hours,
    vouchersRemaining: (p) => p.hours - p.vouchersAttributed,
    vouchersLeftToRequest: (p) => p.vouchersAttributed - p.vouchersReimbursementRequested,
    history: (p, _args, ctx) => ctx.titres.historyByPrestationId.load(p.id),
    autoValidatedAt: async (p, _args, ctx) => {
      const entry = lastAutoValidation(await ctx.titres.historyByPrestationId.load(p.id));
      return entry ? iso(entry.at) : null;
    },
    validationReason: async (p, _args, ctx) =>
      lastAutoValidation(await ctx.titres.historyByPrestationId.load(p.id))?.reason ?? null,
    createdAt: (p) => iso(p.createdAt),
    updatedAt: (p) => iso(p.updatedAt),
  },
  PrestationHistoryEntry: {
    at: (h) => iso(h.at),
  },
  VoucherOrder: {
    createdAt: (o) => iso(o.createdAt),
  },
  VoucherUser: {
    createdAt: (u) => iso(u.createdAt),
  },
};
