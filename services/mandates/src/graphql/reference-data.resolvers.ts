import type { Resolvers } from './generated/resolvers-types';
import { requireUuid } from '@fidu/service-kit';
import { actorOf } from '../access/mandate.access';
import { requireOperator } from '../access/operator.access';
import { requireSignedIn } from '../access/reference-data.access';
import { saveBank } from '../use-cases/save-bank';
import { saveMandateSoftware } from '../use-cases/save-mandate-software';
import { saveSocialSecretariat } from '../use-cases/save-social-secretariat';

/** Banks, social secretariats and accounting software: readable by any signed-in caller. */
export const referenceDataResolvers: Resolvers = {
  Query: {
    banks: (_, _args, ctx) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.banks();
    },
    bank: (_, args, ctx) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.bankById(requireUuid(args.id, 'id'));
    },
    socialSecretariats: (_, _args, ctx) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.socialSecretariats();
    },
    socialSecretariat: (_, args, ctx) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.socialSecretariatById(requireUuid(args.id, 'id'));
    },
    mandateSoftwares: (_, _args, ctx) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.mandateSoftwares();
    },
    mandateSoftware: (_, args, ctx) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.mandateSoftwareById(requireUuid(args.id, 'id'));
    },
  },
  Mutation: {
    saveBank: async (_, { input }, ctx) => {
      requireOperator(ctx.principal, 'edit reference data');
      return saveBank(ctx.dataSource, input, { actor: actorOf(ctx.principal), correlationId: ctx.requestId });
    },
    saveSocialSecretariat: async (_, { input }, ctx) => {
      requireOperator(ctx.principal, 'edit reference data');
      return { socialSecretariat: await saveSocialSecretariat(ctx.dataSource, input) };
    },
    saveMandateSoftware: async (_, { input }, ctx) => {
      requireOperator(ctx.principal, 'edit reference data');
      return { mandateSoftware: await saveMandateSoftware(ctx.dataSource, input) };
    },
  },
};
