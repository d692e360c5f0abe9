import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { requireUuid } from '@fidu/service-kit';
import { actorOf } from '../access/mandate.access';
import { requireOperator } from '../access/operator.access';
import { requireSignedIn } from '../access/reference-data.access';
import type { BankKind } from '../domain/bank-kind';
import type { MandateService } from '../domain/mandate-service';
import {
  saveBank,
  saveMandateSoftware,
  saveSocialSecretariat,
  type SaveBankInput,
} from '../use-cases/save-reference-data';
import type { MandatesContext } from '../context';

type ById = { id: string };

/** Banks, social secretariats and accounting software: readable by any signed-in caller. */
export const referenceDataResolvers: GraphQLResolverMap<MandatesContext> = {
  Query: {
    banks: (_: unknown, _args: unknown, ctx: MandatesContext) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.banks();
    },
    bank: (_: unknown, args: ById, ctx: MandatesContext) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.bankById(requireUuid(args.id, 'id'));
    },
    socialSecretariats: (_: unknown, _args: unknown, ctx: MandatesContext) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.socialSecretariats();
    },
    socialSecretariat: (_: unknown, args: ById, ctx: MandatesContext) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.socialSecretariatById(requireUuid(args.id, 'id'));
    },
    mandateSoftwares: (_: unknown, _args: unknown, ctx: MandatesContext) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.mandateSoftwares();
    },
    mandateSoftware: (_: unknown, args: ById, ctx: MandatesContext) => {
      requireSignedIn(ctx.principal);
      return ctx.referenceData.mandateSoftwareById(requireUuid(args.id, 'id'));
    },
  },
  Mutation: {
    saveBank: async (
      _: unknown,
      { input }: { input: SaveBankInput & { kind: BankKind } },
      ctx: MandatesContext,
    ) => {
      requireOperator(ctx.principal, 'edit reference data');
      return saveBank(ctx.dataSource, input, { actor: actorOf(ctx.principal), correlationId: ctx.requestId });
    },
    saveSocialSecretariat: async (
      _: unknown,
      { input }: { input: { id?: string; name: string; isPartner: boolean } },
      ctx: MandatesContext,
    ) => {
      requireOperator(ctx.principal, 'edit reference data');
      return { socialSecretariat: await saveSocialSecretariat(ctx.dataSource, input) };
    },
    saveMandateSoftware: async (
      _: unknown,
      { input }: { input: { id?: string; name: string; imports: MandateService[] } },
      ctx: MandatesContext,
    ) => {
      requireOperator(ctx.principal, 'edit reference data');
      return { mandateSoftware: await saveMandateSoftware(ctx.dataSource, input) };
    },
  },
};
