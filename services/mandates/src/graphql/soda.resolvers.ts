import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { requireUuid } from '@fidu/service-kit';
import type { MandatesContext } from '../context';
import type { SodaAnswer, SodaState } from '../domain/soda-mandate';
import { formatEnterpriseNumber } from '../domain/enterprise-number';
import { filterOn, newestFirstPage, officePage } from '../db/page';
import { SODA_COLUMNS, type SodaMandateRow } from '../db/mandate-rows';
import { orderSoda, type OrderSodaInput } from '../use-cases/order-soda';
import {
  answerSodaActivationRequest,
  archiveSodaMandate,
  declareSodaAffiliations,
  requestSodaActivationAgain,
  SECRETARIAT_VISIBLE_STATES,
  sodaBoost,
  type SodaBoostAnswer,
} from '../use-cases/soda-actions';
import { callerOf, historyResolver, iso, officeIdOf, partnerIdOf } from './principals';

type Args<T> = { input: T };

/**
 * Boost's answer: the secretariat that said so in answer to an office's request (newest first);
 * else the one secretariat that declares the enterprise; several declaring it is no answer, so no
 * secretariat can take another's clients by declaring them.
 */
function affiliatedSecretariatId(affiliations: SodaBoostAnswer['affiliations']): string | null {
  const answered = affiliations.find((a) => a.affiliated && a.source === 'ANSWER');
  if (answered) return answered.socialSecretariatId;
  const declared = affiliations.filter((a) => a.affiliated);
  return declared.length === 1 ? declared[0]!.socialSecretariatId : null;
}

/** SODA mandates: the office's orders, the secretariats' requests and answers, Boost. */
export const sodaResolvers: GraphQLResolverMap<MandatesContext> = {
  Query: {
    sodaMandates: (
      _: unknown,
      args: { filter?: { clientId?: string; state?: SodaState } | null; first?: number; after?: string },
      ctx: MandatesContext,
    ) => {
      const f = args.filter ?? {};
      return officePage<SodaMandateRow>(
        ctx.dataSource,
        officeIdOf(ctx),
        {
          table: 'soda_mandate',
          columns: SODA_COLUMNS,
          filters: {
            client_id: f.clientId ? requireUuid(f.clientId, 'filter.clientId') : null,
            state: f.state,
          },
        },
        args,
      );
    },
    sodaActivationRequests: async (
      _: unknown,
      args: { state?: SodaState; first?: number; after?: string },
      ctx: MandatesContext,
    ) => {
      const where = [
        'social_secretariat_id = $1',
        'state = ANY($2::text[])',
        'last_requested_at IS NOT NULL',
      ];
      const params: unknown[] = [partnerIdOf(ctx, 'SOCIAL_SECRETARIAT'), SECRETARIAT_VISIBLE_STATES];
      filterOn(where, params, 'state', args.state);
      const page = await newestFirstPage<SodaMandateRow>(
        ctx.dataSource,
        { table: 'soda_mandate', columns: SODA_COLUMNS, where, params },
        args,
      );
      return { ...page, nodes: page.nodes.map((mandate) => ({ mandate })) };
    },
    sodaBoost: (_: unknown, args: { clientId: string }, ctx: MandatesContext) =>
      sodaBoost(ctx.dataSource, officeIdOf(ctx), args.clientId),
  },
  Mutation: {
    orderSoda: async (_: unknown, { input }: Args<OrderSodaInput>, ctx: MandatesContext) => ({
      sodaMandates: await orderSoda(ctx.dataSource, officeIdOf(ctx), input, callerOf(ctx)),
    }),
    archiveSodaMandate: async (
      _: unknown,
      { input }: Args<{ sodaMandateId: string; reason: string }>,
      ctx: MandatesContext,
    ) => ({
      sodaMandate: await archiveSodaMandate(ctx.dataSource, officeIdOf(ctx), input, callerOf(ctx)),
    }),
    requestSodaActivationAgain: async (
      _: unknown,
      { input }: Args<{ sodaMandateId: string }>,
      ctx: MandatesContext,
    ) => ({
      sodaMandate: await requestSodaActivationAgain(ctx.dataSource, officeIdOf(ctx), input, callerOf(ctx)),
    }),
    answerSodaActivationRequest: async (
      _: unknown,
      { input }: Args<{ sodaMandateId: string; answer: SodaAnswer; reason?: string }>,
      ctx: MandatesContext,
    ) => ({
      sodaMandate: await answerSodaActivationRequest(
        ctx.dataSource,
        partnerIdOf(ctx, 'SOCIAL_SECRETARIAT'),
        input,
        callerOf(ctx),
      ),
    }),
    declareSodaAffiliations: async (
      _: unknown,
      { input }: Args<{ enterpriseNumbers: string[] }>,
      ctx: MandatesContext,
    ) => ({
      declared: await declareSodaAffiliations(
        ctx.dataSource,
        partnerIdOf(ctx, 'SOCIAL_SECRETARIAT'),
        input.enterpriseNumbers,
      ),
    }),
  },
  SodaMandate: {
    client: (m: SodaMandateRow, _a: unknown, ctx: MandatesContext) =>
      ctx.principal.kind === 'office' ? { id: m.clientId } : null,
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
