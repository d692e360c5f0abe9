import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DomainError, requireOffice, requireUuid } from '@fidu/service-kit';
import type { ClientsContext } from '../context';
import {
  IMPORT_COLUMNS,
  importClients,
  type ClientImportRow,
  type ImportClientsInput,
} from '../use-cases/import-clients';

/** Bulk import of clients and the import's progress (office-scoped, like every client read). */
export const clientImportResolvers: GraphQLResolverMap<ClientsContext> = {
  Query: {
    clientImport: async (_: unknown, args: { id: string }, ctx: ClientsContext) => {
      const { officeId } = requireOffice(ctx.principal);
      let id: string;
      try {
        id = requireUuid(args.id, 'id');
      } catch (error) {
        if (error instanceof DomainError) return null;
        throw error;
      }
      const [row] = (await ctx.dataSource.query(
        `SELECT ${IMPORT_COLUMNS} FROM client_import WHERE id = $1 AND office_id = $2`,
        [id, officeId],
      )) as ClientImportRow[];
      return row ?? null;
    },
  },
  Mutation: {
    importClients: async (_: unknown, { input }: { input: ImportClientsInput }, ctx: ClientsContext) => ({
      clientImport: await importClients(
        ctx.dataSource,
        requireOffice(ctx.principal).officeId,
        input,
        ctx.requestId,
      ),
    }),
  },
  ClientImport: {
    startedAt: (i: ClientImportRow) => i.startedAt.toISOString(),
    finishedAt: (i: ClientImportRow) => i.finishedAt?.toISOString() ?? null,
  },
};
