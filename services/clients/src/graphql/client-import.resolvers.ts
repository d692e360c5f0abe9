import { DomainError, requireUuid } from '@fidu/service-kit';
import { clientOfficeOf } from '../access/client.access';
import { findClientImport } from '../read-models/client-import.read-model';
import { importClients } from '../use-cases/import-clients';
import type { Resolvers } from './generated/resolvers-types';

/** Bulk import of clients and the import's progress (office-scoped, like every client read). */
export const clientImportResolvers: Resolvers = {
  Query: {
    clientImport: async (_, args, ctx) => {
      const officeId = clientOfficeOf(ctx.principal);
      let id: string;
      try {
        id = requireUuid(args.id, 'id');
      } catch (error) {
        if (error instanceof DomainError) return null;
        throw error;
      }
      return findClientImport(ctx.dataSource, officeId, id);
    },
  },
  Mutation: {
    importClients: async (_, { input }, ctx) => ({
      clientImport: await importClients(ctx.dataSource, clientOfficeOf(ctx.principal), input, ctx.requestId),
    }),
  },
  ClientImport: {
    startedAt: (i) => i.startedAt.toISOString(),
    finishedAt: (i) => i.finishedAt?.toISOString() ?? null,
  },
};
