import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { decodeCursor, DomainError, encodeCursor, pageSize, requireUuid } from '@fidu/service-kit';
import type { TitresServicesContext } from '../context';
import {
  findPrestation,
  PRESTATION_COLUMNS,
  prestationScopeSql,
  type PrestationRow,
} from '../db/prestation.rows';
import {
  AWAITING_COMPANY_STATES,
  AWAITING_USER_STATES,
  EXPORT_STATUS,
  type PrestationState,
} from '../domain/prestation-states';
import { actorOf, companySideScope, requireVoucherUser, titresScopeOf } from '../domain/titres-access';
import {
  actOnPrestation,
  type ManualAction,
  type PrestationCorrection,
} from '../use-cases/act-on-prestation';
import { encodePrestation, type EncodePrestationInput } from '../use-cases/encode-prestation';
import { orderVouchers } from '../use-cases/order-vouchers';
import { registerVoucherUser } from '../use-cases/register-voucher-user';
import type { HistoryRow } from './titres.loaders';

/** The automatic validation of a prestation, if the job validated it (history is oldest first). */
const lastAutoValidation = (history: HistoryRow[]) =>
  [...history].reverse().find((h) => h.action === 'AUTO_VALIDATE');
import { companyOf } from './company-of';

const iso = (d: Date) => d.toISOString();

/** The wallet of a voucher user: balance, expiry groups and last orders. */
async function walletOf(ctx: TitresServicesContext, voucherUserId: string) {
  const today = new Date().toISOString().slice(0, 10);
  const groups = (await ctx.dataSource.query(
    `SELECT to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn", count(*)::int AS count FROM voucher
     WHERE voucher_user_id = $1 AND prestation_id IS NULL AND expires_on >= $2::date GROUP BY expires_on ORDER BY expires_on`,
    [voucherUserId, today],
  )) as { expiresOn: string; count: number }[];
  const orders = (await ctx.dataSource.query(
    `SELECT id, quantity, unit_price_cents AS "unitPriceCents", total_cents AS "totalCents",
       to_char(expires_on, 'YYYY-MM-DD') AS "expiresOn", created_at AS "createdAt"
     FROM voucher_order WHERE voucher_user_id = $1 ORDER BY created_at DESC, id LIMIT 20`,
    [voucherUserId],
  )) as { createdAt: Date }[];
  return {
    voucherUserId,
    balance: groups.reduce((n, g) => n + g.count, 0),
    vouchersByExpiry: groups,
    orders,
  };
}

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
    prestation: async (_: unknown, args: { id: string }, ctx: TitresServicesContext) =>
      findPrestation(ctx.dataSource.manager, titresScopeOf(ctx.principal), requireUuid(args.id, 'id')),
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
      if (scope.kind !== 'voucher_user')
        scope = { kind: 'company', companyId: await companyOf(ctx, args.companyId) };
      const size = pageSize(args.first, 100, 20);
      const params: unknown[] = [];
      const where = [prestationScopeSql(scope, params)];
      if (args.states?.length) {
        params.push(args.states);
        where.push(`p.state = ANY($${params.length})`);
      }
      if (args.after) {
        const [at, id] = decodeCursor(args.after);
        if (typeof at !== 'string' || typeof id !== 'string' || Number.isNaN(Date.parse(at))) {
          throw new DomainError('INVALID_CURSOR', 'The cursor is not one this API issued.', 'after');
        }
        params.push(new Date(at), requireUuid(id, 'after'));
        where.push(`(p.created_at, p.id) < ($${params.length - 1}, $${params.length})`);
      }
      params.push(size + 1);
      const rows = (await ctx.dataSource.query(
        `SELECT ${PRESTATION_COLUMNS} FROM prestation p WHERE ${where.join(' AND ')}
         ORDER BY p.created_at DESC, p.id DESC LIMIT $${params.length}`,
        params,
      )) as PrestationRow[];
      const items = rows.slice(0, size);
      const last = items[items.length - 1];
      return {
        items,
        nextCursor: rows.length > size && last ? encodeCursor([iso(last.createdAt), last.id]) : null,
      };
    },
    myVoucherWallet: (_: unknown, _args: unknown, ctx: TitresServicesContext) =>
      walletOf(ctx, requireVoucherUser(ctx.principal)),
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
        wallet: await walletOf(ctx, voucherUserId),
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
