import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { ClientDirectoryEntry } from '@fidu/service-kit';
import type { MandatesContext } from '../context';
import { formatEnterpriseNumber } from '../domain/enterprise-number';
import { clientFieldsScope } from '../access/mandate.access';
import { idOrNull } from './fields';

/** A Client as the gateway hands it to this subgraph: only its key. */
type ClientRef = { id: string };

/** The client's id when the caller is an office and the id can be one; null otherwise (never sent to SQL). */
function officeClientId(client: ClientRef, ctx: MandatesContext): string | null {
  return clientFieldsScope(ctx.principal) ? idOrNull(client.id) : null;
}

/**
 * Fields the mandates service adds to the clients service's Client. All are batched per request
 * (one statement per field for a whole page) and scoped to the caller's office.
 */
export const clientResolvers: GraphQLResolverMap<MandatesContext> = {
  Client: {
    __resolveReference: (ref: ClientRef) => ({ id: ref.id }),
    mandateProfile: (client: ClientRef, _args: unknown, ctx: MandatesContext) => {
      const id = officeClientId(client, ctx);
      return id ? ctx.loaders.directoryEntryByClientId.load(id) : null;
    },
    codaMandates: (client: ClientRef, _a: unknown, ctx: MandatesContext) => {
      const id = officeClientId(client, ctx);
      return id ? ctx.loaders.codaByClientId.load(id) : null;
    },
    sodaMandates: (client: ClientRef, _a: unknown, ctx: MandatesContext) => {
      const id = officeClientId(client, ctx);
      return id ? ctx.loaders.sodaByClientId.load(id) : null;
    },
    caroOrders: (client: ClientRef, _a: unknown, ctx: MandatesContext) => {
      const id = officeClientId(client, ctx);
      return id ? ctx.loaders.caroByClientId.load(id) : null;
    },
    mandateSummary: (client: ClientRef, _a: unknown, ctx: MandatesContext) => {
      const id = officeClientId(client, ctx);
      return id ? ctx.loaders.summaryByClientId.load(id) : null;
    },
  },
  MandateClientProfile: {
    enterpriseNumber: (e: ClientDirectoryEntry) =>
      e.enterpriseNumber ? formatEnterpriseNumber(e.enterpriseNumber) : null,
    syncedAt: (e: ClientDirectoryEntry) => e.syncedAt.toISOString(),
  },
};
