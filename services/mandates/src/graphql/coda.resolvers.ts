import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { MandatesContext } from '../context';
import type { BankAccountState } from '../domain/bank-account';
import { availableCodaActions, type CodaState } from '../domain/coda-mandate';
import type { BankAccountRow, CodaMandateRow } from '../db/mandate.mapping';
import {
  bankCodaMandates,
  findCodaMandate,
  officeCodaMandates,
  type CodaMandateFilter,
} from '../read-models/coda-mandate.read-model';
import { managementSettingsOf } from '../read-models/management-settings.read-model';
import type { SigningCallback } from '../esignature/esignature-provider';
import { changeBankAccountStateByBank, changeCodaMandateStateByBank } from '../use-cases/coda-bank-actions';
import {
  archiveCodaMandate,
  downloadCodaMandateDocument,
  requestCodaMandateSignature,
  resendCodaMandate,
} from '../use-cases/coda-office-actions';
import { completeCodaMandateSignature } from '../use-cases/complete-coda-signature';
import { setManagementMode } from '../use-cases/set-management-mode';
import { orderCoda, type OrderCodaInput } from '../use-cases/order-coda';
import {
  callerOf,
  clientFieldsScope,
  codaMandateReaderScope,
  officeScopeOf,
  partnerScopeOf,
} from '../access/mandate.access';
import { historyResolver, iso } from './fields';

type Args<T> = { input: T };

/** CODA mandates, their accounts, the office's settings, and the bank's and e-signature provider's mutations. */
export const codaResolvers: GraphQLResolverMap<MandatesContext> = {
  Query: {
    mandateManagementSettings: (_: unknown, _a: unknown, ctx: MandatesContext) =>
      managementSettingsOf(ctx.dataSource, officeScopeOf(ctx.principal)),
    codaMandate: (_: unknown, args: { id: string }, ctx: MandatesContext) =>
      findCodaMandate(ctx.dataSource, args.id, codaMandateReaderScope(ctx.principal)),
    codaMandates: (
      _: unknown,
      args: { filter?: CodaMandateFilter | null; first?: number; after?: string },
      ctx: MandatesContext,
    ) => officeCodaMandates(ctx.dataSource, officeScopeOf(ctx.principal), args.filter, args),
    bankCodaMandates: (
      _: unknown,
      args: { state?: CodaState; first?: number; after?: string },
      ctx: MandatesContext,
    ) => bankCodaMandates(ctx.dataSource, partnerScopeOf(ctx.principal, 'BANK'), args.state, args),
  },
  Mutation: {
    setMandateManagementMode: async (
      _: unknown,
      { input }: Args<{ mode: string }>,
      ctx: MandatesContext,
    ) => ({
      settings: await setManagementMode(ctx.dataSource, officeScopeOf(ctx.principal), input.mode, callerOf(ctx.principal, ctx.requestId).actor),
    }),
    orderCoda: async (_: unknown, { input }: Args<OrderCodaInput>, ctx: MandatesContext) => ({
      codaMandate: await orderCoda(ctx.dataSource, officeScopeOf(ctx.principal), input, callerOf(ctx.principal, ctx.requestId)),
    }),
    downloadCodaMandateDocument: async (
      _: unknown,
      { input }: Args<{ codaMandateId: string }>,
      ctx: MandatesContext,
    ) => {
      const d = await downloadCodaMandateDocument(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
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
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
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
      codaMandate: await resendCodaMandate(ctx.dataSource, officeScopeOf(ctx.principal), input, callerOf(ctx.principal, ctx.requestId)),
    }),
    archiveCodaMandate: async (
      _: unknown,
      { input }: Args<{ codaMandateId: string; reason: string }>,
      ctx: MandatesContext,
    ) => ({
      codaMandate: await archiveCodaMandate(ctx.dataSource, officeScopeOf(ctx.principal), input, callerOf(ctx.principal, ctx.requestId)),
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
        partnerScopeOf(ctx.principal, 'BANK'),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    changeBankAccountState: async (
      _: unknown,
      { input }: Args<{ bankAccountId: string; state: BankAccountState; reason?: string }>,
      ctx: MandatesContext,
    ) => ({
      bankAccount: await changeBankAccountStateByBank(
        ctx.dataSource,
        partnerScopeOf(ctx.principal, 'BANK'),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
  },
  MandateManagementSettings: {
    updatedAt: (s: { updatedAt: Date | null }) => iso(s.updatedAt),
  },
  CodaMandate: {
    client: (m: CodaMandateRow, _a: unknown, ctx: MandatesContext) =>
      clientFieldsScope(ctx.principal) ? { id: m.clientId } : null,
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
