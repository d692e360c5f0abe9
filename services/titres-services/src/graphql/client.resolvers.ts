import type { Resolvers } from './generated/resolvers-types';
import { knownIdOrNull } from './known-id';

/** What this service adds to the clients service's Client entity; every field is batched. */
export const clientResolvers: Resolvers = {
  Client: {
    // The clients service owns the client; we only need its id to answer our own fields.
    __resolveReference: (ref: { id: string }) => ({ id: ref.id }),
    approvedCompany: (c, _args, ctx) => {
      const id = knownIdOrNull(c.id);
      return id ? ctx.loaders.approvedCompanyByClientId.load(id) : null;
    },
  },
};
