import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { MandatesContext } from '../context';
import type { SodaAnswer, SodaState } from '../domain/soda-mandate';
import { formatEnterpriseNumber } from '../domain/enterprise-number';
import type { SodaMandateRow } from '../db/mandate.mapping';
import { affiliatedSecretariatId, sodaBoost, type SodaBoostAnswer } from '../read-models/soda-boost.read-model';
import { officeSodaMandates, secretariatActivationRequests } from '../read-models/soda-mandate.read-model';
import { orderSoda, type OrderSodaInput } from '../use-cases/order-soda';
import {
  answerSodaActivationRequest,
  archiveSodaMandate,
  declareSodaAffiliations,
  requestSodaActivationAgain,
} from '../use-cases/soda-actions';
import { callerOf, clientFieldsScope, officeScopeOf, partnerScopeOf } from '../access/mandate.access';
import { historyResolver, iso } from './fields';

type Args<T> = { input: T };

/** SODA mandates: the office's orders, the secretariats' requests and answers, Boost. */
export const sodaResolvers: GraphQLResolverMap<MandatesContext> = {
  Query: {
    sodaMandates: (
      _: unknown,
      args: { filter?: { clientId?: string; state?: SodaState } | null; first?: number; after?: string },
      ctx: MandatesContext,
    ) => officeSodaMandates(ctx.dataSource, officeScopeOf(ctx.principal), args.filter, args),
    sodaActivationRequests: (
      _: unknown,
      args: { state?: SodaState; first?: number; after?: string },
      ctx: MandatesContext,
    ) =>
      secretariatActivationRequests(
        ctx.dataSource,
        partnerScopeOf(ctx.principal, 'SOCIAL_SECRETARIAT'),
        args.state,
        args,
      ),
    sodaBoost: (_: unknown, args: { clientId: string }, ctx: MandatesContext) =>
      sodaBoost(ctx.dataSource, officeScopeOf(ctx.principal), args.clientId),
  },
  Mutation: {
    orderSoda: async (_: unknown, { input }: Args<OrderSodaInput>, ctx: MandatesContext) => ({
      sodaMandates: await orderSoda(ctx.dataSource, officeScopeOf(ctx.principal), input, callerOf(ctx.principal, ctx.requestId)),
    }),
    archiveSodaMandate: async (
      _: unknown,
      { input }: Args<{ sodaMandateId: string; reason: string }>,
      ctx: MandatesContext,
    ) => ({
      sodaMandate: await archiveSodaMandate(ctx.dataSource, officeScopeOf(ctx.principal), input, callerOf(ctx.principal, ctx.requestId)),
    }),
    requestSodaActivationAgain: async (
      _: unknown,
      { input }: Args<{ sodaMandateId: string }>,
      ctx: MandatesContext,
    ) => ({
      sodaMandate: await requestSodaActivationAgain(ctx.dataSource, officeScopeOf(ctx.principal), input, callerOf(ctx.principal, ctx.requestId)),
    }),
    answerSodaActivationRequest: async (
      _: unknown,
      { input }: Args<{ sodaMandateId: string; answer: SodaAnswer; reason?: string }>,
      ctx: MandatesContext,
    ) => ({
      sodaMandate: await answerSodaActivationRequest(
        ctx.dataSource,
        partnerScopeOf(ctx.principal, 'SOCIAL_SECRETARIAT'),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    declareSodaAffiliations: async (
      _: unknown,
      { input }: Args<{ enterpriseNumbers: string[] }>,
      ctx: MandatesContext,
    ) => ({
      declared: await declareSodaAffiliations(
        ctx.dataSource,
        partnerScopeOf(ctx.principal, 'SOCIAL_SECRETARIAT'),
        input.enterpriseNumbers,
      ),
    }),
  },
  SodaMandate: {
    client: (m: SodaMandateRow, _a: unknown, ctx: MandatesContext) =>
      clientFieldsScope(ctx.principal) ? { id: m.clientId } : null,
    socialSecretariat: async (m: SodaMandateRow, _a: unknown, ctx: MandatesContext) =>
      (await ctx.loaders.secretariats()).get(m.socialSecretariatId),
    software: async (m: SodaMandateRow, _a: unknown, ctx: MandatesContext) =>
      (await ctx.loaders.softwares()).get(m.softwareId),
    createdAt: (m: SodaMandateRow) => iso(m.createdAt),
    updatedAt: (m: SodaMandateRow) => iso(m.updatedAt),
    history: historyResolver,
  },
  SodaActivationRequest: {
    clientCompanyName: async (r: { mandate: SodaMandateRow }, _a: unknown, ctx: MandatesContext) =>
      (await ctx.loaders.clientNameByClientId.load(r.mandate.clientId))?.companyName ?? null,
    clientEnterpriseNumber: async (r: { mandate: SodaMandateRow }, _a: unknown, ctx: MandatesContext) => {
      const n = (await ctx.loaders.clientNameByClientId.load(r.mandate.clientId))?.enterpriseNumber;
      return n ? formatEnterpriseNumber(n) : null;
    },
  },
  SodaBoostResult: {
    enterpriseNumber: (b: SodaBoostAnswer) => formatEnterpriseNumber(b.enterpriseNumber),
    affiliatedSecretariat: async (b: SodaBoostAnswer, _a: unknown, ctx: MandatesContext) => {
      const id = affiliatedSecretariatId(b.affiliations);
      return id ? ((await ctx.loaders.secretariats()).get(id) ?? null) : null;
    },
  },
  SodaAffiliation: {
    socialSecretariat: async (
      a: SodaBoostAnswer['affiliations'][number],
      _x: unknown,
      ctx: MandatesContext,
    ) => (await ctx.loaders.secretariats()).get(a.socialSecretariatId),
    reportedAt: (a: SodaBoostAnswer['affiliations'][number]) => iso(a.reportedAt),
  },
};
