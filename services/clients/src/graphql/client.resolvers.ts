import { DomainError, requireUuid } from '@fidu/service-kit';
import { clientOfficeOf, clientOfficeOrNull } from '../access/client.access';
import { formatEnterpriseNumber } from '../domain/enterprise-number';
import { listClients } from '../read-models/client.read-model';
import { addMissingEmails } from '../use-cases/add-missing-emails';
import { createClient } from '../use-cases/create-client';
import { updateClient } from '../use-cases/update-client';
import type { Resolvers } from './generated/resolvers-types';

export const clientResolvers: Resolvers = {
  Query: {
    client: (_, args, ctx) => {
      clientOfficeOf(ctx.principal);
      return ctx.loaders.clientById.load(requireUuid(args.id, 'id'));
    },
    clients: async (_, args, ctx) => {
      const connection = await listClients(ctx.dataSource, clientOfficeOf(ctx.principal), args);
      // Prime the loader so entity fields resolved later in this request cost no query.
      for (const { node } of connection.edges) ctx.loaders.clientById.prime(node.id, node);
      return connection;
    },
  },
  ClientConnection: {
    totalCount: (connection) => connection.totalCount(),
  },
  Mutation: {
    createClient: async (_, { input }, ctx) => ({
      client: await createClient(ctx.dataSource, clientOfficeOf(ctx.principal), input, ctx.requestId),
    }),
    updateClient: (_, { input }, ctx) =>
      updateClient(ctx.dataSource, clientOfficeOf(ctx.principal), input, ctx.requestId),
    addMissingEmails: async (_, { input }, ctx) => ({
      clients: await addMissingEmails(
        ctx.dataSource,
        clientOfficeOf(ctx.principal),
        input.entries,
        ctx.requestId,
      ),
    }),
  },
  Client: {
    __resolveReference: (ref, ctx) => {
      if (clientOfficeOrNull(ctx.principal) === null) return null;
      try {
        return ctx.loaders.clientById.load(requireUuid(ref.id, 'id'));
      } catch (error) {
        if (error instanceof DomainError) return null;
        throw error;
      }
    },
    enterpriseNumber: (c) => (c.enterpriseNumber ? formatEnterpriseNumber(c.enterpriseNumber) : null),
    address: (c) =>
      c.street !== null
        ? { street: c.street, postalCode: c.postalCode!, city: c.city!, country: c.country! }
        : null,
    companyNameEditable: (c) => c.enterpriseNumber !== null,
    enterpriseNumberEditable: (c) => c.enterpriseNumber === null,
    createdAt: (c) => c.createdAt.toISOString(),
    updatedAt: (c) => c.updatedAt.toISOString(),
  },
};
