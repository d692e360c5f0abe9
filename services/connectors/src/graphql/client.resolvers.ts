import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import { DomainError, requireUuid } from '@fidu/service-kit';
import type { ConnectorsContext } from '../context';

/**
 * Fields this service adds to the clients service's Client entity. They are nullable and answer
 * null for anything but the owning office, so a client list never fails because of them.
 */
export const clientResolvers: GraphQLResolverMap<ConnectorsContext> = {
  Client: {
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    connectorAssociation: (client: { id: string }, _: unknown, ctx: ConnectorsContext) => {
      if (ctx.principal.kind !== 'office') return null;
      try {
        return ctx.loaders.associationByClientId.load(requireUuid(client.id, 'id'));
      } catch (error) {
        if (error instanceof DomainError) return null;
        throw error;
      }
    },
    activeBankAccounts: (client: { id: string }, _: unknown, ctx: ConnectorsContext) => {
      if (ctx.principal.kind !== 'office') return null;
      try {
        return ctx.loaders.activeAccountsByClientId.load(requireUuid(client.id, 'id'));
      } catch (error) {
        if (error instanceof DomainError) return null;
        throw error;
      }
    },
  },
};
