import type { Resolvers } from './generated/resolvers-types';
import type { MandatesContext } from '../context';
import { formatEnterpriseNumber } from '../domain/enterprise-number';
import { clientFieldsScope } from '../access/mandate.access';
import { idOrNull, type ClientRef } from './fields';

/** The client's id when the caller is an office and the id can be one; null otherwise (never sent to SQL). */
function officeClientId(client: ClientRef, ctx: MandatesContext): string | null {
  return clientFieldsScope(ctx.principal) ? idOrNull(client.id) : null;
}

/**
 * Fields the mandates service adds to the clients service's Client. All are batched per request
 * (one statement per field for a whole page) and scoped to the caller's office.
 */
export const clientResolvers: Resolvers = {
  Client: {
    __resolveReference: (ref) => ({ id: ref.id }),
    mandateProfile: (client, _args, ctx) => {
      const id = officeClientId(client, ctx);
      return id ? ctx.loaders.directoryEntryByClientId.load(id) : null;
    },
    codaMandates: (client, _a, ctx) => {
      const id = officeClientId(client, ctx);
      return id ? ctx.loaders.codaByClientId.load(id) : null;
    },
    sodaMandates: (client, _a, ctx) => {
      const id = officeClientId(client, ctx);
      return id ? ctx.loaders.sodaByClientId.load(id) : null;
    },
    caroOrders: (client, _a, ctx) => {
      const id = officeClientId(client, ctx);
      return id ? ctx.loaders.caroByClientId.load(id) : null;
    },
    mandateSummary: (client, _a, ctx) => {
      const id = officeClientId(client, ctx);
      return id ? ctx.loaders.summaryByClientId.load(id) : null;
    },
  },
  MandateClientProfile: {
    enterpriseNumber: (e) => (e.enterpriseNumber ? formatEnterpriseNumber(e.enterpriseNumber) : null),
    syncedAt: (e) => e.syncedAt.toISOString(),
  },
};
