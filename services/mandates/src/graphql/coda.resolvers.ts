import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { requireUuid } from '@fidu/service-kit';
import type { MandatesContext } from '../context';
import type { BankAccountState } from '../domain/bank-account';
import { availableCodaActions, type CodaState } from '../domain/coda-mandate';
import { filterOn, newestFirstPage, officePage } from '../db/page';
import { CODA_COLUMNS, type BankAccountRow, type CodaMandateRow } from '../db/mandate-rows';
import type { SigningCallback } from '../esignature/esignature-provider';
import { changeBankAccountStateByBank, changeCodaMandateStateByBank } from '../use-cases/coda-bank-actions';
import {
  archiveCodaMandate,
  downloadCodaMandateDocument,
  requestCodaMandateSignature,
  resendCodaMandate,
} from '../use-cases/coda-office-actions';
import { completeCodaMandateSignature } from '../use-cases/complete-coda-signature';
import { managementSettingsOf, setManagementMode } from '../use-cases/management-mode';
import { orderCoda, type OrderCodaInput } from '../use-cases/order-coda';
import { callerOf, historyResolver, iso, officeIdOf, partnerIdOf } from './principals';

type Args<T> = { input: T };

/** CODA mandates, their accounts, the office's settings, and the bank's and e-signature provider's mutations. */
export const codaResolvers: GraphQLResolverMap<MandatesContext> = {
  Query: {
    mandateManagementSettings: (_: unknown, _a: unknown, ctx: MandatesContext) =>
      managementSettingsOf(ctx.dataSource, officeIdOf(ctx)),
    codaMandate: async (_: unknown, args: { id: string }, ctx: MandatesContext) => {
      const p = ctx.principal;
      const id = requireUuid(args.id, 'id');
      if (p.kind === 'partner' && p.partnerType === 'BANK') {
        const [row] = (await ctx.dataSource.query(
          `SELECT ${CODA_COLUMNS} FROM coda_mandate WHERE id = $1 AND bank_id = $2`,
          [id, p.partnerId],
        )) as CodaMandateRow[];
        return row ?? null;
      }
      const [row] = (await ctx.dataSource.query(
        `SELECT ${CODA_COLUMNS} FROM coda_mandate WHERE id = $1 AND office_id = $2`,
        [id, officeIdOf(ctx)],
      )) as CodaMandateRow[];
      return row ?? null;
    },
    codaMandates: (
      _: unknown,
      args: {
        filter?: { clientId?: string; state?: CodaState; toBePresentedAgain?: boolean } | null;
        first?: number;
        after?: string;
      },
      ctx: MandatesContext,
    ) => {
      const f = args.filter ?? {};
      return officePage<CodaMandateRow>(
        ctx.dataSource,
        officeIdOf(ctx),
        {
          table: 'coda_mandate',
          columns: CODA_COLUMNS,
          filters: {
            client_id: f.clientId ? requireUuid(f.clientId, 'filter.clientId') : null,
            state: f.state,
            to_be_presented_again: f.toBePresentedAgain,
          },
        },
        args,
      );
    },
    bankCodaMandates: (
      _: unknown,
      args: { state?: CodaState; first?: number; after?: string },
      ctx: MandatesContext,
    ) => {
      const where = ['bank_id = $1'];
      const params: unknown[] = [partnerIdOf(ctx, 'BANK')];
      filterOn(where, params, 'state', args.state);
      return newestFirstPage<CodaMandateRow>(
        ctx.dataSource,
        { table: 'coda_mandate', columns: CODA_COLUMNS, where, params },
        args,
      );
    },
  },
  Mutation: {
    setMandateManagementMode: async (
      _: unknown,
      { input }: Args<{ mode: string }>,
      ctx: MandatesContext,
    ) => ({
      settings: await setManagementMode(ctx.dataSource, officeIdOf(ctx), input.mode, callerOf(ctx).actor),
    }),
    orderCoda: async (_: unknown, { input }: Args<OrderCodaInput>, ctx: MandatesContext) => ({
      codaMandate: await orderCoda(ctx.dataSource, officeIdOf(ctx), input, callerOf(ctx)),
    }),
    downloadCodaMandateDocument: async (
      _: unknown,
      { input }: Args<{ codaMandateId: string }>,
      ctx: MandatesContext,
    ) => {
      const d = await downloadCodaMandateDocument(
        ctx.dataSource,
        officeIdOf(ctx),
        input,
        callerOf(ctx),
        ctx.renderer,
      );
      return {
        codaMandate: d.mandate,
        document: {
          fileName: d.fileName,
          contentType: d.contentType,
          contentBase64: d.content.toString('base64'),
          documentVersion: d.documentVersion,
        },
      };
    },
    requestCodaMandateSignature: async (
      _: unknown,
      { input }: Args<{ codaMandateId: string }>,
      ctx: MandatesContext,
    ) => {
      const { mandate, link } = await requestCodaMandateSignature(
        ctx.dataSource,
        officeIdOf(ctx),
        input,
        callerOf(ctx),
        ctx.esignature,
      );
      return {
        codaMandate: mandate,
        signingLink: { url: link.url, expiresAt: link.expiresAt.toISOString() },
      };
    },
    resendCodaMandate: async (
      _: unknown,
      { input }: Args<{ codaMandateId: string }>,
      ctx: MandatesContext,
    ) => ({
      codaMandate: await resendCodaMandate(ctx.dataSource, officeIdOf(ctx), input, callerOf(ctx)),
    }),
    archiveCodaMandate: async (
      _: unknown,
      { input }: Args<{ codaMandateId: string; reason: string }>,
      ctx: MandatesContext,
    ) => ({
      codaMandate: await archiveCodaMandate(ctx.dataSource, officeIdOf(ctx), input, callerOf(ctx)),
    }),
    completeCodaMandateSignature: async (
      _: unknown,
      { input }: Args<SigningCallback>,
      ctx: MandatesContext,
    ) => ({
      codaMandate: await completeCodaMandateSignature(ctx.dataSource, input, ctx.esignature, {
        correlationId: ctx.requestId,
      }),
    }),
    changeCodaMandateState: async (
      _: unknown,
      { input }: Args<{ codaMandateId: string; state: CodaState; reason?: string }>,
      ctx: MandatesContext,
    ) => ({
      codaMandate: await changeCodaMandateStateByBank(
        ctx.dataSource,
        partnerIdOf(ctx, 'BANK'),
        input,
        callerOf(ctx),
      ),
    }),
    changeBankAccountState: async (
      _: unknown,
      { input }: Args<{ bankAccountId: string; state: BankAccountState; reason?: string }>,
      ctx: MandatesContext,
    ) => ({
      bankAccount: await changeBankAccountStateByBank(
        ctx.dataSource,
        partnerIdOf(ctx, 'BANK'),
        input,
        callerOf(ctx),
      ),
    }),
  },
  MandateManagementSettings: {
    updatedAt: (s: { updatedAt: Date | null }) => iso(s.updatedAt),
  },
  CodaMandate: {
    client: (m: CodaMandateRow, _a: unknown, ctx: MandatesContext) =>
      ctx.principal.kind === 'office' ? { id: m.clientId } : null,
    clientCompanyName: async (m: CodaMandateRow, _a: unknown, ctx: MandatesContext) =>
      (await ctx.loaders.clientNameByClientId.load(m.clientId))?.companyName ?? null,
    bank: async (m: CodaMandateRow, _a: unknown, ctx: MandatesContext) =>
      (await ctx.loaders.banks()).get(m.bankId),
    bankAccounts: (m: CodaMandateRow, _a: unknown, ctx: MandatesContext) =>
      ctx.loaders.accountsByMandateId.load(m.id),
    availableActions: async (m: CodaMandateRow, _a: unknown, ctx: MandatesContext) => {
      const mode = await ctx.loaders.managementMode();
      if (!mode) return [];
      const bank = (await ctx.loaders.banks()).get(m.bankId)!;
      return availableCodaActions({ state: m.state, signedAt: m.signedAt, bank, mode });
    },
    signedAt: (m: CodaMandateRow) => iso(m.signedAt),
    createdAt: (m: CodaMandateRow) => iso(m.createdAt),
    updatedAt: (m: CodaMandateRow) => iso(m.updatedAt),
    history: historyResolver,
  },
  BankAccount: {
    activatedAt: (a: BankAccountRow) => iso(a.activatedAt),
    history: historyResolver,
  },
};
