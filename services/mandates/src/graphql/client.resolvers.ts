import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DomainError, requireUuid, type ClientDirectoryEntry } from '@fidu/service-kit';
import type { MandatesContext } from '../context';
import { formatEnterpriseNumber } from '../domain/enterprise-number';

/** A Client as the gateway hands it to this subgraph: only its key. */
type ClientRef = { id: string };

/** The representation's id as stored, or null when it cannot be an id (never sent to SQL). */
function clientIdOf(ref: ClientRef): string | null {
  try {
    return requireUuid(ref.id, 'id');
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/** Fields the mandates service adds to the clients service's Client. */
export const clientResolvers: GraphQLResolverMap<MandatesContext> = {
  Client: {
    __resolveReference: (ref: ClientRef) => ({ id: ref.id }),
    mandateProfile: (client: ClientRef, _args: unknown, ctx: MandatesContext) => {
      // Only an office sees its clients' data; the loader is scoped to that office.
      if (ctx.principal.kind !== 'office') return null;
      const id = clientIdOf(client);
      return id ? ctx.loaders.directoryEntryByClientId.load(id) : null;
    },
  },
  MandateClientProfile: {
    enterpriseNumber: (e: ClientDirectoryEntry) => (e.enterpriseNumber ? formatEnterpriseNumber(e.enterpriseNumber) : null),
    syncedAt: (e: ClientDirectoryEntry) => e.syncedAt.toISOString(),
  },
};
