import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { requireUuid } from '@fidu/service-kit';
import type { MandatesContext } from '../context';
import { requireAuthenticated } from './require-authenticated';

type ById = { id: string };

/** Banks, social secretariats and accounting software: readable by any signed-in caller. */
export const referenceDataResolvers: GraphQLResolverMap<MandatesContext> = {
  Query: {
    banks: (_: unknown, _args: unknown, ctx: MandatesContext) => {
      requireAuthenticated(ctx.principal);
      return ctx.referenceData.banks();
    },
    bank: (_: unknown, args: ById, ctx: MandatesContext) => {
      requireAuthenticated(ctx.principal);
      return ctx.referenceData.bankById(requireUuid(args.id, 'id'));
    },
    socialSecretariats: (_: unknown, _args: unknown, ctx: MandatesContext) => {
      requireAuthenticated(ctx.principal);
      return ctx.referenceData.socialSecretariats();
    },
    socialSecretariat: (_: unknown, args: ById, ctx: MandatesContext) => {
      requireAuthenticated(ctx.principal);
      return ctx.referenceData.socialSecretariatById(requireUuid(args.id, 'id'));
    },
    mandateSoftwares: (_: unknown, _args: unknown, ctx: MandatesContext) => {
      requireAuthenticated(ctx.principal);
      return ctx.referenceData.mandateSoftwares();
    },
    mandateSoftware: (_: unknown, args: ById, ctx: MandatesContext) => {
      requireAuthenticated(ctx.principal);
      return ctx.referenceData.mandateSoftwareById(requireUuid(args.id, 'id'));
    },
  },
};
