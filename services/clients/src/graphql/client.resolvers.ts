import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DomainError, requireOffice, requireUuid } from '@fidu/service-kit';
import type { ClientsContext } from '../context';
import type { ClientEntity } from '../db/client.entity';
import { formatEnterpriseNumber } from '../domain/enterprise-number';
import { addMissingEmails } from '../use-cases/add-missing-emails';
import { createClient, type CreateClientInput } from '../use-cases/create-client';
import { listClients, type ClientFilter } from '../use-cases/list-clients';
import { updateClient, type UpdateClientInput } from '../use-cases/update-client';

/** Any mutation or query of this service needs an office principal; errors are domain errors. */
function officeOf(ctx: ClientsContext): string {
  return requireOffice(ctx.principal).officeId;
}

export const clientResolvers: GraphQLResolverMap<ClientsContext> = {
  Query: {
    client: (_: unknown, args: { id: string }, ctx: ClientsContext) => {
      officeOf(ctx);
      return ctx.loaders.clientById.load(requireUuid(args.id, 'id'));
    },
    clients: async (
      _: unknown,
      args: { filter?: ClientFilter; first?: number; after?: string },
      ctx: ClientsContext,
    ) => {
      const page = await listClients(ctx.dataSource, officeOf(ctx), args);
      // Prime the loader so entity fields resolved later in this request cost no query.
      for (const c of page.nodes) ctx.loaders.clientById.prime(c.id, c);
      return {
        edges: page.nodes.map((node) => ({ cursor: page.cursorOf(node), node })),
        pageInfo: {
          hasNextPage: page.hasNextPage,
          endCursor: page.nodes.length ? page.cursorOf(page.nodes.at(-1)!) : null,
        },
        totalCount: page.totalCount,
      };
    },
  },
  Mutation: {
    createClient: async (_: unknown, { input }: { input: CreateClientInput }, ctx: ClientsContext) => ({
      client: await createClient(ctx.dataSource, officeOf(ctx), input, ctx.requestId),
    }),
    updateClient: (_: unknown, { input }: { input: UpdateClientInput }, ctx: ClientsContext) =>
      updateClient(ctx.dataSource, officeOf(ctx), input, ctx.requestId),
    addMissingEmails: async (
      _: unknown,
      { input }: { input: { entries: { clientId: string; email: string }[] } },
      ctx: ClientsContext,
    ) => ({ clients: await addMissingEmails(ctx.dataSource, officeOf(ctx), input.entries, ctx.requestId) }),
  },
  Client: {
    __resolveReference: (ref: { id: string }, ctx: ClientsContext) => {
      if (ctx.principal.kind !== 'office') return null;
      try {
        return ctx.loaders.clientById.load(requireUuid(ref.id, 'id'));
      } catch (error) {
        if (error instanceof DomainError) return null;
        throw error;
      }
    },
    enterpriseNumber: (c: ClientEntity) =>
      c.enterpriseNumber ? formatEnterpriseNumber(c.enterpriseNumber) : null,
    address: (c: ClientEntity) =>
      c.street !== null
        ? { street: c.street, postalCode: c.postalCode, city: c.city, country: c.country }
        : null,
    companyNameEditable: (c: ClientEntity) => c.enterpriseNumber !== null,
    enterpriseNumberEditable: (c: ClientEntity) => c.enterpriseNumber === null,
    createdAt: (c: ClientEntity) => c.createdAt.toISOString(),
    updatedAt: (c: ClientEntity) => c.updatedAt.toISOString(),
  },
};
