import type { Resolvers } from './generated/resolvers-types';
import { formatEnterpriseNumber } from '../domain/enterprise-number';
import { affiliatedSecretariatId, sodaBoost } from '../read-models/soda-boost.read-model';
import { officeSodaMandates, secretariatActivationRequests } from '../read-models/soda-mandate.read-model';
import { orderSoda } from '../use-cases/order-soda';
import { answerSodaActivationRequest } from '../use-cases/answer-soda-activation-request';
import { archiveSodaMandate } from '../use-cases/archive-soda-mandate';
import { declareSodaAffiliations } from '../use-cases/declare-soda-affiliations';
import { requestSodaActivationAgain } from '../use-cases/request-soda-activation-again';
import { callerOf, clientFieldsScope, officeScopeOf, partnerScopeOf } from '../access/mandate.access';
import { historyResolver, instant, referenced } from './fields';

/** SODA mandates: the office's orders, the secretariats' requests and answers, Boost. */
export const sodaResolvers: Resolvers = {
  Query: {
    sodaMandates: (_, args, ctx) =>
      officeSodaMandates(ctx.dataSource, officeScopeOf(ctx.principal), args.filter, args),
    sodaActivationRequests: (_, args, ctx) =>
      secretariatActivationRequests(
        ctx.dataSource,
        partnerScopeOf(ctx.principal, 'SOCIAL_SECRETARIAT'),
        args.state,
        args,
      ),
    sodaBoost: (_, args, ctx) => sodaBoost(ctx.dataSource, officeScopeOf(ctx.principal), args.clientId),
  },
  Mutation: {
    orderSoda: async (_, { input }, ctx) => ({
      sodaMandates: await orderSoda(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    archiveSodaMandate: async (_, { input }, ctx) => ({
      sodaMandate: await archiveSodaMandate(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    requestSodaActivationAgain: async (_, { input }, ctx) => ({
      sodaMandate: await requestSodaActivationAgain(
        ctx.dataSource,
        officeScopeOf(ctx.principal),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    answerSodaActivationRequest: async (_, { input }, ctx) => ({
      sodaMandate: await answerSodaActivationRequest(
        ctx.dataSource,
        partnerScopeOf(ctx.principal, 'SOCIAL_SECRETARIAT'),
        input,
        callerOf(ctx.principal, ctx.requestId),
      ),
    }),
    declareSodaAffiliations: async (_, { input }, ctx) => ({
      declared: await declareSodaAffiliations(
        ctx.dataSource,
        partnerScopeOf(ctx.principal, 'SOCIAL_SECRETARIAT'),
        input.enterpriseNumbers,
      ),
    }),
  },
  SodaMandate: {
    client: (m, _a, ctx) => (clientFieldsScope(ctx.principal) ? { id: m.clientId } : null),
    socialSecretariat: async (m, _a, ctx) =>
      referenced(await ctx.loaders.secretariats(), m.socialSecretariatId),
    software: async (m, _a, ctx) => referenced(await ctx.loaders.softwares(), m.softwareId),
    createdAt: (m) => instant(m.createdAt),
    updatedAt: (m) => instant(m.updatedAt),
    history: historyResolver,
  },
  SodaActivationRequest: {
    clientCompanyName: async (r, _a, ctx) =>
      (await ctx.loaders.clientNameByClientId.load(r.mandate.clientId))?.companyName ?? null,
    clientEnterpriseNumber: async (r, _a, ctx) => {
      const n = (await ctx.loaders.clientNameByClientId.load(r.mandate.clientId))?.enterpriseNumber;
      return n ? formatEnterpriseNumber(n) : null;
    },
  },
  SodaBoostResult: {
    enterpriseNumber: (b) => formatEnterpriseNumber(b.enterpriseNumber),
    affiliatedSecretariat: async (b, _a, ctx) => {
      const id = affiliatedSecretariatId(b.affiliations);
      return id ? ((await ctx.loaders.secretariats()).get(id) ?? null) : null;
    },
  },
  SodaAffiliation: {
    socialSecretariat: async (a, _x, ctx) =>
      referenced(await ctx.loaders.secretariats(), a.socialSecretariatId),
    reportedAt: (a) => instant(a.reportedAt),
  },
};
