import { DomainError, requireUuid } from '@fidu/service-kit';
import { connectorOfficeOrNull } from '../access/connector.access';
import type { Resolvers } from './generated/resolvers-types';

/** The client's id as a loader key, or null when it is not an id this API issued. */
function clientIdOrNull(id: string): string | null {
  try {
    return requireUuid(id, 'id');
  } catch (error) {
    if (error instanceof DomainError) return null;
    throw error;
  }
}

/**
 * Fields this service adds to the clients service's Client entity. They are nullable and answer
 * null for anything but the owning office, so a client list never fails because of them.
 */
export const clientResolvers: Resolvers = {
  Client: {
    __resolveReference: (ref) => ({ id: ref.id }),
    connectorAssociation: (client, _, ctx) => {
      const id = clientIdOrNull(client.id);
      if (connectorOfficeOrNull(ctx.principal) === null || id === null) return null;
      return ctx.loaders.associationByClientId.load(id);
    },
    activeBankAccounts: (client, _, ctx) => {
      const id = clientIdOrNull(client.id);
      if (connectorOfficeOrNull(ctx.principal) === null || id === null) return null;
      return ctx.loaders.activeAccountsByClientId.load(id);
    },
  },
};
