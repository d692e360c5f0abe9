import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { forbidden, requireUuid, unauthenticated, type Principal } from '@fidu/service-kit';
import type { BankKind } from '../domain/bank-kind';
import type { MandateService } from '../domain/mandate-service';
import { actorOf } from '../use-cases/caller';
import {
  saveBank,
  saveMandateSoftware,
  saveSocialSecretariat,
  type SaveBankInput,
} from '../use-cases/save-reference-data';
import type { MandatesContext } from '../context';
import { requireAuthenticated } from './require-authenticated';

type ById = { id: string };

/** Reference data is edited by platform operators only. */
function requireOperator(principal: Principal): void {
  if (principal.kind === 'anonymous') throw unauthenticated();
  if (principal.kind !== 'operator') throw forbidden('Only a platform operator can edit reference data.');
}

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
  Mutation: {
    saveBank: async (
      _: unknown,
      { input }: { input: SaveBankInput & { kind: BankKind } },
      ctx: MandatesContext,
    ) => {
      requireOperator(ctx.principal);
      return saveBank(ctx.dataSource, input, { actor: actorOf(ctx.principal), correlationId: ctx.requestId });
    },
    saveSocialSecretariat: async (
      _: unknown,
      { input }: { input: { id?: string; name: string; isPartner: boolean } },
      ctx: MandatesContext,
    ) => {
      requireOperator(ctx.principal);
      return { socialSecretariat: await saveSocialSecretariat(ctx.dataSource, input) };
    },
    saveMandateSoftware: async (
      _: unknown,
      { input }: { input: { id?: string; name: string; imports: MandateService[] } },
      ctx: MandatesContext,
    ) => {
      requireOperator(ctx.principal);
      return { mandateSoftware: await saveMandateSoftware(ctx.dataSource, input) };
    },
  },
};
