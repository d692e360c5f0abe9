import type { GraphQLResolverMap } from '@apollo/subgraph/dist/schema-helper';
import type { TitresServicesContext } from '../context';
import { knownIdOrNull } from './known-id';

/** What this service adds to the clients service's Client entity; every field is batched. */
export const clientResolvers: GraphQLResolverMap<TitresServicesContext> = {
  Client: {
    // The clients service owns the client; we only need its id to answer our own fields.
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    approvedCompany: (c: { id: string }, _args: unknown, ctx: TitresServicesContext) => {
      const id = knownIdOrNull(c.id);
      return id ? ctx.loaders.approvedCompanyByClientId.load(id) : null;
    },
  },
};
