import type { Resolvers } from './generated/resolvers-types';
import { signDocumentGrant } from '../access/document-link.access';
import { availableCodaActions } from '../domain/coda-mandate';
import {
  bankCodaMandates,
  findCodaMandate,
  officeCodaMandates,
} from '../read-models/coda-mandate.read-model';
import { managementSettingsOf } from '../read-models/management-settings.read-model';
import { archiveCodaMandate } from '../use-cases/archive-coda-mandate';
import { changeBankAccountStateByBank } from '../use-cases/change-bank-account-state';
import { changeCodaMandateStateByBank } from '../use-cases/change-coda-mandate-state';
import { downloadCodaMandateDocument } from '../use-cases/download-coda-mandate-document';
import { requestCodaMandateSignature } from '../use-cases/request-coda-mandate-signature';
import { resendCodaMandate } from '../use-cases/resend-coda-mandate';
import { completeCodaMandateSignature } from '../use-cases/complete-coda-signature';
import { setManagementMode } from '../use-cases/set-management-mode';
import { orderCoda } from '../use-cases/order-coda';
import {
  callerOf,
  clientFieldsScope,
  codaMandateReaderScope,
  officeScopeOf,
  partnerScopeOf,
} from '../access/mandate.access';
import { historyResolver, instant, iso, referenced } from './fields';

/** CODA mandates, their accounts, the office's settings, and the bank's and e-signature provider's mutations. */
export const codaResolvers: Resolvers = {
  Query: {
    mandateManagementSettings: (_, _a, ctx) =>
      managementSettingsOf(ctx.dataSource, officeScopeOf(ctx.principal)),
    codaMandate: (_, args, ctx) =>
      findCodaMandate(ctx.dataSource, args.id, codaMandateReaderScope(ctx.principal)),
    codaMandates: (_, args, ctx) =>
      officeCodaMandates(ctx.dataSource, officeScopeOf(ctx.principal), args.filter, args),
    bankCodaMandates: (_, args, ctx) =>
      bankCodaMandates(ctx.dataSource, partnerScopeOf(ctx.principal, 'BANK'), args.state, args),
  },
  Mutation: {
    setMandateManagementMode: async (_, { input }, ctx) => ({
      settings: await setManagementMode(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input.mode,
        callerOf(ctx.principal, ctx.requestId).actor,
      ),
    }),
    orderCoda: async (_, { input }, ctx) => ({
      codaMandate: await orderCoda(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    downloadCodaMandateDocument: async (_, { input }, ctx) => {
      const officeId = officeScopeOf(ctx.principal);
      const d = await downloadCodaMandateDocument(
        ctx.dataSource,
        officeId,
        input,
        callerOf(ctx.principal, ctx.requestId),
        ctx.renderer,
      );
      const link = await signDocumentGrant(
        { codaMandateId: d.mandate.id, officeId, documentVersion: d.documentVersion },
        ctx.documentLinks.secret,
      );
      return {
        codaMandate: d.mandate,
        document: {
          fileName: d.fileName,
          contentType: d.contentType,
          contentBase64: d.content.toString('base64'),
          downloadUrl: `${ctx.documentLinks.baseUrl()}/documents/${link.token}/${d.fileName}`,
          downloadUrlExpiresAt: link.expiresAt.toISOString(),
          documentVersion: d.documentVersion,
        },
      };
    },
    requestCodaMandateSignature: async (_, { input }, ctx) => {
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
    resendCodaMandate: async (_, { input }, ctx) => ({
      codaMandate: await resendCodaMandate(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    archiveCodaMandate: async (_, { input }, ctx) => ({
      codaMandate: await archiveCodaMandate(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    completeCodaMandateSignature: async (_, { input }, ctx) => ({
      codaMandate: await completeCodaMandateSignature(ctx.dataSource, input, ctx.esignature, {
        correlationId: ctx.requestId,
      }),
    }),
    changeCodaMandateState: async (_, { input }, ctx) => ({
      codaMandate: await changeCodaMandateStateByBank(
        ctx.dataSource,
        partnerScopeOf(ctx.principal, 'BANK'),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    changeBankAccountState: async (_, { input }, ctx) => ({
      bankAccount: await changeBankAccountStateByBank(
        ctx.dataSource,
        partnerScopeOf(ctx.principal, 'BANK'),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
  },
  MandateManagementSettings: {
    updatedAt: (s) => iso(s.updatedAt),
  },
  CodaMandate: {
    client: (m, _a, ctx) => (clientFieldsScope(ctx.principal) ? { id: m.clientId } : null),
    clientCompanyName: async (m, _a, ctx) =>
      (await ctx.loaders.clientNameByClientId.load(m.clientId))?.companyName ?? null,
    bank: async (m, _a, ctx) => referenced(await ctx.loaders.banks(), m.bankId),
    bankAccounts: (m, _a, ctx) => ctx.loaders.accountsByMandateId.load(m.id),
    availableActions: async (m, _a, ctx) => {
      const mode = await ctx.loaders.managementMode();
      if (!mode) return [];
      const bank = referenced(await ctx.loaders.banks(), m.bankId)!;
      return availableCodaActions({ state: m.state, signedAt: m.signedAt, bank, mode });
    },
    signedAt: (m) => iso(m.signedAt),
    createdAt: (m) => instant(m.createdAt),
    updatedAt: (m) => instant(m.updatedAt),
    history: historyResolver,
  },
  BankAccount: {
    activatedAt: (a) => iso(a.activatedAt),
    history: historyResolver,
  },
};
