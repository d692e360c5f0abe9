import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { companyOf } from '../access/approved-company.access';
import { actorOf, companySideScope, requireVoucherUser, titresScopeOf } from '../access/titres.access';
import type { TitresServicesContext } from '../context';
import {
  AWAITING_COMPANY_STATES,
  AWAITING_USER_STATES,
  EXPORT_STATUS,
  type PrestationState,
} from '../domain/prestation-states';
import type { HistoryRow } from '../read-models/prestation-details.read-model';
import { prestationById, prestationPage, type PrestationRow } from '../read-models/prestation.read-model';
import { walletOf } from '../read-models/wallet.read-model';
import {
  actOnPrestation,
  type ManualAction,
  type PrestationCorrection,
} from '../use-cases/act-on-prestation';
import { encodePrestation, type EncodePrestationInput } from '../use-cases/encode-prestation';
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
export const prestationResolvers: GraphQLResolverMap<TitresServicesContext> = {
  Query: {
    prestation: (_: unknown, args: { id: string }, ctx: TitresServicesContext) =>
      prestationById(ctx.dataSource, titresScopeOf(ctx.principal), args.id),
    prestations: async (
      _: unknown,
      args: {
        companyId?: string | null;
        states?: PrestationState[] | null;
        first?: number | null;
        after?: string | null;
      },
      ctx: TitresServicesContext,
    ) => {
      let scope = titresScopeOf(ctx.principal);
      if (scope.kind !== 'voucher_user') {
        const companyId = await companyOf(ctx.principal, args.companyId, ctx.loaders.approvedCompanyById);
        scope = { kind: 'company', companyId };
      }
      return prestationPage(ctx.dataSource, scope, args);
    },
    myVoucherWallet: (_: unknown, _args: unknown, ctx: TitresServicesContext) =>
      walletOf(ctx.dataSource, requireVoucherUser(ctx.principal)),
  },
  Mutation: {
    registerVoucherUser: async (
      _: unknown,
      { input }: { input: { companyId: string; firstName: string; lastName: string; email: string } },
      ctx: TitresServicesContext,
    ) => ({ voucherUser: await registerVoucherUser(ctx.dataSource, companySideScope(ctx.principal), input) }),
    orderVouchers: async (
      _: unknown,
      { input }: { input: { quantity: number } },
      ctx: TitresServicesContext,
    ) => {
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
    encodePrestation: async (
      _: unknown,
      { input }: { input: EncodePrestationInput },
      ctx: TitresServicesContext,
    ) => ({
      prestation: await encodePrestation(
        ctx.dataSource,
        companySideScope(ctx.principal),
        input,
        ctx.settings.autoValidationBusinessDays,
        new Date(),
        ctx.requestId,
      ),
    }),
    confirmPrestation: (
      _: unknown,
      { input }: { input: { prestationId: string } },
      ctx: TitresServicesContext,
    ) => act(ctx, 'CONFIRM', input),
    contestPrestation: (
      _: unknown,
      { input }: { input: { prestationId: string; reason: string } },
      ctx: TitresServicesContext,
    ) => act(ctx, 'CONTEST', input),
    validatePrestation: (
      _: unknown,
      { input }: { input: { prestationId: string } },
      ctx: TitresServicesContext,
    ) => act(ctx, 'VALIDATE', input),
    correctPrestation: (
      _: unknown,
      {
        input,
      }: { input: { prestationId: string; reason?: string | null; correction: PrestationCorrection } },
      ctx: TitresServicesContext,
    ) => act(ctx, 'CORRECT', input),
    cancelPrestation: (
      _: unknown,
      { input }: { input: { prestationId: string; reason?: string | null } },
      ctx: TitresServicesContext,
    ) => act(ctx, 'CANCEL', input),
  },
  Prestation: {
    company: (p: PrestationRow, _args: unknown, ctx: TitresServicesContext) =>
      ctx.scope ? ctx.loaders.approvedCompanyById.load(p.companyId) : null,
    worker: (p: PrestationRow, _args: unknown, ctx: TitresServicesContext) =>
      ctx.titres.workerById.load(p.workerId),
    voucherUser: (p: PrestationRow, _args: unknown, ctx: TitresServicesContext) =>
      ctx.titres.voucherUserById.load(p.voucherUserId),
    exportStatusCode: (p: PrestationRow) => EXPORT_STATUS[p.state].code,
    exportStatusLabel: (p: PrestationRow) => EXPORT_STATUS[p.state].label,
    awaitingUserConfirmation: (p: PrestationRow) => AWAITING_USER_STATES.includes(p.state),
    awaitingCompanyValidation: (p: PrestationRow) => AWAITING_COMPANY_STATES.includes(p.state),
    vouchersNeeded: (p: PrestationRow) => p.hours,
    vouchersRemaining: (p: PrestationRow) => p.hours - p.vouchersAttributed,
    vouchersLeftToRequest: (p: PrestationRow) => p.vouchersAttributed - p.vouchersReimbursementRequested,
    history: (p: PrestationRow, _args: unknown, ctx: TitresServicesContext) =>
      ctx.titres.historyByPrestationId.load(p.id),
    autoValidatedAt: async (p: PrestationRow, _args: unknown, ctx: TitresServicesContext) => {
      const entry = lastAutoValidation(await ctx.titres.historyByPrestationId.load(p.id));
      return entry ? iso(entry.at) : null;
    },
    validationReason: async (p: PrestationRow, _args: unknown, ctx: TitresServicesContext) =>
      lastAutoValidation(await ctx.titres.historyByPrestationId.load(p.id))?.reason ?? null,
    createdAt: (p: PrestationRow) => iso(p.createdAt),
    updatedAt: (p: PrestationRow) => iso(p.updatedAt),
  },
  PrestationHistoryEntry: {
    at: (h: HistoryRow) => iso(h.at),
  },
  VoucherOrder: {
    createdAt: (o: { createdAt: Date }) => iso(o.createdAt),
  },
  VoucherUser: {
    createdAt: (u: { createdAt: Date }) => iso(u.createdAt),
  },
};
